/** `stargate export FILE --what ledger|periods|summary|losses`: CSV for spreadsheets, JSON for scripts. */
import { analyseOne, groupsFor, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError } from '../io.js';
import { ledgerReport, lossesReport, periodsReport, summaryReport, WHATS } from '../../report/exports.js';
import { filterResult } from '../../report/filter.js';
import { MACHINE_FORMATS } from '../../report/renderers.js';
import type { Report } from '../../report/report.js';
import { writeReport } from './render.js';

export async function exportCommand(file: string, opts: CommonOptions & { what?: string }): Promise<number> {
  const format = parseFormat(opts.format, MACHINE_FORMATS, 'csv');
  const what = opts.what ?? 'ledger';
  if (!(WHATS as readonly string[]).includes(what)) throw new CliError(`--what must be one of ${WHATS.join(', ')}; got "${what}"`, 2);
  // only the period table rolls up: said before anything runs, rather than ignored
  if (opts.by !== undefined && what !== 'periods') throw new CliError(`--by rolls up the period table; --what ${what} has none (use --what periods)`, 2);
  const full = analyseOne(file, opts.set ?? [], opts.quiet === true).result;
  const result = filterResult(full, resolveParties(opts.party, [full]));
  let report: Report;
  if (what === 'ledger') report = ledgerReport(result);
  else if (what === 'summary') report = summaryReport(result);
  else if (what === 'losses') report = lossesReport(result);
  else {
    // periods export every period unless --by asks for a roll-up
    const by = opts.by === undefined ? result.model.timeline.step : resolveBy(opts.by, result).by;
    report = periodsReport(result, by, groupsFor(result, by));
  }
  await writeReport(report, format, opts);
  return 0;
}
