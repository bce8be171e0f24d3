/** `stargate compare FILE FILE...`: scenarios side by side. */
import { analyse, parseFormat, resolveParties, type CommonOptions } from '../common.js';
import { writeResult } from '../io.js';
import { compareJson, compareReport } from '../../report/compare.js';
import { summaryCsv } from '../../report/exports.js';
import { filterResult } from '../../report/filter.js';
import { json, renderReport } from './render.js';

export function compareCommand(files: readonly string[], opts: CommonOptions): number {
  const format = parseFormat(opts.format);
  const all = analyse(files, opts.set ?? [], opts.quiet === true).map((a) => a.result);
  const parties = resolveParties(opts.party, all);
  const results = all.map((r) => filterResult(r, parties, format === 'json'));
  let out: string;
  if (format === 'json') out = json(compareJson(results));
  else if (format === 'csv') out = summaryCsv(results, parties);
  else out = renderReport(compareReport(results, parties), format, opts);
  writeResult(out, opts);
  return 0;
}
