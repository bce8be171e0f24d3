/** The `tornado` report: each input at its low and its high, largest swing first, with a bar. */
import type { Address } from '../analysis/address.js';
import type { Tornado } from '../analysis/tornado.js';
import { Dec } from '../money/decimal.js';
import type { Model } from '../scenario/compile.js';
import { cellText, csvCell, plain } from './cells.js';
import { csvText } from './csv.js';
import { difference, nodeText } from './diff.js';
import { cellValues, numberCell, table, text, type Cell, type CategoryBlock, type Report } from './report.js';
import type { MetricNumber } from '../analysis/address.js';

const BAR = 30;

/** The swing bar: BAR blocks for the largest swing, at least one for any swing above zero. */
function bar(s: Dec | null, max: Dec): string {
  if (s === null || max.isZero()) return '';
  return '█'.repeat(Math.max(s.isZero() ? 0 : 1, Number(s.div(max).times(BAR).toDecimalPlaces(0).toString()))); // number-ok: a bar length
}

/**
 * The ranked bars: how far each input at its low and at its high moves the
 * metric from its base value, as the tables print them (at − base, to the
 * cent or the sixth place, as diff's Δ; empty where either is empty).
 */
function tornadoChart(metric: Address, t: Tornado, labels: readonly string[], baseText: string): CategoryBlock {
  const base = numberCell(t.base, labels);
  const kind = metric.kind as 'money' | 'ratio' | 'quantity';
  const from = (m: MetricNumber): Cell => difference(base, numberCell(m, labels)).delta;
  return {
    type: 'categories',
    title: `How far each input moves ${metric.text} from its base value (${baseText}), largest swing first`,
    axis: 'input',
    measure: `${metric.text} − base`,
    categories: t.rows.map((r) => `${r.input.path} (${r.input.low.display} to ${r.input.high.display})`),
    series: [
      { label: 'at low − base', ...cellValues(kind, t.rows.map((r) => from(r.atLow))) },
      { label: 'at high − base', ...cellValues(kind, t.rows.map((r) => from(r.atHigh))) },
    ],
    draw: 'ranked',
  };
}

export function tornadoReport(model: Model, file: string, metric: Address, t: Tornado): Report {
  const labels = model.timeline.labels;
  const cell = (v: Dec | null): Cell => numberCell({ kind: metric.kind, value: v, period: null }, labels);
  const rows = t.rows.map((r) => ({ ...r, low: numberCell(r.atLow, labels), high: numberCell(r.atHigh, labels), swingCell: cell(r.swing) }));
  const max = t.rows.reduce((m, r) => (r.swing !== null && r.swing.greaterThan(m) ? r.swing : m), new Dec(0));
  const base = numberCell(t.base, labels);
  return {
    heading: [`Tornado: ${metric.text} in ${model.name}`, ['base value ', base, ` · ${file}`]],
    blocks: [
      // the chart first: text and Markdown print only the table
      ...(t.rows.length ? [tornadoChart(metric, t, labels, cellText(base, false))] : []),
      table(
        'Each input alone at its low and its high, largest swing first',
        ['input', 'low', 'high', 'at low', 'at high', 'swing', ''],
        rows.map((r) => [text(r.input.path), text(r.input.low.display), text(r.input.high.display), r.low, r.high, r.swingCell, text(bar(r.swing, max))]),
      ),
    ],
    notes: [],
    // JSON and CSV give the low and high as written (or as exact decimals); the table the short form
    json: () => ({
      format: 'stargate-tornado/1',
      scenario: { name: model.name, file },
      metric: metric.text,
      base: plain(base),
      inputs: rows.map((r) => ({ path: r.input.path, low: nodeText(r.input.low.node), high: nodeText(r.input.high.node), at_low: plain(r.low), at_high: plain(r.high), swing: plain(r.swingCell) })),
    }),
    csv: () => ({
      header: ['path', 'low', 'high', 'at_low', 'at_high', 'swing'],
      rows: rows.map((r) => [csvText(r.input.path), csvText(nodeText(r.input.low.node)), csvText(nodeText(r.input.high.node)), csvCell(r.low), csvCell(r.high), csvCell(r.swingCell)]),
    }),
  };
}
