/**
 * The flat shapes of the CLI spec's CSV section, shared by `export` and by the
 * `--format csv` of model, compare and diff: ledger rows, period rows, and
 * summary rows (`scope,metric,<one column per scenario>`).
 */
import { metricRows, type MetricValue, type ModelResultJson } from './catalog.js';
import { csvDecimal, csvText, toCsv, type CsvValue } from './csv.js';
import { lastBy, sumBy, type PeriodGroup } from './rollup.js';
import { selectedExposures, selectedParties } from './model-report.js';

/** Column names for scenarios: their names, made unique with the file where two agree. */
export function scenarioColumns(results: readonly ModelResultJson[]): string[] {
  const names = results.map((r) => r.scenario.name);
  return results.map((r, i) => (names.indexOf(r.scenario.name) !== i || names.lastIndexOf(r.scenario.name) !== i ? `${r.scenario.name} (${r.scenario.file})` : r.scenario.name));
}

/** Summary rows of several results: every (scope, metric) that any of them has, in order of first appearance. */
export function summaryTable(results: readonly ModelResultJson[], parties?: ReadonlySet<string>): { scope: string; metric: string; kind: MetricValue['kind']; values: (string | null)[] }[] {
  const order: string[] = [];
  const byKey = new Map<string, { scope: string; metric: string; kind: MetricValue['kind']; values: (string | null)[] }>();
  results.forEach((r, i) => {
    for (const row of metricRows(r, parties)) {
      const key = `${row.scope}\u0000${row.metric}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { scope: row.scope, metric: row.metric, kind: row.kind, values: results.map(() => null) };
        byKey.set(key, entry);
        order.push(key);
      }
      entry.values[i] = row.value;
    }
  });
  return order.map((k) => byKey.get(k)!);
}

const valueCell = (kind: MetricValue['kind'], v: string | null): CsvValue => (v === null ? null : kind === 'period' || kind === 'text' ? csvText(v) : csvDecimal(v));

export function summaryCsv(results: readonly ModelResultJson[], parties?: ReadonlySet<string>): string {
  const rows = summaryTable(results, parties);
  return toCsv(['scope', 'metric', ...scenarioColumns(results)], rows.map((r) => [csvText(r.scope), csvText(r.metric), ...r.values.map((v) => valueCell(r.kind, v))]));
}

/** One row per period (after --by): each party's cash in, out, net and cash, then each pair's exposure. */
export function periodRows(r: ModelResultJson, groups: readonly PeriodGroup[], parties?: ReadonlySet<string>): { header: string[]; rows: string[][] } {
  const header = ['period'];
  const cols: string[][] = [];
  for (const id of selectedParties(r, parties)) {
    const s = r.parties[id]!.series;
    header.push(`${id}.cash_in`, `${id}.cash_out`, `${id}.net`, `${id}.cash`);
    cols.push(sumBy(s.cash_in as string[], groups), sumBy(s.cash_out as string[], groups), sumBy(s.net as string[], groups), lastBy(s.cash as string[], groups));
  }
  for (const x of selectedExposures(r, parties)) {
    header.push(`${x.holder}->${x.obligor}.exposure`);
    cols.push(lastBy(x.series.exposure as string[], groups));
  }
  return { header, rows: groups.map((g, i) => [g.label, ...cols.map((c) => c[i] as string)]) };
}

export function periodsCsv(r: ModelResultJson, groups: readonly PeriodGroup[], parties?: ReadonlySet<string>): string {
  const { header, rows } = periodRows(r, groups, parties);
  return toCsv(header, rows.map(([p, ...vs]) => [csvText(p as string), ...vs.map((v) => csvDecimal(v))]));
}

export function ledgerEntries(r: ModelResultJson, parties?: ReadonlySet<string>): NonNullable<ModelResultJson['ledger']> {
  return (r.ledger ?? []).filter((e) => !parties || parties.has(e.from) || parties.has(e.to));
}

export function ledgerCsv(r: ModelResultJson, parties?: ReadonlySet<string>): string {
  return toCsv(
    ['period', 'from', 'to', 'kind', 'source', 'amount'],
    ledgerEntries(r, parties).map((e) => [csvText(e.period), csvText(e.from), csvText(e.to), csvText(e.kind), csvText(e.source), csvDecimal(e.amount)]),
  );
}
