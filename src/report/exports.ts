/**
 * `export --what ledger|periods|summary|losses`: the flat shapes of the CLI spec's
 * CSV section, and their JSON documents. Machine views only: no tables.
 */
import { cents, formatCents, type Cents } from '../money/decimal.js';
import { KINDS } from '../engine/ledger.js';
import type { ModelResult } from '../metrics/result.js';
import type { Step } from '../scenario/periods.js';
import { plain } from './cells.js';
import { csvDecimal, csvText } from './csv.js';
import { partyId } from './filter.js';
import { ledgerJson, lossesJson } from './model-json.js';
import type { Json, Report } from './report.js';
import { rollUp, lastBy, type PeriodGroup } from './rollup.js';
import { PARTY_SERIES } from '../metrics/registry.js';
import { pairScope, summaryCsv, summaryRows } from './summary.js';

/** What `export --what` can export. */
export const WHATS = ['ledger', 'periods', 'summary', 'losses'] as const;

/** A report with machine views only. */
const machine = (r: ModelResult, json: () => Json, csv: Report['csv']): Report => ({ heading: [r.model.name], blocks: [], notes: r.notes, json, csv });

/** `--what ledger`: every entry. */
export function ledgerReport(r: ModelResult): Report {
  const labels = r.model.timeline.labels;
  return machine(
    r,
    () => ({ format: 'stargate-ledger/1', scenario: { name: r.model.name, file: r.model.file }, ledger: ledgerJson(r) }),
    () => ({
      header: ['period', 'from', 'to', 'kind', 'source', 'amount'],
      rows: r.ledger.map((e) => [
        csvText(labels[e.period] as string),
        csvText(partyId(r, e.from)),
        csvText(partyId(r, e.to)),
        csvText(KINDS[e.kind] as string),
        csvText(e.source),
        csvDecimal(formatCents(cents(e.amount))),
      ]),
    }),
  );
}

/** A column of the period table: a flow (summed over a period) or a level (at its end). */
export interface PeriodColumn {
  readonly header: string;
  readonly aggregate: 'flow' | 'level';
  readonly values: readonly Cents[];
}

/** One column per party series (cash in, out, net and cash), then each pair's exposure; one row per group. */
export function periodColumns(r: ModelResult, groups: readonly PeriodGroup[]): PeriodColumn[] {
  const cols: PeriodColumn[] = [];
  for (const p of r.parties) for (const s of PARTY_SERIES) cols.push({ header: `${p.id}.${s.name}`, aggregate: s.aggregate, values: rollUp(s.get(p), s.aggregate, groups) });
  for (const x of r.exposures) cols.push({ header: `${pairScope(x)}.exposure`, aggregate: 'level', values: lastBy(x.series.exposure, groups) });
  return cols;
}

/** `--what periods`: one row per period, or per group of `--by`. */
export function periodsReport(r: ModelResult, by: Step, groups: readonly PeriodGroup[]): Report {
  const cols = periodColumns(r, groups);
  const header = ['period', ...cols.map((c) => c.header)];
  const at = (i: number): string[] => cols.map((c) => formatCents(c.values[i] as Cents));
  return machine(
    r,
    () => ({
      format: 'stargate-periods/1',
      scenario: { name: r.model.name, file: r.model.file },
      by,
      columns: header,
      rows: groups.map((g, i) => {
        const values = at(i);
        return Object.fromEntries([['period', g.label], ...cols.map((c, k) => [c.header, values[k] as string])]);
      }),
    }),
    () => ({ header, rows: groups.map((g, i) => [csvText(g.label), ...at(i).map(csvDecimal)]) }),
  );
}

/** `--what summary`: every metric. */
export function summaryReport(r: ModelResult): Report {
  return machine(
    r,
    () => ({ format: 'stargate-summary/1', scenario: { name: r.model.name, file: r.model.file }, rows: summaryRows([r]).map((row) => ({ scope: row.scope, metric: row.metric, value: plain(row.cells[0]!) })) }),
    () => summaryCsv([r]),
  );
}

/** `--what losses`: the write-offs of the defaults (none without one: a header alone). */
export function lossesReport(r: ModelResult): Report {
  const labels = r.model.timeline.labels;
  return machine(
    r,
    () => ({ format: 'stargate-losses/1', scenario: { name: r.model.name, file: r.model.file }, losses: lossesJson(r) }),
    () => ({
      header: ['period', 'holder', 'obligor', 'kind', 'amount'],
      rows: r.losses.map((l) => [
        csvText(labels[l.period] as string),
        csvText(partyId(r, l.holder)),
        csvText(partyId(r, l.obligor)),
        csvText(l.kind),
        csvDecimal(formatCents(cents(l.amount))),
      ]),
    }),
  );
}
