/** The `model` report: heading, parties, exposures, and cash by period. */
import { EXPOSURE_METRICS, LABELS, PARTY_METRICS, type ModelResultJson } from './catalog.js';
import { groupPeriods, lastBy, sumBy, type PeriodGroup } from './rollup.js';
import { text, type Cell, type Report, type Table } from './tables.js';
import type { Step } from '../scenario/periods.js';

export interface ReportOptions {
  /** only these parties (and exposures that involve them) */
  readonly parties?: ReadonlySet<string> | undefined;
  /** roll the period table up to this step */
  readonly by: Step;
  /** true when `by` was chosen by the program rather than asked for */
  readonly byDefault?: boolean;
}

const STEP_WORD: Record<string, string> = { month: 'monthly', quarter: 'quarterly', year: 'yearly' };

export function heading(r: ModelResultJson): string[] {
  const t = r.scenario.timeline;
  return [r.scenario.name, `${t.start} to ${t.end}, ${STEP_WORD[t.step]} (${t.periods.length} periods) · ${r.scenario.file}`];
}

export function arrow(scope: string): string {
  return scope.replace('->', ' → ');
}

export function selectedParties(r: ModelResultJson, only?: ReadonlySet<string>): string[] {
  return Object.keys(r.parties).filter((id) => !only || only.has(id));
}

export function selectedExposures(r: ModelResultJson, only?: ReadonlySet<string>): ModelResultJson['exposures'] {
  return r.exposures.filter((x) => !only || only.has(x.holder) || only.has(x.obligor));
}

/** The party and exposure tables: one row per metric, one column per party or pair. */
export function metricTables(r: ModelResultJson, only?: ReadonlySet<string>): Table[] {
  const ids = selectedParties(r, only);
  const tables: Table[] = [
    {
      title: 'Parties',
      columns: ['', ...ids.map((id) => r.parties[id]!.name)],
      rows: PARTY_METRICS.map(([m, kind]) => [text(LABELS[m] ?? m), ...ids.map((id): Cell => ({ kind, value: (r.parties[id]![m] as string | null) ?? null }))]),
    },
  ];
  const xs = selectedExposures(r, only);
  if (xs.length) {
    tables.push({
      title: 'Exposures (holder → obligor)',
      columns: ['', ...xs.map((x) => `${r.parties[x.holder]?.name ?? x.holder} → ${r.parties[x.obligor]?.name ?? x.obligor}`)],
      rows: EXPOSURE_METRICS.map(([m, kind]) => [text(LABELS[m] ?? m), ...xs.map((x): Cell => ({ kind, value: (x[m] as string | null) ?? null }))]),
    });
  }
  return tables;
}

/** Cash by period: each party's net flow and end cash, each pair's exposure. */
export function cashTable(r: ModelResultJson, groups: readonly PeriodGroup[], by: Step, only?: ReadonlySet<string>, note?: string): Table {
  const ids = selectedParties(r, only);
  const xs = selectedExposures(r, only);
  const cols: { header: string; values: string[] }[] = [];
  for (const id of ids) {
    const p = r.parties[id]!;
    cols.push({ header: `${p.name} net`, values: sumBy(p.series.net as string[], groups) });
    cols.push({ header: `${p.name} cash`, values: lastBy(p.series.cash as string[], groups) });
  }
  for (const x of xs) cols.push({ header: `${r.parties[x.holder]?.name ?? x.holder} → ${r.parties[x.obligor]?.name ?? x.obligor}`, values: lastBy(x.series.exposure as string[], groups) });
  return {
    title: `Cash by ${by} (net flow in the period, cash and exposure at its end)`,
    columns: ['period', ...cols.map((c) => c.header)],
    rows: groups.map((g, i) => [text(g.label), ...cols.map((c): Cell => ({ kind: 'money', value: c.values[i] ?? null }))]),
    ...(note ? { note } : {}),
  };
}

/** The whole `model` report. */
export function modelReport(r: ModelResultJson, o: ReportOptions): Report {
  const groups = groupPeriods(r.scenario.timeline.periods, r.scenario.timeline.step as Step, o.by) as PeriodGroup[];
  const note = o.byDefault && o.by !== r.scenario.timeline.step ? `rolled up to years from ${r.scenario.timeline.periods.length} ${r.scenario.timeline.step} periods; --by ${r.scenario.timeline.step} shows every period` : undefined;
  return {
    heading: heading(r),
    tables: [...metricTables(r, o.parties), cashTable(r, groups, o.by, o.parties, note)],
    notes: r.notes,
  };
}
