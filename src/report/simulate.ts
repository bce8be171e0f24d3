/**
 * The `simulate` report: each metric's mean and percentiles over the runs, the
 * odds of running out of cash by year, and, when some run defaults, the odds
 * of default by year and the loss on default per pair; for html, a histogram
 * of each metric.
 */
import { PERCENTILES, plainSummaryValue, type DefaultSummary, type MetricSummary, type SummaryValue } from '../analysis/simulate.js';
import { cents, toCents, type Cents, type Dec } from '../money/decimal.js';
import { NEVER } from '../analysis/simulate.js';
import type { Histogram } from '../analysis/histogram.js';
import type { Model } from '../scenario/compile.js';
import { cellText, csvCell, plain } from './cells.js';
import { csvText } from './csv.js';
import { table, text, type Block, type CategoryBlock, type Cell, type CsvRows, type Json, type Report, type SeriesBlock } from './report.js';

export interface SimulationSummary {
  readonly runs: number;
  readonly seed: bigint;
  /** the paths of the uncertain inputs */
  readonly inputs: readonly string[];
  readonly metrics: readonly MetricSummary[];
  readonly odds: { readonly years: readonly string[]; readonly parties: readonly { readonly party: string; readonly before: readonly (Dec | null)[] }[] };
  /** undefined when no run defaulted: the report is then as it was before defaults existed */
  readonly defaults?: DefaultSummary;
  /** each metric's histogram (undefined: none has a value), only for a format that draws charts */
  readonly histograms?: readonly (Histogram | undefined)[];
  /**
   * P5, P25, P50, P75 and P95 of each party's cash at the end of each period,
   * `[party][percentile][period]` in model order, for the fans; only for an
   * output that shows them (JSON, html, a table with --chart)
   */
  readonly cash?: readonly (readonly (readonly (Cents | null)[])[])[];
}

/** A histogram as a chart block: the bins as ranges printed as the tables print values, the runs in each. */
function histogramBlock(m: MetricSummary, h: Histogram, runs: number, labels: readonly string[]): CategoryBlock {
  const empty = m.empty > 0 && h.kind !== 'period' ? `; ${m.empty} of ${runs} runs have no value and are not counted` : '';
  if (h.kind === 'period') {
    return {
      type: 'categories',
      title: `${m.metric}: runs per period (${runs} runs)`,
      axis: 'period',
      categories: h.periods.map((p) => (p === NEVER ? 'never' : (labels[p] as string))),
      series: [{ label: 'runs', unit: 'count', values: h.counts }],
      draw: 'histogram',
    };
  }
  const show = (d: Dec): string => cellText(h.kind === 'money' ? { kind: 'money', value: cents(toCents(d)) } : { kind: h.kind, value: d }, false);
  // one value in every run: one bar, at that value
  const bins = h.counts.map((_, i) => (h.edges[i]!.equals(h.edges[i + 1]!) ? show(h.edges[i]!) : `${show(h.edges[i] as Dec)} to ${show(h.edges[i + 1] as Dec)}`));
  return {
    type: 'categories',
    title: `${m.metric}: distribution over ${runs} runs`,
    axis: m.metric,
    categories: bins,
    series: [{ label: 'runs', unit: 'count', values: h.counts }],
    draw: 'histogram',
    note: `each bin holds the runs from its lower value up to (not including) its upper value, the last one both${empty}`,
  };
}

/** A summary value as a cell: a period's percentile is its label (or "never"), as text. */
function cell(m: MetricSummary, v: SummaryValue | null, labels: readonly string[]): Cell {
  if (m.kind === 'period') return text(plainSummaryValue('period', v, labels));
  return m.kind === 'money' ? { kind: 'money', value: v as Cents | null } : { kind: m.kind, value: v as Dec | null };
}

/** The summaries (not the per-run rows, which simulate streams as CSV itself). */
export function simulateReport(model: Model, file: string, s: SimulationSummary): Report {
  const labels = model.timeline.labels;
  return {
    heading: [`Simulation: ${model.name}`, `${s.runs} runs, seed ${s.seed} · ${file} · uncertain: ${s.inputs.join(', ')}`],
    blocks: [
      table(
        'Metrics over the runs',
        ['metric', 'mean', 'P5', 'P25', 'P50', 'P75', 'P95', 'empty'],
        s.metrics.map((m) => [
          text(m.metric),
          m.kind === 'period' ? { kind: 'period', value: null, labels } : cell(m, m.mean, labels),
          ...m.percentiles.map((v) => cell(m, v, labels)),
          text(String(m.empty)),
        ]),
      ),
      ...(s.cash ? fanBlocks(model, s.runs, s.cash) : []),
      ...s.metrics.flatMap((m, i): Block[] => {
        const h = s.histograms?.[i];
        return h ? [histogramBlock(m, h, s.runs, labels)] : [];
      }),
      table(
        'Chance that cash first goes below zero before the start of each year',
        ['before', ...model.parties.map((p) => p.name)],
        s.odds.years.map((y, i) => [text(y), ...s.odds.parties.map((p): Cell => ({ kind: 'ratio', value: p.before[i] ?? null }))]),
      ),
      ...(s.defaults ? defaultTables(model, s.defaults) : []),
    ],
    notes: [],
    json: () => ({
      format: 'stargate-simulate/1',
      scenario: { name: model.name, file },
      runs: String(s.runs),
      seed: s.seed.toString(),
      inputs: [...s.inputs],
      metrics: s.metrics.map((m) => ({
        metric: m.metric,
        mean: m.kind === 'period' ? null : plainSummaryValue(m.kind, m.mean, labels),
        ...Object.fromEntries(PERCENTILES.map((p, i) => [`p${p}`, plainSummaryValue(m.kind, m.percentiles[i] ?? null, labels)])),
        empty: String(m.empty),
      })),
      runway: s.odds.parties.map((p) => ({ party: p.party, before: Object.fromEntries(s.odds.years.map((y, i) => [y, plain({ kind: 'ratio', value: p.before[i] ?? null })])) })),
      ...(s.defaults ? defaultJson(s.defaults) : {}),
      ...(s.cash ? { cash_by_period: cashJson(model, s.cash) } : {}),
    }),
    csv: () => {
      throw new Error('simulate streams its per-run CSV itself');
    },
  };
}

/** A fan of each party's cash by period: its P5, P25, P50, P75 and P95 over the runs. */
function fanBlocks(model: Model, runs: number, cash: NonNullable<SimulationSummary['cash']>): SeriesBlock[] {
  const periods = model.timeline.labels;
  return model.parties.map((p, i) => ({
    type: 'series',
    title: `Cash by period: ${p.name} (P5 to P95 over ${runs} runs)`,
    draw: 'fan',
    axis: 'cash at the end of the period',
    series: PERCENTILES.map((q, k) => ({ label: `P${q}`, periods, unit: 'money' as const, values: cash[i]?.[k] ?? [] })),
    terminal: true,
  }));
}

/** The fans as JSON: the periods, and for each party its five percentiles by period (arrays aligned with the periods). */
function cashJson(model: Model, cash: NonNullable<SimulationSummary['cash']>): Json {
  return {
    periods: [...model.timeline.labels],
    parties: model.parties.map((p, i) => ({
      party: p.id,
      ...Object.fromEntries(PERCENTILES.map((q, k) => [`p${q}`, (cash[i]?.[k] ?? []).map((v) => plain({ kind: 'money', value: v }))])),
    })),
  };
}

/**
 * `simulate --format csv --what cash`: one row per period, and for each party
 * the P5, P25, P50, P75 and P95 of its cash at the end of that period
 * (`<id>.cash_p5` …), the values of the JSON's `cash_by_period`.
 */
export function cashCsv(model: Model, cash: NonNullable<SimulationSummary['cash']>): CsvRows {
  const header = ['period', ...model.parties.flatMap((p) => PERCENTILES.map((q) => `${p.id}.cash_p${q}`))];
  const rows = model.timeline.labels.map((label, t) => [csvText(label), ...model.parties.flatMap((_, i) => PERCENTILES.map((_, k) => csvCell({ kind: 'money', value: cash[i]?.[k]?.[t] ?? null })))]);
  return { header, rows };
}

/** The default tables: rows the parties that defaulted in some run, and the pairs whose obligor did (none: no loss table). */
function defaultTables(model: Model, d: DefaultSummary): Block[] {
  const name = (id: string): string => model.parties.find((p) => p.id === id)?.name ?? id;
  const odds = table(
    'Probability of default by year',
    ['party', ...d.years],
    d.parties.map((p) => [text(name(p.party)), ...p.share.map((v): Cell => ({ kind: 'ratio', value: v }))]),
    'the share of runs in which the party has defaulted by the end of the year; parties that never defaulted are left out',
  );
  if (d.pairs.length === 0) return [odds];
  const losses = table(
    'Loss on default per pair',
    ['pair', 'expected loss', 'P95'],
    d.pairs.map((x) => [text(x.pair), { kind: 'money', value: x.mean }, { kind: 'money', value: x.p95 }]),
    'what the holder wrote off when the obligor defaulted: the mean over all runs (zero where it did not default) and the 95th percentile',
  );
  return [odds, losses];
}

/** The JSON of the default tables (added to stargate-simulate/1 only when some run defaults; see docs/cli.md). */
function defaultJson(d: DefaultSummary): { defaults: Json; losses: Json } {
  return {
    defaults: d.parties.map((p) => ({
      party: p.party,
      by_end_of: Object.fromEntries(d.years.map((y, i) => [y, plain({ kind: 'ratio', value: p.share[i] ?? null })])),
      runs: Object.fromEntries(d.years.map((y, i) => [y, String(p.runs[i])])),
    })),
    losses: d.pairs.map((x) => ({ pair: x.pair, mean: plain({ kind: 'money', value: x.mean }), p95: plain({ kind: 'money', value: x.p95 }) })),
  };
}
