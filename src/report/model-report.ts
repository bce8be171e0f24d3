/** The `model` report: heading, the series to chart, parties, exposures, cash by period. */
import { isDealMetric, PAIR_TABLE_GROUPS, PARTY_METRICS, pairMetric, valueOf, type MetricDef } from '../metrics/registry.js';
import type { ExposureMetrics, PartyMetrics } from '../metrics/metrics.js';
import type { ModelResult } from '../metrics/result.js';
import { KINDS } from '../engine/ledger.js';
import { cents, type Cents } from '../money/decimal.js';
import type { Step } from '../scenario/periods.js';
import { modelJson } from './model-json.js';
import { metricCell, money, table, text, type Block, type Cell, type Report, type SeriesBlock, type TableBlock } from './report.js';
import { lastBy, sumBy, type PeriodGroup } from './rollup.js';
import { summaryCsv } from './summary.js';

export interface ModelReportOptions {
  /** the roll-up of the period table, checked against the timeline */
  readonly by: Step;
  readonly groups: readonly PeriodGroup[];
  /** true when `by` was chosen by the program rather than asked for */
  readonly byDefault: boolean;
}

const STEP_WORD: Record<Step, string> = { month: 'monthly', quarter: 'quarterly', year: 'yearly' };

/** A party's display name. */
export function partyName(r: ModelResult, id: string): string {
  return r.model.parties.find((p) => p.id === id)?.name ?? id;
}

/** "Holder → Obligor" by display names. */
export function pairName(r: ModelResult, x: ExposureMetrics): string {
  return `${partyName(r, x.holder)} → ${partyName(r, x.obligor)}`;
}

function heading(r: ModelResult): string[] {
  const t = r.model.timeline;
  return [r.model.name, `${t.labels[0]} to ${t.labels[t.count - 1]}, ${STEP_WORD[t.step]} (${t.count} periods) · ${r.model.file}`];
}

/** The party and exposure tables: one row per metric, one column per party or pair. */
function metricTables(r: ModelResult): TableBlock[] {
  const labels = r.model.timeline.labels;
  const tables = [
    table(
      'Parties',
      ['', ...r.parties.map((p) => p.name)],
      (PARTY_METRICS as readonly MetricDef<PartyMetrics>[])
        .filter((m) => !isDealMetric(m.name) || r.parties.some((p) => m.get(p) !== null))
        .map((m) => [text(m.label), ...r.parties.map((p) => metricCell(valueOf(m, p), labels))]),
    ),
  ];
  if (r.exposures.length) {
    tables.push(
      table(
        'Exposures (holder → obligor)',
        ['', ...r.exposures.map((x) => pairName(r, x))],
        PAIR_TABLE_GROUPS.flatMap((g) => [
          [text(g.title), ...r.exposures.map(() => text(''))],
          ...g.names
            .map((name) => pairMetric(name) as MetricDef<ExposureMetrics>)
            .filter((m) => !isDealMetric(m.name) || r.exposures.some((x) => m.get(x) !== null))
            .map((m) => [text(`  ${m.label}`), ...r.exposures.map((x) => metricCell(valueOf(m, x), labels))]),
        ]),
      ),
    );
  }
  return tables;
}

/** Cash by period: each party's net flow and end cash, each pair's exposure. */
function cashTable(r: ModelResult, o: ModelReportOptions): TableBlock {
  const cols: { header: string; values: readonly Cell[] }[] = [];
  for (const p of r.parties) {
    cols.push({ header: `${p.name} net`, values: sumBy(p.series.net, o.groups).map(money) });
    cols.push({ header: `${p.name} cash`, values: lastBy(p.series.cash, o.groups).map(money) });
  }
  for (const x of r.exposures) cols.push({ header: pairName(r, x), values: lastBy(x.series.exposure, o.groups).map(money) });
  const tl = r.model.timeline;
  const note = o.byDefault && o.by !== tl.step ? `rolled up to years from ${tl.count} ${tl.step} periods; --by ${tl.step} shows every period` : undefined;
  return table(
    `Cash by ${o.by} (net flow in the period, cash and exposure at its end)`,
    ['period', ...cols.map((c) => c.header)],
    o.groups.map((g, i) => [text(g.label), ...cols.map((c) => c.values[i] as Cell)]),
    note,
  );
}

/**
 * The ledger's money by kind, every period: each kind's entries summed (money
 * moved, whoever paid whom), one series per kind that occurs, in ledger order.
 */
export function flowsByKind(r: ModelResult, title = 'Flows by kind (all entries of the ledger, summed per period)'): SeriesBlock {
  const periods = r.model.timeline.labels;
  const sums = KINDS.map(() => periods.map(() => 0n));
  const seen = KINDS.map(() => false);
  for (const e of r.ledger) {
    (sums[e.kind] as bigint[])[e.period]! += e.amount;
    seen[e.kind] = true;
  }
  return {
    type: 'series',
    title,
    draw: 'stacked',
    axis: 'money moved in the period',
    series: KINDS.flatMap((k, i) => (seen[i] ? [{ label: k.replace(/_/g, ' '), periods, unit: 'money' as const, values: (sums[i] as bigint[]).map((v): Cents => cents(v)) }] : [])),
  };
}

/** Each party's cash and each pair's exposure, every period, and the flows by kind: for charts. */
function seriesBlocks(r: ModelResult): SeriesBlock[] {
  const periods = r.model.timeline.labels;
  const blocks: SeriesBlock[] = [{ type: 'series', title: 'Cash by period', axis: 'cash at the end of the period', series: r.parties.map((p) => ({ label: p.name, periods, unit: 'money', values: p.series.cash })), terminal: true }];
  if (r.exposures.length) blocks.push({ type: 'series', title: 'Exposure by period', axis: 'exposure at the end of the period', series: r.exposures.map((x) => ({ label: pairName(r, x), periods, unit: 'money', values: x.series.exposure })) });
  if (r.ledger.length) blocks.push(flowsByKind(r));
  return blocks;
}

/** The whole `model` report of a result (already restricted to --party). */
export function modelReport(r: ModelResult, o: ModelReportOptions): Report {
  // the charts first: text and Markdown print only the tables, html shows the picture before the detail
  const blocks: Block[] = [...seriesBlocks(r), ...metricTables(r), cashTable(r, o)];
  return {
    heading: heading(r),
    blocks,
    notes: r.notes,
    json: () => modelJson(r),
    csv: () => summaryCsv([r]),
  };
}
