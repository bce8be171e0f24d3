/**
 * Section 7: the metrics of every party and every exposure pair, computed from
 * the ledger and the balances the deals keep. Money stays in cents; NPV, IRR,
 * stakes and shares are exact decimals, rounded only when printed.
 */
import { Dec, ZERO, ratioOf, type Cents } from '../money/decimal.js';
import type { RunResult } from '../engine/engine.js';
import type { Model } from '../scenario/compile.js';
import { K, MARKET } from '../engine/ledger.js';
import { irr, npv } from './finance.js';

export interface PartyMetrics {
  readonly id: string;
  readonly name: string;
  readonly opening_cash: Cents;
  readonly ending_cash: Cents;
  readonly cash_in: Cents;
  readonly cash_out: Cents;
  readonly net: Cents;
  readonly min_cash: Cents;
  /** period indexes */
  readonly min_cash_period: number;
  readonly runway_end: number | null;
  readonly funding_gap: Cents;
  readonly npv: Dec | null;
  readonly ownership_sold: Dec;
  readonly debt_end: Cents;
  readonly gw_online_end: Dec;
  readonly series: { readonly cash_in: Cents[]; readonly cash_out: Cents[]; readonly net: Cents[]; readonly cash: Cents[] };
}

export interface ExposureMetrics {
  readonly holder: string;
  readonly obligor: string;
  readonly loans_end: Cents;
  readonly equity_cost_end: Cents;
  readonly exposure_end: Cents;
  readonly peak: Cents;
  readonly peak_period: number;
  /** exact: loans × (1 − recovery) may have fractions of a cent */
  readonly lgd_peak: Dec;
  readonly stake_end: Dec;
  readonly equity_value_end: Dec | null;
  readonly revenue: Cents;
  readonly financed_revenue: Cents;
  readonly circular_share: Dec | null;
  readonly net_cash: Cents;
  readonly npv: Dec | null;
  readonly irr: Dec | null;
  readonly series: { readonly loans: Cents[]; readonly equity_cost: Cents[]; readonly exposure: Cents[]; readonly net_cash: Cents[] };
}

export interface Metrics {
  readonly parties: PartyMetrics[];
  readonly exposures: ExposureMetrics[];
  readonly notes: string[];
}

const IRR_NOTES = {
  no_sign_change: 'its cash flows never change sign',
  multiple: 'more than one rate makes its NPV zero',
  not_found: 'no rate between -100% and +10^6% a period makes its NPV zero',
} as const;

/** The exposure pairs of a model, [holder, obligor] party indexes: every pair with an equity deal or a credit line, in party order. */
export function exposurePairIndexes(model: Model): [number, number][] {
  const P = model.parties.length;
  const keys = new Set<number>();
  for (const d of model.deals) {
    if (d.kind === 'equity') keys.add(d.investor * P + d.issuer);
    else if (d.kind === 'credit_line') keys.add(d.lender * P + d.borrower);
  }
  return [...keys].sort((a, b) => a - b).map((k) => [Math.floor(k / P), k % P]); // number-ok: party indexes
}

/** Which costly metrics to compute; both by default (analysis runs may skip them). */
export interface MetricOptions {
  readonly npv?: boolean;
  readonly irr?: boolean;
}

/** Every metric of section 7 for a run (NPV and IRR left null when not asked for). */
export function computeMetrics(r: RunResult, options: MetricOptions = {}): Metrics {
  const wantNpv = options.npv !== false;
  const wantIrr = options.irr !== false;
  const { model, entries } = r;
  const tl = model.timeline;
  const n = tl.count;
  const P = model.parties.length;
  const zeros = (): bigint[] => new Array<bigint>(n).fill(0n);
  const cashIn = Array.from({ length: P }, zeros);
  const cashOut = Array.from({ length: P }, zeros);
  for (const e of entries) {
    if (e.to !== MARKET) (cashIn[e.to] as bigint[])[e.period]! += e.amount;
    if (e.from !== MARKET) (cashOut[e.from] as bigint[])[e.period]! += e.amount;
  }
  const notes: string[] = [];

  const parties = model.parties.map((p, i): PartyMetrics => {
    const ins = cashIn[i] as bigint[];
    const outs = cashOut[i] as bigint[];
    const net = ins.map((v, t) => v - (outs[t] as bigint));
    const cash = new Array<bigint>(n);
    let c = p.cash;
    let minCash = 0n;
    let minAt = 0;
    let runway: number | null = null;
    for (let t = 0; t < n; t++) {
      c += net[t] as bigint;
      cash[t] = c;
      if (t === 0 || c < minCash) {
        minCash = c;
        minAt = t;
      }
      if (runway === null && c < 0n) runway = t;
    }
    const sum = (xs: bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
    let debt = 0n;
    model.deals.forEach((d, di) => {
      if (d.kind === 'credit_line' && d.borrower === i) debt += (r.balances[di] as bigint[])[n - 1] as bigint;
    });
    let gw = ZERO;
    for (const b of model.buildouts) if (b.operator === i) for (const a of b.added) gw = gw.plus(a);
    return <PartyMetrics><unknown>{
      id: p.id,
      name: p.name,
      opening_cash: p.cash,
      ending_cash: c,
      cash_in: sum(ins),
      cash_out: sum(outs),
      net: sum(net),
      min_cash: minCash,
      min_cash_period: minAt,
      runway_end: runway,
      funding_gap: minCash < 0n ? -minCash : 0n,
      npv: p.discountRate && wantNpv ? npv(net, p.discountRate, tl.ppy) : null,
      ownership_sold: r.ownershipSold[i] as Dec,
      debt_end: debt,
      gw_online_end: gw,
      series: { cash_in: ins, cash_out: outs, net, cash },
    };
  });

  // exposure pairs: holder → obligor with at least one equity or credit line, in party order
  interface PairAcc {
    readonly h: number;
    readonly o: number;
    readonly loans: bigint[];
    readonly equityFlow: bigint[];
    readonly netFlow: bigint[];
    revenue: bigint;
    financed: bigint;
  }
  const pairs = new Map<number, PairAcc>();
  for (const [h, o] of exposurePairIndexes(model)) pairs.set(h * P + o, { h, o, loans: zeros(), equityFlow: zeros(), netFlow: zeros(), revenue: 0n, financed: 0n });
  model.deals.forEach((d, di) => {
    if (d.kind !== 'credit_line') return;
    const acc = pairs.get(d.lender * P + d.borrower) as PairAcc;
    const b = r.balances[di] as bigint[];
    for (let t = 0; t < n; t++) acc.loans[t]! += b[t] as bigint;
  });
  // one pass over the ledger: cost grows with entries, not entries × pairs
  for (const e of entries) {
    if (e.from === MARKET || e.to === MARKET) continue;
    const back = pairs.get(e.to * P + e.from); // obligor → holder
    if (back) {
      back.netFlow[e.period]! += e.amount;
      if (e.kind === K.capex || e.kind === K.purchase) back.revenue += e.amount;
    }
    const out = pairs.get(e.from * P + e.to); // holder → obligor
    if (out) {
      out.netFlow[e.period]! -= e.amount;
      if (e.kind === K.equity) out.equityFlow[e.period]! += e.amount;
      if (e.kind === K.equity || e.kind === K.loan_draw) {
        const d = model.deals[e.deal];
        if (d && d.kind !== 'purchase' && d.useOfProceeds === e.from) out.financed += e.amount;
      }
    }
  }
  const stakes = new Map<number, Dec>();
  for (const s of r.stakes) stakes.set(s.holder * P + s.issuer, s.stake);

  const exposures: ExposureMetrics[] = [];
  for (const key of [...pairs.keys()].sort((a, b) => a - b)) {
    const { h, o, loans, equityFlow, netFlow, revenue, financed: earmarked } = pairs.get(key) as PairAcc;
    const holder = model.parties[h]!;
    const obligor = model.parties[o]!;
    const equityCost = zeros();
    const exposure = zeros();
    const netCash = zeros();
    let eq = 0n;
    let cum = 0n;
    let peak = 0n;
    let peakAt = 0;
    // loss given default, kept exact as a fraction of cents: loans × (1 − recovery) + equity
    let lgdNum = 0n;
    let lgdDen = 1n;
    for (let t = 0; t < n; t++) {
      eq += equityFlow[t] as bigint;
      cum += netFlow[t] as bigint;
      equityCost[t] = eq;
      netCash[t] = cum;
      const x = (loans[t] as bigint) + eq;
      exposure[t] = x;
      if (t === 0 || x > peak) {
        peak = x;
        peakAt = t;
      }
      const rec = ratioOf(obligor.recovery[t] as Dec);
      const num = (loans[t] as bigint) * (rec.den - rec.num) + eq * rec.den;
      if (t === 0 || num * lgdDen > lgdNum * rec.den) {
        lgdNum = num;
        lgdDen = rec.den;
      }
    }
    const lgd = new Dec(lgdNum.toString()).div(new Dec((lgdDen * 100n).toString()));
    const stake = stakes.get(key) ?? ZERO;
    const valuation = obligor.valuation ? (obligor.valuation[n - 1] as Dec) : null;
    const scope = `${holder.id}->${obligor.id}`;
    const rate = wantIrr ? irr(netFlow, tl.ppy) : ({ kind: 'skipped' } as const);
    if (rate.kind === 'none') notes.push(`${scope}: IRR is empty because ${IRR_NOTES[rate.reason]}`);
    const financed = earmarked < revenue ? earmarked : revenue;
    exposures.push(<ExposureMetrics><unknown>{
      holder: holder.id,
      obligor: obligor.id,
      loans_end: loans[n - 1] as bigint,
      equity_cost_end: eq,
      exposure_end: exposure[n - 1] as bigint,
      peak,
      peak_period: peakAt,
      lgd_peak: lgd,
      stake_end: stake,
      equity_value_end: valuation ? stake.times(valuation) : null,
      revenue,
      financed_revenue: financed,
      circular_share: revenue === 0n ? null : new Dec(financed.toString()).div(revenue.toString()),
      net_cash: cum,
      npv: holder.discountRate && wantNpv ? npv(netFlow, holder.discountRate, tl.ppy) : null,
      irr: rate.kind === 'rate' ? rate.annual : null,
      series: { loans, equity_cost: equityCost, exposure, net_cash: netCash },
    });
  }
  return { parties, exposures, notes };
}
