/** Shared pieces of the commands: loading and running scenarios, output options. */
import { compileTree, resolveTree } from '../scenario/load.js';
import type { TNode } from '../scenario/tree.js';
import type { Problem } from '../scenario/problems.js';
import { modelResult, type ModelResult } from '../metrics/result.js';
import { FORMATS, formatNamed, type Format } from '../report/renderers.js';
import { defaultBy, groupPeriods, isStep, type PeriodGroup } from '../report/rollup.js';
import type { Step } from '../scenario/periods.js';
import { fsReader } from './reader.js';
import { CliError, printProblems, ProblemsError } from './io.js';

/** Options every scenario command shares. */
export interface CommonOptions {
  format?: string;
  set?: string[];
  /** diff only: overrides for A or for B alone, after --set */
  setA?: string[];
  setB?: string[];
  out?: string;
  force?: boolean;
  by?: string;
  party?: string[];
  exact?: boolean;
  color?: boolean;
  quiet?: boolean;
  /** model, compare, simulate: draw each party's cash by period in the table's text */
  chart?: boolean;
}

export interface Analysed {
  readonly tree: TNode;
  readonly result: ModelResult;
}

/**
 * Load, check and run each file. Every file is checked before any fails, so
 * that all problems are printed in one run; warnings go to stderr.
 */
export function analyse(files: readonly string[], sets: readonly string[], quiet: boolean, setsPerFile: readonly (readonly string[])[] = []): Analysed[] {
  const problems: Problem[] = [];
  const out: Analysed[] = [];
  for (const [i, file] of files.entries()) {
    const tree = resolveTree(file, fsReader, [...sets, ...(setsPerFile[i] ?? [])]);
    if (!tree.ok) {
      problems.push(...tree.problems);
      continue;
    }
    const loaded = compileTree(tree.root, file);
    if (!quiet) printProblems(loaded.warnings, 'warning');
    if (!loaded.ok) {
      problems.push(...loaded.problems);
      continue;
    }
    // the warnings went to stderr above; the result's notes are the metrics' own
    out.push({ tree: tree.root, result: modelResult(loaded.value) });
  }
  if (problems.length) throw new ProblemsError(problems);
  return out;
}

/** One file: its tree and result. */
export function analyseOne(file: string, sets: readonly string[], quiet: boolean): Analysed {
  return analyse([file], sets, quiet)[0] as Analysed;
}

/** --format, one of `allowed` (a subset of the renderers' formats); anything else is a usage error. */
export function parseFormat(value: string | undefined, allowed: readonly Format[] = FORMATS, fallback: Format = 'table'): Format {
  const f = formatNamed(value ?? fallback, allowed);
  if (typeof f !== 'string') throw new CliError(f.error, 2);
  return f;
}

/**
 * Whether --chart is asked for: it draws in the table's text, so with another
 * format it is a usage error (html draws its own charts; the machine formats
 * hold the numbers).
 */
export function chartWanted(opts: CommonOptions, format: Format): boolean {
  if (opts.chart !== true) return false;
  if (format !== 'table') throw new CliError(`--chart draws in the table format's text; it does not go with --format ${format}${format === 'html' ? ' (html draws its own charts)' : ''}`, 2);
  return true;
}

/** --by, or the readable default for this timeline. */
export function resolveBy(by: string | undefined, r: ModelResult): { by: Step; byDefault: boolean } {
  const tl = r.model.timeline;
  if (by === undefined) return { by: defaultBy(tl.count, tl.step), byDefault: true };
  if (!isStep(by)) throw new CliError(`--by must be month, quarter or year; got "${by}"`, 2);
  return { by, byDefault: false };
}

/** The periods of a result grouped by `by`; a usage error when `by` is finer than its step. */
export function groupsFor(r: ModelResult, by: Step): PeriodGroup[] {
  const groups = groupPeriods(r.model.timeline.labels, r.model.timeline.step, by);
  if (typeof groups === 'string') throw new CliError(groups, 2);
  return groups;
}

/** --party ids, checked against the parties of the results. */
export function resolveParties(ids: readonly string[] | undefined, results: readonly ModelResult[]): ReadonlySet<string> | undefined {
  if (!ids || ids.length === 0) return undefined;
  const known = new Set(results.flatMap((r) => r.model.parties.map((p) => p.id)));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new CliError(`--party ${unknown.join(', ')}: no such party; the parties are ${[...known].join(', ')}`, 2);
  return new Set(ids);
}

/**
 * Colour on a terminal (or with FORCE_COLOR set), never with NO_COLOR,
 * --no-color, or output going to a file.
 */
export function useColor(opts: CommonOptions, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const set = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0';
  if (opts.color === false || set(env.NO_COLOR) || (opts.out && opts.out !== '-')) return false;
  return isTTY || set(env.FORCE_COLOR);
}
