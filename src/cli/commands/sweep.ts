/** `stargate sweep FILE --vary ... --metric ...`: the metrics for each value (a grid for two --vary). */
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError, ProblemsError } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { parseVary, type VarySpec } from '../../analysis/vary.js';
import { sweep } from '../../analysis/sweep.js';
import { sweepReport } from '../../report/sweep.js';
import type { Problem } from '../../scenario/problems.js';
import { writeReport } from './render.js';

export interface SweepOptions extends CommonOptions {
  vary?: string[];
  metric?: string[];
}

/** The --vary options, all problems reported together. */
export function varySpecs(texts: readonly string[]): VarySpec[] {
  const problems: Problem[] = [];
  const specs: VarySpec[] = [];
  texts.forEach((t, i) => {
    const r = parseVary(t, i + 1);
    if (r.ok) specs.push(r.spec);
    else problems.push(...r.problems);
  });
  if (problems.length) throw new ProblemsError(problems);
  return specs;
}

export async function sweepCommand(file: string, opts: SweepOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const texts = opts.vary ?? [];
  if (texts.length < 1 || texts.length > 2) throw new CliError('sweep takes one --vary, or two for a grid', 2);
  if (!opts.metric?.length) throw new CliError('sweep needs at least one --metric (e.g. --metric nvidia->openai.peak)', 2);
  const specs = varySpecs(texts);
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  const addresses = addressesFor(opts.metric, base.model);
  const ev = evaluatorFor(base, file, addresses);
  // every range's LO and HI first, all together: a wrong unit is reported before a long sweep runs
  const bad = specs.flatMap((s) => (s.ends ?? []).flatMap((v) => ev.check({ path: s.path, node: v.node })));
  if (bad.length) throw new ProblemsError(bad);
  const rows = sweep(ev, specs);
  await writeReport(sweepReport(base.model, file, specs.map((s) => s.path), addresses, rows), format, opts);
  return 0;
}
