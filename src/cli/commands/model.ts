/** `stargate model FILE`: run one scenario and print its metrics. */
import { analyseOne, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError, writeResult } from '../io.js';
import type { ModelResultJson } from '../../report/catalog.js';
import { modelReport } from '../../report/model-report.js';
import { ledgerEntries, summaryCsv } from '../../report/exports.js';
import { groupPeriods } from '../../report/rollup.js';
import type { Step } from '../../scenario/periods.js';
import { json, renderReport } from './render.js';

/**
 * The result restricted to the chosen parties: the notes always (they name
 * their pair first, "holder->obligor: ..."); with `json`, also the parties,
 * exposures and ledger entries. Tables filter their own rows and columns and
 * still need every party's display name.
 */
export function filterResult(r: ModelResultJson, parties: ReadonlySet<string> | undefined, json = false): ModelResultJson {
  if (!parties) return r;
  const notes = r.notes.filter((n) => {
    const pair = /^([a-z][a-z0-9_-]*)->([a-z][a-z0-9_-]*):/.exec(n);
    return !pair || parties.has(pair[1] as string) || parties.has(pair[2] as string);
  });
  if (!json) return { ...r, notes };
  return {
    ...r,
    parties: Object.fromEntries(Object.entries(r.parties).filter(([id]) => parties.has(id))),
    exposures: r.exposures.filter((x) => parties.has(x.holder) || parties.has(x.obligor)),
    ledger: ledgerEntries(r, parties),
    notes,
  };
}

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
