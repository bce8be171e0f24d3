/**
 * The metrics of section 7 by scope, in output order, with the kind of value
 * each holds (which decides how it is printed and whether it has a Δ).
 */
export type ValueKind = 'money' | 'ratio' | 'gw' | 'period' | 'text';

export const PARTY_METRICS: readonly (readonly [string, ValueKind])[] = [
  ['opening_cash', 'money'], ['ending_cash', 'money'], ['cash_in', 'money'], ['cash_out', 'money'], ['net', 'money'],
  ['min_cash', 'money'], ['min_cash_period', 'period'], ['runway_end', 'period'], ['funding_gap', 'money'], ['npv', 'money'],
  ['ownership_sold', 'ratio'], ['debt_end', 'money'], ['gw_online_end', 'gw'],
];

export const EXPOSURE_METRICS: readonly (readonly [string, ValueKind])[] = [
  ['peak', 'money'], ['peak_period', 'period'], ['exposure_end', 'money'], ['loans_end', 'money'], ['equity_cost_end', 'money'],
  ['lgd_peak', 'money'], ['revenue', 'money'], ['financed_revenue', 'money'], ['circular_share', 'ratio'], ['stake_end', 'ratio'],
  ['equity_value_end', 'money'], ['net_cash', 'money'], ['npv', 'money'], ['irr', 'ratio'],
];

/** Readable labels for tables (CSV and JSON keep the metric names). */
export const LABELS: Record<string, string> = {
  opening_cash: 'opening cash', ending_cash: 'ending cash', cash_in: 'cash in', cash_out: 'cash out', net: 'net',
  min_cash: 'min cash', min_cash_period: 'min cash period', runway_end: 'runway ends', funding_gap: 'funding gap', npv: 'NPV',
  ownership_sold: 'ownership sold', debt_end: 'debt at end', gw_online_end: 'GW online at end',
  peak: 'peak exposure', peak_period: 'peak period', exposure_end: 'exposure at end', loans_end: 'loans at end', equity_cost_end: 'equity at cost',
  lgd_peak: 'loss given default (peak)', revenue: 'revenue from obligor', financed_revenue: 'of it self-financed',
  circular_share: 'circular share', stake_end: 'stake at end', equity_value_end: 'stake value at end', net_cash: 'net cash', irr: 'IRR',
};

/** A metric of one scope with its printed-as-JSON value. */
export interface MetricValue {
  readonly scope: string;
  readonly metric: string;
  readonly kind: ValueKind;
  readonly value: string | null;
}

/** Party and exposure metrics of a model result, as rows in output order. */
export function metricRows(result: ModelResultJson, parties?: ReadonlySet<string>): MetricValue[] {
  const rows: MetricValue[] = [];
  for (const [id, p] of Object.entries(result.parties)) {
    if (parties && !parties.has(id)) continue;
    for (const [m, kind] of PARTY_METRICS) rows.push({ scope: id, metric: m, kind, value: (p as Record<string, string | null>)[m] ?? null });
  }
  for (const x of result.exposures) {
    if (parties && !parties.has(x.holder) && !parties.has(x.obligor)) continue;
    for (const [m, kind] of EXPOSURE_METRICS) rows.push({ scope: `${x.holder}->${x.obligor}`, metric: m, kind, value: (x as Record<string, unknown>)[m] as string | null });
  }
  return rows;
}

/** The shape of `model --format json` that the reports read. */
export interface ModelResultJson {
  readonly format: string;
  readonly scenario: { readonly name: string; readonly file: string; readonly timeline: { readonly start: string; readonly end: string; readonly step: string; readonly periods: readonly string[] } };
  readonly parties: Record<string, { readonly name: string; readonly series: Record<string, readonly string[]> } & Record<string, unknown>>;
  readonly exposures: readonly ({ readonly holder: string; readonly obligor: string; readonly series: Record<string, readonly string[]> } & Record<string, unknown>)[];
  readonly ledger?: readonly { readonly period: string; readonly from: string; readonly to: string; readonly amount: string; readonly kind: string; readonly source: string }[];
  readonly notes: readonly string[];
}
