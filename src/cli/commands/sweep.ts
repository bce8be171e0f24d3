/** `stargate sweep FILE --vary ... --metric ...`: the metrics for each value (a grid for two --vary). */
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError, ProblemsError, writeResult } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { parseVary, type VarySpec } from '../../analysis/vary.js';
import { parseNumberLike } from '../../analysis/evaluate.js';
import { plainValue } from '../../analysis/present.js';
import { csvDecimal, csvText, toCsv } from '../../report/csv.js';
import { text, type Cell, type Report } from '../../report/tables.js';
import type { Problem } from '../../scenario/problems.js';
import { json, renderReport } from './render.js';

export interface SweepOptions extends CommonOptions {
  vary?: string[];
  metric?: string[];
}

/** The --vary options, all problems reported together. */
export function varySpecs(texts: readonly string[]): VarySpec[] {
  const problems: Problem[] = [];
  const specs: VarySpec[] = [];
  texts.forEach((t, i) => {
    const r = parseVary(t, i + 1);
    if (r.ok) specs.push(r.spec);
    else problems.push(...r.problems);
  });
  if (problems.length) throw new ProblemsError(problems);
  return specs;
}

export function sweepCommand(file: string, opts: SweepOptions): number {
  const format = parseFormat(opts.format);
  const texts = opts.vary ?? [];
  if (texts.length < 1 || texts.length > 2) throw new CliError('sweep takes one --vary, or two for a grid', 2);
  if (!opts.metric?.length) throw new CliError('sweep needs at least one --metric (e.g. --metric nvidia->openai.peak)', 2);
  const specs = varySpecs(texts);
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  const addresses = addressesFor(opts.metric, base.model);
  const ev = evaluatorFor(base, file, addresses);
  // every range's LO and HI first, all together: a wrong unit is reported before a long sweep runs
  const bad = specs.flatMap((s) => (s.ends ?? []).flatMap((v) => ev.check({ path: s.path, node: v.node })));
  if (bad.length) throw new ProblemsError(bad);
  const labels = base.model.timeline.labels;
  const [first, second] = specs as [VarySpec, VarySpec | undefined];
  const combos = second ? first.values.flatMap((a) => second.values.map((b) => [a, b])) : first.values.map((a) => [a]);
  const rows = combos.map((combo) => {
    const values = ev.evaluate(combo.map((v, i) => ({ path: specs[i]!.path, node: v.node })));
    return { inputs: combo.map((v) => v.display), values: values.map((v) => plainValue(v, labels)) };
  });
  const paths = specs.map((s) => s.path);
  let out: string;
  if (format === 'json') {
    out = json({
      format: 'stargate-sweep/1',
      scenario: { name: base.model.name, file },
      vary: paths,
      metrics: addresses.map((a) => a.text),
      rows: rows.map((r) => ({ inputs: Object.fromEntries(paths.map((p, i) => [p, r.inputs[i]])), metrics: Object.fromEntries(addresses.map((a, i) => [a.text, r.values[i]])) })),
    });
  } else if (format === 'csv') {
    out = toCsv([...paths, ...addresses.map((a) => a.text)], rows.map((r) => [
      ...r.inputs.map((v) => {
        const n = v === undefined || v.endsWith('%') ? undefined : parseNumberLike(v);
        return n ? csvDecimal(n.toFixed()) : csvText(v ?? '');
      }),
      ...r.values.map((v, i) => (addresses[i]!.kind === 'period' ? (v === null ? null : csvText(v)) : csvDecimal(v))),
    ]));
  } else {
    const report: Report = {
      heading: [`Sweep: ${base.model.name}`, `${rows.length} runs of ${file}`],
      tables: [{
        title: 'Metrics for each value',
        columns: [...paths, ...addresses.map((a) => a.text)],
        rows: rows.map((r) => [...r.inputs.map((v) => text(v ?? null)), ...r.values.map((v, i): Cell => ({ kind: addresses[i]!.kind, value: v }))]),
      }],
      notes: [],
    };
    out = renderReport(report, format, opts);
  }
  writeResult(out, opts);
  return 0;
}
