/** The `sweep` report: one row per value (or pair of values), one column per input and per metric. */
import type { Address } from '../analysis/address.js';
import { parseNumberLike } from '../analysis/evaluate.js';
import type { SweepRow } from '../analysis/sweep.js';
import type { Model } from '../scenario/compile.js';
import { csvCell, plain } from './cells.js';
import { csvDecimal, csvText, type CsvValue } from './csv.js';
import { numberCell, table, text, type Report } from './report.js';

/** An input in CSV: a number when it is an amount (as written, without a %), else its text. */
function inputCsv(display: string): CsvValue {
  const n = display.endsWith('%') ? undefined : parseNumberLike(display);
  return n ? csvDecimal(n.toFixed()) : csvText(display);
}

export function sweepReport(model: Model, file: string, paths: readonly string[], addresses: readonly Address[], rows: readonly SweepRow[]): Report {
  const labels = model.timeline.labels;
  const cells = rows.map((r) => r.values.map((v) => numberCell(v, labels)));
  return {
    heading: [`Sweep: ${model.name}`, `${rows.length} runs of ${file}`],
    blocks: [
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
