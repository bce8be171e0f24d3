/**
 * `--by month|quarter|year`: period tables rolled up to a coarser period.
 * Flows (cash in, cash out, net) are summed; levels (cash, balances,
 * exposure, cumulative net cash) take the value at the end of the group.
 */
import { parsePeriod, stepLabel, STEPS, type Step } from '../scenario/periods.js';
import { sumCents, type Cents } from '../money/decimal.js';

export interface PeriodGroup {
  readonly label: string;
  /** indexes of the model periods in this group */
  readonly indexes: readonly number[];
}

const ORDER: Record<Step, number> = { month: 0, quarter: 1, year: 2 };

/** The coarser of two steps. */
export function coarser(a: Step, b: Step): Step {
  return ORDER[a] >= ORDER[b] ? a : b;
}

export function isStep(s: string): s is Step {
  return (STEPS as readonly string[]).includes(s);
}

/** Group the model's periods by `by`; an error message when `by` is finer than the step. */
export function groupPeriods(periods: readonly string[], step: Step, by: Step): PeriodGroup[] | string {
  if (ORDER[by] < ORDER[step]) return `--by ${by} is finer than the scenario's step (${step}); use --by ${STEPS.filter((s) => ORDER[s] >= ORDER[step]).join(' or ')}`;
  const groups: { label: string; indexes: number[] }[] = [];
  const w = by === 'month' ? 1 : by === 'quarter' ? 3 : 12;
  periods.forEach((p, i) => {
    const first = parsePeriod(p)!.first;
    const label = stepLabel(by, Math.floor(first / w) * w); // number-ok: month indexes
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.indexes.push(i);
    else groups.push({ label, indexes: [i] });
  });
  return groups;
}

/** A flow series summed over each group. */
export function sumBy(series: readonly Cents[], groups: readonly PeriodGroup[]): Cents[] {
  return groups.map((g) => sumCents(g.indexes.map((i) => series[i] as Cents)));
}

/** A level series at the end of each group. */
export function lastBy<T>(series: readonly T[], groups: readonly PeriodGroup[]): T[] {
  return groups.map((g) => series[g.indexes[g.indexes.length - 1] as number] as T);
}

/** A series rolled up to the groups. */
export function rollUp(series: readonly Cents[], aggregate: 'flow' | 'level', groups: readonly PeriodGroup[]): Cents[] {
  return aggregate === 'flow' ? sumBy(series, groups) : lastBy(series, groups);
}

/** The default roll-up for a table: the step, or years past 24 periods. */
export function defaultBy(count: number, step: Step): Step {
  return count > 24 ? 'year' : step;
}
