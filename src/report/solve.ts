/** The `solve` report: the input value found, and the metric it reaches. */
import type { Address } from '../analysis/address.js';
import type { SolveResult } from '../analysis/solve.js';
import type { Dec } from '../money/decimal.js';
import type { Model } from '../scenario/compile.js';
import { csvCell, plain } from './cells.js';
import { csvDecimal, csvText } from './csv.js';
import { numberCell, table, text, type Report } from './report.js';

export interface SolveQuestion {
  /** the input varied */
  readonly path: string;
  readonly metric: Address;
  readonly target: Dec;
  /** the target as written after = */
  readonly targetText: string;
}

/** `found` is the value shown in the input's own unit (as --between was written). */
export function solveReport(model: Model, file: string, q: SolveQuestion, r: SolveResult, found: string): Report {
  const labels = model.timeline.labels;
  const target = numberCell({ kind: q.metric.kind, value: q.target, period: null }, labels);
  const reached = numberCell({ kind: q.metric.kind, value: r.reached, period: null }, labels);
  const converged = r.converged ? 'true' : 'false';
  return {
    heading: [`Solve: ${q.path} so that ${q.metric.text} = ${q.targetText}`, `${model.name} · ${file}`],
    blocks: [
      table(
        r.converged ? 'Found' : 'Closest found (the metric moves in steps: no value reaches the target exactly)',
        ['input', 'value', 'metric', 'target', 'reached', 'runs'],
        [[text(q.path), text(found), text(q.metric.text), target, reached, text(String(r.iterations))]],
      ),
    ],
    notes: [],
    json: () => ({
      format: 'stargate-solve/1',
      scenario: { name: model.name, file },
      input: q.path,
      value: r.value.toFixed(),
      metric: q.metric.text,
      target: plain(target),
      reached: plain(reached),
      iterations: String(r.iterations),
      converged,
    }),
    csv: () => ({
      header: ['input', 'value', 'metric', 'target', 'reached', 'iterations', 'converged'],
      rows: [[csvText(q.path), csvDecimal(r.value.toFixed()), csvText(q.metric.text), csvCell(target), csvCell(reached), csvDecimal(String(r.iterations)), csvText(converged)]],
    }),
  };
}
