/**
 * A bridge for src/analysis/address.ts, which still imports the metric names
 * and kinds from here: both lists are derived from the metric registry
 * (src/metrics/registry.ts), the one place metrics are spelled. Delete this
 * file once address.ts reads the registry itself.
 */
import { PAIR_METRICS_TABLE, PARTY_METRICS as PARTY, type MetricKind } from '../metrics/registry.js';

/** A metric's kind, or text (which no metric has). */
export type ValueKind = MetricKind | 'text';

/** Party metrics, [name, kind], in registry order. */
export const PARTY_METRICS: readonly (readonly [string, ValueKind])[] = PARTY.map((m) => [m.name, m.kind] as const);

/** Pair metrics, [name, kind], in table order. */
export const EXPOSURE_METRICS: readonly (readonly [string, ValueKind])[] = PAIR_METRICS_TABLE.map((m) => [m.name, m.kind] as const);
