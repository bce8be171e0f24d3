/** What the analysis commands share: the checked base scenario and the metric addresses. */
import { resolveTree, compileTree } from '../scenario/load.js';
import type { TNode } from '../scenario/tree.js';
import { Evaluator, parseAddresses } from '../analysis/evaluate.js';
import type { Address } from '../analysis/address.js';
import { fsReader } from './reader.js';
import { CliError, printProblems, ProblemsError } from './io.js';
import type { Model } from '../scenario/compile.js';

export interface Base {
  readonly tree: TNode;
  readonly model: Model;
}

/** Load and check the scenario with its --set overrides, before anything is run. */
export function loadBase(file: string, sets: readonly string[], quiet: boolean): Base {
  const tree = resolveTree(file, fsReader, sets);
  if (!tree.ok) throw new ProblemsError(tree.problems);
  const loaded = compileTree(tree.root, file);
  if (!quiet) printProblems(loaded.warnings, 'warning');
  if (!loaded.ok) throw new ProblemsError(loaded.problems);
  return { tree: tree.root, model: loaded.value };
}

/** Check --metric addresses; a typo is a usage error that lists the valid ones. */
export function addressesFor(texts: readonly string[], model: Model): Address[] {
  const r = parseAddresses(texts, model);
  if (!r.ok) throw new CliError(r.messages.join('\n'), 2);
  return r.addresses;
}

export function evaluatorFor(base: Base, file: string, addresses: readonly Address[]): Evaluator {
  return new Evaluator(base.tree, file, addresses);
}
