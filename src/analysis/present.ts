/** Metric values of the analysis commands as the plain strings of the JSON result. */
import { formatMoney, formatQuantity, formatRatio } from '../money/decimal.js';
import type { MetricNumber } from './address.js';

export function plainValue(m: MetricNumber, labels: readonly string[]): string | null {
  if (m.kind === 'period') return m.period === null ? null : (labels[m.period] ?? null);
  if (m.value === null) return null;
  return m.kind === 'money' ? formatMoney(m.value) : m.kind === 'ratio' ? formatRatio(m.value) : formatQuantity(m.value);
}
