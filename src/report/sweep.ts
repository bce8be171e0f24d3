/** The `sweep` report: one row per value (or pair of values), one column per input and per metric. */
import type { Address } from '../analysis/address.js';
import { parseNumberLike } from '../analysis/evaluate.js';
import type { SweepRow } from '../analysis/sweep.js';
import type { Model } from '../scenario/compile.js';
import { csvCell, plain } from './cells.js';
import { csvDecimal, csvText, type CsvValue } from './csv.js';
import { numberCell, numberValues, table, text, type ChartBlock, type Report } from './report.js';
import type { VaryValue } from '../analysis/vary.js';

/** An input in CSV: a number when it is an amount (as written, without a %), else its text. */
function inputCsv(display: string): CsvValue {
  const n = display.endsWith('%') ? undefined : parseNumberLike(display);
  return n ? csvDecimal(n.toFixed()) : csvText(display);
}

/** The values of each input in the order swept (a grid repeats them). */
function distinct(rows: readonly SweepRow[], i: number): string[] {
  return [...new Set(rows.map((r) => (r.inputs[i] as VaryValue).display))];
}

/**
 * For charts: each metric against the input, or for a grid of two a heat map
 * of each metric over both (the first input down, the second across; a
 * period metric shows its labels).
 */
function sweepCharts(model: Model, paths: readonly string[], addresses: readonly Address[], rows: readonly SweepRow[]): ChartBlock[] {
  const labels = model.timeline.labels;
  if (paths.length === 1) {
    const xs = rows.map((r) => (r.inputs[0] as VaryValue).display);
    return addresses.map((a, k) => ({
      type: 'categories',
      title: `${a.text} against ${paths[0]}`,
      axis: paths[0] as string,
      categories: xs,
      series: [{ label: a.text, ...numberValues(a.kind, rows.map((r) => r.values[k]!), labels) }],
      draw: 'line',
    }));
  }
  const [outer, inner] = [distinct(rows, 0), distinct(rows, 1)];
  return addresses.map((a, k) => ({
    type: 'grid',
    title: `${a.text} for each ${paths[0]} and ${paths[1]}`,
    x: { axis: paths[1] as string, categories: inner },
    y: { axis: paths[0] as string, categories: outer },
    // rows run the first input outermost: row j·|inner| + i is (inner i, outer j)
    cells: { label: a.text, ...numberValues(a.kind, rows.map((r) => r.values[k]!), labels) },
  }));
}

export function sweepReport(model: Model, file: string, paths: readonly string[], addresses: readonly Address[], rows: readonly SweepRow[]): Report {
  const labels = model.timeline.labels;
  const cells = rows.map((r) => r.values.map((v) => numberCell(v, labels)));
  return {
    heading: [`Sweep: ${model.name}`, `${rows.length} runs of ${file}`],
    blocks: [
      // the charts first: text and Markdown print only the table
      ...sweepCharts(model, paths, addresses, rows),
      table(
        'Metrics for each value',
        [...paths, ...addresses.map((a) => a.text)],
        rows.map((r, k) => [...r.inputs.map((v) => text(v.display)), ...(cells[k] ?? [])]),
      ),
    ],
    notes: [],
    json: () => ({
      format: 'stargate-sweep/1',
      scenario: { name: model.name, file },
      vary: paths,
      metrics: addresses.map((a) => a.text),
      rows: rows.map((r, k) => ({
        inputs: Object.fromEntries(paths.map((p, i) => [p, r.inputs[i]?.display ?? null])),
        metrics: Object.fromEntries(addresses.map((a, i) => [a.text, plain(cells[k]![i]!)])),
      })),
    }),
    csv: () => ({
      header: [...paths, ...addresses.map((a) => a.text)],
      rows: rows.map((r, k) => [...r.inputs.map((v) => inputCsv(v.display)), ...cells[k]!.map(csvCell)]),
    }),
  };
}
