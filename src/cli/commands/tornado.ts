/**
 * `stargate tornado FILE --metric ADDR [--vary PATH=LOW,HIGH ...]`: each input
 * moved alone to its low and its high, ranked by how far the metric swings.
 * Without --vary, the inputs and their ranges come from the `uncertain` block.
 */
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError, ProblemsError } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { decimalNode } from '../../analysis/evaluate.js';
import { lowHigh } from '../../analysis/distributions.js';
import { displayPoint } from '../../analysis/vary.js';
import { tornado, type TornadoInput } from '../../analysis/tornado.js';
import type { Address } from '../../analysis/address.js';
import { nodeText } from '../../report/diff.js';
import { tornadoReport } from '../../report/tornado.js';
import { varySpecs } from './sweep.js';
import { writeReport } from './render.js';

export interface TornadoOptions extends CommonOptions {
  vary?: string[];
  metric?: string[];
}

export async function tornadoCommand(file: string, opts: TornadoOptions): Promise<number> {
  const format = parseFormat(opts.format);
  if (opts.metric?.length !== 1) throw new CliError('tornado takes exactly one --metric (e.g. --metric nvidia->openai.peak)', 2);
  const specs = varySpecs(opts.vary ?? []);
  const bad = specs.find((s) => s.values.length !== 2);
  if (bad) throw new ProblemsError([{ loc: { file: '--vary', line: specs.indexOf(bad) + 1, col: 1 }, path: bad.path, message: `tornado takes two values, LOW,HIGH; got ${bad.values.length}` }]);
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  const [metric] = addressesFor(opts.metric, base.model) as [Address];
  if (metric.kind === 'period') throw new CliError(`tornado ranks numeric metrics; ${metric.text} is a period`, 2);
  let inputs: TornadoInput[] = specs.map((s) => ({ path: s.path, low: s.values[0]!, high: s.values[1]! }));
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
  const result = tornado(evaluatorFor(base, file, [metric]), inputs);
  await writeReport(tornadoReport(base.model, file, metric, result), format, opts);
  return 0;
}
