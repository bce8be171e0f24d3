/**
 * A histogram of one metric over simulate's runs: bins of one round width
 * (1, 2, 2.5 or 5 times a power of ten) with exact edges, and the runs in
 * each, counted on the sorted compact keys (no value is read as a number).
 * A period metric counts the runs per period instead, "never" last.
 */
import { centsToDec, Dec, toCents } from '../money/decimal.js';
import { decKey, decOfKey } from './compact.js';
import { NEVER } from './simulate.js';
import type { Address } from './address.js';

/** At most about this many bins (alignment to round edges may add one). */
const BINS = 20;

export type Histogram =
  /** edges[i] ≤ value < edges[i + 1] (the last bin includes its upper edge); money edges in dollars; one bin [v, v] when every run has v */
  | { readonly kind: 'money' | 'ratio' | 'quantity'; readonly edges: readonly Dec[]; readonly counts: readonly number[] }
  /** period indexes (NEVER: never) and the runs whose metric is that period */
  | { readonly kind: 'period'; readonly periods: readonly number[]; readonly counts: readonly number[] };

const MULTIPLES = ['1', '2', '2.5', '5', '10'] as const;

/** The smallest round step (1, 2, 2.5, 5 × 10^e) at or above `rough`, and at least `least`. */
export function roundStep(rough: Dec, least: Dec): Dec {
  if (rough.lessThanOrEqualTo(least)) return least;
  let p = new Dec(1);
  while (p.times(10).lessThanOrEqualTo(rough)) p = p.times(10);
  while (p.greaterThan(rough)) p = p.div(10);
  for (const m of MULTIPLES) {
    const s = p.times(m);
    if (s.greaterThanOrEqualTo(rough)) return s;
  }
  return p.times(10);
}

/** The index of the first key at or above `key` in sorted keys. */
function lowerBound(sorted: BigInt64Array, key: bigint): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as bigint) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The histogram of one column of RunSummary.distribution(); undefined when no run has a value. */
export function histogram(kind: Address['kind'], d: { readonly sorted: BigInt64Array } | { readonly counts: Uint32Array }): Histogram | undefined {
  if ('counts' in d) {
    const never = d.counts.length - 1;
    const hit = [...d.counts.keys()].filter((i) => i < never && (d.counts[i] as number) > 0);
    if (hit.length === 0 && d.counts[never] === 0) return undefined;
    // every period from the first to the last that a run reached, then never
    const periods: number[] = [];
    if (hit.length) for (let i = hit[0] as number; i <= (hit[hit.length - 1] as number); i++) periods.push(i);
    if ((d.counts[never] as number) > 0) periods.push(NEVER);
    return { kind: 'period', periods, counts: periods.map((p) => d.counts[p === NEVER ? never : p] as number) };
  }
  const { sorted } = d;
  const n = sorted.length;
  if (n === 0 || kind === 'period') return undefined;
  const money = kind === 'money';
  const value = (key: bigint): Dec => (money ? centsToDec(key) : decOfKey(key));
  const keyOf = (edge: Dec): bigint => (money ? toCents(edge) : (decKey(edge) as bigint));
  const [min, max] = [value(sorted[0] as bigint), value(sorted[n - 1] as bigint)];
  if (min.equals(max)) return { kind, edges: [min, max], counts: [n] };
  // money to the cent, ratios and GW to the sixth place: the precision they print with
  const step = roundStep(max.minus(min).div(BINS), new Dec(money ? '0.01' : '0.000001'));
  const lo = min.div(step).floor().times(step);
  const bins = Math.max(1, Number(max.minus(lo).div(step).ceil().toString())); // number-ok: a count of bins
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo.plus(step.times(i)));
  const at = edges.map((e, i) => (i === bins ? n : lowerBound(sorted, keyOf(e))));
  return { kind, edges, counts: at.slice(1).map((x, i) => x - (at[i] as number)) };
}
