/** `stargate solve FILE --vary PATH --between LO HI --target ADDR=VALUE`: goal seek. */
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { parseNumberLike } from '../../analysis/evaluate.js';
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

export function solveCommand(file: string, opts: SolveOptions): number {
  const format = parseFormat(opts.format);
  if (opts.vary?.length !== 1 || opts.vary[0]!.includes('=')) throw new CliError('solve takes one --vary PATH (the input to find), without values', 2);
  const path = opts.vary[0]!.trim();
  if (opts.between?.length !== 2) throw new CliError('solve needs --between LO HI, the range to search (e.g. --between 5B 50B)', 2);
  const [loText, hiText] = opts.between as [string, string];
  const lo = parseNumberLike(loText);
  const hi = parseNumberLike(hiText);
  if (!lo || !hi) throw new CliError(`--between takes two amounts (12B) or percentages (5%); got ${loText} ${hiText}`, 2);
  const eq = opts.target?.lastIndexOf('=') ?? -1;
  if (!opts.target || eq <= 0) throw new CliError('solve needs --target METRIC=VALUE (e.g. --target nvidia->openai.peak=50B)', 2);
  const targetValue = parseNumberLike(opts.target.slice(eq + 1));
  if (!targetValue) throw new CliError(`--target takes an amount (50B) or a percentage (25%) after =; got ${JSON.stringify(opts.target.slice(eq + 1))}`, 2);
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  const [metric] = addressesFor([opts.target.slice(0, eq)], base.model);
  const ev = evaluatorFor(base, file, [metric!]);
  const percent = loText.trim().endsWith('%');
  const show = (d: Dec): string => displayPoint(d, percent);
  const r = solve(ev, path, lo, hi, { file: '--vary', line: 1, col: 1 }, metric!, targetValue, show);
  writeReport(solveReport(base.model, file, { path, metric: metric!, target: targetValue, targetText: opts.target.slice(eq + 1) }, r, show(r.value)), format, opts);
  return 0;
}
