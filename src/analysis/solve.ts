/**
 * Goal seek: the value of one input, between LO and HI, that brings a metric
 * to a target. A bracketing method in exact decimals: false position with the
 * Illinois correction, every third step a bisection, so that the bracket
 * always shrinks even where the metric moves in whole cents.
 */
import { Dec } from '../money/decimal.js';
import { SolveError } from '../errors.js';
import { decimalNode, type Evaluator } from './evaluate.js';
import type { Address } from './address.js';
import type { Loc } from '../scenario/problems.js';
import type { TNode } from '../scenario/tree.js';

export interface SolveResult {
  readonly value: Dec;
  readonly reached: Dec;
  readonly iterations: number;
  readonly converged: boolean;
}


/** How close counts as reached: half a cent for money, 5e-7 for ratios and GW. */
function tolerance(kind: Address['kind']): Dec {
  return kind === 'money' ? new Dec('0.005') : new Dec('5e-7');
}

/** `ends` are LO and HI as written: the first two runs use them, so that the field's decoder checks their unit. */
export function solve(ev: Evaluator, path: string, lo: Dec, hi: Dec, loc: Loc, metric: Address, target: Dec, show: (d: Dec) => string, ends: { lo?: TNode; hi?: TNode } = {}, maxIterations = 200): SolveResult {
  if (metric.kind === 'period') throw new SolveError(`solve needs a metric with a numeric value; ${metric.text} is a period`);
  if (!lo.lessThan(hi)) throw new SolveError(`--between needs LO below HI; got ${show(lo)} and ${show(hi)}`);
  let evaluations = 0;
  const f = (x: Dec, written?: TNode): Dec => {
    evaluations++;
    const [v] = ev.evaluate([{ path, node: written ?? decimalNode(x, loc) }]);
    if (!v || v.value === null) throw new SolveError(`${metric.text} is empty when ${path} = ${show(x)}; solve needs a value everywhere between LO and HI`);
    return v.value.minus(target);
  };
  const tol = tolerance(metric.kind);
  let fLo = f(lo, ends.lo);
  let fHi = f(hi, ends.hi);
  if (fLo.abs().lessThanOrEqualTo(tol)) return { value: lo, reached: fLo.plus(target), iterations: evaluations, converged: true };
  if (fHi.abs().lessThanOrEqualTo(tol)) return { value: hi, reached: fHi.plus(target), iterations: evaluations, converged: true };
  if (fLo.isNegative() === fHi.isNegative()) {
    // at the precision the metric prints: money to the cent, others to six places (an NPV has forty digits)
    const places = metric.kind === 'money' ? 2 : 6;
    const at = (v: Dec): string => v.toDecimalPlaces(places, Dec.ROUND_HALF_EVEN).toFixed();
    throw new SolveError(
      `the target is not bracketed: ${metric.text} is ${at(fLo.plus(target))} at ${path} = ${show(lo)} and ${at(fHi.plus(target))} at ${show(hi)}, ` +
        `both on the same side of ${at(target)}; widen --between or check the target`,
    );
  }
  let side = 0;
  let x = lo;
  let fx = fLo;
  const width = new Dec('1e-20').times(Dec.max(lo.abs(), hi.abs(), 1));
  for (let i = 0; i < maxIterations; i++) {
    x = i % 3 === 2 ? lo.plus(hi).div(2) : lo.minus(fLo.times(hi.minus(lo)).div(fHi.minus(fLo)));
    if (!x.greaterThan(lo) || !x.lessThan(hi)) x = lo.plus(hi).div(2);
    fx = f(x);
    if (fx.abs().lessThanOrEqualTo(tol)) return { value: x, reached: fx.plus(target), iterations: evaluations, converged: true };
    if (fx.isNegative() === fLo.isNegative()) {
      lo = x;
      fLo = fx;
      if (side === -1) fHi = fHi.div(2);
      side = -1;
    } else {
      hi = x;
      fHi = fx;
      if (side === 1) fLo = fLo.div(2);
      side = 1;
    }
    if (hi.minus(lo).lessThanOrEqualTo(width)) break;
  }
  return { value: x, reached: fx.plus(target), iterations: evaluations, converged: false };
}
