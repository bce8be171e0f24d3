/**
 * Monte Carlo over the `uncertain` block: each run draws every uncertain
 * input from its own seeded stream (see random.ts), runs the scenario and
 * reads the metrics. Runs can be computed in any split across workers and
 * give the same rows. A range of runs comes back as typed arrays (RunChunk),
 * and the summaries keep only what they need (RunSummary), so that memory
 * does not grow with strings or objects per run. Pure: no I/O, no threads here.
 */
import { cents, centsToDec, Dec, formatCents, formatQuantity, formatRatio, toCents, type Cents } from '../money/decimal.js';
import type { Model, UncertainM } from '../scenario/compile.js';
import type { Metrics } from '../metrics/metrics.js';
import { decodeScenario } from '../scenario/load.js';
import type { TNode } from '../scenario/tree.js';
import { decimalNode, isMoneyLeaf, type Evaluator } from './evaluate.js';
import { numericLeaves } from '../scenario/decode.js';
import { centsDrawer, drawer, type Drawer } from './distributions.js';
import { EvaluationError, SimulationError } from '../errors.js';
import { RunRandom } from './random.js';
import { nearestRank, percentileAt } from './stats.js';
import { centsKey, decKey, decOfKey, EMPTY, keyParts } from './compact.js';
import { exposurePairs, readRaw, type Address } from './address.js';
import { mapped } from '../arrays.js';


/** Where each metric of a run goes: money, ratios and GW in the number columns, periods in the period columns. */
export interface Layout {
  readonly kinds: readonly Address['kind'][];
  /** each metric's column among the numbers, or among the periods */
  readonly slot: readonly number[];
  readonly numbers: number;
  readonly periods: number;
}

export function layoutOf(addresses: readonly Address[]): Layout {
  let numbers = 0;
  let periods = 0;
  const slot = addresses.map((a) => (a.kind === 'period' ? periods++ : numbers++));
  return { kinds: addresses.map((a) => a.kind), slot, numbers, periods };
}

/** The period index of a metric that is empty (a runway that never ends). */
export const NEVER = -1;
/** Periods are kept in 16 bits. */
const MAX_PERIODS = 32767;

/**
 * Runs `from` to `to` − 1, run by run (row-major): the drawn inputs as
 * decimal keys (exact: a draw has 15 significant digits), money in cents and
 * ratios and GW as decimal keys (EMPTY when empty), periods as indexes (NEVER
 * when empty), and each party's cash at the end of each period in cents
 * (party by party, period by period within a run). The buffers can be handed
 * between threads without copying.
 */
export interface RunChunk {
  readonly from: number;
  readonly to: number;
  readonly inputs: BigInt64Array;
  readonly numbers: BigInt64Array;
  readonly periods: Int16Array;
  /** empty unless asked for: run j's cash of party p at period t is at (j × parties + p) × periods + t */
  readonly cash: BigInt64Array;
}

/** What a chunk keeps besides the metrics: the drawn inputs (only the per-run CSV prints them), each party's cash by period (the fan charts). */
export interface Keep {
  readonly inputs?: boolean;
  readonly cash?: boolean;
}

/**
 * Runs `from` to `to` − 1 of a seed; `progress` is called now and then with
 * the runs done. `keep` says what is kept besides the metrics (by default the
 * inputs, not the cash); what is not kept is an empty array.
 */
export function simulateRange(ev: Evaluator, uncertain: readonly UncertainM[], seed: bigint, from: number, to: number, progress?: (done: number) => void, keep: Keep = { inputs: true }): RunChunk {
  const addresses = ev.addresses;
  const layout = layoutOf(addresses);
  if (ev.model.timeline.labels.length > MAX_PERIODS) throw new SimulationError(`simulate takes timelines of up to ${MAX_PERIODS} periods; this one has ${ev.model.timeline.labels.length}`);
  const n = to - from;
  const nIn = keep.inputs ? uncertain.length : 0;
  const nCash = keep.cash ? cashValues(ev.model) : 0;
  const chunk: RunChunk = { from, to, inputs: new BigInt64Array(n * nIn), numbers: new BigInt64Array(n * layout.numbers), periods: new Int16Array(n * layout.periods), cash: new BigInt64Array(n * nCash) };
  // money is whole cents everywhere: a money input is drawn to the cent, so that the per-run CSV's inputs reproduce the run
  const drawers = mapped(uncertain, (u) => (ev.isMoney(u.path) ? centsDrawer(u) : drawer(u)));
  const at: RunAt = { ev, uncertain, drawers, seed, layout, chunk, nIn, nCash };
  // each run is a function call of its own: optimized once, where a loop body is compiled again for each entry into it
  for (let r = from; r < to; r++) {
    oneRun(at, r, r - from);
    if (progress && (r - from) % 100 === 99) progress(r - from + 1);
  }
  return chunk;
}

/** What every run of a chunk shares. */
interface RunAt {
  readonly ev: Evaluator;
  readonly uncertain: readonly UncertainM[];
  readonly drawers: readonly Drawer[];
  readonly seed: bigint;
  readonly layout: Layout;
  readonly chunk: RunChunk;
  /** the inputs and the cash values kept per run */
  readonly nIn: number;
  readonly nCash: number;
}

/** Run r, the chunk's j-th: draw, run, and put its values in the chunk's arrays. */
function oneRun({ ev, uncertain, drawers, seed, layout, chunk, nIn, nCash }: RunAt, r: number, j: number): void {
  const addresses = ev.addresses;
  const rng = new RunRandom(seed, r);
  const drawn = mapped(drawers, (d) => d(rng));
  const overrides = mapped(uncertain, (u, i) => ({ path: u.path, node: decimalNode(drawn[i] as Dec, u.loc) }));
  let metrics: Metrics;
  try {
    metrics = ev.metrics(overrides);
  } catch (e) {
    if (!(e instanceof EvaluationError)) throw e;
    const what = uncertain.map((u, i) => `${u.path} = ${(drawn[i] as Dec).toFixed()}`).join(', ');
    throw new SimulationError(`run ${r} drew ${what}, which makes the scenario invalid:\n${e.message}\n(give the distribution a min and max inside the field's range)`);
  }
  for (let i = 0; i < nIn; i++) chunk.inputs[j * nIn + i] = kept(decKey(drawn[i] as Dec), r, uncertain[i]!.path, drawn[i] as Dec);
  // each value as the metrics hold it: cents go in as they are, a decimal as its key
  for (let k = 0; k < addresses.length; k++) {
    const a = addresses[k]!;
    const s = layout.slot[k] as number;
    const v = readRaw(metrics, a);
    if (a.kind === 'period') chunk.periods[j * layout.periods + s] = (v as number | null) ?? NEVER;
    else if (v === null) chunk.numbers[j * layout.numbers + s] = EMPTY;
    else if (typeof v === 'bigint') chunk.numbers[j * layout.numbers + s] = v <= MAX_CENTS && v >= -MAX_CENTS ? v : kept(undefined, r, a.text, centsToDec(v));
    else chunk.numbers[j * layout.numbers + s] = kept(a.kind === 'money' ? centsKey(v as Dec) : decKey(v as Dec), r, a.text, v as Dec);
  }
  // the cents the engine summed, as `PARTY.cash@PERIOD` reads them
  if (nCash > 0) {
    let at = j * nCash;
    for (const p of metrics.parties) for (const c of p.series.cash) chunk.cash[at++] = fits(c, r, `${p.id}.cash`);
  }
}

function kept(key: bigint | undefined, run: number, what: string, d: Dec): bigint {
  if (key === undefined) throw new SimulationError(`run ${run}: ${what} is ${d.toString()}, beyond what simulate can hold (money up to 92 quadrillion dollars, other numbers up to 10^4600)`);
  return key;
}

const MAX_CENTS = 2n ** 63n - 1n;

/** Cents that fit a 64-bit slot (EMPTY, −2^63, stays free). */
function fits(c: bigint, run: number, what: string): bigint {
  if (c > MAX_CENTS || c < -MAX_CENTS) throw new SimulationError(`run ${run}: ${what} is ${formatCents(c)}, beyond what simulate can hold (money up to 92 quadrillion dollars)`);
  return c;
}

/** The values a run keeps for the cash fans: one per party and period. */
export function cashValues(model: Model): number {
  return model.parties.length * model.timeline.labels.length;
}

/** Which uncertain inputs are money: those whose field reads a dollar amount. */
export function moneyInputs(root: TNode, uncertain: readonly UncertainM[]): boolean[] {
  const scenario = decodeScenario(root).scenario;
  const leaves = scenario && numericLeaves(scenario);
  return uncertain.map((u) => leaves !== undefined && isMoneyLeaf(leaves.get(u.path)));
}

export const PERCENTILES = ['5', '25', '50', '75', '95'] as const;

/** A summary value at the precision the JSON prints it: money in cents, ratios and GW to six places, a period index (NEVER: never). */
export type SummaryValue = Cents | Dec | number;

export interface MetricSummary {
  readonly metric: string;
  readonly kind: Address['kind'];
  readonly mean: Cents | Dec | null;
  /** P5, P25, P50, P75, P95 */
  readonly percentiles: readonly (SummaryValue | null)[];
  /** runs where the metric is empty (no NPV rate, no IRR, no runway end) */
  readonly empty: number;
}

/** A summary value kept at the precision the JSON prints for its kind. */
function show(kind: Address['kind'], d: Dec | undefined): Cents | Dec | null {
  if (d === undefined) return null;
  return kind === 'money' ? cents(toCents(d)) : d.toDecimalPlaces(6, Dec.ROUND_HALF_EVEN);
}

/** A summary value as the JSON prints it. */
export function plainSummaryValue(kind: Address['kind'], v: SummaryValue | null, labels: readonly string[]): string | null {
  if (v === null) return null;
  if (kind === 'period') return v === NEVER ? 'never' : (labels[v as number] as string);
  return kind === 'money' ? formatCents(v as Cents) : kind === 'ratio' ? formatRatio(v as Dec) : formatQuantity(v as Dec);
}

/** The bytes RunSummary keeps for `runs` runs of `kept` values each: 8 a value (periods are counted, not kept). */
function summaryBytes(runs: number, kept: number): number {
  return runs * kept * 8;
}

export interface MemoryAsk {
  readonly runs: number;
  readonly layout: Layout;
  readonly inputs: number;
  /** threads that run the scenario */
  readonly threads: number;
  readonly chunkRuns: number;
  /** whether the summaries are printed (they keep values per run); the per-run CSV keeps nothing */
  readonly summaries: boolean;
  /** the cash values a run keeps for the fans (cashValues(model)), 0 when none: kept and in flight */
  readonly cash: number;
  readonly model: Model;
}

const MB = 2 ** 20;

/**
 * The memory a simulation needs, in bytes, estimated before it starts (the
 * rule docs/analysis.md states): 128 MB for Node and the scenario; for each
 * thread that runs it, 64 MB (its young generation, where a run's short-lived
 * objects go) and 1 KB per period and party, deal, build-out or exposure pair
 * (what one run of the engine builds); 8 bytes a run for each money, ratio or
 * GW metric the summaries keep, and for each party and period whose cash the
 * fans keep; and the chunks in flight, their typed arrays and their CSV text
 * (taken as 24 bytes a value). Measured peaks were below it: about half on
 * the bundled scenarios.
 */
export function memoryNeeded(a: MemoryAsk): number {
  const m = a.model;
  const cells = m.timeline.count * (m.parties.length + m.deals.length + m.buildouts.length + m.pairs.length);
  const values = a.inputs + a.layout.kinds.length;
  const inFlight = (2 * a.threads + 1) * a.chunkRuns * (8 * a.inputs + 8 * a.layout.numbers + 2 * a.layout.periods + 8 * a.cash + 24 * values);
  return 128 * MB + a.threads * (64 * MB + cells * 1024) + summaryBytes(a.runs, (a.summaries ? a.layout.numbers : 0) + a.cash) + inFlight;
}

/**
 * What the summaries need, and nothing per run that they do not: for each
 * money, ratio or GW metric its non-empty values (8 bytes a run, for the
 * percentiles, which need the order of all of them) and their exact sum; for
 * each period metric the number of runs per period, and per "never" (periods
 * take nearest-rank percentiles, which a count per period gives exactly).
 * With `cashParties` > 0, also each of those parties' cash at the end of each
 * period, in cents (8 bytes a run, party and period), for the fans.
 * Chunks can come in any order.
 */
export class RunSummary {
  private readonly values: BigInt64Array[];
  private readonly filled: number[];
  /** exact sums: num × 10^q (money: cents, q = −2) */
  private readonly sums: { num: bigint; q: number }[];
  private readonly counts: Uint32Array[];
  /** party p's cash at period t, run by run, in cash[p × periods + t] */
  private readonly cash: BigInt64Array[];
  private runs = 0;

  constructor(capacity: number, readonly layout: Layout, readonly labels: readonly string[], readonly cashParties = 0) {
    this.values = Array.from({ length: layout.numbers }, () => new BigInt64Array(capacity));
    this.filled = this.values.map(() => 0);
    this.sums = this.values.map(() => ({ num: 0n, q: 0 }));
    this.counts = Array.from({ length: layout.periods }, () => new Uint32Array(labels.length + 1)); // the last: never
    this.cash = Array.from({ length: cashParties * labels.length }, () => new BigInt64Array(capacity));
  }

  /** The runs added so far. */
  get added(): number {
    return this.runs;
  }

  /** The bytes kept for the runs' values: summaryBytes(capacity, numbers + cash values). */
  get storedBytes(): number {
    return [...this.values, ...this.cash].reduce((a, v) => a + v.byteLength, 0);
  }

  /**
   * What column `k` of the layout holds, for a histogram: the non-empty
   * values sorted (keys: cents for money, decKey otherwise), or for a period
   * the runs per period (the last: never).
   */
  distribution(k: number): { readonly sorted: BigInt64Array } | { readonly counts: Uint32Array } {
    const s = this.layout.slot[k] as number;
    if (this.layout.kinds[k] === 'period') return { counts: this.counts[s] as Uint32Array };
    return { sorted: (this.values[s] as BigInt64Array).subarray(0, this.filled[s] as number).sort() };
  }

  add(chunk: RunChunk): void {
    const n = chunk.to - chunk.from;
    const { numbers: N, periods: P, kinds, slot } = this.layout;
    kinds.forEach((kind, k) => {
      const s = slot[k] as number;
      if (kind === 'period') {
        const counts = this.counts[s] as Uint32Array;
        for (let j = 0; j < n; j++) {
          const p = chunk.periods[j * P + s] as number;
          counts[p === NEVER ? this.labels.length : p]!++;
        }
        return;
      }
      const values = this.values[s] as BigInt64Array;
      const sum = this.sums[s] as { num: bigint; q: number };
      let f = this.filled[s] as number;
      for (let j = 0; j < n; j++) {
        const v = chunk.numbers[j * N + s] as bigint;
        if (v === EMPTY) continue;
        values[f++] = v;
        if (kind === 'money') sum.num += v;
        else addExact(sum, v);
      }
      this.filled[s] = f;
      if (kind === 'money') sum.q = -2;
    });
    const width = this.cash.length;
    if (width > 0) {
      // a chunk's runs go after those added so far (the order of runs does not matter to percentiles)
      for (let c = 0; c < width; c++) {
        const column = this.cash[c] as BigInt64Array;
        for (let j = 0; j < n; j++) column[this.runs + j] = chunk.cash[j * width + c] as bigint;
      }
    }
    this.runs += n;
  }

  /**
   * P5, P25, P50, P75 and P95 of each party's cash at the end of each
   * period, in cents: `[party][percentile][period]`, read as every money
   * metric's percentiles are (PERCENTILE.INC, half-even to the cent).
   */
  cashPercentiles(): (Cents | null)[][][] {
    const periods = this.labels.length;
    return Array.from({ length: this.cashParties }, (_, p) => {
      const sorted = Array.from({ length: periods }, (_, t) => (this.cash[p * periods + t] as BigInt64Array).subarray(0, this.runs).sort());
      return PERCENTILES.map((q) => sorted.map((column) => moneyPercentile(column, q)));
    });
  }

  /** Mean and percentiles of the first metrics of the layout. */
  metrics(addresses: readonly Address[]): MetricSummary[] {
    return addresses.map((a, k) => this.metric(a, k));
  }

  /** Mean and percentiles of the metric in column `k` of the layout. Periods take nearest-rank percentiles, with "never" last. */
  metric(a: Address, k: number): MetricSummary {
    const s = this.layout.slot[k] as number;
    if (a.kind === 'period') {
      const counts = this.counts[s] as Uint32Array;
      const never = counts[this.labels.length] as number;
      const ps = PERCENTILES.map((p) => {
        if (this.runs === 0) return null;
        const i = kth(counts, nearestRank(this.runs, new Dec(p).div(100)));
        return i === this.labels.length ? NEVER : i;
      });
      return { metric: a.text, kind: a.kind, mean: null, percentiles: ps, empty: never };
    }
    const n = this.filled[s] as number;
    const sorted = (this.values[s] as BigInt64Array).subarray(0, n).sort(); // numeric order: keys sort as their values
    const at = (i: number): Dec => decOfKey(sorted[i] as bigint);
    const sum = this.sums[s] as { num: bigint; q: number };
    return {
      metric: a.text,
      kind: a.kind,
      mean: n === 0 ? null : show(a.kind, new Dec(`${sum.num}e${sum.q}`).div(n)),
      percentiles: PERCENTILES.map((p) => (a.kind === 'money' ? moneyPercentile(sorted, p) : show(a.kind, percentileAt(n, new Dec(p).div(100), at)))),
      empty: this.runs - n,
    };
  }

  /** For each party: the share of runs whose cash first goes below zero before each year (to six places). */
  runwayOdds(runwayColumns: readonly { party: string; column: number }[]): { years: string[]; parties: { party: string; before: (Dec | null)[] }[] } {
    const labels = this.labels;
    const firstYear = Number(labels[0]!.slice(0, 4)); // number-ok: a calendar year
    const lastYear = Number(labels[labels.length - 1]!.slice(0, 4)); // number-ok: a calendar year
    const years: string[] = [];
    for (let y = firstYear + 1; y <= lastYear + 1; y++) years.push(String(y));
    const n = this.runs;
    return {
      years,
      parties: runwayColumns.map(({ party, column }) => {
        const counts = this.counts[this.layout.slot[column] as number] as Uint32Array;
        return {
          party,
          before: years.map((y) => {
            if (n === 0) return null;
            let hits = 0;
            labels.forEach((l, i) => {
              if (l.slice(0, 4) < y) hits += counts[i] as number;
            });
            return new Dec(hits).div(n).toDecimalPlaces(6, Dec.ROUND_HALF_EVEN);
          }),
        };
      }),
    };
  }

  /**
   * For each party column (a `default_period`): the runs in which the party
   * has defaulted by the end of each calendar year of the timeline (by the
   * end of the timeline for a last year it ends inside), cumulative.
   */
  defaultsByYear(columns: readonly { party: string; column: number }[]): { years: string[]; parties: { party: string; runs: number[] }[] } {
    const labels = this.labels;
    const years = [...new Set(labels.map((l) => l.slice(0, 4)))];
    return {
      years,
      parties: columns.map(({ party, column }) => {
        const counts = this.counts[this.layout.slot[column] as number] as Uint32Array;
        let hits = 0;
        let i = 0;
        const runs = years.map((y) => {
          for (; i < labels.length && (labels[i] as string).slice(0, 4) === y; i++) hits += counts[i] as number;
          return hits;
        });
        return { party, runs };
      }),
    };
  }
}

/**
 * The metrics the default tables read, as addresses: `default_period` of each
 * party that can default (a funding policy with `on_shortfall: default`, or a
 * default event), and `loss` of each pair whose obligor can. None when no party
 * can default: simulate's output is then what it was before defaults existed.
 */
export function defaultMetricTexts(model: Model): string[] {
  const can = model.parties.map((p) => p.policy?.defaults === true);
  for (const e of model.events) can[e.party] = true;
  const pairs = exposurePairs(model);
  return [...model.parties.filter((_, i) => can[i]).map((p) => `${p.id}.default_period`), ...pairs.filter((_, i) => can[model.pairs[i]![1]]).map((x) => `${x}.loss`)];
}

/** The default tables: present only when some run defaults. */
export interface DefaultSummary {
  /** the calendar years of the timeline */
  readonly years: readonly string[];
  /** each party that defaulted in some run: the runs in which it has defaulted by the end of each year, and their share of all runs (to six places) */
  readonly parties: readonly { readonly party: string; readonly runs: readonly number[]; readonly share: readonly Dec[] }[];
  /**
   * each pair whose obligor defaulted in some run: the mean of its `loss` over
   * all runs, half-even to the cent, and its P95. (The mean is the 40-digit
   * quotient of the exact sum, which rounds as the exact mean does: a mean of
   * n runs' cents lies on a tie or at least 1/(2n) of a cent from one.)
   */
  readonly pairs: readonly { readonly pair: string; readonly mean: Cents; readonly p95: Cents }[];
}

const P95 = PERCENTILES.indexOf('95');

/**
 * The default tables from the summaries, or undefined when no run defaulted.
 * `all` are the addresses of the layout, which hold defaultMetricTexts(model).
 */
export function defaultSummary(summary: RunSummary, all: readonly Address[], model: Model): DefaultSummary | undefined {
  const column = (text: string): number => all.findIndex((a) => a.text === text);
  const texts = new Set(defaultMetricTexts(model));
  const { years, parties } = summary.defaultsByYear(model.parties.filter((p) => texts.has(`${p.id}.default_period`)).map((p) => ({ party: p.id, column: column(`${p.id}.default_period`) })));
  const defaulted = parties.filter((p) => (p.runs[p.runs.length - 1] as number) > 0);
  if (defaulted.length === 0) return undefined;
  const ids = new Set(defaulted.map((p) => p.party));
  const pairs = exposurePairs(model).flatMap((pair, i) => {
    if (!ids.has(model.parties[model.pairs[i]![1]]!.id)) return [];
    const k = column(`${pair}.loss`);
    const m = summary.metric(all[k] as Address, k);
    return [{ pair, mean: m.mean as Cents, p95: m.percentiles[P95] as Cents }];
  });
  return {
    years,
    parties: defaulted.map((p) => ({ ...p, share: p.runs.map((r) => new Dec(r).div(summary.added).toDecimalPlaces(6, Dec.ROUND_HALF_EVEN)) })),
    pairs,
  };
}

/**
 * Percentile `p` ('5' … '95') of sorted cents: interpolated between closest
 * ranks (PERCENTILE.INC) in exact decimals, then half-even to the cent; null
 * without values. Every money percentile of simulate is read by this rule.
 */
function moneyPercentile(sorted: BigInt64Array, p: (typeof PERCENTILES)[number]): Cents | null {
  const d = percentileAt(sorted.length, new Dec(p).div(100), (i) => centsToDec(sorted[i] as bigint));
  return d === undefined ? null : cents(toCents(d));
}

/** The index of the k-th smallest (1-based) among counts per index. */
function kth(counts: Uint32Array, k: number): number {
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] as number;
    if (seen >= k) return i;
  }
  return counts.length - 1;
}

const ten = (e: number): bigint => 10n ** BigInt(e);

/** sum += the key's value, exactly: the sum takes the smaller exponent of the two. */
function addExact(sum: { num: bigint; q: number }, key: bigint): void {
  const { m, q } = keyParts(key);
  if (m === 0n) return;
  if (sum.num === 0n) {
    sum.num = m;
    sum.q = q;
  } else if (q >= sum.q) sum.num += m * ten(q - sum.q);
  else {
    sum.num = sum.num * ten(sum.q - q) + m;
    sum.q = q;
  }
}
