/** `stargate solve FILE --vary PATH --between LO HI --target ADDR=VALUE`: goal seek. */
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError, ProblemsError } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { parseNumberLike, textNode } from '../../analysis/evaluate.js';
import { solve } from '../../analysis/solve.js';
import { displayPoint } from '../../analysis/vary.js';
import { solveReport } from '../../report/solve.js';
import type { Dec } from '../../money/decimal.js';
import { writeReport } from './render.js';

export interface SolveOptions extends CommonOptions {
  vary?: string[];
  between?: string[];
  target?: string;
}

export async function solveCommand(file: string, opts: SolveOptions): Promise<number> {
  const format = parseFormat(opts.format);
  if (opts.vary?.length !== 1 || opts.vary[0]!.includes('=')) throw new CliError('solve takes one --vary PATH (the input to find), without values', 2);
  const path = opts.vary[0]!.trim();
  if (opts.between?.length !== 2) throw new CliError('solve needs --between LO HI, the range to search (e.g. --between 5B 50B)', 2);
  const [loText, hiText] = opts.between as [string, string];
  const lo = parseNumberLike(loText);
  const hi = parseNumberLike(hiText);
  if (!lo || !hi) throw new CliError(`--between takes two amounts (12B) or percentages (5%); got ${loText} ${hiText}`, 2);
  // like an unreadable range, an empty or reversed one is a mistake in the command line
  if (!lo.lessThan(hi)) throw new CliError(`--between needs LO below HI; got ${loText.trim()} and ${hiText.trim()}`, 2);
  const eq = opts.target?.lastIndexOf('=') ?? -1;
  if (!opts.target || eq <= 0) throw new CliError('solve needs --target METRIC=VALUE (e.g. --target nvidia->openai.peak=50B)', 2);
  const targetValue = parseNumberLike(opts.target.slice(eq + 1));
  if (!targetValue) throw new CliError(`--target takes an amount (50B) or a percentage (25%) after =; got ${JSON.stringify(opts.target.slice(eq + 1))}`, 2);
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  const [metric] = addressesFor([opts.target.slice(0, eq)], base.model);
  const ev = evaluatorFor(base, file, [metric!]);
  const percent = loText.trim().endsWith('%');
  const show = (d: Dec): string => displayPoint(d, percent);
  // LO and HI as written, checked by the field's decoder as a --vary value is (1% is no amount)
  const written = [loText, hiText].map((t, i) => textNode(t.trim(), { file: '--between', line: i + 1, col: 1 }));
  const bad = written.flatMap((w) => (w.ok ? ev.check({ path, node: w.node }) : w.problems.map((p) => ({ ...p, path }))));
  if (bad.length) throw new ProblemsError(bad);
  const ends = { lo: written[0]?.ok ? written[0].node : undefined, hi: written[1]?.ok ? written[1].node : undefined };
  const r = solve(ev, path, lo, hi, { file: '--vary', line: 1, col: 1 }, metric!, targetValue, show, ends);
  await writeReport(solveReport(base.model, file, { path, metric: metric!, target: targetValue, targetText: opts.target.slice(eq + 1) }, r, show(r.value)), format, opts);
  return 0;
}
