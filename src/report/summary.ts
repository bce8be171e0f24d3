/**
 * Summary rows: every metric of every party and pair, read through the metric
 * registry, one value per scenario. The tables of compare and diff, and the
 * `scope,metric,<scenario>...` CSV of model, compare and `export --what summary`.
 */
import { isDealMetric, PAIR_METRICS_TABLE, PARTY_METRICS, valueOf, type MetricDef, type MetricKind } from '../metrics/registry.js';
import type { ExposureMetrics, PartyMetrics } from '../metrics/metrics.js';
import type { ModelResult } from '../metrics/result.js';
import { csvCell } from './cells.js';
import { csvText } from './csv.js';
import { emptyCell, metricCell, type Cell, type CsvRows } from './report.js';

export interface SummaryRow {
  /** a party id, or "holder->obligor" */
  readonly scope: string;
  readonly metric: string;
  readonly label: string;
  readonly kind: MetricKind;
  /** one per result: an empty cell where that result has no such party or pair */
  readonly cells: readonly Cell[];
}

/** The scope of a pair's metrics: "holder->obligor". */
export const pairScope = (x: ExposureMetrics): string => `${x.holder}->${x.obligor}`;

/** Party metrics in registry order, then pair metrics in table order. */
function metricRows(r: ModelResult): { scope: string; def: { name: string; label: string; kind: MetricKind }; cell: Cell }[] {
  const labels = r.model.timeline.labels;
  const rows: { scope: string; def: { name: string; label: string; kind: MetricKind }; cell: Cell }[] = [];
  const parties = presentMetrics(PARTY_METRICS as readonly MetricDef<PartyMetrics>[], r.parties);
  const pairs = presentMetrics(PAIR_METRICS_TABLE, r.exposures);
  for (const p of r.parties) for (const m of parties) rows.push({ scope: p.id, def: m, cell: metricCell(valueOf(m, p), labels) });
  for (const x of r.exposures) for (const m of pairs) rows.push({ scope: pairScope(x), def: m, cell: metricCell(valueOf(m, x), labels) });
  return rows;
}

/** The metrics a run has: a deal type's own only when some deal of the run gives it (its rows are null throughout otherwise). */
export function presentMetrics<S>(defs: readonly MetricDef<S>[], scopes: readonly S[]): readonly MetricDef<S>[] {
  return defs.filter((m) => !isDealMetric(m.name) || scopes.some((s) => m.get(s) !== null));
}

/** Summary rows of several results: every (scope, metric) that any of them has, in order of first appearance. */
export function summaryRows(results: readonly ModelResult[]): SummaryRow[] {
  const byKey = new Map<string, { scope: string; metric: string; label: string; kind: MetricKind; cells: Cell[] }>();
  results.forEach((r, i) => {
    for (const { scope, def, cell } of metricRows(r)) {
      const key = `${scope}\u0000${def.name}`;
      let row = byKey.get(key);
      if (!row) {
        row = { scope, metric: def.name, label: def.label, kind: def.kind, cells: results.map(() => emptyCell(def.kind)) };
        byKey.set(key, row);
      }
      row.cells[i] = cell;
    }
  });
  return [...byKey.values()];
}

/** Column names for scenarios: their names, made unique with the file where two agree. */
function scenarioColumns(results: readonly ModelResult[]): string[] {
  const names = results.map((r) => r.model.name);
  return results.map((r, i) => (names.indexOf(r.model.name) !== i || names.lastIndexOf(r.model.name) !== i ? `${r.model.name} (${r.model.file})` : r.model.name));
}

/** `scope,metric,<one column per scenario>`. */
export function summaryCsv(results: readonly ModelResult[]): CsvRows {
  return {
    header: ['scope', 'metric', ...scenarioColumns(results)],
    rows: summaryRows(results).map((r) => [csvText(r.scope), csvText(r.metric), ...r.cells.map(csvCell)]),
  };
}
