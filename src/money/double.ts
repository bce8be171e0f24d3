/**
 * Values as a spreadsheet cell holds them: IEEE-754 doubles. This is the one
 * place where a JavaScript number holds money, and only on its way out to an
 * xlsx file (money/decimal.ts still does every computation).
 *
 * A double gives back every decimal of at most 15 significant digits (the
 * double nearest it, printed to 15 digits, is that decimal), and a
 * spreadsheet shows at most 15. So an amount below $10 trillion (10^15 cents:
 * 13 digits of dollars and 2 of cents) becomes the double nearest its exact
 * decimal, and any spreadsheet shows it to the cent; a larger one is not
 * written as a number at all (the caller writes it as text).
 */
import { formatCents, formatQuantity, formatRatio, type Cents, type Dec } from './decimal.js';

/** 10^15 cents ($10 trillion): every amount below it has at most 15 significant digits. */
export const DOUBLE_CENTS_LIMIT = 10n ** 15n;

/** `-0.00` is zero. */
const fixed2 = (n: number): string => {
  const s = n.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
};

/**
 * The double nearest an amount, or undefined when a spreadsheet could not
 * hold and show it to the cent (at or beyond DOUBLE_CENTS_LIMIT). The round
 * trip is checked too (toFixed works on the double's exact value), so that a
 * change here cannot lose a cent unseen.
 */
export function centsAsDouble(c: Cents): number | undefined {
  if ((c < 0n ? -c : c) >= DOUBLE_CENTS_LIMIT) return undefined;
  const exact = formatCents(c);
  const n = Number(exact); // number-ok: xlsx cells are doubles
  return fixed2(n) === exact ? n : undefined;
}

/**
 * Whether a spreadsheet that adds these cells one by one, left to right, in
 * doubles (the least careful way; LibreOffice compensates its sums) gets the
 * exact `total` to the cent. False when a cell is not a number.
 */
export function doubleSumIsExact(cells: readonly Cents[], total: Cents): boolean {
  let sum = 0; // number-ok: what a spreadsheet computes from the cells, only to check it
  for (const c of cells) {
    const d = centsAsDouble(c);
    if (d === undefined) return false;
    sum += d;
  }
  return fixed2(sum) === formatCents(total);
}

/** A ratio as a cell holds it: rounded half-even to six places (as JSON prints it), then the nearest double. */
export function ratioAsDouble(d: Dec): number {
  return Number(formatRatio(d)); // number-ok: a ratio of six places, not money
}

/** A quantity (GW) as a cell holds it: rounded half-even to six places, then the nearest double. */
export function quantityAsDouble(d: Dec): number {
  return Number(formatQuantity(d)); // number-ok: GW to six places, not money
}
