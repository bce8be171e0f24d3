/**
 * `diff A B`: the inputs that differ once extends and --set are applied, every
 * metric with A, B, Δ = B − A and Δ% = Δ / |A|, and each party's cash Δ by period.
 */
import { centsToDec, subCents, type Cents, type Dec } from '../money/decimal.js';
import type { ModelResult } from '../metrics/result.js';
import { parseAmount, parseRatio } from '../scenario/values.js';
import { parsePeriod, type Step } from '../scenario/periods.js';
import type { TNode } from '../scenario/tree.js';
import { centsOf, csvCell, plain, sixPlaces } from './cells.js';
import { scopeTitle } from './compare.js';
import { csvText } from './csv.js';
import { money, ratio, table, text, type Block, type Cell, type Report, type TableBlock } from './report.js';
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

/**
 * The `diff` report of two results (already restricted to --party). `by`
 * rolls up the cash table; without it (JSON and CSV have no such table) or
 * when it is finer than a step, the table is left out. `inputsTitle` heads
 * the inputs that differ (`stress` names its own).
 */
export function diffReport(a: ModelResult, b: ModelResult, inputs: readonly InputChange[], by: Step | undefined, inputsTitle = 'Inputs that differ (after extends and --set)'): Report {
  const deltas = metricDeltas(a, b);
  const blocks: Block[] = [
    table(
      inputs.length ? inputsTitle : 'Inputs: no difference',
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
