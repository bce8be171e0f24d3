/**
 * Monte Carlo over the `uncertain` block: each run draws every uncertain
 * input from its own seeded stream (see random.ts), runs the scenario and
 * reads the metrics. Runs can be computed in any split across workers and
 * give the same rows. Pure: no I/O, no threads here.
 */
import { Dec, formatMoney, formatQuantity, formatRatio } from '../money/decimal.js';
import type { UncertainM } from '../scenario/compile.js';
import { decodeScenario } from '../scenario/load.js';
import { Cx, NUMERIC, type NumericAt } from '../scenario/decode.js';
import type { TNode } from '../scenario/tree.js';
import { decimalNode, EvaluationError, type Evaluator } from './evaluate.js';
import { draw } from './distributions.js';
import { RunRandom } from './random.js';
import { mean, percentile, rankPercentile, sortDecimals } from './stats.js';
import type { Address, MetricNumber } from './address.js';

/** One run: the values drawn (plain decimals) and the metrics (exact decimals or period labels). */
export interface RunRow {
  readonly run: number;
  readonly inputs: readonly string[];
  readonly values: readonly (string | null)[];
}

export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

function valueText(m: MetricNumber, labels: readonly string[]): string | null {
  if (m.kind === 'period') return m.period === null ? null : (labels[m.period] as string);
  return m.value === null ? null : m.value.toString();
}

/** Runs `from` to `to` − 1 of a seed; `progress` is called now and then with the runs done. */
export function simulateRange(ev: Evaluator, uncertain: readonly UncertainM[], seed: bigint, from: number, to: number, progress?: (done: number) => void): RunRow[] {
  const rows: RunRow[] = [];
  const labels = ev.model.timeline.labels;
  for (let r = from; r < to; r++) {
    const rng = new RunRandom(seed, r);
    const drawn = uncertain.map((u) => draw(u, rng));
    const overrides = uncertain.map((u, i) => ({ path: u.path, node: decimalNode(drawn[i] as Dec, u.loc) }));
    let values: MetricNumber[];
    try {
      values = ev.evaluate(overrides);
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      const what = uncertain.map((u, i) => `${u.path} = ${(drawn[i] as Dec).toFixed()}`).join(', ');
      throw new SimulationError(`run ${r} drew ${what}, which makes the scenario invalid:\n${e.message}\n(give the distribution a min and max inside the field's range)`);
    }
    rows.push({ run: r, inputs: drawn.map((d) => d.toFixed()), values: values.map((v) => valueText(v, labels)) });
    if (progress && (r - from) % 100 === 99) progress(r - from + 1);
  }
  return rows;
}

/**
 * Which uncertain inputs are money: those whose field reads a dollar amount.
 * Each number of the decoded scenario keeps the decoder of its field (the one
 * that checks a drawn value, see evaluate.ts); only an amount's takes `$1`.
 */
export function moneyInputs(root: TNode, uncertain: readonly UncertainM[]): boolean[] {
  const decoders = new Map<string, NonNullable<NumericAt[typeof NUMERIC]>>();
  const walk = (o: unknown, depth: number): void => {
    if (typeof o !== 'object' || o === null || o instanceof Dec || depth > 32) return;
    const decoder = (o as NumericAt)[NUMERIC];
    if (decoder) decoders.set((o as NumericAt).path, decoder);
    else for (const [k, v] of Object.entries(o)) if (k !== 'loc') walk(v, depth + 1);
  };
  walk(decodeScenario(root).scenario, 0);
  return uncertain.map((u) => {
    const cx = new Cx();
    const probe: TNode = { t: 'scalar', loc: u.loc, type: 'string', text: '$1' };
    return decoders.get(u.path)?.decode(probe, u.path, cx) !== undefined && cx.problems.length === 0;
  });
}

export const PERCENTILES = ['5', '25', '50', '75', '95'] as const;

export interface MetricSummary {
  readonly metric: string;
  readonly kind: Address['kind'];
  readonly mean: string | null;
  /** P5, P25, P50, P75, P95 */
  readonly percentiles: readonly (string | null)[];
  /** runs where the metric is empty (no NPV rate, no IRR, no runway end) */
  readonly empty: number;
}

/** Format a summary value the way the JSON result prints that kind. */
function show(kind: Address['kind'], d: Dec | undefined): string | null {
  if (d === undefined) return null;
  return kind === 'money' ? formatMoney(d) : kind === 'ratio' ? formatRatio(d) : formatQuantity(d);
}

/** Mean and percentiles of each metric over the runs. Periods take nearest-rank percentiles, with "never" last. */
export function summarize(rows: readonly RunRow[], addresses: readonly Address[], labels: readonly string[]): MetricSummary[] {
  return addresses.map((a, k) => {
    const col = rows.map((r) => r.values[k] ?? null);
    const empty = col.filter((v) => v === null).length;
    if (a.kind === 'period') {
      const idx = col.map((v) => (v === null ? Infinity : labels.indexOf(v))).sort((x, y) => x - y);
      const ps = PERCENTILES.map((p) => {
        const i = rankPercentile(idx, new Dec(p).div(100));
        return i === undefined ? null : i === Infinity ? 'never' : (labels[i] as string);
      });
      return { metric: a.text, kind: a.kind, mean: null, percentiles: ps, empty };
    }
    const xs = sortDecimals(col.filter((v): v is string => v !== null).map((v) => new Dec(v)));
    return {
      metric: a.text,
      kind: a.kind,
      mean: show(a.kind, mean(xs)),
      percentiles: PERCENTILES.map((p) => show(a.kind, percentile(xs, new Dec(p).div(100)))),
      empty,
    };
  });
}

/** For each party: the share of runs whose cash first goes below zero before each year (a ratio string). */
export function runwayOdds(rows: readonly RunRow[], runwayColumns: readonly { party: string; column: number }[], labels: readonly string[]): { years: string[]; parties: { party: string; before: (string | null)[] }[] } {
  const firstYear = Number(labels[0]!.slice(0, 4)); // number-ok: a calendar year
  const lastYear = Number(labels[labels.length - 1]!.slice(0, 4)); // number-ok: a calendar year
  const years: string[] = [];
  for (let y = firstYear + 1; y <= lastYear + 1; y++) years.push(String(y));
  const n = rows.length;
  return {
    years,
    parties: runwayColumns.map(({ party, column }) => ({
      party,
      before: years.map((y) => {
        if (n === 0) return null;
        const hits = rows.filter((r) => {
          const v = r.values[column];
          return v !== null && v !== undefined && v.slice(0, 4) < y;
        }).length;
        return formatRatio(new Dec(hits).div(n));
      }),
    })),
  };
}
