/**
 * A run's numbers in 64-bit integers, so that simulate can keep millions of
 * them in typed arrays rather than as strings and objects:
 *
 * - money: whole cents (the ledger's unit), rounded half-even when a metric
 *   has sub-cent digits (NPV, loss given default, a stake's value);
 * - ratios, quantities and drawn inputs: a decimal key, m × 10^q with a
 *   15-digit m, packed so that keys sort as the numbers do (see decKey).
 *
 * EMPTY marks an empty metric in both. Pure: no I/O.
 */
import { Dec, formatCents, formatScaled, roundDiv, toCents } from '../money/decimal.js';

/** An empty metric (no NPV rate, no IRR...): the one value neither form uses. */
export const EMPTY = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

/** Money as whole cents, half-even; undefined beyond ±92 quadrillion dollars (it does not fit). */
export function centsKey(d: Dec): bigint | undefined {
  const c = toCents(d);
  return c > MAX || c < -MAX ? undefined : c;
}

/** Significant digits a key keeps: a draw has 15 (distributions.ts), so drawn inputs are exact. */
const DIGITS = 15;
const M = 10n ** BigInt(DIGITS);
/** q + BIAS is the key's top part, 0..9222: the largest that keeps (top + 1)·10^15 below 2^63. */
const BIAS = 4600;
const TOP = 9222;

/**
 * A decimal as a sortable integer: (q + 4600)·10^15 + m for d = m·10^q with
 * 10^14 ≤ m < 10^15, negated for d < 0, 0 for zero. Keys compare as the numbers
 * do, so a BigInt64Array of them sorts natively. The digits past the 15th
 * are cut off, and if any was not zero the last kept digit is made non-zero
 * (from 0 to 1): then rounding the key's value half-even to any place two
 * or more above its last digit gives what rounding d gives (a cut-off tail
 * can no longer pass for an exact half, 5 then zeros). A ratio below 10^7 in
 * size thus prints its six places exactly as before. Undefined beyond about
 * 10^±4600.
 */
export function decKey(d: Dec): bigint | undefined {
  if (d.isZero()) return 0n;
  // decimal.js holds a value as words of 7 digits (`d`, the first without leading zeros) and the exponent of
  // its first digit (`e`), documented properties: the digits are read from there, far faster than by formatting
  const { d: words, e: exp } = d as unknown as { d: readonly number[]; e: number };
  let digits = String(words[0]);
  let i = 1;
  for (; i < words.length && digits.length <= DIGITS; i++) digits += String(words[i]).padStart(7, '0');
  let inexact = /[1-9]/.test(digits.slice(DIGITS));
  for (; i < words.length && !inexact; i++) inexact = words[i] !== 0;
  let m = BigInt(digits.length >= DIGITS ? digits.slice(0, DIGITS) : digits.padEnd(DIGITS, '0'));
  if (inexact && m % 10n === 0n) m += 1n;
  const top = exp - (DIGITS - 1) + BIAS;
  if (top < 0 || top > TOP) return undefined;
  const key = BigInt(top) * M + m;
  return d.isNegative() ? -key : key;
}

/** The value a key holds, exactly. */
export function decOfKey(key: bigint): Dec {
  if (key === 0n) return new Dec(0);
  const a = key < 0n ? -key : key;
  const q = Number(a / M) - BIAS; // number-ok: a decimal exponent
  return new Dec(`${key < 0n ? '-' : ''}${(a % M).toString()}e${q}`);
}

/** Key parts for exact sums: key = m·10^q. */
export function keyParts(key: bigint): { m: bigint; q: number } {
  if (key === 0n) return { m: 0n, q: 0 };
  const a = key < 0n ? -key : key;
  const m = a % M;
  return { m: key < 0n ? -m : m, q: Number(a / M) - BIAS }; // number-ok: a decimal exponent
}

/** A key's value × 10^places, rounded half-even to an integer: for printing without a decimal.js round trip. */
function keyScaled(key: bigint, places: number): bigint {
  const { m, q } = keyParts(key);
  const shift = q + places;
  return shift >= 0 ? m * 10n ** BigInt(shift) : roundDiv(m, 10n ** BigInt(-shift));
}

/** A key's value as plain text, as decimal.js's toFixed() prints it: no exponent, no trailing zeros. */
export function keyPlain(key: bigint): string {
  if (key === 0n) return '0';
  let { m, q } = keyParts(key);
  const neg = m < 0n;
  if (neg) m = -m;
  while (m % 10n === 0n) {
    m /= 10n;
    q++;
  }
  let digits = m.toString();
  if (q >= 0) digits += '0'.repeat(q);
  else {
    digits = digits.padStart(-q + 1, '0');
    digits = `${digits.slice(0, q)}.${digits.slice(q)}`;
  }
  return neg ? `-${digits}` : digits;
}

/** Printing a key's value as formatMoney, formatRatio and formatQuantity print it (the per-run CSV prints millions). */
export const keyMoney = (key: bigint): string => formatCents(keyScaled(key, 2));
export const keyRatio = (key: bigint): string => formatScaled(keyScaled(key, 6), 6);
export const keyQuantity = (key: bigint): string => formatScaled(keyScaled(key, 6), 6).replace(/\.?0+$/, '');
