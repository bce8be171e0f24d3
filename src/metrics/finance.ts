/**
 * NPV and IRR (section 7) in exact decimals. Flows are whole cents at the end
 * of each period; period k is discounted by (1 + r)^(k / ppy).
 */
import { Dec, ONE, ZERO } from '../money/decimal.js';

/** NPV in dollars of per-period flows in cents, at annual rate r. */
export function npv(flows: readonly bigint[], rate: Dec, ppy: number): Dec {
  // v = Σ c_k x^k with x = (1 + r)^(−1/ppy), by Horner's rule from the last period
  const x = ppy === 1 ? ONE.div(ONE.plus(rate)) : ONE.plus(rate).pow(new Dec(-1).div(ppy));
  let acc = ZERO;
  for (let k = flows.length - 1; k >= 0; k--) acc = acc.plus((flows[k] as bigint).toString()).times(x);
  return acc.div(100);
}

export type IrrResult =
  | { readonly kind: 'rate'; readonly annual: Dec; readonly periodic: Dec }
  | { readonly kind: 'none'; readonly reason: 'no_sign_change' | 'multiple' | 'not_found' };

/** Sign changes in the non-zero flows (Descartes' bound on the number of rates). */
function signChanges(c: readonly bigint[]): number {
  let changes = 0;
  let last = 0n;
  for (const v of c) {
    if (v === 0n) continue;
    if (last !== 0n && (v < 0n) !== (last < 0n)) changes++;
    last = v;
  }
  return changes;
}

/**
 * Q(y) = Σ c_k y^(k−1) and Q'(y), where y = 1 / (1 + i). A root y > 0 of Q is
 * a periodic rate i = 1/y − 1 in (−100%, +∞).
 */
function evalQ(c: readonly Dec[], y: Dec): [Dec, Dec] {
  let q = ZERO;
  let dq = ZERO;
  for (let k = c.length - 1; k >= 0; k--) {
    dq = dq.times(y).plus(q);
    q = q.times(y).plus(c[k] as Dec);
  }
  return [q, dq];
}

/** Find the root of Q in [lo, hi] where Q changes sign: Newton, kept safe by bisection. */
function solve(c: readonly Dec[], lo: Dec, hi: Dec, qLo: Dec): Dec {
  let y = lo.plus(hi).div(2);
  const tol = new Dec('1e-36');
  for (let iter = 0; iter < 400; iter++) {
    const [q, dq] = evalQ(c, y);
    if (q.isZero()) return y;
    if (q.isNegative() === qLo.isNegative()) lo = y;
    else hi = y;
    let next = dq.isZero() ? undefined : y.minus(q.div(dq));
    if (next === undefined || next.lessThanOrEqualTo(lo) || next.greaterThanOrEqualTo(hi)) next = lo.plus(hi).div(2);
    if (next.minus(y).abs().lessThanOrEqualTo(tol.times(y))) return next;
    y = next;
  }
  return y;
}

/** IRR of per-period flows, annualized as (1 + i)^ppy − 1. */
export function irr(flows: readonly bigint[], ppy: number): IrrResult {
  let a = 0;
  let b = flows.length;
  while (a < b && flows[a] === 0n) a++;
  while (b > a && flows[b - 1] === 0n) b--;
  const trimmed = flows.slice(a, b);
  const changes = signChanges(trimmed);
  if (changes === 0) return { kind: 'none', reason: 'no_sign_change' };
  const c = trimmed.map((v) => new Dec(v.toString()));
  const toResult = (y: Dec): IrrResult => {
    const periodic = ONE.div(y).minus(ONE);
    return { kind: 'rate', periodic, annual: ONE.div(y).pow(ppy).minus(ONE) };
  };
  if (changes === 1) {
    // exactly one positive root: bracket it between 0 and a y where Q has the last flow's sign
    const q0 = c[0] as Dec;
    let hi = ONE;
    let [qHi] = evalQ(c, hi);
    for (let i = 0; i < 200 && qHi.isNegative() === q0.isNegative() && !qHi.isZero(); i++) {
      hi = hi.times(2);
      [qHi] = evalQ(c, hi);
    }
    if (qHi.isZero()) return toResult(hi);
    if (qHi.isNegative() === q0.isNegative()) return { kind: 'none', reason: 'not_found' };
    return toResult(solve(c, ZERO, hi, q0));
  }
  // several sign changes: look for every bracketed root over a wide range of rates
  const grid = scanGrid();
  const roots: Dec[] = [];
  let prevY = grid[0] as Dec;
  let [prevQ] = evalQ(c, prevY);
  for (let g = 1; g < grid.length; g++) {
    const y = grid[g] as Dec;
    const [q] = evalQ(c, y);
    if (q.isZero()) roots.push(y);
    else if (!prevQ.isZero() && q.isNegative() !== prevQ.isNegative()) roots.push(solve(c, prevY, y, prevQ));
    prevY = y;
    prevQ = q;
    if (roots.length > 1) return { kind: 'none', reason: 'multiple' };
  }
  return roots.length === 1 ? toResult(roots[0] as Dec) : { kind: 'none', reason: 'not_found' };
}

let gridCache: Dec[] | undefined;
/** y = 1/(1+i) for periodic rates from about −99.99% to +10^6%, denser near zero. */
function scanGrid(): Dec[] {
  if (gridCache) return gridCache;
  const ys: Dec[] = [];
  // i from -0.9999 upward: y from 10^4 down to 10^-4, geometric steps of 5% (about 380 points)
  let y = new Dec(10000);
  const step = new Dec('1.05');
  const stop = new Dec('0.0001');
  while (y.greaterThan(stop)) {
    ys.push(y);
    y = y.div(step);
  }
  gridCache = ys.reverse();
  return gridCache;
}
