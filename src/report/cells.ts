/**
 * How values look in tables: compact money with units, percentages, periods.
 * Values arrive as the plain strings of the JSON result and are formatted
 * with exact decimals (never through a JavaScript number).
 */
import { formatScaled, ratioOfPlain, roundDiv } from '../money/decimal.js';
import type { ValueKind } from './catalog.js';

export const EMPTY = '—';

// each unit with its power of ten
const UNITS: readonly (readonly [string, bigint])[] = [['T', 10n ** 12n], ['B', 10n ** 9n], ['M', 10n ** 6n], ['K', 1000n]];

/**
 * `$12.35B`, `-$480.00M`, `$950.00`: two decimals (half-even) of the largest
 * unit that fits, in integer arithmetic on the exact value.
 */
export function compactMoney(plain: string): string {
  const { num, den } = ratioOfPlain(plain);
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

/** `-$1,234,567.89`: every cent, with thousands separators. */
export function exactMoney(plain: string): string {
  const neg = plain.startsWith('-');
  const body = neg ? plain.slice(1) : plain;
  const [whole = '0', frac = '00'] = body.split('.');
  return `${neg ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** `21.43%` from a ratio string such as "0.214286". */
export function percent(plain: string): string {
  const { num, den } = ratioOfPlain(plain);
  return `${formatScaled(roundDiv(num * 10_000n, den), 2)}%`;
}

/** One value as a table shows it. */
export function cellText(kind: ValueKind, value: string | null, exact: boolean): string {
  if (value === null) return EMPTY;
  if (kind === 'money') return exact ? exactMoney(value) : compactMoney(value);
  if (kind === 'ratio') return percent(value);
  return value;
}

export function isNegative(kind: ValueKind, value: string | null): boolean {
  return (kind === 'money' || kind === 'ratio') && value !== null && value.startsWith('-');
}
