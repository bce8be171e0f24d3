/**
 * `stargate export FILE --what ledger|periods|summary|losses`: CSV for
 * spreadsheets, JSON for scripts; `--format xlsx`: every table in one workbook.
 */
import { analyseOne, groupsFor, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { BINARY_ON_TERMINAL, binaryToTerminal, CliError } from '../io.js';
import { ledgerReport, lossesReport, periodsReport, summaryReport, WHATS } from '../../report/exports.js';
import { workbookReport } from '../../report/export-workbook.js';
import { filterResult } from '../../report/filter.js';
import { MACHINE_FORMATS } from '../../report/renderers.js';
import type { Report } from '../../report/report.js';
import { writeReport } from './render.js';

type ExportOptions = CommonOptions & { what?: string };

export async function exportCommand(file: string, opts: ExportOptions): Promise<number> {
  const format = parseFormat(opts.format, MACHINE_FORMATS, 'csv');
  if (format === 'xlsx') return exportXlsx(file, opts);
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

/**
 * The workbook: every table, so --what (which picks one) is refused rather
 * than ignored; --by rolls up its Periods sheet. Binary, so never to a terminal.
 */
async function exportXlsx(file: string, opts: ExportOptions): Promise<number> {
  if (opts.what !== undefined) throw new CliError(`--what picks one table of a csv or json export; an xlsx workbook holds them all (drop --what ${opts.what})`, 2);
  if (binaryToTerminal(opts)) throw new CliError(BINARY_ON_TERMINAL, 2);
  const { tree, result: full } = analyseOne(file, opts.set ?? [], opts.quiet === true);
  const parties = resolveParties(opts.party, [full]);
  const result = filterResult(full, parties);
  const by = opts.by === undefined ? result.model.timeline.step : resolveBy(opts.by, result).by;
  await writeReport(workbookReport(result, tree, by, groupsFor(result, by), parties ? [...parties] : undefined), 'xlsx', opts);
  return 0;
}
