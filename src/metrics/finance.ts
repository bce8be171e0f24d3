/**
 * NPV and IRR (section 7) in exact decimals. Flows are whole cents at the end
 * of each period; period k is discounted by (1 + r)^(k / ppy).
 */
import { Dec, ONE, quotient, scaledDec } from '../money/decimal.js';

/**
 * Discount factors already worked out, by rate and periods per year: an
 * analysis evaluates thousands of runs at a handful of rates. The evaluator
 * owns one and passes it in; without one, each call works its factors out.
 */
export class FinanceCache {
  /** by rate (the same decimal object, run after run), then by periods per year */
  readonly byRate = new WeakMap<Dec, Map<number, bigint>>();
  /** by the rate's value, for equal rates held by different objects */
  readonly discounts = new Map<string, bigint>();
}

// NPV by Horner's rule in binary fixed point: values are integers scaled by 2^NF.
const NF = 128n;
const HALF = 1n << (NF - 1n); // added before a shift, so that it rounds rather than floors

/** NPV in dollars of per-period flows in cents, at annual rate r. */
export function npv(flows: readonly bigint[], rate: Dec, ppy: number, cache?: FinanceCache): Dec {
  // v = Σ c_k x^k with x = (1 + r)^(−1/ppy), by Horner's rule from the last period
  const X = fixedDiscount(rate, ppy, cache);
  let acc = 0n;
  for (let k = flows.length - 1; k >= 0; k--) acc = ((acc + ((flows[k] as bigint) << NF)) * X + HALF) >> NF;
  return fixedToDollars(acc);
}

const PLACES = 32;
const TEN_PLACES = 10n ** BigInt(PLACES);
/** A fixed-point count of cents as decimal dollars to 34 places (rounded), made from its digits rather than divided: cheaper than a 40-digit division. */
function fixedToDollars(acc: bigint): Dec {
  const neg = acc < 0n;
  const scaled = ((neg ? -acc : acc) * TEN_PLACES + HALF) >> NF; // cents × 10^32, that is dollars × 10^34
  return scaledDec(neg ? -scaled : scaled, PLACES + 2);
}

/** (1 + r)^(−1/ppy) × 2^NF, from the factor at 40 significant digits. */
function fixedDiscount(rate: Dec, ppy: number, cache?: FinanceCache): bigint {
  let byPpy = cache?.byRate.get(rate);
  const known = byPpy?.get(ppy);
  if (known !== undefined) return known;
  const key = `${rate.toString()}/${ppy}`;
  let X = cache?.discounts.get(key);
  if (X === undefined) {
    X = BigInt(periodDiscount(rate, ppy).times(new Dec((1n << NF).toString())).toFixed(0));
    if (cache) {
      if (cache.discounts.size >= 4096) cache.discounts.clear();
      cache.discounts.set(key, X);
    }
  }
  if (cache) {
    if (!byPpy) cache.byRate.set(rate, (byPpy = new Map()));
    byPpy.set(ppy, X);
  }
  return X;
}

/** (1 + r)^(−1/ppy) to 40 significant digits. */
function periodDiscount(rate: Dec, ppy: number): Dec {
  const a = ONE.div(ONE.plus(rate));
  return ppy === 1 ? a : nthRoot(a, ppy);
}

/** The positive n-th root of a > 0 by Newton's method (quadratic convergence; n is small). */
function nthRoot(a: Dec, n: number): Dec {
  // Start at a power of ten above the root; from above, Newton's steps fall monotonically to it.
  const tenths = Math.ceil((a.e + 1) / n); // number-ok: a decimal exponent, not money
  let x = new Dec(10).pow(tenths);
  const tol = new Dec('1e-39');
  for (let i = 0; i < 200; i++) {
    const next = x.times(n - 1).plus(a.div(x.pow(n - 1))).div(n);
    if (next.minus(x).abs().lessThanOrEqualTo(tol.times(next))) return next;
    x = next;
  }
  return x;
}

export type IrrResult =
  | { readonly kind: 'rate'; readonly annual: Dec }
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

/*
 * IRR search in binary fixed point. With y = 1 / (1 + i), a rate solves
 * Q(y) = Σ c_k y^(k−1) = 0 for some y > 0. The search evaluates
 * g(y) = Q(y) / max(1, y)^(n−1), which has the same roots and sign, is
 * continuous, and stays bounded by Σ|c_k| (for y > 1 it is the reversed
 * polynomial in 1/y ≤ 1). Values are bigints scaled by 2^F: exact integer
 * arithmetic, about 58 significant decimal digits for y, and much faster than
 * decimal.js for the dozens of evaluations a root takes.
 */
const F = 192n;
const SCALE = 1n << F;

/** g(y) in fixed point, for Y = y × 2^F > 0 and C_k = c_k × 2^F. */
function g(C: readonly bigint[], Y: bigint): bigint {
  let q = 0n;
  if (Y <= SCALE) {
    for (let k = C.length - 1; k >= 0; k--) q = ((q * Y) >> F) + (C[k] as bigint);
  } else {
    const Z = (SCALE * SCALE) / Y; // 1/y
    for (let k = 0; k < C.length; k++) q = ((q * Z) >> F) + (C[k] as bigint);
  }
  return q;
}

const sign = (v: bigint): number => (v > 0n ? 1 : v < 0n ? -1 : 0);

/** The root of g in (lo, hi), where g(lo) and g(hi) have opposite signs: Illinois false position with bisection. */
function solve(C: readonly bigint[], lo: bigint, hi: bigint, gLo: bigint, gHi: bigint): bigint {
  let side = 0;
  // to 2^-140 of y (42 digits): beyond the 40 the result keeps, the last of 192 bits only cost steps
  const tol = (hi >> 140n) + 1n;
  for (let iter = 0; iter < 2000 && hi - lo > tol; iter++) {
    // every fourth step bisects, so that the bracket shrinks whatever the curve does
    let m = iter % 4 === 3 ? (lo + hi) >> 1n : lo + ((hi - lo) * gLo) / (gLo - gHi);
    if (m <= lo || m >= hi) m = (lo + hi) >> 1n;
    const gm = g(C, m);
    if (gm === 0n) return m;
    if (sign(gm) === sign(gLo)) {
      lo = m;
      gLo = gm;
      if (side === -1) gHi /= 2n;
      side = -1;
    } else {
      hi = m;
      gHi = gm;
      if (side === 1) gLo /= 2n;
      side = 1;
    }
  }
  return (lo + hi) >> 1n;
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
  const C = trimmed.map((v) => v << F);
  const toResult = (Y: bigint): IrrResult => ({ kind: 'rate', annual: annualRate(Y, ppy) });
  if (changes === 1) {
    // exactly one positive root (Descartes): g(0+) has the first flow's sign, g(∞) the last's
    const g0 = C[0] as bigint;
    let hi = SCALE;
    let gHi = g(C, hi);
    for (let i = 0; i < 400 && gHi !== 0n && sign(gHi) === sign(g0); i++) {
      hi *= 2n;
      gHi = g(C, hi);
    }
    if (gHi === 0n) return toResult(hi);
    if (sign(gHi) === sign(g0)) return { kind: 'none', reason: 'not_found' };
    const lo = hi === SCALE ? 1n : hi / 2n; // g(lo) still has the first flow's sign
    return toResult(solve(C, lo, hi, g(C, lo), gHi));
  }
  // several sign changes: look for every bracketed root over a wide range of rates
  const grid = GRID;
  let root: bigint | undefined;
  let prevY = grid[0] as bigint;
  let prevG = g(C, prevY);
  for (let k = 1; k < grid.length; k++) {
    const Y = grid[k] as bigint;
    const gy = g(C, Y);
    let found: bigint | undefined;
    if (gy === 0n) found = Y;
    else if (prevG !== 0n && sign(gy) !== sign(prevG)) found = solve(C, prevY, Y, prevG, gy);
    if (found !== undefined) {
      if (root !== undefined) return { kind: 'none', reason: 'multiple' };
      root = found;
    }
    prevY = Y;
    prevG = gy;
  }
  return root !== undefined ? toResult(root) : { kind: 'none', reason: 'not_found' };
}

/**
 * The annual rate (1/y)^ppy − 1 for the root Y = y × 2^F, in the same fixed
 * point: 1/y and its power are worked out to 192 bits (each product rounded,
 * far below the 40 digits kept), and divided out to 40 significant digits,
 * half-even, once (the decimal steps it replaced rounded three times).
 */
function annualRate(Y: bigint, ppy: number): Dec {
  const Z = (SCALE * SCALE + (Y >> 1n)) / Y; // 1/y, rounded
  let A = SCALE;
  for (let i = 0; i < ppy; i++) A = (A * Z + FIXED_HALF) >> F;
  // (1/y)^ppy to 40 digits, then less one: a rate within 10^-39 of zero is zero, as the root allows no more
  return quotient(A, SCALE).minus(ONE);
}
const FIXED_HALF = 1n << (F - 1n);

/** y = 1/(1+i) in fixed point for periodic rates from about −99.99% to +10^6%, 5% apart in y: a constant, made at load. */
const GRID: readonly bigint[] = scanGrid();
function scanGrid(): bigint[] {
  const ys: bigint[] = [];
  // from y = 10^-4 (i ≈ +10^6 %) up to y = 10^4 (i ≈ −99.99%)
  let Y = SCALE / 10000n;
  const stop = SCALE * 10000n;
  while (Y < stop) {
    ys.push(Y);
    Y = (Y * 105n) / 100n;
  }
  return ys;
}
