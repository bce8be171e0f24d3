/**
 * Metric addresses for the analysis commands: `openai.runway_end`,
 * `nvidia->openai.peak`, and a series at one period, `openai.cash@2027-Q4`.
 * Checked against the scenario, with the valid ones listed on a typo; read
 * from the metrics as exact decimals.
 */
import { centsToDec, type Cents, type Dec } from '../money/decimal.js';
import type { Model } from '../scenario/compile.js';
import type { ExposureMetrics, PartyMetrics } from '../metrics/metrics.js';
import { PAIR_METRICS_TABLE, PAIR_SERIES, PARTY_METRICS, PARTY_SERIES, pairMetric, partyMetric, type MetricDef, type MetricKind, type SeriesDef } from '../metrics/registry.js';
import { suggest } from '../scenario/problems.js';
import { parsePeriod, PERIOD_HINT } from '../scenario/periods.js';

export interface Address {
  readonly text: string;
  readonly scope: string;
  readonly metric: string;
  readonly kind: MetricKind;
  readonly exposure: boolean;
  /** the party's or the pair's place in the metrics (model order); addresses are plain data, sent to worker threads */
  readonly index: number;
  /** a series at one period: its step-periods, from and to (inclusive), summed (a flow) or the last (a level) */
  readonly at?: { readonly from: number; readonly to: number; readonly aggregate: 'flow' | 'level' };
}

// the registry by name, for reading an address in every run
const PARTY_BY_NAME = new Map(PARTY_METRICS.map((m) => [m.name as string, m as MetricDef<PartyMetrics>]));
const PAIR_BY_NAME = new Map(PAIR_METRICS_TABLE.map((m) => [m.name, m]));
const PARTY_SERIES_BY_NAME = new Map(PARTY_SERIES.map((s) => [s.name, s]));
const PAIR_SERIES_BY_NAME = new Map(PAIR_SERIES.map((s) => [s.name, s]));

/** A metric's value: a number (money in dollars, ratio, GW), a period index, or empty. */
export type MetricNumber = { readonly kind: MetricKind; readonly value: Dec | null; readonly period: number | null };

/** Every valid address of a model, in output order. */
function allAddresses(model: Model): string[] {
  const out: string[] = [];
  for (const p of model.parties) for (const m of PARTY_METRICS) out.push(`${p.id}.${m.name}`);
  for (const pair of exposurePairs(model)) for (const m of PAIR_METRICS_TABLE) out.push(`${pair}.${m.name}`);
  return out;
}

/** The exposure pairs of a model, `holder->obligor`, in the order the metrics list them. */
export function exposurePairs(model: Model): string[] {
  return model.pairs.map(([h, o]) => `${model.parties[h]!.id}->${model.parties[o]!.id}`);
}

export type AddressResult = { ok: true; address: Address } | { ok: false; message: string };

/** Parse and check one address against the model. */
export function parseAddress(text: string, model: Model): AddressResult {
  const atSign = text.lastIndexOf('@');
  if (atSign >= 0) return parseSeriesAddress(text, atSign, model);
  const dot = text.lastIndexOf('.');
  const scope = dot > 0 ? text.slice(0, dot) : '';
  const metric = dot > 0 ? text.slice(dot + 1) : text;
  const parties = model.parties.map((p) => p.id);
  const pairs = exposurePairs(model);
  const isPair = scope.includes('->');
  const def = isPair ? pairMetric(metric) : partyMetric(metric);
  const index = (isPair ? pairs : parties).indexOf(scope);
  if (index >= 0 && def) return { ok: true, address: { text, scope, metric, kind: def.kind, exposure: isPair, index } };
  const all = allAddresses(model);
  const near = suggest(text, all);
  return {
    ok: false,
    message:
      `unknown metric "${text}"${near ? `; did you mean "${near}"?` : '.'} A metric is SCOPE.METRIC: ` +
      `a party (${parties.join(', ')}) with ${PARTY_METRICS.map((m) => m.name).join(', ')}` +
      (pairs.length ? `; or a pair (${pairs.join(', ')}) with ${PAIR_METRICS_TABLE.map((m) => m.name).join(', ')}` : '; this scenario has no exposure pairs') +
      `. A series at one period is SCOPE.SERIES@PERIOD: a party's ${PARTY_SERIES.map((x) => x.name).join(', ')}; a pair's ${PAIR_SERIES.map((x) => x.name).join(', ')} (e.g. ${parties[0] ?? 'party'}.cash@${model.timeline.labels[model.timeline.count - 1]})`,
  };
}

/**
 * `SCOPE.SERIES@PERIOD`: a series at one period of the timeline, or a coarser
 * one made of whole step-periods (a flow summed over them, a level at the last).
 */
function parseSeriesAddress(text: string, atSign: number, model: Model): AddressResult {
  const base = text.slice(0, atSign);
  const label = text.slice(atSign + 1);
  const dot = base.lastIndexOf('.');
  const scope = dot > 0 ? base.slice(0, dot) : '';
  const metric = dot > 0 ? base.slice(dot + 1) : base;
  const isPair = scope.includes('->');
  const index = (isPair ? exposurePairs(model) : model.parties.map((p) => p.id)).indexOf(scope);
  const defs: readonly SeriesDef<never>[] = isPair ? PAIR_SERIES : PARTY_SERIES;
  const def = defs.find((s) => s.name === metric);
  const fail = (message: string): AddressResult => ({ ok: false, message: `"${text}": ${message}` });
  if (index < 0) return fail(`no ${isPair ? 'exposure pair' : 'party'} "${scope}"; ${isPair ? `the pairs are ${exposurePairs(model).join(', ') || 'none'}` : `the parties are ${model.parties.map((p) => p.id).join(', ')}`}`);
  if (!def) {
    const near = suggest(metric, defs.map((s) => s.name));
    return fail(`a ${isPair ? 'pair' : 'party'} has no series "${metric}"${near ? `; did you mean "${near}"?` : ''}: the series that take @PERIOD are ${defs.map((s) => s.name).join(', ')}`);
  }
  const p = parsePeriod(label);
  const tl = model.timeline;
  const span = `the timeline is ${tl.labels[0]} to ${tl.labels[tl.count - 1]}, by ${tl.step}`;
  if (!p) return fail(`expected ${PERIOD_HINT} after @`);
  const w = 12 / tl.ppy;
  if (p.months < w) return fail(`${label} is shorter than one ${tl.step}; ${span}`);
  const from = (p.first - tl.first) / w;
  const to = from + p.months / w - 1;
  if (from < 0 || to > tl.count - 1) return fail(`${label} is not inside the timeline; ${span}`);
  if (!Number.isInteger(from)) return fail(`${label} does not start where a ${tl.step} starts; ${span}`);
  return { ok: true, address: { text, scope, metric, kind: 'money', exposure: isPair, index, at: { from, to, aggregate: def.aggregate } } };
}

type RunMetrics = { readonly parties: readonly PartyMetrics[]; readonly exposures: readonly ExposureMetrics[] };

/**
 * The value of an address as the metrics hold it: money from the ledger as
 * cents, an exact decimal (a ratio, GW, or money with sub-cent digits such as
 * NPV), a period index, or null when empty. simulate keeps these as they are.
 */
export function readRaw(m: RunMetrics, a: Address): Cents | Dec | number | null {
  if (a.at) {
    const series = a.exposure ? PAIR_SERIES_BY_NAME.get(a.metric)!.get(m.exposures[a.index]!) : PARTY_SERIES_BY_NAME.get(a.metric)!.get(m.parties[a.index]!);
    let v = 0n;
    if (a.at.aggregate === 'level') v = series[a.at.to] as bigint;
    else for (let t = a.at.from; t <= a.at.to; t++) v += series[t] as bigint;
    return v as Cents;
  }
  return (a.exposure ? PAIR_BY_NAME.get(a.metric)!.get(m.exposures[a.index]!) : PARTY_BY_NAME.get(a.metric)!.get(m.parties[a.index]!)) as Cents | Dec | number | null;
}

/** The value of an address in a run's metrics. */
export function readMetric(m: RunMetrics, a: Address): MetricNumber {
  const raw = readRaw(m, a);
  if (a.kind === 'period') return { kind: a.kind, value: null, period: raw as number | null };
  if (raw === null) return { kind: a.kind, value: null, period: null };
  return { kind: a.kind, value: typeof raw === 'bigint' ? centsToDec(raw) : (raw as Dec), period: null };
}

/** Which of the costly metrics (NPV, IRR, ownership sold) the addresses need. */
export function needs(addresses: readonly Address[]): { npv: boolean; irr: boolean; ownership: boolean } {
  const asked = (m: string): boolean => addresses.some((a) => a.metric === m);
  return { npv: asked('npv'), irr: asked('irr'), ownership: asked('ownership_sold') };
}

