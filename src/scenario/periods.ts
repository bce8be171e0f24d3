/**
 * Section 2 of the format: period labels, steps and the timeline.
 *
 * A period is a span of whole months. Months are counted from year 0 so that
 * comparisons are plain integer comparisons: month index = year × 12 + (m − 1).
 */

export type Step = 'month' | 'quarter' | 'year';
export const STEPS: readonly Step[] = ['month', 'quarter', 'year'];
const MAX_PERIODS = 1200;

/** A labelled span of months [first, first + months). */
export interface Period {
  readonly label: string;
  readonly first: number;
  readonly months: number;
}

/**
 * The years a label may name. Labels print as four digits and month indexes
 * start at year 0, so a year below 1000 cannot come back out the way it went
 * in; a scenario spans decades around now, so 1900 to 2200 is ample.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const LABEL = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** Parse `YYYY`, `YYYY-Hn`, `YYYY-Qn` or `YYYY-MM`; undefined if not a label. */
export function parsePeriod(text: string): Period | undefined {
  return parseLabel(text);
}

function parseLabel(text: string): Period | undefined {
  const m = LABEL.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]); // number-ok: a calendar year
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (m[2]) return { label: text, first: year * 12 + (Number(m[2]) - 1) * 6, months: 6 }; // number-ok: month indexes
  if (m[3]) return { label: text, first: year * 12 + (Number(m[3]) - 1) * 3, months: 3 }; // number-ok: month indexes
  if (m[4]) return { label: text, first: year * 12 + Number(m[4]) - 1, months: 1 }; // number-ok: month indexes
  return { label: text, first: year * 12, months: 12 };
}

export const PERIOD_HINT = `a period label: YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM, years ${MIN_YEAR} to ${MAX_YEAR} (e.g. 2026, 2026-H2, 2026-Q3, 2026-07)`;

function stepMonths(step: Step): number {
  return step === 'month' ? 1 : step === 'quarter' ? 3 : 12;
}

/** Label of the step-period that starts at month index `first`. */
export function stepLabel(step: Step, first: number): string {
  const year = Math.floor(first / 12); // number-ok: month indexes
  const m = first - year * 12;
  if (step === 'year') return String(year);
  if (step === 'quarter') return `${year}-Q${m / 3 + 1}`;
  return `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** A resolved timeline: the step-periods from start to end inclusive. */
export interface Timeline {
  readonly step: Step;
  /** step-periods per year (12, 4 or 1) */
  readonly ppy: number;
  /** month index where the first step-period starts */
  readonly first: number;
  readonly count: number;
  readonly labels: readonly string[];
}

/** Snap a label to the step-period containing month `month`. */
function snap(step: Step, month: number): number {
  const w = stepMonths(step);
  return Math.floor(month / w) * w; // number-ok: month indexes
}

export type TimelineResult =
  | { ok: true; timeline: Timeline }
  | { ok: false; message: string };

/** Build the timeline; `start` snaps to its first month's step-period, `end` to its last month's. */
export function makeTimeline(start: Period, end: Period, step: Step): TimelineResult {
  const w = stepMonths(step);
  const first = snap(step, start.first);
  const last = snap(step, end.first + end.months - 1);
  if (last < first) return { ok: false, message: `the timeline ends (${end.label}) before it starts (${start.label})` };
  const count = (last - first) / w + 1;
  if (count > MAX_PERIODS) {
    return {
      ok: false,
      message: `the timeline has ${count} ${step} periods; at most ${MAX_PERIODS} are allowed`,
    };
  }
  const labels = new Array<string>(count);
  for (let i = 0; i < count; i++) labels[i] = stepLabel(step, first + i * w);
  return { ok: true, timeline: { step, ppy: 12 / w, first, count, labels } };
}

/** Index of the step-period that contains month `month` (may be out of range). */
export function periodIndex(t: Timeline, month: number): number {
  return Math.floor((month - t.first) / (12 / t.ppy)); // number-ok: month indexes
}
