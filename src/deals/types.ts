/**
 * What a deal type is: one module per type (equity.ts, credit-line.ts,
 * purchase.ts) holds its fields and their documentation, which fields
 * `extends` replaces whole, how it is checked and laid on the timeline, its
 * step in the engine, and what it adds to the exposures. The registry
 * (registry.ts) lists the modules; nothing else in the program names a type.
 */
import type { Cents, Dec } from '../money/decimal.js';
import type { At, Fields, ObjectOut } from '../scenario/decode.js';
import type { Checker, PartyM } from '../scenario/compile.js';
import type { MetricKind } from '../metrics/registry.js';

/** What a deal's compile step may use: the checker and the scenario's references. */
export interface CompileContext {
  readonly c: Checker;
  /** a party reference as an index; an unknown one is reported and gives −1 */
  party(r: At<string>): number;
  /** two parties that must differ (lender and borrower, ...) */
  twoParties(a: At<string>, b: At<string>, roles: string): [number, number];
  /**
   * a build-out reference; an unknown one is reported and gives undefined. A
   * deal sees only the GW it adds each period: analysis runs compile deals
   * again only when a build-out's GW schedule changed (see recompile).
   */
  buildout(r: At<string>): { readonly index: number; readonly added: readonly Dec[] } | undefined;
  /**
   * A party's compiled levels (valuation, share price, shares outstanding, ...).
   * A deal that reads them is compiled again when an analysis changes that party.
   */
  levels(party: number): PartyM;
  /**
   * A party's `operations` revenue in cents per period, or undefined when it has
   * none. A deal that reads it is compiled again when an analysis changes it.
   */
  revenue(party: number): readonly bigint[] | undefined;
}

/**
 * The engine as a deal's step sees it, for one run. Amounts are whole cents;
 * `pay` ignores amounts ≤ 0, so a step can pay what it computed.
 */
export interface Runtime {
  readonly periods: number;
  /** step-periods per year */
  readonly ppy: bigint;
  /** money moves: from → to, of a ledger kind (ledger.ts K), recorded for this deal */
  pay(t: number, from: number, to: number, amount: bigint, kind: number, deal: number): void;
  /** a sale: paid like `pay`, and the seller's cost of sales follows */
  sell(t: number, from: number, to: number, amount: bigint, kind: number, deal: number): void;
  /**
   * the issuer sells a stake of itself to the investor; earlier holders are
   * diluted by (1 − stake). The stake is worked out only when the run is
   * through (a run that meets a default is made again and drops its first try).
   */
  issue(issuer: number, investor: number, stake: () => Dec): void;
  /** whether the party has defaulted in or before period t: from then on nothing flows to or from it */
  silent(party: number, t: number): boolean;
  /** whether build-out b still adds GW in period t (its operator has not defaulted) */
  building(b: number, t: number): boolean;
  /**
   * One priced round: every investor buys at the same price, and the issuer's
   * earlier holders are diluted once, by (1 − the stakes' sum). Stakes are
   * worked out when read, as for `issue`.
   */
  issueRound(issuer: number, investors: readonly (readonly [investor: number, stake: () => Dec])[]): void;
  /**
   * A flow of the holder's financing position with the obligor that moves no
   * cash: negative when the holder puts something in (a lessor's equipment),
   * positive when it gets something back.
   */
  position(t: number, holder: number, obligor: number, amount: bigint): void;
  /**
   * Money the holder puts toward the obligor's purchases from it without a
   * cash flow (a warrant's dilution cost): it counts in the pair's
   * financed revenue as an earmarked loan or equity would.
   */
  earmark(t: number, holder: number, obligor: number, amount: bigint): void;
  /** state the deals of one run share, by a key of the module's own (the shares issued under one issuer's warrants) */
  readonly shared: Map<string, unknown>;
}

/** A value a deal gives one of its module's metrics at the end of a run, for a pair or a party. */
export type DealValue =
  | { readonly scope: 'pair'; readonly holder: number; readonly obligor: number; readonly name: string; readonly value: Cents | Dec | null }
  | { readonly scope: 'party'; readonly party: number; readonly name: string; readonly value: Cents | Dec | null };

/** A per-period series a deal gives a pair (a contract's backlog), in cents. */
export interface DealSeries {
  readonly holder: number;
  readonly obligor: number;
  readonly name: string;
  readonly values: readonly bigint[];
}

/** A metric a deal type adds to the pairs or parties it touches (null where no deal of the type gives it). */
export interface DealMetricSpec {
  readonly name: string;
  readonly kind: Exclude<MetricKind, 'period'>;
  readonly label: string;
  readonly doc: string;
  /** the group of the pair table it shows in (pair metrics only) */
  readonly group?: 'exposure' | 'financing position' | 'sales' | 'together';
}

/** A per-period series a deal type adds to pairs: a flow (summed over a coarser period) or a level (taken at its end). */
export interface DealSeriesSpec {
  readonly name: string;
  readonly aggregate: 'flow' | 'level';
  readonly doc: string;
}

/** One deal during one run: the engine calls its steps every period. */
export interface DealRun {
  /** financing, before the build-outs pay their capex (equity rounds, loans) */
  finance?(t: number): void;
  /** trade, after the build-outs: sales whose cost of sales follows theirs */
  trade?(t: number): void;
  /** what the obligor owes the holder at the end of each period (a loan's balance), filled as the run goes */
  readonly claims?: readonly bigint[];
  /**
   * The obligor defaults at the start of period t: give what it owed at the
   * end of t − 1 and clear it (the engine recovers part and writes off the
   * rest). Only deals that hold claims have it.
   */
  writeOff?(t: number): bigint;
  /** A funding policy asks an on-demand line for up to `want` in period t: draw what it can, pay it, give the amount drawn. */
  demand?(t: number, want: bigint): bigint;
  /** after every deal's `finance` step of the period (a warrant's exercise follows the period's equity) */
  late?(t: number): void;
  /** what the deal adds to its first pair's terminal value at the end (a lease's residual once its term is over) */
  terminal?(): bigint;
  /** its party's value at the end, for an issuer with no valuation of its own (a warrant's share price × shares) */
  valuation?(): { readonly party: number; readonly value: Dec } | null;
  /** the values of its module's metrics, at the end of the run */
  values?(): readonly DealValue[];
  /** the per-period series of its module, at the end of the run */
  series?(): readonly DealSeries[];
}

/** The checked deal as the engine runs it: every deal has an id and a kind. */
export interface CompiledDeal<K extends string> {
  readonly kind: K;
  readonly id: string;
}

/** A deal type: everything about it in one value. */
export interface DealModule<K extends string, F extends Fields, M extends CompiledDeal<K>> {
  readonly type: K;
  /** one line for the docs and the schema */
  readonly doc: string;
  readonly fields: F;
  /** fields whose value is one whole (a series, a schedule): a file that `extends` another replaces them, not merges them */
  readonly whole: readonly (keyof F & string)[];
  /** check the decoded deal and lay it on the timeline; undefined when it has a problem (reported through the context) */
  compile(d: DealIn<K, F>, cx: CompileContext): M | undefined;
  /**
   * The exposure pairs it opens, [holder, obligor] (a purchase opens none).
   * The first holds the deal's `claims`, and is the pair a default's recovery
   * and write-off of its claim go to.
   */
  pairs(m: M): readonly (readonly [number, number])[];
  /** the party the money `payer` pays under it is earmarked for buying from (use_of_proceeds), or −1 */
  earmark(m: M, payer: number): number;
  /** how a claim of this type is written off on a default (`losses`); a loan's without it */
  readonly claimKind?: string;
  /** the metrics it adds to pairs and parties, the series it adds to pairs */
  readonly metrics?: { readonly pair?: readonly DealMetricSpec[]; readonly party?: readonly DealMetricSpec[]; readonly pairSeries?: readonly DealSeriesSpec[] };
  /** its state for one run, and its steps */
  start(m: M, deal: number, rt: Runtime): DealRun;
}

/** A decoded deal of type K: its fields, its kind, its place in the file. */
export type DealIn<K extends string, F extends Fields> = { readonly kind: K } & ObjectOut<F>;
