/**
 * The deal types, by the name written in `type:`. Adding a type: write its
 * module (see docs/format.md, "Adding a deal type"), add its name to
 * DealType and its module to DEAL_TYPES. The `satisfies` below fails to
 * compile while either is missing; everything else iterates this registry.
 */
import { memo, object, type Decoder, type Fields } from '../scenario/decode.js';
import { tagged } from '../scenario/tagged.js';
import type { CompileContext, DealMetricSpec, DealModule, DealRun, DealSeriesSpec, Runtime } from './types.js';
import { equity } from './equity.js';
import { creditLine } from './credit-line.js';
import { purchase } from './purchase.js';
import { lease } from './lease.js';
import { backstop } from './backstop.js';
import { warrant } from './warrant.js';
import { contract } from './contract.js';
import { round } from './round.js';
import { revenueShare } from './revenue-share.js';

export type DealType = 'equity' | 'credit_line' | 'purchase' | 'lease' | 'backstop' | 'warrant' | 'contract' | 'round' | 'revenue_share';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's own decoded and compiled types
type AnyModule<K extends string> = DealModule<K, any, any>;

export const DEAL_TYPES = {
  equity,
  credit_line: creditLine,
  purchase,
  lease,
  backstop,
  warrant,
  contract,
  round,
  revenue_share: revenueShare,
} as const satisfies { readonly [K in DealType]: AnyModule<K> };

type Modules = typeof DEAL_TYPES;
/** A checked deal of any type, as the engine runs it. */
export type DealM = { [K in DealType]: Exclude<ReturnType<Modules[K]['compile']>, undefined> }[DealType];
/** A decoded deal of any type. */
export type DealIn = { [K in DealType]: Parameters<Modules[K]['compile']>[0] }[DealType];

// The registry is indexed by a deal's own kind, so each module only ever sees its own deals.
const moduleOf = (kind: DealType): AnyModule<DealType> => DEAL_TYPES[kind] as AnyModule<DealType>;

/** The decoder of one entry of `deals:`, picking the type's fields by `type`. */
export const dealDecoder: Decoder<DealIn> = memo(
  tagged(Object.fromEntries(Object.entries(DEAL_TYPES).map(([k, m]) => [k, object(m.fields as Fields)])), 'deal') as Decoder<DealIn>,
);

/** Check a decoded deal and lay it on the timeline; undefined when it has a problem (reported). */
export function compileDeal(d: DealIn, cx: CompileContext): DealM | undefined {
  return moduleOf(d.kind).compile(d, cx) as DealM | undefined;
}

/** The exposure pairs a deal opens, [holder, obligor]; the first holds its claims. */
export function dealPairs(m: DealM): readonly (readonly [number, number])[] {
  return moduleOf(m.kind).pairs(m);
}

/** The party the money `payer` pays under a deal is earmarked for buying from, or −1. */
export function dealEarmark(m: DealM, payer: number): number {
  return moduleOf(m.kind).earmark(m, payer);
}

/** How a deal's claim is written off on a default (`losses` kind). */
export function claimKind(m: DealM): string {
  return moduleOf(m.kind).claimKind ?? 'loan';
}

/** The metrics and series the deal types add, each named once, in registry order (a name two types share is one metric). */
export function dealMetricSpecs(): { pair: DealMetricSpec[]; party: DealMetricSpec[]; pairSeries: DealSeriesSpec[] } {
  const out = { pair: [] as DealMetricSpec[], party: [] as DealMetricSpec[], pairSeries: [] as DealSeriesSpec[] };
  for (const m of Object.values(DEAL_TYPES) as AnyModule<DealType>[]) {
    for (const k of ['pair', 'party', 'pairSeries'] as const) {
      for (const spec of m.metrics?.[k] ?? []) if (!out[k].some((x) => x.name === spec.name)) (out[k] as { name: string }[]).push(spec);
    }
  }
  return out;
}

/** A deal's state and steps for one run. */
export function startDeal(m: DealM, index: number, rt: Runtime): DealRun {
  return moduleOf(m.kind).start(m, index, rt);
}

/** The fields of a deal type that `extends` replaces whole; none for an unknown type (the decoder reports it). */
export function wholeFields(type: string | undefined): ReadonlySet<string> {
  return WHOLE.get(type ?? '') ?? NONE;
}
const NONE: ReadonlySet<string> = new Set();
const WHOLE = new Map<string, ReadonlySet<string>>(Object.entries(DEAL_TYPES).map(([k, m]) => [k, new Set<string>(m.whole)]));
