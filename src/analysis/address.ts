/**
 * Metric addresses for the analysis commands: `openai.runway_end`,
 * `nvidia->openai.peak`. Checked against the scenario, with the valid ones
 * listed on a typo; read from the metrics as exact decimals.
 */
import { centsToDec, type Dec } from '../money/decimal.js';
import type { Model } from '../scenario/compile.js';
import { exposurePairIndexes, type Metrics, type PartyMetrics } from '../metrics/metrics.js';
import { PAIR_METRICS_TABLE, PARTY_METRICS, pairMetric, partyMetric, type MetricDef, type MetricKind } from '../metrics/registry.js';
import { suggest } from '../scenario/problems.js';

export interface Address {
  readonly text: string;
  readonly scope: string;
  readonly metric: string;
  readonly kind: MetricKind;
  readonly exposure: boolean;
  /** the party's or the pair's place in the metrics (model order); addresses are plain data, sent to worker threads */
  readonly index: number;
}

// the registry by name, for reading an address in every run
const PARTY_BY_NAME = new Map(PARTY_METRICS.map((m) => [m.name as string, m as MetricDef<PartyMetrics>]));
const PAIR_BY_NAME = new Map(PAIR_METRICS_TABLE.map((m) => [m.name, m]));

/** A metric's value: a number (money in dollars, ratio, GW), a period index, or empty. */
export type MetricNumber = { readonly kind: MetricKind; readonly value: Dec | null; readonly period: number | null };

/** Every valid address of a model, in output order. */
export function allAddresses(model: Model): string[] {
  const out: string[] = [];
  for (const p of model.parties) for (const m of PARTY_METRICS) out.push(`${p.id}.${m.name}`);
  for (const pair of exposurePairs(model)) for (const m of PAIR_METRICS_TABLE) out.push(`${pair}.${m.name}`);
  return out;
}

/** The exposure pairs of a model, `holder->obligor`, in the order the metrics list them. */
export function exposurePairs(model: Model): string[] {
  return exposurePairIndexes(model).map(([h, o]) => `${model.parties[h]!.id}->${model.parties[o]!.id}`);
}

export type AddressResult = { ok: true; address: Address } | { ok: false; message: string };

/** Parse and check one address against the model. */
export function parseAddress(text: string, model: Model): AddressResult {
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
      (pairs.length ? `; or a pair (${pairs.join(', ')}) with ${PAIR_METRICS_TABLE.map((m) => m.name).join(', ')}` : '; this scenario has no exposure pairs'),
  };
}

/** The value of an address in a run's metrics. */
export function readMetric(m: Metrics, a: Address): MetricNumber {
  const raw = a.exposure ? PAIR_BY_NAME.get(a.metric)!.get(m.exposures[a.index]!) : PARTY_BY_NAME.get(a.metric)!.get(m.parties[a.index]!);
  if (a.kind === 'period') return { kind: a.kind, value: null, period: raw as number | null };
  if (raw === null) return { kind: a.kind, value: null, period: null };
  return { kind: a.kind, value: typeof raw === 'bigint' ? centsToDec(raw) : (raw as Dec), period: null };
}

/** Whether an address needs NPV or IRR (the costly metrics). */
export function needs(addresses: readonly Address[]): { npv: boolean; irr: boolean } {
  return { npv: addresses.some((a) => a.metric === 'npv'), irr: addresses.some((a) => a.metric === 'irr') };
}

