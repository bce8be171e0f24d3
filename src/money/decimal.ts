/**
 * The one place that decides how money and rates are represented.
 *
 * Money in the ledger is a whole number of cents held in a `bigint`; rates,
 * shares and quantities are exact decimals (`Dec`, decimal.js at 40 significant
 * digits). Rates used inside the cash-flow loop are turned into exact fractions
 * (`Ratio`) so that `cents × rate` stays in integer arithmetic. Every rounding
 * to cents goes through `roundDiv` (half-even), so the rule lives in one place.
 */
import DecimalDefault from 'decimal.js';
import type { Decimal as DecimalClass } from 'decimal.js';

// decimal.js ships ESM whose default export is the class, with CommonJS-style types.
const DecimalJs = DecimalDefault as unknown as typeof DecimalClass;

/** decimal.js configured for money: 40 significant digits, banker's rounding. */
export const Dec = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** An exact non-negative or negative fraction num/den with den > 0. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** Integer division of a by b (b > 0 or < 0) rounded half to even. */
export function roundDiv(a: bigint, b: bigint): bigint {
  if (a >= 0n && b > 0n) {
    // the common case (amounts, rates and counts are positive), in fewer steps: the remainder r against what
    // is left to the next multiple, b − r (below: down; above: up; equal, a half: to the even neighbour)
    const q = a / b;
    const r = a % b;
    const up = b - r;
    return r < up ? q : r > up || (q & 1n) === 1n ? q + 1n : q;
  }
  if (b < 0n) {
    a = -a;
    b = -b;
  }
  const q = a / b; // truncates toward zero
  const r = a - q * b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < b) return q;
  const away = r < 0n ? q - 1n : q + 1n;
  if (twice > b) return away;
  return q % 2n === 0n ? q : away; // exactly half: to the even neighbour
}

/**
 * A decimal as an exact fraction: the one it was made from (a simulation's
 * draw, see decimalOfRatio), else worked out from its digits once and
 * remembered for the decimal (decimals are never changed): an analysis
 * compiles the same decoded decimals in every run.
 */
export function ratioOf(d: Dec): Ratio {
  const made = (d as Exact)[EXACT];
  if (made !== undefined) return made;
  let r = KNOWN.get(d);
  if (r === undefined) KNOWN.set(d, (r = ratioOfPlain(d.toFixed())));
  return r;
}

/**
 * The fraction a draw was made from, a property given when the decimal is
 * made, never later: a property added to a decimal already in use would give
 * it a new hidden class and throw away the optimized code that had met it.
 * The fractions worked out later are kept beside their decimals instead.
 */
const EXACT = Symbol('exact fraction');
type Exact = Dec & { [EXACT]?: Ratio };
const KNOWN = new WeakMap<Dec, Ratio>();

/**
 * The decimal num / 10^places made from a fraction already at hand (a
 * simulation's draw), which keeps it: ratioOf then need not write the
 * decimal out and read it back.
 */
export function decimalOfRatio(num: bigint, places: number): Dec {
  const d = scaledDec(num, places) as Exact;
  d[EXACT] = { num, den: pow10(places) };
  return d;
}

/** A plain decimal text ("-12.345", "7"), as the JSON results hold, as an exact fraction. */
export function ratioOfPlain(s: string): Ratio {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const places = dot < 0 ? 0 : body.length - dot - 1;
  const num = BigInt(digits);
  return { num: neg ? -num : num, den: 10n ** BigInt(places) };
}

/** decimal.js keeps a value's digits in words of 7 (base 10^7). */
const LOG_BASE = 7;

/**
 * n / 10^places as a Dec, exactly, made from the integer's digits without
 * decimal.js's parser (its pattern check and exponent handling): a fresh Dec
 * whose sign, exponent and base-10^7 words are set as that parser sets them
 * (its documented representation: `s`, `e` and `d`, the first word holding
 * the digits down to a 7-digit boundary, the last padded with zeros, no
 * trailing zeros). Like the parser, it keeps every digit of n, without
 * rounding to Dec's precision. test/values.test.ts holds the result equal to
 * `new Dec(text)`, word for word.
 */
export function scaledDec(n: bigint, places: number): Dec {
  if (n === 0n) return new Dec(0);
  const neg = n < 0n;
  let str = (neg ? -n : n).toString();
  let end = str.length;
  while (str.charCodeAt(end - 1) === 48) end--; // trailing zeros ('0') are not digits of the value
  places -= str.length - end;
  str = str.slice(0, end);
  const e = end - 1 - places; // the exponent of the first digit
  const first = (((e + 1) % LOG_BASE) + LOG_BASE) % LOG_BASE || LOG_BASE;
  const words: number[] = [];
  // number-ok (the words): seven decimal digits each, decimal.js's own representation
  words.push(+(first <= end ? str.slice(0, first) : str.padEnd(first, '0')));
  for (let i = first; i < end; i += LOG_BASE) words.push(+(i + LOG_BASE <= end ? str.slice(i, i + LOG_BASE) : str.slice(i).padEnd(LOG_BASE, '0')));
  const d = new Dec(0) as unknown as { s: number; e: number; d: number[] };
  d.s = neg ? -1 : 1;
  d.e = e;
  d.d = words;
  return d as unknown as Dec;
}

/** Significant digits of Dec (its precision above). */
const PRECISION = Dec.precision;

/**
 * num / den as Dec divides them, rounded half-even to 40 significant digits,
 * in integer arithmetic: what `new Dec(num).div(den)` gives, without making
 * two decimals to divide (a share or a multiple of two sums of cents).
 */
export function quotient(num: bigint, den: bigint): Dec {
  if (den === 0n) throw new RangeError('quotient: division by zero');
  if (num === 0n) return den < 0n ? new Dec(-0) : ZERO; // decimal.js gives 0 / −1 as −0
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  // q = a × 10^k / b with 40 digits before rounding: k from the digit counts, then corrected by one
  let k = PRECISION - (a.toString().length - b.toString().length); // number-ok: digit counts
  let q = 0n;
  let r = 0n;
  let d = b;
  const at = (e: number): void => {
    if (e >= 0) {
      const x = a * pow10(e);
      q = x / b;
      r = x - q * b;
      d = b;
    } else {
      d = b * pow10(-e);
      q = a / d;
      r = a - q * d;
    }
  };
  at(k);
  if (q >= TOP) at(--k);
  else if (q < LOW) at(++k);
  const twice = r * 2n;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n;
  return scaledDec(neg ? -q : q, k);
}

/** 10^k as a bigint (k ≥ 0), from a table up to 10^81. */
export const pow10 = (k: number): bigint => POW10[k] ?? 10n ** BigInt(k);
const POW10 = Array.from({ length: 2 * PRECISION + 2 }, (_, k) => 10n ** BigInt(k));
/** 40-digit quotients lie in [LOW, TOP) */
const TOP = 10n ** BigInt(PRECISION);
const LOW = 10n ** BigInt(PRECISION - 1);

/** Round a decimal amount of money to whole cents, half-even. */
export function toCents(d: Dec): bigint {
  const { num, den } = ratioOf(d);
  return roundDiv(num * 100n, den);
}

/** x × y in money (a quantity times a price, say), rounded half-even to cents from the exact product. */
export function mulRatiosToCents(x: Ratio, y: Ratio): bigint {
  return roundDiv(x.num * y.num * 100n, x.den * y.den);
}

/** The exact sum of two fractions whose denominators are powers of ten (as ratioOf gives). */
export function addDecimalRatios(a: Ratio, b: Ratio): Ratio {
  if (a.den === b.den) return { num: a.num + b.num, den: a.den };
  if (a.den > b.den) return { num: a.num + b.num * (a.den / b.den), den: a.den };
  return { num: a.num * (b.den / a.den) + b.num, den: b.den };
}

/** cents × ratio, rounded half-even to cents. */
export function mulRatio(cents: bigint, r: Ratio): bigint {
  return roundDiv(cents * r.num, r.den);
}

/**
 * num / den cents in dollars, exactly. When the denominator is a power of ten (a
 * decimal rate's), the decimal is written out rather than divided.
 */
export function centsFraction(num: bigint, den: bigint): Dec {
  const places = den.toString().length + 1; // den = 10^(places − 2); cents to dollars is two more
  if (10n ** BigInt(places - 2) !== den) return quotient(num, den * 100n);
  return scaledDec(num, places);
}

/** Amounts in cents, each cut so that their running total never passes `limit` (what is left, then nothing). */
export function capCents(amounts: readonly bigint[], limit: bigint): bigint[] {
  let total = 0n;
  const out: bigint[] = []; // pushed, not mapped: an array of one kind however this runs (see src/arrays.ts)
  for (const a of amounts) {
    const room = limit - total;
    const v = a < room ? a : room;
    total += v;
    out.push(v);
  }
  return out;
}

/** A decimal amount rounded half-even to whole cents, as a decimal (which keeps its fraction). */
export function toCentsDecimal(d: Dec): Dec {
  const c = toCents(d);
  return decimalOfRatio(c, 2);
}

/** cents as a decimal number of dollars. */
export function centsToDec(c: bigint): Dec {
  // exact below 10^40 cents; beyond, dividing rounds to Dec's 40 digits
  return c < TOP && c > -TOP ? scaledDec(c, 2) : new Dec(c.toString()).div(100);
}

/** Plain money text with exactly two places: "-14000000000.00". */
export function formatCents(c: bigint): string {
  return formatScaled(c, 2);
}

/** An integer count of 10^-places as plain text with exactly `places` decimals: (-1450n, 2) → "-14.50". */
export function formatScaled(n: bigint, places: number): string {
  const neg = n < 0n;
  const abs = (neg ? -n : n).toString().padStart(places + 1, '0');
  return `${neg ? '-' : ''}${abs.slice(0, abs.length - places)}${places > 0 ? `.${abs.slice(-places)}` : ''}`;
}

/** Money given as an exact decimal, rounded half-even to two places. */
export function formatMoney(d: Dec): string {
  return formatCents(toCents(d));
}

/** A ratio printed with exactly six places, half-even: "0.027397". */
export function formatRatio(d: Dec): string {
  const s = d.toFixed(6, Dec.ROUND_HALF_EVEN);
  return s === '-0.000000' ? '0.000000' : s;
}

/** A quantity (GW): trailing zeros removed, at most six places. */
export function formatQuantity(d: Dec): string {
  const s = d.toDecimalPlaces(6, Dec.ROUND_HALF_EVEN).toFixed();
  return s === '-0' ? '0' : s;
}

/**
 * Split `total` cents into `n` whole-cent parts that add up exactly: each part
 * gets trunc(total/n) and the first |remainder| parts one cent more (same sign).
 */
export function splitCents(total: bigint, n: number): bigint[] {
  const N = BigInt(n);
  const base = total / N;
  const rem = total - base * N;
  const extra = rem < 0n ? -1n : 1n;
  const count = Number(rem < 0n ? -rem : rem); // number-ok: a count below n, not money
  const parts = new Array<bigint>(n);
  for (let i = 0; i < n; i++) parts[i] = i < count ? base + extra : base;
  return parts;
}

declare const centsBrand: unique symbol;
/**
 * Money as a whole number of cents. The brand keeps a count of cents apart
 * from other integers (indexes, scaled ratios): a bigint becomes Cents only
 * through `cents()` or the operations below.
 */
export type Cents = bigint & { readonly [centsBrand]: true };

/** A bigint known to count cents. */
export const cents = (n: bigint): Cents => n as Cents;
const NO_CENTS = 0n as Cents;
const addCents = (a: Cents, b: Cents): Cents => (a + b) as Cents;
export const subCents = (a: Cents, b: Cents): Cents => (a - b) as Cents;
export const sumCents = (xs: readonly Cents[]): Cents => xs.reduce(addCents, NO_CENTS);
