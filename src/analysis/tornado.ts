/**
 * `tornado`: each input moved alone to its low and its high, ranked by how far
 * one metric swings, largest first; inputs whose metric is empty go last, in
 * the order given.
 */
import type { Dec } from '../money/decimal.js';
import type { Evaluator } from './evaluate.js';
import type { MetricNumber } from './address.js';
import type { VaryValue } from './vary.js';

export interface TornadoInput {
  readonly path: string;
  readonly low: VaryValue;
  readonly high: VaryValue;
}

interface TornadoRow {
  readonly input: TornadoInput;
  readonly atLow: MetricNumber;
  readonly atHigh: MetricNumber;
  /** |at high − at low|, null when either is empty */
  readonly swing: Dec | null;
}

export interface Tornado {
  /** the metric with no input moved */
  readonly base: MetricNumber;
  /** ranked, largest swing first */
  readonly rows: readonly TornadoRow[];
}

/** Evaluate the metric (the evaluator's one address) at each input's low and high. */
export function tornado(ev: Evaluator, inputs: readonly TornadoInput[]): Tornado {
  const [base] = ev.evaluate([]) as [MetricNumber];
  const rows = inputs.map((input): TornadoRow => {
    const [atLow] = ev.evaluate([{ path: input.path, node: input.low.node }]) as [MetricNumber];
    const [atHigh] = ev.evaluate([{ path: input.path, node: input.high.node }]) as [MetricNumber];
    const swing = atLow.value !== null && atHigh.value !== null ? atHigh.value.minus(atLow.value).abs() : null;
    return { input, atLow, atHigh, swing };
  });
  rows.sort((a, b) => (a.swing === null ? (b.swing === null ? 0 : 1) : b.swing === null ? -1 : b.swing.comparedTo(a.swing)));
  return { base, rows };
}
