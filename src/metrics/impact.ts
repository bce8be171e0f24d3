/**
 * What a stress did to those who deal with a defaulter: for each party that
 * defaults in the stressed run (B), each holder of an exposure pair on it and
 * each supplier that sold to it, the write-offs, the recoveries, the sales and
 * the pair's all-in, in the run as written (A) and in B. Read from the two
 * results alone; both must be whole (not restricted to --party).
 */
import type { Cents } from '../money/decimal.js';
import { K, type Entry } from '../engine/ledger.js';
import type { ModelResult } from './result.js';

/** One run's figures of a holder against a defaulter. */
export interface ImpactFigures {
  /** loan claims written off (the part not recovered) */
  readonly lossLoan: Cents;
  /** equity written off: all the holder paid into the defaulter's equity */
  readonly lossEquity: Cents;
  /** recovery entries received from the defaulter */
  readonly recoveries: Cents;
  /** the holder's sales to the defaulter: the pair's `revenue`, or without a pair its capex and purchase entries from the ledger */
  readonly sales: Cents;
  /** the pair's `all_in`; null without a pair */
  readonly allIn: Cents | null;
}

export interface ImpactRow {
  /** party indexes */
  readonly holder: number;
  readonly obligor: number;
  /** the period the obligor defaults in, in B */
  readonly period: number;
  /** whether the holder has an exposure pair on the obligor (else it is a supplier only) */
  readonly pair: boolean;
  readonly a: ImpactFigures;
  readonly b: ImpactFigures;
}

/** Money paid `from` → `to` in entries of the given kinds. */
function paid(ledger: readonly Entry[], from: number, to: number, kinds: readonly number[]): bigint {
  let s = 0n;
  for (const e of ledger) if (e.from === from && e.to === to && kinds.includes(e.kind)) s += e.amount;
  return s;
}

const SALES = [K.capex, K.purchase];

function figures(r: ModelResult, holder: number, obligor: number): ImpactFigures {
  const h = r.model.parties[holder]!.id;
  const o = r.model.parties[obligor]!.id;
  const x = r.exposures.find((e) => e.holder === h && e.obligor === o);
  let lossLoan = 0n;
  let lossEquity = 0n;
  for (const l of r.losses) {
    if (l.holder !== holder || l.obligor !== obligor) continue;
    // every claim written off (a loan's, a lease's, a contract's fee) is a loan-like loss; equity is equity
    if (l.kind === 'equity') lossEquity += l.amount;
    else lossLoan += l.amount;
  }
  return {
    lossLoan: lossLoan as Cents,
    lossEquity: lossEquity as Cents,
    recoveries: paid(r.ledger, obligor, holder, [K.recovery]) as Cents,
    sales: (x ? x.revenue : paid(r.ledger, obligor, holder, SALES)) as Cents,
    allIn: x ? x.all_in : null,
  };
}

/**
 * One row per (holder, defaulter) of B: every holder of a pair on a party
 * that defaults in B, and every party the defaulter paid capex or purchases
 * to in either run; by holder, then defaulter, in party order.
 */
export function defaultImpact(a: ModelResult, b: ModelResult): ImpactRow[] {
  const parties = b.model.parties;
  const rows: ImpactRow[] = [];
  for (let h = 0; h < parties.length; h++) {
    for (let d = 0; d < parties.length; d++) {
      const period = b.parties[d]!.default_period;
      if (period === null || h === d) continue;
      const pair = b.model.pairs.some(([x, y]) => x === h && y === d);
      const fa = figures(a, h, d);
      const fb = figures(b, h, d);
      if (!pair && fa.sales === 0n && fb.sales === 0n) continue;
      rows.push({ holder: h, obligor: d, period, pair, a: fa, b: fb });
    }
  }
  return rows;
}
