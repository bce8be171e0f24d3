/**
 * A scenario's typed result: the model that ran, its ledger and every metric.
 * Reports and renderers read this; text appears only when they render it.
 */
import type { Model } from '../scenario/compile.js';
import type { Entry } from '../engine/ledger.js';
import { run, type Loss } from '../engine/engine.js';
import { computeMetrics, type ExposureMetrics, type PartyMetrics } from './metrics.js';
import { FinanceCache } from './finance.js';

export interface ModelResult {
  readonly model: Model;
  /** the ledger, in the spec's order */
  readonly ledger: readonly Entry[];
  readonly parties: readonly PartyMetrics[];
  readonly exposures: readonly ExposureMetrics[];
  /** the write-offs of the defaults, in the spec's order */
  readonly losses: readonly Loss[];
  /** the loader's warnings, then the metrics' notes */
  readonly notes: readonly string[];
}

/** Run a checked model and compute its metrics. */
export function modelResult(model: Model, warnings: readonly string[] = []): ModelResult {
  const r = run(model);
  const m = computeMetrics(r, { cache: new FinanceCache() });
  return { model, ledger: r.entries, parties: m.parties, exposures: m.exposures, losses: r.losses, notes: [...warnings, ...m.notes] };
}
