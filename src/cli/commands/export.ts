/** `stargate export FILE --what ledger|periods|summary`: CSV for spreadsheets, JSON for scripts. */
import { analyseOne, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError, writeResult } from '../io.js';
import { ledgerCsv, ledgerEntries, periodRows, periodsCsv, summaryCsv, summaryTable } from '../../report/exports.js';
import { groupPeriods } from '../../report/rollup.js';
import type { Step } from '../../scenario/periods.js';
import { json } from './render.js';

export const WHATS = ['ledger', 'periods', 'summary'] as const;

export function exportCommand(file: string, opts: CommonOptions & { what?: string }): number {
  const format = parseFormat(opts.format, ['csv', 'json'], 'csv');
  const what = opts.what ?? 'ledger';
  if (!(WHATS as readonly string[]).includes(what)) throw new CliError(`--what must be one of ${WHATS.join(', ')}; got "${what}"`, 2);
  const { result } = analyseOne(file, opts.set ?? [], opts.quiet === true);
  const parties = resolveParties(opts.party, [result]);
  const scenario = { name: result.scenario.name, file: result.scenario.file };
  let out: string;
  if (what === 'ledger') {
    out = format === 'csv' ? ledgerCsv(result, parties) : json({ format: 'stargate-ledger/1', scenario, ledger: ledgerEntries(result, parties) });
  } else if (what === 'periods') {
    // periods export every period unless --by asks for a roll-up
    const by = opts.by === undefined ? (result.scenario.timeline.step as Step) : resolveBy(opts.by, result).by;
    const groups = groupPeriods(result.scenario.timeline.periods, result.scenario.timeline.step as Step, by);
    if (typeof groups === 'string') throw new CliError(groups, 2);
    if (format === 'csv') out = periodsCsv(result, groups, parties);
    else {
      const { header, rows } = periodRows(result, groups, parties);
      out = json({ format: 'stargate-periods/1', scenario, by, columns: header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) });
    }
  } else {
    out = format === 'csv'
      ? summaryCsv([result], parties)
      : json({ format: 'stargate-summary/1', scenario, rows: summaryTable([result], parties).map((r) => ({ scope: r.scope, metric: r.metric, value: r.values[0] ?? null })) });
  }
  writeResult(out, opts);
  return 0;
}
