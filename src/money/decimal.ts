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
    // the common case (amounts, rates and counts are positive), in fewer steps
    const q = a / b;
    const twice = (a - q * b) * 2n;
    return twice < b || (twice === b && q % 2n === 0n) ? q : q + 1n;
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

/** A decimal as an exact fraction (callers that meet the same decimal often remember the fraction: see CompileCache). */
export function ratioOf(d: Dec): Ratio {
  return (d as Exact)[EXACT] ?? ratioOfPlain(d.toFixed());
}

const EXACT = Symbol('exact fraction');
type Exact = Dec & { [EXACT]?: Ratio };

/**
 * A decimal made from a fraction already at hand (a simulation's draw), which
 * keeps it: ratioOf then need not write the decimal out and read it back.
 * `r` must be the decimal's exact value.
 */
export function decimalOfRatio(text: string, r: Ratio): Dec {
  const d = new Dec(text) as Exact;
  d[EXACT] = r;
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
  if (10n ** BigInt(places - 2) !== den) return new Dec(num.toString()).div(new Dec((den * 100n).toString()));
  return new Dec(formatScaled(num, places));
}

/** Amounts in cents, each cut so that their running total never passes `limit` (what is left, then nothing). */
export function capCents(amounts: readonly bigint[], limit: bigint): bigint[] {
  let total = 0n;
  return amounts.map((a) => {
    const room = limit - total;
    const v = a < room ? a : room;
    total += v;
    return v;
  });
}

/** A decimal amount rounded half-even to whole cents, as a decimal (which keeps its fraction). */
export function toCentsDecimal(d: Dec): Dec {
  const c = toCents(d);
  return decimalOfRatio(formatCents(c), { num: c, den: 100n });
}

/** cents as a decimal number of dollars. */
export function centsToDec(c: bigint): Dec {
  return new Dec(c.toString()).div(100);
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
