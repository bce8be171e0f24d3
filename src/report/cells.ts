/**
 * How values look in tables: compact money with units, percentages, periods.
 * Values arrive as the plain strings of the JSON result and are formatted
 * with exact decimals (never through a JavaScript number).
 */
import { Dec } from '../money/decimal.js';
import type { ValueKind } from './catalog.js';

export const EMPTY = '—';

const UNITS: readonly (readonly [string, number])[] = [['T', 12], ['B', 9], ['M', 6], ['K', 3]];

/** `$12.35B`, `-$480.00M`, `$950.00`: two decimals of the largest unit that fits. */
export function compactMoney(plain: string): string {
  const d = new Dec(plain);
  const sign = d.isNegative() && !d.isZero() ? '-' : '';
  const abs = d.abs();
  for (const [k, [unit, exp]] of UNITS.entries()) {
    const power = new Dec(10).pow(exp);
    if (abs.lessThan(power)) continue;
    const scaled = abs.div(power).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
    // 999.995M rounds to 1000.00M: show it in the next unit up instead
    const up = UNITS[k - 1];
    if (scaled.greaterThanOrEqualTo(1000) && up) return `${sign}$${abs.div(new Dec(10).pow(up[1])).toFixed(2, Dec.ROUND_HALF_EVEN)}${up[0]}`;
    return `${sign}$${scaled.toFixed(2)}${unit}`;
  }
  if (abs.toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).greaterThanOrEqualTo(1000)) return `${sign}$1.00K`;
  return `${sign}$${abs.toFixed(2, Dec.ROUND_HALF_EVEN)}`;
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
  return `${new Dec(plain).times(100).toFixed(2, Dec.ROUND_HALF_EVEN)}%`;
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
