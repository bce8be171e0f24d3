/**
 * How typed values are printed: in tables (compact money with units,
 * percentages, period labels) and in JSON and CSV (plain: money with two
 * places, ratios with six, quantities trimmed). Exact arithmetic throughout,
 * never a JavaScript number.
 */
import { cents, Dec, formatCents, formatMoney, formatQuantity, formatRatio, formatScaled, ratioOf, ratioOfPlain, roundDiv, toCents, type Cents, type Ratio } from '../money/decimal.js';
import { csvDecimal, csvText, type CsvValue } from './csv.js';
import type { Cell, Line } from './report.js';

const EMPTY = '—';

// each unit with its power of ten
const UNITS: readonly (readonly [string, bigint])[] = [['T', 10n ** 12n], ['B', 10n ** 9n], ['M', 10n ** 6n], ['K', 1000n]];

/**
 * `$12.35B`, `-$480.00M`, `$950.00`: two decimals (half-even) of the largest
 * unit that fits, in integer arithmetic on the exact value.
 */
function compact({ num, den }: Ratio): string {
  const sign = num < 0n ? '-' : '';
  const abs = num < 0n ? -num : num;
  for (const [k, [unit, power]] of UNITS.entries()) {
    if (abs < power * den) continue;
    const hundredths = roundDiv(abs * 100n, power * den);
    // 999.995M rounds to 1000.00M: show it in the next unit up instead
    const up = UNITS[k - 1];
    if (hundredths >= 100_000n && up) return `${sign}$${formatScaled(roundDiv(abs * 100n, up[1] * den), 2)}${up[0]}`;
    return `${sign}$${formatScaled(hundredths, 2)}${unit}`;
  }
  const cents = roundDiv(abs * 100n, den);
  if (cents >= 100_000n) return `${sign}$1.00K`;
  return `${sign}$${formatScaled(cents, 2)}`;
}

/** `21.43%`: a ratio as a percentage with two places, half-even. */
function percentOf({ num, den }: Ratio): string {
  return `${formatScaled(roundDiv(num * 10_000n, den), 2)}%`;
}

/** `-$1,234,567.89`: plain money text with every cent and thousands separators. */
export function exactMoney(plain: string): string {
  const neg = plain.startsWith('-');
  const body = neg ? plain.slice(1) : plain;
  const [whole = '0', frac = '00'] = body.split('.');
  return `${neg ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

// The display rules on the plain text of the JSON result, as the tests state them.
/** `compactMoney("12345678901.23")` is `$12.35B`. */
export const compactMoney = (plain: string): string => compact(ratioOfPlain(plain));
/** `percent("0.214286")` is `21.43%`. */
export const percent = (plain: string): string => percentOf(ratioOfPlain(plain));

// Values as every format prints them; tables round further from these, so that all formats agree.
/** Money to the cent: exact money rounded half-even. */
export const centsOf = (v: Cents | Dec): Cents => (typeof v === 'bigint' ? v : cents(toCents(v)));
/** A ratio or a quantity to six places, half-even. */
export const sixPlaces = (d: Dec): Dec => d.toDecimalPlaces(6, Dec.ROUND_HALF_EVEN);

/** One cell as a table shows it. */
export function cellText(c: Cell, exact: boolean): string {
  switch (c.kind) {
    case 'text':
      return c.value ?? EMPTY;
    case 'money': {
      if (c.value === null) return EMPTY;
      const cents = centsOf(c.value);
      return exact ? exactMoney(formatCents(cents)) : compact({ num: cents, den: 100n });
    }
    case 'ratio':
      return c.value === null ? EMPTY : percentOf(ratioOf(sixPlaces(c.value)));
    case 'quantity':
      return c.value === null ? EMPTY : formatQuantity(c.value);
    case 'period':
      return c.value === null ? EMPTY : (c.labels[c.value] ?? EMPTY);
  }
}

/** Whether a table marks the cell as negative (red). */
export function isNegative(c: Cell): boolean {
  if (c.kind === 'money') return c.value !== null && centsOf(c.value) < 0n;
  if (c.kind === 'ratio') return c.value !== null && sixPlaces(c.value).lessThan(0);
  return false;
}

/** One cell as JSON and CSV hold it: money with two places, ratios with six, GW trimmed, periods by label. */
export function plain(c: Cell): string | null {
  switch (c.kind) {
    case 'text':
      return c.value;
    case 'money':
      return c.value === null ? null : typeof c.value === 'bigint' ? formatCents(c.value) : formatMoney(c.value);
    case 'ratio':
      return c.value === null ? null : formatRatio(c.value);
    case 'quantity':
      return c.value === null ? null : formatQuantity(c.value);
    case 'period':
      return c.value === null ? null : (c.labels[c.value] ?? null);
  }
}

/** One cell as a CSV field: numbers plain, text and periods as text. */
export function csvCell(c: Cell): CsvValue {
  const s = plain(c);
  if (s === null) return null;
  return c.kind === 'text' || c.kind === 'period' ? csvText(s) : csvDecimal(s);
}

/** A heading line as text, its values printed as a table prints them. */
export function lineText(l: Line, exact: boolean): string {
  return typeof l === 'string' ? l : l.map((p) => (typeof p === 'string' ? p : cellText(p, exact))).join('');
}
