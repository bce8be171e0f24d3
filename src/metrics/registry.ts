/**
 * The one list of metrics: each with its name, scope (party or pair), kind,
 * table label, documentation and how it is read from a run's typed metrics.
 * The JSON result, the tables, the CSV rows, the analysis commands' metric
 * addresses and the tables of docs/metrics.md all come from here.
 */
import type { Dec } from '../money/decimal.js';
import type { Cents } from '../money/decimal.js';
import type { ExposureMetrics, PartyMetrics } from './metrics.js';
import { dealMetricSpecs } from '../deals/registry.js';

/** The metrics and series the deal types add (src/deals): each type's module declares its own. */
const DEAL_METRICS = dealMetricSpecs();
const DEAL_METRIC_NAMES: ReadonlySet<string> = new Set([...DEAL_METRICS.pair, ...DEAL_METRICS.party].map((m) => m.name));

/** Whether a metric is a deal type's own (null where no deal of the type is): tables leave out its row when it is null throughout. */
export function isDealMetric(name: string): boolean {
  return DEAL_METRIC_NAMES.has(name);
}

/** How a value is held and printed: money (cents, or exact dollars), a ratio, a quantity (GW), or a period index. */
export type MetricKind = 'money' | 'ratio' | 'quantity' | 'period';

/** A metric's typed value; null where the metric is empty (no discount rate, no IRR, never). */
export type MetricValue =
  | { readonly kind: 'money'; readonly value: Cents | Dec | null }
  | { readonly kind: 'ratio'; readonly value: Dec | null }
  | { readonly kind: 'quantity'; readonly value: Dec | null }
  | { readonly kind: 'period'; readonly value: number | null };

type ValueOf<K extends MetricKind> = Extract<MetricValue, { kind: K }>['value'];

interface Def<S, K extends MetricKind> {
  readonly name: string;
  readonly kind: K;
  /** the row label in tables */
  readonly label: string;
  /** one line for docs/metrics.md */
  readonly doc: string;
  readonly get: (s: S) => ValueOf<K>;
}
/** A metric of scope S (a party's or a pair's metrics). */
export type MetricDef<S> = { [K in MetricKind]: Def<S, K> }[MetricKind];

const def = <S>() => <K extends MetricKind>(name: string, kind: K, label: string, doc: string, get: (s: S) => ValueOf<K>): Def<S, K> => ({ name, kind, label, doc, get });
const party = def<PartyMetrics>();
const pair = def<ExposureMetrics>();

/** Party metrics, in the order of the JSON result and of the tables. */
export const PARTY_METRICS = [
  party('opening_cash', 'money', 'opening cash', 'opening cash', (p) => p.opening_cash),
  party('ending_cash', 'money', 'ending cash', 'opening cash plus every net flow', (p) => p.ending_cash),
  party('cash_in', 'money', 'cash in', 'money received over the timeline', (p) => p.cash_in),
  party('cash_out', 'money', 'cash out', 'money paid over the timeline', (p) => p.cash_out),
  party('net', 'money', 'net', '`cash_in − cash_out`', (p) => p.net),
  party('min_cash', 'money', 'min cash', 'lowest end-of-period cash (opening cash is not a period)', (p) => p.min_cash),
  party('min_cash_period', 'period', 'min cash period', 'the first period where `min_cash` occurs', (p) => p.min_cash_period),
  party('runway_end', 'period', 'runway ends', 'first period whose end-of-period cash is below zero, else null', (p) => p.runway_end),
  party('funding_gap', 'money', 'funding gap', '`max(0, −min_cash)`', (p) => p.funding_gap),
  party('npv', 'money', 'NPV', "NPV of the party's net flows at its discount rate; null without one", (p) => p.npv),
  party('ownership_sold', 'ratio', 'ownership sold', '`1 − Π(1 − s)` over the equity rounds it issued', (p) => p.ownership_sold),
  party('debt_end', 'money', 'debt at end', 'what it owes at the end on credit lines and leases, capitalized interest included', (p) => p.debt_end),
  party('gw_online_end', 'quantity', 'GW online at end', 'GW online at the end in the build-outs it operates (none added from its default on)', (p) => p.gw_online_end),
  party('default_period', 'period', 'defaulted in', 'the period it defaulted in (an event, or its funding policy could not cover the period), else null', (p) => p.default_period),
  party('funding_raised', 'money', 'funding raised', 'what its funding policy raised: new shares sold and revolver draws', (p) => p.funding_raised),
  ...DEAL_METRICS.party.map((m) => extraMetric<PartyMetrics>(m.name, m.kind, m.label, m.doc)),
] as const;

/** Pair metrics (holder → obligor), in the order of the JSON result. */
export const PAIR_METRICS = [
  pair('loans_end', 'money', 'loans at end', 'balance the obligor owes the holder at the end', (x) => x.loans_end),
  pair('equity_cost_end', 'money', 'equity at cost', "cash the holder has put into the obligor's equity", (x) => x.equity_cost_end),
  pair('exposure_end', 'money', 'exposure at end', '`exposure(t)` (loan balance + equity at cost) at the last period', (x) => x.exposure_end),
  pair('peak', 'money', 'peak exposure', 'the highest `exposure(t)`', (x) => x.peak),
  pair('peak_period', 'period', 'peak period', 'the first period where `peak` occurs', (x) => x.peak_period),
  pair('lgd_peak', 'money', 'loss given default (peak)', 'highest `loans(t) × (1 − recovery_rate(t)) + equity_cost(t)`: what the holder loses if the obligor defaults at the worst moment', (x) => x.lgd_peak),
  pair('stake_end', 'ratio', 'stake at end', "the holder's diluted stake at the end", (x) => x.stake_end),
  pair('equity_value_end', 'money', 'stake value at end', '`stake_end × valuation(end)`; null without a valuation', (x) => x.equity_value_end),
  pair('revenue', 'money', 'revenue from obligor', 'money the holder received from the obligor as `capex`, `purchase` or `contract`', (x) => x.revenue),
  pair('financed_revenue', 'money', 'of it self-financed', "`min(revenue, the holder's loan draws and equity into the obligor earmarked for the holder)`", (x) => x.financed_revenue),
  pair('circular_share', 'ratio', 'circular share', "`financed_revenue / revenue`: the part of the vendor's sales to this customer paid with its own money; null when revenue is zero", (x) => x.circular_share),
  pair('net_cash', 'money', 'net cash', 'everything obligor → holder minus everything holder → obligor', (x) => x.net_cash),
  pair('terminal_value', 'money', 'terminal value', 'the position at the end: loans at their balance + `equity_value_end` (equity at cost without a valuation), rounded to the cent; zero after the obligor defaulted', (x) => x.terminal_value),
  pair('loss', 'money', 'loss on default', "what was written off when the obligor defaulted: the loans' balance not recovered and all the equity paid in; zero without a default", (x) => x.loss),
  pair('npv', 'money', 'position NPV', "NPV of `position_flows` (the last period adding `terminal_value`) at the holder's discount rate; null without a rate or when the holder put nothing in", (x) => x.npv),
  pair('irr', 'ratio', 'position IRR', 'the annualized internal rate of return of the same flows; null when the holder put nothing in or no rate fits', (x) => x.irr),
  pair('moic', 'ratio', 'position MOIC', '(interest + repayments + recoveries received + `terminal_value`) / (equity paid + loans drawn), each summed over the timeline; null without outflows', (x) => x.moic),
  pair('gross_profit', 'money', 'gross profit on sales', "the holder's revenue from the obligor minus its cost of sales on that revenue", (x) => x.gross_profit),
  pair('all_in', 'money', 'all-in', '`gross_profit` + position inflows + `terminal_value` − position outflows: what the relationship earned the holder, sales and financing together', (x) => x.all_in),
  ...DEAL_METRICS.pair.map((m) => extraMetric<ExposureMetrics>(m.name, m.kind, m.label, m.doc)),
] as const;

/**
 * The pair metrics in tables, in groups: what is at risk, the financing
 * position and the sales kept apart (so that nobody reads a sales figure as an
 * investment return), then the two together.
 */
export const PAIR_TABLE_GROUPS: readonly { readonly title: string; readonly names: readonly string[] }[] = [
  { title: 'exposure', names: ['peak', 'peak_period', 'exposure_end', 'loans_end', 'equity_cost_end', 'lgd_peak', 'stake_end', 'equity_value_end'] },
  { title: 'financing position', names: ['terminal_value', 'loss', 'npv', 'irr', 'moic'] },
  { title: 'sales', names: ['revenue', 'financed_revenue', 'circular_share', 'gross_profit'] },
  { title: 'together', names: ['all_in', 'net_cash'] },
].map((g) => ({ ...g, names: [...g.names, ...DEAL_METRICS.pair.filter((m) => (m.group ?? 'exposure') === g.title).map((m) => m.name)] }));

/** The deal types' own metrics: read from the values their deals gave, null where none did. */
function extraMetric<S extends { readonly extra: Readonly<Record<string, Cents | Dec | null>> }>(name: string, kind: 'money' | 'ratio' | 'quantity', label: string, doc: string): MetricDef<S> {
  return { name, kind, label, doc, get: (s: S) => (s.extra[name] ?? null) as never };
}

/** The group a pair metric opens in tables (its first metric's name → the group's title). */
export const PAIR_GROUP_OPENED_BY: ReadonlyMap<string, string> = new Map(PAIR_TABLE_GROUPS.map((g) => [g.names[0] as string, g.title]));

/** The order of the pair metrics in tables: the groups' names in turn. */
export const PAIR_TABLE_ORDER: readonly string[] = PAIR_TABLE_GROUPS.flatMap((g) => g.names);

/** Pair metric definitions in table order. */
export const PAIR_METRICS_TABLE: readonly MetricDef<ExposureMetrics>[] = PAIR_TABLE_ORDER.map((n) => PAIR_METRICS.find((m) => m.name === n) as MetricDef<ExposureMetrics>);

/**
 * A per-period series of a scope, in cents. A flow is summed over a coarser
 * period; a level (a balance, cash at a period's end) is taken at its last
 * step-period.
 */
export interface SeriesDef<S> {
  readonly name: string;
  readonly aggregate: 'flow' | 'level';
  readonly doc: string;
  readonly get: (s: S) => readonly Cents[];
}

/** Party series, addressable at one period (`openai.cash@2027-Q4`). */
export const PARTY_SERIES: readonly SeriesDef<PartyMetrics>[] = [
  { name: 'cash_in', aggregate: 'flow', doc: 'money received in the period', get: (p) => p.series.cash_in },
  { name: 'cash_out', aggregate: 'flow', doc: 'money paid in the period', get: (p) => p.series.cash_out },
  { name: 'net', aggregate: 'flow', doc: 'cash_in − cash_out in the period', get: (p) => p.series.net },
  { name: 'cash', aggregate: 'level', doc: 'cash at the end of the period', get: (p) => p.series.cash },
];

/** Pair series, addressable at one period (`nvidia->openai.exposure@2028-H1`). */
export const PAIR_SERIES: readonly SeriesDef<ExposureMetrics>[] = [
  { name: 'loans', aggregate: 'level', doc: 'what the obligor owes the holder at the end of the period', get: (x) => x.series.loans },
  { name: 'equity_cost', aggregate: 'level', doc: "the holder's equity in the obligor at cost, at the end of the period", get: (x) => x.series.equity_cost },
  { name: 'exposure', aggregate: 'level', doc: 'loans + equity at cost, at the end of the period', get: (x) => x.series.exposure },
  { name: 'net_cash', aggregate: 'level', doc: 'everything obligor → holder minus everything holder → obligor, up to the end of the period', get: (x) => x.series.net_cash },
  { name: 'revenue', aggregate: 'flow', doc: "the holder's sales to the obligor in the period", get: (x) => x.series.revenue },
  { name: 'position_flows', aggregate: 'flow', doc: 'the financing position in the period: − equity paid − loans drawn + interest + repayments + recoveries', get: (x) => x.series.position_flows },
  { name: 'financed_revenue', aggregate: 'flow', doc: 'the increase in the period of `min(revenue so far, earmarked money so far)`; sums to `financed_revenue`', get: (x) => x.series.financed_revenue },
  ...DEAL_METRICS.pairSeries.map(
    (d): SeriesDef<ExposureMetrics> => ({ name: d.name, aggregate: d.aggregate, doc: d.doc, get: (x) => x.extraSeries[d.name] ?? (x.series.loans.map(() => 0n) as Cents[]) }),
  ),
];

/** The metric of a scope by name, or undefined. */
export function partyMetric(name: string): MetricDef<PartyMetrics> | undefined {
  return (PARTY_METRICS as readonly MetricDef<PartyMetrics>[]).find((m) => m.name === name);
}
export function pairMetric(name: string): MetricDef<ExposureMetrics> | undefined {
  return (PAIR_METRICS as readonly MetricDef<ExposureMetrics>[]).find((m) => m.name === name);
}

/** A metric's typed value for one party or pair. */
export function valueOf<S>(m: MetricDef<S>, s: S): MetricValue {
  return { kind: m.kind, value: m.get(s) } as MetricValue;
}

/** The metric table of docs/metrics.md for one scope (tested equal to the docs). */
export function metricDocTable(scope: 'party' | 'pair'): string {
  const defs: readonly { name: string; kind: MetricKind; doc: string }[] = scope === 'party' ? PARTY_METRICS : PAIR_METRICS_TABLE;
  const rows = defs.map((m) => `| \`${m.name}\` | ${m.kind} | ${m.doc} |`);
  return ['| metric | kind | meaning |', '|---|---|---|', ...rows].join('\n');
}
