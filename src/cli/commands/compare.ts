/** `stargate compare FILE FILE...`: scenarios side by side. */
import { analyse, chartWanted, parseFormat, resolveParties, type CommonOptions } from '../common.js';
import { compareReport } from '../../report/compare.js';
import { filterResult } from '../../report/filter.js';
import { writeReport } from './render.js';

export async function compareCommand(files: readonly string[], opts: CommonOptions): Promise<number> {
  const format = parseFormat(opts.format);
  chartWanted(opts, format); // a usage error with another format, before anything is read
  const all = analyse(files, opts.set ?? [], opts.quiet === true).map((a) => a.result);
  const parties = resolveParties(opts.party, all);
  await writeReport(compareReport(all.map((r) => filterResult(r, parties))), format, opts);
  return 0;
}
