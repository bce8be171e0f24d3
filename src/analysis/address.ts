/**
 * Metric addresses for the analysis commands: `openai.runway_end`,
 * `nvidia->openai.peak`. Checked against the scenario, with the valid ones
 * listed on a typo; read from the metrics as exact decimals.
 */
import { centsToDec, type Dec } from '../money/decimal.js';
import type { Model } from '../scenario/compile.js';
import { exposurePairIndexes, type Metrics } from '../metrics/metrics.js';
import { EXPOSURE_METRICS, PARTY_METRICS, type ValueKind } from '../report/catalog.js';
import { suggest } from '../scenario/problems.js';

export interface Address {
  readonly text: string;
  readonly scope: string;
  readonly metric: string;
  readonly kind: ValueKind;
  readonly exposure: boolean;
}

/** A metric's value: a number (money in dollars, ratio, GW), a period index, or empty. */
export type MetricNumber = { readonly kind: ValueKind; readonly value: Dec | null; readonly period: number | null };

const partyKinds = new Map(PARTY_METRICS);
const exposureKinds = new Map(EXPOSURE_METRICS);

/** Every valid address of a model, in output order. */
export function allAddresses(model: Model): string[] {
  const out: string[] = [];
  for (const p of model.parties) for (const [m] of PARTY_METRICS) out.push(`${p.id}.${m}`);
  for (const pair of exposurePairs(model)) for (const [m] of EXPOSURE_METRICS) out.push(`${pair}.${m}`);
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
  const kind = (isPair ? exposureKinds : partyKinds).get(metric);
  if ((isPair ? pairs : parties).includes(scope) && kind) return { ok: true, address: { text, scope, metric, kind, exposure: isPair } };
  const all = allAddresses(model);
  const near = suggest(text, all);
  return {
    ok: false,
    message:
      `unknown metric "${text}"${near ? `; did you mean "${near}"?` : '.'} A metric is SCOPE.METRIC: ` +
      `a party (${parties.join(', ')}) with ${PARTY_METRICS.map(([m]) => m).join(', ')}` +
      (pairs.length ? `; or a pair (${pairs.join(', ')}) with ${EXPOSURE_METRICS.map(([m]) => m).join(', ')}` : '; this scenario has no exposure pairs'),
  };
}

/** The value of an address in a run's metrics. */
export function readMetric(m: Metrics, a: Address): MetricNumber {
  const src = a.exposure ? m.exposures.find((x) => `${x.holder}->${x.obligor}` === a.scope) : m.parties.find((p) => p.id === a.scope);
  const raw = src ? (src as unknown as Record<string, unknown>)[a.metric] : null;
  if (a.kind === 'period') {
    return { kind: a.kind, value: null, period: raw as number | null };
  }
  if (raw === null || raw === undefined) return { kind: a.kind, value: null, period: null };
  return { kind: a.kind, value: typeof raw === 'bigint' ? centsToDec(raw) : (raw as Dec), period: null };
}

/** Whether an address needs NPV or IRR (the costly metrics). */
export function needs(addresses: readonly Address[]): { npv: boolean; irr: boolean } {
  return { npv: addresses.some((a) => a.metric === 'npv'), irr: addresses.some((a) => a.metric === 'irr') };
}

