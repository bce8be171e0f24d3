/** `sweep`: the metrics for each value of one input, or for each pair of values of two (a grid, the first input outermost). */
import type { Evaluator } from './evaluate.js';
import type { MetricNumber } from './address.js';
import type { VarySpec, VaryValue } from './vary.js';

export interface SweepRow {
  /** one value per --vary, in order */
  readonly inputs: readonly VaryValue[];
  /** one value per --metric, in order */
  readonly values: readonly MetricNumber[];
}

/** Run every combination of the values. */
export function sweep(ev: Evaluator, specs: readonly VarySpec[]): SweepRow[] {
  const [first, second] = specs as [VarySpec, VarySpec | undefined];
  const combos = second ? first.values.flatMap((a) => second.values.map((b) => [a, b])) : first.values.map((a) => [a]);
  return combos.map((inputs) => ({ inputs, values: ev.evaluate(inputs.map((v, i) => ({ path: specs[i]!.path, node: v.node }))) }));
}
