/**
 * The `model --format json` document (stargate-result/2): the typed result
 * serialised by walking the metric registry, every value a string or null,
 * never a JSON number.
 */
import { cents, formatCents } from '../money/decimal.js';
import { KINDS } from '../engine/ledger.js';
import { PAIR_METRICS, PAIR_SERIES, PARTY_METRICS, PARTY_SERIES, valueOf, type MetricDef, type SeriesDef } from '../metrics/registry.js';
import type { ModelResult } from '../metrics/result.js';
import { plain } from './cells.js';
import { presentMetrics } from './summary.js';
import { partyId } from './filter.js';
import { metricCell, type Json } from './report.js';

type JsonObject = { readonly [k: string]: Json };

/** Each metric of the list by name, as its plain text. */
function metricsJson<S>(defs: readonly MetricDef<S>[], s: S, labels: readonly string[]): JsonObject {
  return Object.fromEntries(defs.map((m) => [m.name, plain(metricCell(valueOf(m, s), labels))]));
}

/** Each series of the list by name, as plain money texts. */
function seriesJson<S>(defs: readonly SeriesDef<S>[], s: S): JsonObject {
  return Object.fromEntries(defs.map((d) => [d.name, d.get(s).map(formatCents)]));
}

/** The ledger entries as the JSON result lists them. */
export function ledgerJson(r: ModelResult): Json[] {
  const labels = r.model.timeline.labels;
  return r.ledger.map((e) => ({
    period: labels[e.period] as string,
    from: partyId(r, e.from),
    to: partyId(r, e.to),
    amount: formatCents(cents(e.amount)),
    kind: KINDS[e.kind] as string,
    source: e.source,
  }));
}

/** The write-offs of the defaults as the JSON result lists them. */
export function lossesJson(r: ModelResult): Json[] {
  const labels = r.model.timeline.labels;
  return r.losses.map((l) => ({
    holder: partyId(r, l.holder),
    obligor: partyId(r, l.obligor),
    period: labels[l.period] as string,
    amount: formatCents(cents(l.amount)),
    kind: l.kind,
  }));
}

/** The model result as the documented JSON value (compare leaves the ledger out). */
export function modelJson(r: ModelResult, options: { ledger?: boolean } = {}): JsonObject {
  const { model } = r;
  const tl = model.timeline;
  const parties: { [id: string]: Json } = {};
  const partyDefs = presentMetrics(PARTY_METRICS as readonly MetricDef<(typeof r.parties)[number]>[], r.parties);
  const pairDefs = presentMetrics(PAIR_METRICS as readonly MetricDef<(typeof r.exposures)[number]>[], r.exposures);
  for (const p of r.parties) parties[p.id] = { name: p.name, ...metricsJson<typeof p>(partyDefs, p, tl.labels), series: seriesJson(PARTY_SERIES, p) };
  // a deal type's own series only where a deal of the type gives it (as its metrics), so outputs stay as they were without one
  const core = new Set(['loans', 'equity_cost', 'exposure', 'net_cash', 'revenue', 'position_flows', 'financed_revenue']);
  const pairSeries = PAIR_SERIES.filter((d) => core.has(d.name) || r.exposures.some((x) => x.extraSeries[d.name] !== undefined));
  const exposures: Json[] = r.exposures.map((x) => ({ holder: x.holder, obligor: x.obligor, ...metricsJson<typeof x>(pairDefs, x, tl.labels), series: seriesJson(pairSeries, x) }));
  return {
    format: 'stargate-result/2',
    scenario: {
      name: model.name,
      file: model.file,
      timeline: { start: tl.labels[0] as string, end: tl.labels[tl.count - 1] as string, step: tl.step, periods: [...tl.labels] },
    },
    parties,
    exposures,
    losses: lossesJson(r),
    ...(options.ledger !== false ? { ledger: ledgerJson(r) } : {}),
    notes: [...r.notes],
  };
}
