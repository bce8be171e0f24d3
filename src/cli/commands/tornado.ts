/**
 * `stargate tornado FILE --metric ADDR [--vary PATH=LOW,HIGH ...]`: each input
 * moved alone to its low and its high, ranked by how far the metric swings.
 * Without --vary, the inputs and their ranges come from the `uncertain` block.
 */
import { Dec } from '../../money/decimal.js';
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError, ProblemsError, writeResult } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { decimalNode } from '../../analysis/evaluate.js';
import { lowHigh } from '../../analysis/distributions.js';
import { plainValue } from '../../analysis/present.js';
import { displayPoint, type VaryValue } from '../../analysis/vary.js';
import { csvDecimal, csvText, toCsv } from '../../report/csv.js';
import { cellText } from '../../report/cells.js';
import { text, type Report } from '../../report/tables.js';
import { nodeText } from '../../report/diff.js';
import { varySpecs } from './sweep.js';
import { json, renderReport } from './render.js';

export interface TornadoOptions extends CommonOptions {
  vary?: string[];
  metric?: string[];
}

interface Input {
  readonly path: string;
  readonly low: VaryValue;
  readonly high: VaryValue;
}

const BAR = 30;

export function tornadoCommand(file: string, opts: TornadoOptions): number {
  const format = parseFormat(opts.format);
  if (opts.metric?.length !== 1) throw new CliError('tornado takes exactly one --metric (e.g. --metric nvidia->openai.peak)', 2);
  const specs = varySpecs(opts.vary ?? []);
  const bad = specs.find((s) => s.values.length !== 2);
  if (bad) throw new ProblemsError([{ loc: { file: '--vary', line: specs.indexOf(bad) + 1, col: 1 }, path: bad.path, message: `tornado takes two values, LOW,HIGH; got ${bad.values.length}` }]);
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  const [metric] = addressesFor(opts.metric, base.model);
  if (metric!.kind === 'period') throw new CliError(`tornado ranks numeric metrics; ${metric!.text} is a period`, 2);
  let inputs: Input[] = specs.map((s) => ({ path: s.path, low: s.values[0]!, high: s.values[1]! }));
  // JSON and CSV give the exact low and high (as written, or the exact decimal); tables the short form
  if (inputs.length === 0) {
    if (base.model.uncertain.length === 0) throw new CliError('tornado needs --vary PATH=LOW,HIGH, or an uncertain block in the scenario', 2);
    const probe = evaluatorFor(base, file, []);
    inputs = base.model.uncertain.map((u) => {
      const [lo, hi] = lowHigh(u);
      // shown in the unit the file writes the value in
      const written = probe.current(u.path);
      const percent = written !== undefined && nodeText(written).trim().endsWith('%');
      return { path: u.path, low: { display: displayPoint(lo, percent), node: decimalNode(lo, u.loc) }, high: { display: displayPoint(hi, percent), node: decimalNode(hi, u.loc) } };
    });
  }
  const ev = evaluatorFor(base, file, [metric!]);
  const labels = base.model.timeline.labels;
  const [baseValue] = ev.evaluate([]);
  const rows = inputs.map((input) => {
    const [atLow] = ev.evaluate([{ path: input.path, node: input.low.node }]);
    const [atHigh] = ev.evaluate([{ path: input.path, node: input.high.node }]);
    const swing = atLow!.value !== null && atHigh!.value !== null ? atHigh!.value.minus(atLow!.value).abs() : null;
    return { input, atLow: plainValue(atLow!, labels), atHigh: plainValue(atHigh!, labels), swing };
  });
  // ranked by swing, largest first; inputs whose metric is empty go last, in the order given
  rows.sort((a, b) => (a.swing === null ? (b.swing === null ? 0 : 1) : b.swing === null ? -1 : b.swing.comparedTo(a.swing)));
  const max = rows.reduce((m, r) => (r.swing !== null && r.swing.greaterThan(m) ? r.swing : m), new Dec(0));
  const swingText = (s: Dec | null): string | null => (s === null ? null : plainValue({ kind: metric!.kind, value: s, period: null }, labels));
  const bar = (s: Dec | null): string => (s === null || max.isZero() ? '' : '█'.repeat(Math.max(s.isZero() ? 0 : 1, Number(s.div(max).times(BAR).toDecimalPlaces(0).toString())))); // number-ok: a bar length
  const baseText = plainValue(baseValue!, labels);
  let out: string;
  if (format === 'json') {
    out = json({
      format: 'stargate-tornado/1',
      scenario: { name: base.model.name, file },
      metric: metric!.text,
      base: baseText,
      inputs: rows.map((r) => ({ path: r.input.path, low: nodeText(r.input.low.node), high: nodeText(r.input.high.node), at_low: r.atLow, at_high: r.atHigh, swing: swingText(r.swing) })),
    });
  } else if (format === 'csv') {
    out = toCsv(['path', 'low', 'high', 'at_low', 'at_high', 'swing'], rows.map((r) => [csvText(r.input.path), csvText(nodeText(r.input.low.node)), csvText(nodeText(r.input.high.node)), csvDecimal(r.atLow), csvDecimal(r.atHigh), csvDecimal(swingText(r.swing))]));
  } else {
    const kind = metric!.kind;
    const report: Report = {
      heading: [`Tornado: ${metric!.text} in ${base.model.name}`, `base value ${cellText(kind, baseText, opts.exact === true)} · ${file}`],
      tables: [{
        title: 'Each input alone at its low and its high, largest swing first',
        columns: ['input', 'low', 'high', 'at low', 'at high', 'swing', ''],
        rows: rows.map((r) => [text(r.input.path), text(r.input.low.display), text(r.input.high.display), { kind, value: r.atLow }, { kind, value: r.atHigh }, { kind, value: swingText(r.swing) }, text(bar(r.swing))]),
      }],
      notes: [],
    };
    out = renderReport(report, format, opts);
  }
  writeResult(out, opts);
  return 0;
}
