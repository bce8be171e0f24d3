/**
 * `diff A B`: the inputs that differ once extends and --set are applied, every
 * metric with A, B, Δ = B − A and Δ% = Δ / |A|, and each party's cash Δ by period.
 */
import { cents, centsToDec, subCents, type Cents, type Dec } from '../money/decimal.js';
import type { ModelResult } from '../metrics/result.js';
import { parseAmount, parseRatio } from '../scenario/values.js';
import { parsePeriod, type Step } from '../scenario/periods.js';
import type { TNode } from '../scenario/tree.js';
import { centsOf, csvCell, plain, sixPlaces } from './cells.js';
import { scopeTitle } from './compare.js';
import { csvText } from './csv.js';
import { money, ratio, table, text, type Block, type Cell, type CategoryBlock, type ChartBlock, type Report, type SeriesBlock, type TableBlock } from './report.js';
import { groupPeriods, lastBy, type PeriodGroup } from './rollup.js';
import { summaryRows } from './summary.js';

export interface InputChange {
  readonly path: string;
  readonly a: string | null;
  readonly b: string | null;
}

/** A value as written, in YAML flow style. */
export function nodeText(n: TNode): string {
  if (n.t === 'scalar') return n.type === 'string' && /^[\s]|[\s]$|[:#{}[\],]|^$/.test(n.text) ? JSON.stringify(n.text) : n.type === 'null' ? '~' : n.text;
  if (n.t === 'seq') return `[${n.items.map(nodeText).join(', ')}]`;
  return `{${[...n.entries].map(([k, e]) => `${k}: ${nodeText(e.value)}`).join(', ')}}`;
}

function sameScalar(a: TNode, b: TNode): boolean {
  if (a.t !== 'scalar' || b.t !== 'scalar') return false;
  if (a.text === b.text && a.type === b.type) return true;
  // 12B and 12,000M are the same amount; 6% and 0.06 the same ratio
  const am = [parseAmount(a), parseAmount(b)];
  if (am[0]!.ok && am[1]!.ok) return am[0]!.value.equals(am[1]!.value);
  const ra = [parseRatio(a), parseRatio(b)];
  return ra[0]!.ok && ra[1]!.ok && ra[0]!.value.equals(ra[1]!.value);
}

const dealId = (n: TNode): string | undefined => {
  const id = n.t === 'map' ? n.entries.get('id')?.value : undefined;
  return id?.t === 'scalar' ? id.text : undefined;
};

/** Every input that differs between two merged scenario trees, as (path, A, B). */
export function inputChanges(a: TNode, b: TNode): InputChange[] {
  const out: InputChange[] = [];
  const walk = (x: TNode | undefined, y: TNode | undefined, path: string): void => {
    if (x === undefined || y === undefined) {
      out.push({ path, a: x ? nodeText(x) : null, b: y ? nodeText(y) : null });
      return;
    }
    if (x.t === 'map' && y.t === 'map') {
      const keys = [...x.entries.keys(), ...[...y.entries.keys()].filter((k) => !x.entries.has(k))];
      for (const k of keys) walk(x.entries.get(k)?.value, y.entries.get(k)?.value, path ? `${path}.${k}` : k);
      return;
    }
    if (path === 'deals' && x.t === 'seq' && y.t === 'seq') {
      const ids = (s: typeof x) => s.items.map((d, i) => dealId(d) ?? `[${i}]`);
      const xi = ids(x);
      const yi = ids(y);
      for (const id of [...xi, ...yi.filter((k) => !xi.includes(k))]) walk(x.items[xi.indexOf(id)], y.items[yi.indexOf(id)], `deals.${id}`);
      return;
    }
    if (x.t === 'scalar' && y.t === 'scalar' ? !sameScalar(x, y) : nodeText(x) !== nodeText(y)) out.push({ path, a: nodeText(x), b: nodeText(y) });
  };
  walk(a, b, '');
  return out;
}

/** One metric of both results: A, B, Δ = B − A and Δ% = Δ / |A|, as cells of the metric's kind. */
interface MetricDelta {
  readonly scope: string;
  readonly metric: string;
  readonly label: string;
  readonly a: Cell;
  readonly b: Cell;
  /** empty for periods, and where either value is empty */
  readonly delta: Cell;
  /** empty also where A is zero */
  readonly pct: Cell;
}

const share = (d: Dec, a: Dec): Cell => ratio(a.isZero() ? null : d.div(a.abs()));

/**
 * B − A from the typed values as they are printed (money to the cent, ratios
 * and GW to six places), so that A + Δ = B holds in every output: cents minus
 * cents, and six-place decimals minus six-place decimals.
 */
export function difference(a: Cell, b: Cell): { delta: Cell; pct: Cell } {
  if (a.kind === 'money' && b.kind === 'money' && a.value !== null && b.value !== null) {
    const [x, y] = [centsOf(a.value), centsOf(b.value)];
    const d = subCents(y, x);
    return { delta: money(d), pct: share(centsToDec(d), centsToDec(x)) };
  }
  if ((a.kind === 'ratio' || a.kind === 'quantity') && b.kind === a.kind && a.value !== null && b.value !== null) {
    const x = sixPlaces(a.value);
    const d = sixPlaces(b.value).minus(x);
    return { delta: { kind: a.kind, value: d }, pct: share(d, x) };
  }
  return { delta: { ...a, value: null }, pct: ratio(null) };
}

/** Every metric of either result (both already restricted to --party). */
function metricDeltas(a: ModelResult, b: ModelResult): MetricDelta[] {
  return summaryRows([a, b]).map((r) => {
    const [ca, cb] = r.cells as [Cell, Cell];
    return { scope: r.scope, metric: r.metric, label: r.label, a: ca, b: cb, ...difference(ca, cb) };
  });
}

/** Each party's end-of-period cash, B − A, on the union of both timelines rolled up to `by`; an error message when `by` is finer than a step. */
function cashDeltaTable(a: ModelResult, b: ModelResult, by: Step): TableBlock | string {
  const ga = groupPeriods(a.model.timeline.labels, a.model.timeline.step, by);
  const gb = groupPeriods(b.model.timeline.labels, b.model.timeline.step, by);
  if (typeof ga === 'string') return ga;
  if (typeof gb === 'string') return gb;
  const labels = [...new Set([...ga, ...gb].map((g) => g.label))].sort((x, y) => parsePeriod(x)!.first - parsePeriod(y)!.first);
  const ids = [...new Set([...a.parties, ...b.parties].map((p) => p.id))];
  const cashAt = (r: ModelResult, groups: PeriodGroup[], id: string): Map<string, Cents> => {
    const p = r.parties.find((q) => q.id === id);
    if (!p) return new Map();
    const vals = lastBy(p.series.cash, groups);
    return new Map(groups.map((g, i) => [g.label, vals[i] as Cents]));
  };
  const cols = ids.map((id) => ({ a: cashAt(a, ga, id), b: cashAt(b, gb, id) }));
  return table(
    `Cash at the end of each ${by}, B − A`,
    ['period', ...ids.map((id) => scopeTitle([a, b], id))],
    labels.map((l) => [
      text(l),
      ...cols.map((c): Cell => {
        const x = c.a.get(l);
        const y = c.b.get(l);
        return money(x !== undefined && y !== undefined ? subCents(y, x) : null);
      }),
    ]),
  );
}

/** A scope by display names: a party's name, or "Holder → Obligor". */
function scopeName(results: readonly ModelResult[], scope: string): string {
  return scopeTitle(results, scope).replace(/ \([^()]*\)$/, '');
}

/** How many changed metrics a chart ranks (the tables list them all). */
const RANKED = 15;

/**
 * The metrics that changed, largest |Δ| first: one chart for money, one for
 * ratios (periods and GW only in the tables).
 */
function changedCharts(a: ModelResult, b: ModelResult, deltas: readonly MetricDelta[]): CategoryBlock[] {
  const out: CategoryBlock[] = [];
  const money = deltas.filter((d) => d.delta.kind === 'money' && d.delta.value !== null && centsOf(d.delta.value) !== 0n);
  const abs = (c: Cents): Cents => (c < 0n ? cents(-c) : c);
  money.sort((x, y) => {
    const [p, q] = [abs(centsOf((x.delta as { value: Cents }).value)), abs(centsOf((y.delta as { value: Cents }).value))];
    return p < q ? 1 : p > q ? -1 : 0;
  });
  const label = (d: MetricDelta): string => `${scopeName([a, b], d.scope)} · ${d.label}`;
  const note = (n: number): string | undefined => (n > RANKED ? `the ${RANKED} largest of ${n} changes; the tables below list every metric` : undefined);
  if (money.length) {
    const top = money.slice(0, RANKED);
    out.push({
      type: 'categories',
      title: 'Money metrics that changed (Δ = B − A, largest first)',
      axis: 'metric',
      categories: top.map(label),
      series: [{ label: 'Δ = B − A', unit: 'money', values: top.map((d) => centsOf((d.delta as { value: Cents }).value)) }],
      draw: 'ranked',
      ...(note(money.length) ? { note: note(money.length) } : {}),
    });
  }
  const ratios = deltas.filter((d) => d.delta.kind === 'ratio' && d.delta.value !== null && !d.delta.value.isZero());
  ratios.sort((x, y) => (y.delta.value as Dec).abs().comparedTo((x.delta.value as Dec).abs()));
  if (ratios.length) {
    const top = ratios.slice(0, RANKED);
    out.push({
      type: 'categories',
      title: 'Ratios that changed (Δ = B − A, largest first)',
      axis: 'metric',
      categories: top.map(label),
      series: [{ label: 'Δ = B − A', unit: 'ratio', values: top.map((d) => d.delta.value as Dec) }],
      draw: 'ranked',
      ...(note(ratios.length) ? { note: note(ratios.length) } : {}),
    });
  }
  return out;
}

/** A file's name without folder and extension, for a legend. */
const stem = (file: string): string => file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');

/** Each party's cash by period in A and in B, overlaid: for the parties where they differ. */
function cashCharts(a: ModelResult, b: ModelResult): SeriesBlock[] {
  const ids = [...new Set([...a.parties, ...b.parties].map((p) => p.id))];
  const [la, lb] = [`A (${stem(a.model.file)})`, `B (${stem(b.model.file)})`];
  return ids.flatMap((id): SeriesBlock[] => {
    const pa = a.parties.find((p) => p.id === id);
    const pb = b.parties.find((p) => p.id === id);
    const same = pa && pb && a.model.timeline.labels.join() === b.model.timeline.labels.join() && pa.series.cash.every((c, i) => c === pb.series.cash[i]);
    if (same) return [];
    return [{
      type: 'series',
      title: `Cash by period, A and B: ${scopeName([a, b], id)}`,
      axis: 'cash at the end of the period',
      series: [
        ...(pa ? [{ label: la, periods: a.model.timeline.labels, unit: 'money' as const, values: pa.series.cash }] : []),
        ...(pb ? [{ label: lb, periods: b.model.timeline.labels, unit: 'money' as const, values: pb.series.cash }] : []),
      ],
    }];
  });
}

/** The write-offs of defaults by holder, A against B (none when neither has a default with a loss). */
function lossCharts(a: ModelResult, b: ModelResult): CategoryBlock[] {
  if (a.losses.length + b.losses.length === 0) return [];
  const by = (r: ModelResult): Map<string, bigint> => {
    const m = new Map<string, bigint>();
    for (const l of r.losses) {
      const id = r.model.parties[l.holder]!.id;
      m.set(id, (m.get(id) ?? 0n) + l.amount);
    }
    return m;
  };
  const [ma, mb] = [by(a), by(b)];
  const ids = [...new Set([...ma.keys(), ...mb.keys()])];
  return [{
    type: 'categories',
    title: 'Losses by holder (loans and equity written off on defaults), A and B',
    axis: 'holder',
    categories: ids.map((id) => scopeName([a, b], id)),
    series: [
      { label: `A (${stem(a.model.file)})`, unit: 'money', values: ids.map((id) => cents(ma.get(id) ?? 0n)) },
      { label: `B (${stem(b.model.file)})`, unit: 'money', values: ids.map((id) => cents(mb.get(id) ?? 0n)) },
    ],
    draw: 'bars',
  }];
}

export interface DiffReportOptions {
  /** heads the inputs that differ (`stress` names its own) */
  readonly inputsTitle?: string;
  /** false: no chart of the losses by holder (`stress` draws its own) */
  readonly losses?: boolean;
}

/**
 * The `diff` report of two results (already restricted to --party). `by`
 * rolls up the cash table; without it (JSON and CSV have no such table) or
 * when it is finer than a step, the table is left out.
 */
export function diffReport(a: ModelResult, b: ModelResult, inputs: readonly InputChange[], by: Step | undefined, o: DiffReportOptions = {}): Report {
  const deltas = metricDeltas(a, b);
  // the charts first: text and Markdown print only the tables
  const charts: ChartBlock[] = [...changedCharts(a, b, deltas), ...cashCharts(a, b), ...(o.losses === false ? [] : lossCharts(a, b))];
  const blocks: Block[] = [
    ...charts,
    table(
      inputs.length ? (o.inputsTitle ?? 'Inputs that differ (after extends and --set)') : 'Inputs: no difference',
      ['path', 'A', 'B'],
      inputs.map((c) => [text(c.path), text(c.a), text(c.b)]),
    ),
  ];
  for (const scope of [...new Set(deltas.map((d) => d.scope))]) {
    blocks.push(table(scopeTitle([a, b], scope), ['', 'A', 'B', 'Δ', 'Δ%'], deltas.filter((d) => d.scope === scope).map((d) => [text(d.label), d.a, d.b, d.delta, d.pct])));
  }
  const cash = by === undefined ? undefined : cashDeltaTable(a, b, by);
  if (cash !== undefined && typeof cash !== 'string') blocks.push(cash);
  return {
    heading: [`Diff: A = ${a.model.name} (${a.model.file}), B = ${b.model.name} (${b.model.file})`],
    blocks,
    notes: [...a.notes.map((n) => `A: ${n}`), ...b.notes.map((n) => `B: ${n}`)],
    json: () => ({
      format: 'stargate-diff/1',
      a: a.model.name,
      b: b.model.name,
      inputs: inputs.map((c) => ({ path: c.path, a: c.a, b: c.b })),
      metrics: deltas.map((d) => ({ scope: d.scope, metric: d.metric, a: plain(d.a), b: plain(d.b), delta: plain(d.delta), delta_pct: plain(d.pct) })),
    }),
    csv: () => ({
      header: ['scope', 'metric', 'a', 'b', 'delta', 'delta_pct'],
      rows: deltas.map((d) => [csvText(d.scope), csvText(d.metric), csvCell(d.a), csvCell(d.b), csvCell(d.delta), csvCell(d.pct)]),
    }),
  };
}
