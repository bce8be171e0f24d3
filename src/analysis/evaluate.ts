/**
 * Running one scenario many times with some inputs changed: the shared core
 * of sweep, tornado, solve and simulate. The scenario is parsed once; each
 * evaluation puts its values into a copy of the tree, checks it like any
 * file, runs the engine and reads the asked-for metrics. Pure: no I/O.
 */
import { Dec } from '../money/decimal.js';
import { compileTree } from '../scenario/load.js';
import { getNode, setNode } from '../scenario/merge.js';
import { parseYaml, type TNode } from '../scenario/tree.js';
import { formatProblem, type Loc, type Problem } from '../scenario/problems.js';
import { parseAmount, parseRatio } from '../scenario/values.js';
import type { Model } from '../scenario/compile.js';
import { run } from '../engine/engine.js';
import { computeMetrics } from '../metrics/metrics.js';
import { needs, parseAddress, readMetric, type Address, type MetricNumber } from './address.js';

/** One changed input: a path and the value node to put there. */
export interface Override {
  readonly path: string;
  readonly node: TNode;
}

/** A decimal as a value node, as if written in the file as a plain number. */
export function decimalNode(d: Dec, loc: Loc): TNode {
  return { t: 'scalar', loc, type: 'number', text: d.toFixed(), exact: d };
}

/** Text written on the command line (`4%`, `12B`, `{2026: 1B}`) as a value node. */
export function textNode(text: string, loc: Loc): { ok: true; node: TNode } | { ok: false; problems: Problem[] } {
  const r = parseYaml(loc.file, text, { line: loc.line, col: loc.col });
  return r.ok ? { ok: true, node: r.root } : r;
}

/** A number written as an amount (12B, 0.5) or a percentage (6%). */
export function parseNumberLike(text: string): Dec | undefined {
  const s = { text: text.trim(), type: 'string' as const };
  const r = s.text.endsWith('%') ? parseRatio(s) : parseAmount(s);
  return r.ok ? r.value : undefined;
}

export class EvaluationError extends Error {
  constructor(readonly problems: readonly Problem[], readonly inputs: readonly Override[]) {
    super(problems.map((p) => formatProblem(p)).join('\n'));
    this.name = 'EvaluationError';
  }
}

export class Evaluator {
  readonly model: Model;
  private readonly select: { npv: boolean; irr: boolean };

  /** `base` is a resolved tree (extends and --set applied) that checks cleanly. */
  constructor(readonly base: TNode, readonly file: string, readonly addresses: readonly Address[]) {
    const loaded = compileTree(base, file);
    if (!loaded.ok) throw new EvaluationError(loaded.problems, []);
    this.model = loaded.value;
    this.select = needs(addresses);
  }

  /** The base tree with the overrides in place. */
  apply(overrides: readonly Override[]): TNode {
    const problems: Problem[] = [];
    let root = this.base;
    for (const o of overrides) root = setNode(root, o.path, o.node, o.node.loc, problems);
    if (problems.length) throw new EvaluationError(problems, overrides);
    return root;
  }

  /** Run with the overrides and read every address. Throws EvaluationError if the changed scenario is invalid. */
  evaluate(overrides: readonly Override[]): MetricNumber[] {
    const root = this.apply(overrides);
    const loaded = compileTree(root, this.file);
    if (!loaded.ok) throw new EvaluationError(loaded.problems, overrides);
    const metrics = computeMetrics(run(loaded.value), this.select);
    return this.addresses.map((a) => readMetric(metrics, a, loaded.value.timeline.labels));
  }

  /** The current value at a path, as written. */
  current(path: string): TNode | undefined {
    return getNode(this.base, path);
  }
}

/** Parse `--metric` addresses against the model; every bad one is reported. */
export function parseAddresses(texts: readonly string[], model: Model): { ok: true; addresses: Address[] } | { ok: false; messages: string[] } {
  const addresses: Address[] = [];
  const messages: string[] = [];
  for (const t of texts) {
    const r = parseAddress(t, model);
    if (r.ok) addresses.push(r.address);
    else messages.push(r.message);
  }
  return messages.length ? { ok: false, messages } : { ok: true, addresses };
}
