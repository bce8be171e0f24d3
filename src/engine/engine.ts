/**
 * The cash-flow engine (sections 5 and 6): a pure function from a checked
 * model to the ledger and the balances the deals keep. Every entry is a whole
 * number of cents; every rounding goes through the money module.
 */
import { Dec, ONE, ZERO, addDecimalRatios, mulRatio, mulToCents, ratioOf, roundDiv, type Ratio } from '../money/decimal.js';
import type { CreditLineM, EquityM, Model } from '../scenario/compile.js';
import { K, MARKET, type Entry } from './ledger.js';

/** The holder's diluted stake in an issuer at the end of the timeline. */
export interface StakeEnd {
  readonly holder: number;
  readonly issuer: number;
  readonly stake: Dec;
}

export interface RunResult {
  readonly model: Model;
  /** the ledger, in the spec's order */
  readonly entries: readonly Entry[];
  /** per deal index: end-of-period loan balance for credit lines, null otherwise */
  readonly balances: readonly (readonly bigint[] | null)[];
  readonly stakes: readonly StakeEnd[];
  /** per party index: 1 − Π(1 − s) over the equity it issued */
  readonly ownershipSold: readonly Dec[];
}

interface LoanState {
  balance: bigint;
  installment: bigint;
  balances: bigint[];
}

/** Run the model: scenario in, ledger and balances out. */
export function run(model: Model): RunResult {
  const { timeline: tl, parties, buildouts, deals, operations } = model;
  const n = tl.count;
  const ppy = BigInt(tl.ppy);
  const entries: Entry[] = [];
  const buckets: Entry[][] = Array.from({ length: 11 }, () => []);
  const push = (e: Entry): void => {
    if (e.amount > 0n) (buckets[e.kind] as Entry[]).push(e);
  };

  // Capex and draws per GW depend only on the schedule, so they are computed once.
  const capex = buildouts.map((b) => b.added.map((a, t) => (a.isZero() ? 0n : mulToCents(a, b.capexPerGw[t] as Dec))));
  const online = buildouts.map((b) => {
    let sum: Ratio = { num: 0n, den: 1n };
    return b.added.map((a) => (sum = addDecimalRatios(sum, ratioOf(a))));
  });

  const loans = deals.map((d): LoanState | null => (d.kind === 'credit_line' ? { balance: 0n, installment: 0n, balances: new Array<bigint>(n) } : null));
  const invested = deals.map(() => 0n);
  // stakes[issuer] maps holder → stake; product[issuer] = Π(1 − s)
  const stakes = parties.map(() => new Map<number, Dec>());
  const product = parties.map(() => ONE);

  const equityRound = (d: EquityM, t: number, amount: bigint): void => {
    const cash = new Dec(amount.toString()).div(100);
    const p = d.pricing;
    const s = p.kind === 'stake' ? p.value : p.kind === 'post_money' ? cash.div(p.value[t] as Dec) : cash.div((p.value[t] as Dec).plus(cash));
    const held = stakes[d.issuer] as Map<number, Dec>;
    const keep = ONE.minus(s);
    for (const [h, v] of held) held.set(h, v.times(keep));
    held.set(d.investor, (held.get(d.investor) ?? ZERO).plus(s));
    product[d.issuer] = (product[d.issuer] as Dec).times(keep);
  };

  for (let t = 0; t < n; t++) {
    // equity rounds, in file order (so dilution follows period, then file order)
    deals.forEach((d, i) => {
      if (d.kind !== 'equity') return;
      let amount = 0n;
      const sch = d.schedule;
      if (sch.kind === 'single') {
        if (sch.period === t) amount = sch.amount;
      } else {
        const added = (buildouts[sch.buildout]?.added[t] as Dec);
        if (!added.isZero()) {
          amount = mulToCents(added, sch.perGw);
          if (sch.limit !== null && invested[i]! + amount > sch.limit) amount = sch.limit - invested[i]!;
        }
      }
      if (amount <= 0n) return;
      invested[i]! += amount;
      push({ period: t, from: d.investor, to: d.issuer, amount, kind: K.equity, source: d.id, deal: i });
      equityRound(d, t, amount);
    });

    // credit lines: interest on the previous balance, then the draw, then repayment
    deals.forEach((d, i) => {
      if (d.kind !== 'credit_line') return;
      const st = loans[i] as LoanState;
      creditPeriod(d, st, t, i, ppy, push);
      st.balances[t] = st.balance;
    });

    // build-outs: capex to suppliers then market, cost of sales, opex
    const sales: Entry[] = [];
    buildouts.forEach((b, bi) => {
      const total = capex[bi]![t] as bigint;
      if (total > 0n) {
        let rest = total;
        for (const s of b.suppliers) {
          const paid = mulRatio(total, s.share[t] as Ratio);
          rest -= paid;
          const e: Entry = { period: t, from: b.operator, to: s.party, amount: paid, kind: K.capex, source: b.id, deal: -1 };
          push(e);
          sales.push(e);
        }
        push({ period: t, from: b.operator, to: MARKET, amount: rest, kind: K.capex, source: b.id, deal: -1 });
      }
    });
    // purchases are sales too; their cost of sales follows the build-outs'
    deals.forEach((d, i) => {
      if (d.kind !== 'purchase') return;
      const e: Entry = { period: t, from: d.buyer, to: d.seller, amount: d.amount[t] as bigint, kind: K.purchase, source: d.id, deal: i };
      push(e);
      sales.push(e);
    });
    for (const sale of sales) {
      const gm = parties[sale.to]?.grossMargin;
      if (!gm || sale.amount === 0n) continue;
      const m = gm[t] as Ratio;
      const cost = roundDiv(sale.amount * (m.den - m.num), m.den);
      push({ period: t, from: sale.to, to: MARKET, amount: cost, kind: K.cost_of_sales, source: sale.source, deal: sale.deal });
    }
    buildouts.forEach((b, bi) => {
      if (!b.opexPerGwYear) return;
      const on = online[bi]![t] as Ratio;
      if (on.num === 0n) return;
      const rate = ratioOf(b.opexPerGwYear[t] as Dec);
      const opex = roundDiv(on.num * rate.num * 100n, on.den * rate.den * ppy);
      push({ period: t, from: b.operator, to: MARKET, amount: opex, kind: K.opex, source: b.id, deal: -1 });
    });

    // operations, in the order written
    for (const o of operations) {
      if (o.revenue) push({ period: t, from: MARKET, to: o.party, amount: o.revenue[t] as bigint, kind: K.revenue, source: 'operations', deal: -1 });
      if (o.costs) push({ period: t, from: o.party, to: MARKET, amount: o.costs[t] as bigint, kind: K.costs, source: 'operations', deal: -1 });
      if (o.net) {
        const v = o.net[t] as bigint;
        if (v > 0n) push({ period: t, from: MARKET, to: o.party, amount: v, kind: K.net, source: 'operations', deal: -1 });
        else if (v < 0n) push({ period: t, from: o.party, to: MARKET, amount: -v, kind: K.net, source: 'operations', deal: -1 });
      }
    }

    for (const b of buckets) {
      for (const e of b) entries.push(e);
      b.length = 0;
    }
  }

  const stakesOut: StakeEnd[] = [];
  stakes.forEach((held, issuer) => {
    for (const [holder, stake] of held) stakesOut.push({ holder, issuer, stake });
  });
  return {
    model,
    entries,
    balances: loans.map((l) => (l ? l.balances : null)),
    stakes: stakesOut,
    ownershipSold: product.map((p) => ONE.minus(p)),
  };
}

/** One period of a credit line, in the spec's order: interest, draw, repayment. */
function creditPeriod(d: CreditLineM, st: LoanState, t: number, i: number, ppy: bigint, push: (e: Entry) => void): void {
  const r = d.rate[t] as Ratio;
  const interest = st.balance === 0n ? 0n : roundDiv(st.balance * r.num, r.den * ppy);
  if (d.capitalize) st.balance += interest;
  else push({ period: t, from: d.borrower, to: d.lender, amount: interest, kind: K.interest, source: d.id, deal: i });

  const draw = d.draws[t] as bigint;
  if (draw > 0n) {
    st.balance += draw;
    push({ period: t, from: d.lender, to: d.borrower, amount: draw, kind: K.loan_draw, source: d.id, deal: i });
  }

  const rp = d.repayment;
  let pay = 0n;
  if (rp?.kind === 'bullet') {
    if (t === rp.at) pay = st.balance;
  } else if (rp?.kind === 'amortizing' && t >= rp.start && t < rp.start + rp.periods) {
    const k = t - rp.start;
    if (k === 0) st.installment = st.balance; // remembered: the balance at start, split below
    const total = st.installment;
    const N = BigInt(rp.periods);
    const base = total / N;
    const rem = total - base * N;
    pay = base + (BigInt(k) < rem ? 1n : 0n);
    // capitalized interest accrued during the schedule is cleared by the last installment
    if (k === rp.periods - 1 || pay > st.balance) pay = st.balance;
  }
  if (pay > 0n) {
    st.balance -= pay;
    push({ period: t, from: d.borrower, to: d.lender, amount: pay, kind: K.repayment, source: d.id, deal: i });
  }
}
