/**
 * `diff A B`: the inputs that differ once extends and --set are applied, every
 * metric with A, B, Δ = B − A and Δ% = Δ / |A|, and each party's cash Δ by period.
 */
import { Dec, formatQuantity, formatRatio } from '../money/decimal.js';
import { LABELS, type ModelResultJson, type ValueKind } from './catalog.js';
import { summaryTable } from './exports.js';
import { groupPeriods, lastBy, type PeriodGroup } from './rollup.js';
import { scopeTitle } from './compare.js';
import { text, type Cell, type Report, type Table } from './tables.js';
import { parseAmount, parseRatio } from '../scenario/values.js';
import { parsePeriod, type Step } from '../scenario/periods.js';
import type { TNode } from '../scenario/tree.js';
import { csvDecimal, csvText, toCsv } from './csv.js';

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

export interface MetricDelta {
  readonly scope: string;
  readonly metric: string;
  readonly kind: ValueKind;
  readonly a: string | null;
  readonly b: string | null;
  readonly delta: string | null;
  readonly delta_pct: string | null;
}

/** Every metric of either result, with B − A and (B − A) / |A| where both are numbers. */
export function metricDeltas(a: ModelResultJson, b: ModelResultJson, parties?: ReadonlySet<string>): MetricDelta[] {
  return summaryTable([a, b], parties).map((r) => {
    const [va, vb] = r.values as [string | null, string | null];
    let delta: string | null = null;
    let pct: string | null = null;
    if (va !== null && vb !== null && r.kind !== 'period' && r.kind !== 'text') {
      const d = new Dec(vb).minus(va);
      delta = r.kind === 'money' ? d.toFixed(2) : r.kind === 'ratio' ? formatRatio(d) : formatQuantity(d);
      pct = new Dec(va).isZero() ? null : formatRatio(d.div(new Dec(va).abs()));
    }
    return { scope: r.scope, metric: r.metric, kind: r.kind, a: va, b: vb, delta, delta_pct: pct };
  });
}

/** Each party's end-of-period cash, B − A, on the union of both timelines rolled up to `by`. */
export function cashDeltaTable(a: ModelResultJson, b: ModelResultJson, by: Step, parties?: ReadonlySet<string>): Table | string {
  const ga = groupPeriods(a.scenario.timeline.periods, a.scenario.timeline.step as Step, by);
  const gb = groupPeriods(b.scenario.timeline.periods, b.scenario.timeline.step as Step, by);
  if (typeof ga === 'string') return ga;
  if (typeof gb === 'string') return gb;
  const labels = [...new Set([...ga, ...gb].map((g) => g.label))].sort((x, y) => parsePeriod(x)!.first - parsePeriod(y)!.first);
  const ids = [...new Set([...Object.keys(a.parties), ...Object.keys(b.parties)])].filter((id) => !parties || parties.has(id));
  const cashAt = (r: ModelResultJson, groups: PeriodGroup[], id: string): Map<string, string> => {
    const p = r.parties[id];
    if (!p) return new Map();
    const vals = lastBy(p.series.cash as string[], groups);
    return new Map(groups.map((g, i) => [g.label, vals[i] as string]));
  };
  const cols = ids.map((id) => ({ id, a: cashAt(a, ga, id), b: cashAt(b, gb, id) }));
  return {
    title: `Cash at the end of each ${by}, B − A`,
    columns: ['period', ...ids.map((id) => scopeTitle([a, b], id))],
    rows: labels.map((l) => [
      text(l),
      ...cols.map((c): Cell => {
        const x = c.a.get(l);
        const y = c.b.get(l);
        return { kind: 'money', value: x !== undefined && y !== undefined ? new Dec(y).minus(x).toFixed(2) : null };
      }),
    ]),
  };
}

export function diffReport(a: ModelResultJson, b: ModelResultJson, inputs: readonly InputChange[], by: Step, parties?: ReadonlySet<string>): Report {
  const deltas = metricDeltas(a, b, parties);
  const tables: Table[] = [
    {
      title: inputs.length ? 'Inputs that differ (after extends and --set)' : 'Inputs: no difference',
      columns: ['path', 'A', 'B'],
      rows: inputs.map((c) => [text(c.path), text(c.a), text(c.b)]),
    },
  ];
  for (const scope of [...new Set(deltas.map((d) => d.scope))]) {
    tables.push({
      title: scopeTitle([a, b], scope),
      columns: ['', 'A', 'B', 'Δ', 'Δ%'],
      rows: deltas.filter((d) => d.scope === scope).map((d) => [
        text(LABELS[d.metric] ?? d.metric),
        { kind: d.kind, value: d.a },
        { kind: d.kind, value: d.b },
        { kind: d.kind, value: d.delta },
        { kind: 'ratio', value: d.delta_pct },
      ]),
    });
  }
  const cash = cashDeltaTable(a, b, by, parties);
  if (typeof cash !== 'string') tables.push(cash);
  return {
    heading: [`Diff: A = ${a.scenario.name} (${a.scenario.file}), B = ${b.scenario.name} (${b.scenario.file})`],
    tables,
    notes: [...a.notes.map((n) => `A: ${n}`), ...b.notes.map((n) => `B: ${n}`)],
  };
}

export function diffJson(a: ModelResultJson, b: ModelResultJson, inputs: readonly InputChange[], parties?: ReadonlySet<string>): object {
  return {
    format: 'stargate-diff/1',
    a: a.scenario.name,
    b: b.scenario.name,
    inputs: inputs.map((c) => ({ path: c.path, a: c.a, b: c.b })),
    metrics: metricDeltas(a, b, parties).map(({ kind: _kind, ...m }) => m),
  };
}

export function diffCsv(a: ModelResultJson, b: ModelResultJson, parties?: ReadonlySet<string>): string {
  return toCsv(
    ['scope', 'metric', 'a', 'b', 'delta', 'delta_pct'],
    metricDeltas(a, b, parties).map((d) => {
      const num = d.kind !== 'period' && d.kind !== 'text';
      const v = (x: string | null) => (x === null ? null : num ? csvDecimal(x) : csvText(x));
      return [csvText(d.scope), csvText(d.metric), v(d.a), v(d.b), csvDecimal(d.delta), csvDecimal(d.delta_pct)];
    }),
  );
}
