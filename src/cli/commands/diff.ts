/** `stargate diff A B`: what changed between two scenarios, inputs and results. */
import { analyse, groupsFor, parseFormat, resolveBy, resolveParties, type Analysed, type CommonOptions } from '../common.js';
import { diffReport, inputChanges } from '../../report/diff.js';
import { filterResult } from '../../report/filter.js';
import { RENDERERS } from '../../report/renderers.js';
import { coarser } from '../../report/rollup.js';
import { writeReport } from './render.js';

export async function diffCommand(fileA: string, fileB: string, opts: CommonOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const [x, y] = analyse([fileA, fileB], opts.set ?? [], opts.quiet === true, [opts.setA ?? [], opts.setB ?? []]) as [Analysed, Analysed];
  const parties = resolveParties(opts.party, [x.result, y.result]);
  const a = filterResult(x.result, parties);
  const b = filterResult(y.result, parties);
  // --by rolls up the cash table, which JSON and CSV do not have: only the tables read (and check) it.
  // The default: the coarser of the two steps (years past 24 periods).
  let by;
  if (!RENDERERS[format].machine) {
    by = coarser(resolveBy(opts.by, a).by, resolveBy(opts.by, b).by);
    groupsFor(a, by);
    groupsFor(b, by);
  }
  await writeReport(diffReport(a, b, inputChanges(x.tree, y.tree), by), format, opts);
  return 0;
}
