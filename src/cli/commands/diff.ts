/** `stargate diff A B`: what changed between two scenarios, inputs and results. */
import { analyse, parseFormat, resolveBy, resolveParties, type Analysed, type CommonOptions } from '../common.js';
import { CliError, writeResult } from '../io.js';
import { cashDeltaTable, diffCsv, diffJson, diffReport, inputChanges } from '../../report/diff.js';
import { filterResult } from '../../report/filter.js';
import { json, renderReport } from './render.js';
import { coarser } from '../../report/rollup.js';

export function diffCommand(fileA: string, fileB: string, opts: CommonOptions): number {
  const format = parseFormat(opts.format);
  const [x, y] = analyse([fileA, fileB], opts.set ?? [], opts.quiet === true, [opts.setA ?? [], opts.setB ?? []]) as [Analysed, Analysed];
  const parties = resolveParties(opts.party, [x.result, y.result]);
  const a = filterResult(x.result, parties);
  const b = filterResult(y.result, parties);
  // diff's JSON lists metrics only, which metricDeltas filters by party itself
  const inputs = inputChanges(x.tree, y.tree);
  let out: string;
  if (format === 'json') out = json(diffJson(a, b, inputs, parties));
  else if (format === 'csv') out = diffCsv(a, b, parties);
  else {
    // the default period: the coarser of the two steps (years past 24 periods)
    const ra = resolveBy(opts.by, a);
    const rb = resolveBy(opts.by, b);
    const by = coarser(ra.by, rb.by);
    const check = cashDeltaTable(a, b, by, parties);
    if (typeof check === 'string') throw new CliError(check, 2);
    out = renderReport(diffReport(a, b, inputs, by, parties), format, opts);
  }
  writeResult(out, opts);
  return 0;
}
