/** Summary statistics in exact decimals: the mean and percentiles of a sample. */
import { Dec } from '../money/decimal.js';

/**
 * Percentile p (0..1) of a sorted sample by linear interpolation between
 * closest ranks (a spreadsheet's PERCENTILE.INC): h = (n − 1)·p.
 */
export function percentile(sorted: readonly Dec[], p: Dec): Dec | undefined {
  return percentileAt(sorted.length, p, (i) => sorted[i] as Dec);
}

/** percentile() of n sorted values read by index (from compact storage, say): only the two it needs are read. */
export function percentileAt(n: number, p: Dec, at: (i: number) => Dec): Dec | undefined {
  if (n === 0) return undefined;
  const h = p.times(n - 1);
  const lo = h.floor();
  const i = Number(lo.toString()); // number-ok: an index
  const frac = h.minus(lo);
  const a = at(i);
  const b = at(Math.min(i + 1, n - 1));
  return a.plus(b.minus(a).times(frac));
}

/** Percentile of ordinal values (period indexes, with +∞ for "never") by nearest rank: the ⌈p·n⌉-th smallest. */
export function rankPercentile(sorted: readonly number[], p: Dec): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  return sorted[nearestRank(n, p) - 1];
}

/** The nearest rank ⌈p·n⌉ (at least 1) of n > 0 values. */
export function nearestRank(n: number, p: Dec): number {
  return Math.max(1, Number(p.times(n).ceil().toString())); // number-ok: a rank
}

export function sortDecimals(xs: Dec[]): Dec[] {
  return xs.sort((a, b) => a.comparedTo(b));
}
