/** `stargate model FILE`: run one scenario and print its metrics. */
import { analyseOne, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError, writeResult } from '../io.js';
import { modelReport } from '../../report/model-report.js';
import { summaryCsv } from '../../report/exports.js';
import { filterResult } from '../../report/filter.js';
import { groupPeriods } from '../../report/rollup.js';
import type { Step } from '../../scenario/periods.js';
import { json, renderReport } from './render.js';

export function modelCommand(file: string, opts: CommonOptions): number {
  const format = parseFormat(opts.format);
  const full = analyseOne(file, opts.set ?? [], opts.quiet === true).result;
  const parties = resolveParties(opts.party, [full]);
  const result = filterResult(full, parties, format === 'json');
  const { by, byDefault } = resolveBy(opts.by, result);
  const check = groupPeriods(result.scenario.timeline.periods, result.scenario.timeline.step as Step, by);
  if (typeof check === 'string') throw new CliError(check, 2);
  let out: string;
  if (format === 'json') out = json(result);
  else if (format === 'csv') out = summaryCsv([result], parties);
  else out = renderReport(modelReport(result, { parties, by, byDefault }), format, opts);
  writeResult(out, opts);
  return 0;
}
