/** `model --metric ADDR...`: just the values asked for, as the analysis commands address them. */
import type { Address, MetricNumber } from '../analysis/address.js';
import type { Model } from '../scenario/compile.js';
import { csvCell, plain } from './cells.js';
import { csvText } from './csv.js';
import { numberCell, table, text, type Report } from './report.js';

export function metricsReport(model: Model, file: string, addresses: readonly Address[], values: readonly MetricNumber[]): Report {
  const labels = model.timeline.labels;
  const cells = values.map((v) => numberCell(v, labels));
  return {
    heading: [model.name, file],
    blocks: [table('Metrics', ['metric', 'value'], addresses.map((a, i) => [text(a.text), cells[i]!]))],
    notes: [],
    json: () => ({
      format: 'stargate-metrics/1',
      scenario: { name: model.name, file },
      metrics: Object.fromEntries(addresses.map((a, i) => [a.text, plain(cells[i]!)])),
    }),
    csv: () => ({ header: ['metric', 'value'], rows: addresses.map((a, i) => [csvText(a.text), csvCell(cells[i]!)]) }),
  };
}
