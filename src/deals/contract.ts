/**
 * contract: a take-or-pay commitment (instruments.md, "contract"). The buyer
 * pays the seller an amount flow, a sale with the seller's cost of sales, as a
 * purchase; what is still to come is the contract's backlog, and a buyer that
 * defaults owes the seller a termination fee on it, recovered and written off
 * as any claim on a defaulter.
 */
import { cents, ratioOf, roundDiv, type Ratio } from '../money/decimal.js';
import { amount, oneOf, opt, ratio, ref, req, series } from '../scenario/decode.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule } from './types.js';

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['contract'] as const), 'contract'),
  buyer: req(ref('party'), 'party committed to pay'),
  seller: req(ref('party'), 'party that is paid'),
  amount: req(series(amount({ min: 'zero' })), 'flow: the committed payments; what falls after the timeline is left out'),
  termination_fee: opt(ratio({ min: 'zero', maxOne: true }), "share of the backlog the buyer owes the seller if it defaults, 0..100%; none: no fee"),
};

/** A contract laid on the timeline: its parties, its amount per period in cents, its fee. */
export interface ContractM extends CompiledDeal<'contract'> {
  readonly buyer: number;
  readonly seller: number;
  readonly amount: readonly bigint[];
  /** the termination fee as an exact fraction, or null without one */
  readonly fee: Ratio | null;
}

type Context = Parameters<DealModule<'contract', typeof fields, ContractM>['compile']>[1];

function compile(d: DealIn<'contract', typeof fields>, cx: Context): ContractM | undefined {
  const [buyer, seller] = cx.twoParties(d.buyer, d.seller, 'buyer and seller');
  const amount = cx.c.moneyFlow(d.amount);
  if (buyer < 0 || seller < 0) return undefined;
  const fee = d.termination_fee ? ratioOf(d.termination_fee.value) : null;
  return { kind: 'contract', id: d.id.value, buyer, seller, amount, fee: fee && fee.num > 0n ? fee : null };
}

const PAIR_METRICS = [
  {
    name: 'backlog_start', kind: 'money', label: 'contract backlog at start', group: 'sales',
    doc: "the holder's contracts with the obligor as committed: all their amounts within the timeline; null without a contract",
  },
  {
    name: 'sales_lost', kind: 'money', label: 'contract sales lost', group: 'sales',
    doc: "the contracts' amounts from the first default of either party on, never paid; zero without one, null without a contract",
  },
] as const;

const SERIES = [
  { name: 'backlog', aggregate: 'level', doc: "the holder's contracts with the obligor: their amounts in the periods after this one, within the timeline; zero from a default of either party on" },
] as const;

/** The contract deal type: a purchase with a backlog, and a termination fee owed at the buyer's default. */
export const contract = {
  type: 'contract',
  doc: 'a take-or-pay commitment: a buyer pays a seller an amount flow, with a backlog and an optional termination fee',
  fields,
  whole: ['amount'],
  compile,
  // the seller holds the backlog and, at the buyer's default, the termination fee
  pairs: (m) => [[m.seller, m.buyer]],
  earmark: () => -1,
  claimKind: 'contract',
  metrics: { pair: PAIR_METRICS, pairSeries: SERIES },
  start(m, deal, rt) {
    const n = rt.periods;
    // the first period in which either party has defaulted: the contract ends at its start (n: never)
    const ended = (): number => {
      for (let t = 0; t < n; t++) if (rt.silent(m.buyer, t) || rt.silent(m.seller, t)) return t;
      return n;
    };
    /** the amounts in the periods from t on (the backlog at the end of t − 1) */
    const from = (t: number): bigint => {
      let s = 0n;
      for (let u = t; u < n; u++) s += m.amount[u] as bigint;
      return s;
    };
    return {
      trade(t) {
        if (rt.silent(m.buyer, t) || rt.silent(m.seller, t)) return;
        rt.sell(t, m.buyer, m.seller, m.amount[t] as bigint, K.contract, deal);
      },
      // the buyer defaults at the start of t: the fee on the backlog at the end of t − 1, unless the
      // seller's own earlier default had already ended the contract
      writeOff(t) {
        if (!m.fee || rt.silent(m.seller, t - 1)) return 0n;
        return roundDiv(from(t) * m.fee.num, m.fee.den);
      },
      // what is committed, and what the first default of either party left unsold (nothing without one: from(n) = 0)
      values() {
        const end = ended();
        return [
          { scope: 'pair', holder: m.seller, obligor: m.buyer, name: 'backlog_start', value: cents(from(0)) },
          { scope: 'pair', holder: m.seller, obligor: m.buyer, name: 'sales_lost', value: cents(from(end)) },
        ];
      },
      series() {
        const end = ended();
        const values = new Array<bigint>(n).fill(0n);
        let after = 0n;
        for (let t = n - 1; t >= 0; t--) {
          if (t < end) values[t] = after;
          after += m.amount[t] as bigint;
        }
        return [{ holder: m.seller, obligor: m.buyer, name: 'backlog', values }];
      },
    };
  },
} as const satisfies DealModule<'contract', typeof fields, ContractM>;
