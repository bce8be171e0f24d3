/** `stargate model FILE`: run one scenario and print its metrics. */
import { analyseOne, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError, writeResult } from '../io.js';
import type { ModelResultJson } from '../../report/catalog.js';
import { modelReport } from '../../report/model-report.js';
import { ledgerEntries, summaryCsv } from '../../report/exports.js';
import { groupPeriods } from '../../report/rollup.js';
import type { Step } from '../../scenario/periods.js';
import { json, renderReport } from './render.js';

/** The model JSON with only the chosen parties, their exposures and their ledger entries. */
export function filterResult(r: ModelResultJson, parties: ReadonlySet<string> | undefined): ModelResultJson {
  if (!parties) return r;
  return {
    ...r,
    parties: Object.fromEntries(Object.entries(r.parties).filter(([id]) => parties.has(id))),
    exposures: r.exposures.filter((x) => parties.has(x.holder) || parties.has(x.obligor)),
    ledger: ledgerEntries(r, parties),
  };
}

export function modelCommand(file: string, opts: CommonOptions): number {
  const format = parseFormat(opts.format);
  const { result } = analyseOne(file, opts.set ?? [], opts.quiet === true);
  const parties = resolveParties(opts.party, [result]);
  const { by, byDefault } = resolveBy(opts.by, result);
  const check = groupPeriods(result.scenario.timeline.periods, result.scenario.timeline.step as Step, by);
  if (typeof check === 'string') throw new CliError(check, 2);
  let out: string;
  if (format === 'json') out = json(filterResult(result, parties));
  else if (format === 'csv') out = summaryCsv([result], parties);
  else out = renderReport(modelReport(result, { parties, by, byDefault }), format, opts);
  writeResult(out, opts);
  return 0;
}
