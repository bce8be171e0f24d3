/**
 * What a deal type is: one module per type (equity.ts, credit-line.ts,
 * purchase.ts) holds its fields and their documentation, which fields
 * `extends` replaces whole, how it is checked and laid on the timeline, its
 * step in the engine, and what it adds to the exposures. The registry
 * (registry.ts) lists the modules; nothing else in the program names a type.
 */
import type { Dec } from '../money/decimal.js';
import type { At, Fields, ObjectOut } from '../scenario/decode.js';
import type { Checker } from '../scenario/compile.js';

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
  /** the exposure pair it opens, [holder, obligor], or null (a purchase opens none) */
  pair(m: M): readonly [number, number] | null;
  /** the party its money is earmarked for buying from (use_of_proceeds), or −1 */
  earmark(m: M): number;
  /** its state for one run, and its steps */
  start(m: M, deal: number, rt: Runtime): DealRun;
}

/** A decoded deal of type K: its fields, its kind, its place in the file. */
export type DealIn<K extends string, F extends Fields> = { readonly kind: K } & ObjectOut<F>;
