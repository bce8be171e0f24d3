/**
 * The cash-flow engine (sections 5 and 6): a pure function from a checked
 * model to the ledger, each party's cash flows, each exposure pair's flows
 * and the claims and stakes the deals keep. Every amount is a whole number of
 * cents in a bigint; build-outs arrive with their cents fixed by compile, and
 * each deal type steps itself (src/deals). The flows the metrics need are
 * summed as each entry is made, so the ledger itself is only laid out (in the
 * spec's order) when someone reads it.
 */
import { Dec, ONE, ZERO, roundDiv, type Ratio } from '../money/decimal.js';
import type { Model } from '../scenario/compile.js';
import { dealEarmark, dealPair, startDeal, type DealM } from '../deals/registry.js';
import type { DealRun, Runtime } from '../deals/types.js';
import { K, MARKET, ROLE_OF, type Entry } from './ledger.js';

/** The holder's diluted stake in an issuer at the end of the timeline. */
export interface StakeEnd {
  readonly holder: number;
  readonly issuer: number;
  readonly stake: Dec;
}

/** What flowed between the two parties of an exposure pair. */
export interface PairFlows {
  readonly holder: number;
  readonly obligor: number;
  /** per period: everything obligor → holder minus everything holder → obligor */
  readonly net: readonly bigint[];
  /** per period: cash the holder put into the obligor's equity */
  readonly equity: readonly bigint[];
  /** per period: what the obligor owes the holder at the period's end (the deals' claims) */
  readonly claims: readonly bigint[];
  /** the holder's sales to the obligor */
  readonly revenue: bigint;
  /** the holder's equity and loans into the obligor earmarked for buying from the holder */
  readonly financed: bigint;
}

export interface RunResult {
  readonly model: Model;
  /** the ledger, in the spec's order (laid out on first read) */
  readonly entries: readonly Entry[];
  /** per party, per period: money received and paid */
  readonly cashIn: readonly (readonly bigint[])[];
  readonly cashOut: readonly (readonly bigint[])[];
  /** per deal: what its obligor owes at the end of each period, or null for a deal that holds no claim */
  readonly claims: readonly (readonly bigint[] | null)[];
  /** the exposure pairs, in party order (model.pairs) */
  readonly pairs: readonly PairFlows[];
  readonly stakes: readonly StakeEnd[];
  /** per party index: 1 − Π(1 − s) over the equity it issued */
  readonly ownershipSold: readonly Dec[];
}

// Sources of entries that are not deals: build-out b is −2 − b, operations −1.
const OPERATIONS = -1;
const buildoutSource = (b: number): number => -2 - b;

/** What a run keeps: the ledger is only for those who read it (an analysis reads metrics alone). */
export interface RunOptions {
  /** keep the entries (default true); without them, reading `entries` is an error */
  readonly ledger?: boolean;
}

/** Run the model: scenario in, ledger and flows out. */
export function run(model: Model, options: RunOptions = {}): RunResult {
  const keep = options.ledger !== false;
  const { timeline: tl, parties, buildouts, deals, operations } = model;
  const n = tl.count;
  const P = parties.length;
  const zeros = (): bigint[] => new Array<bigint>(n).fill(0n);

  // the entries in the order made, as columns; laid out by kind when read
  const ePeriod: number[] = [];
  const eFrom: number[] = [];
  const eTo: number[] = [];
  const eKind: number[] = [];
  const eSource: number[] = [];
  const eAmount: bigint[] = [];

  const cashIn = new Array<bigint[]>(P);
  const cashOut = new Array<bigint[]>(P);
  for (let p = 0; p < P; p++) {
    cashIn[p] = zeros();
    cashOut[p] = zeros();
  }

  const pairList = model.pairs;
  const slot = new Array<number>(P * P).fill(-1);
  const pairs = pairList.map(([h, o], i) => {
    slot[h * P + o] = i;
    return { holder: h, obligor: o, net: zeros(), equity: zeros(), claims: zeros(), revenue: 0n, financed: 0n };
  });
  const earmark = deals.map(dealEarmark);

  const pay = (t: number, from: number, to: number, amount: bigint, kind: number, source: number): void => {
    if (amount <= 0n) return;
    if (keep) {
      ePeriod.push(t);
      eFrom.push(from);
      eTo.push(to);
      eKind.push(kind);
      eSource.push(source);
      eAmount.push(amount);
    }
    if (to !== MARKET) (cashIn[to] as bigint[])[t]! += amount;
    if (from === MARKET) return;
    (cashOut[from] as bigint[])[t]! += amount;
    if (to === MARKET) return;
    const role = ROLE_OF[kind];
    const back = slot[to * P + from] as number; // the receiver holds a claim on the payer
    if (back >= 0) {
      const x = pairs[back]!;
      x.net[t]! += amount;
      if (role === 'sale') x.revenue += amount;
    }
    const out = slot[from * P + to] as number; // the payer holds a claim on the receiver
    if (out >= 0) {
      const x = pairs[out]!;
      x.net[t]! -= amount;
      if (role === 'equity') x.equity[t]! += amount;
      if ((role === 'equity' || role === 'lending') && source >= 0 && earmark[source] === from) x.financed += amount;
    }
  };

  // sales of the period, in order, for their cost of sales: the first nSales of these
  const sales: number[] = [];
  const saleAmounts: bigint[] = [];
  const saleSources: number[] = [];
  let nSales = 0;
  const sell = (t: number, from: number, to: number, amount: bigint, kind: number, source: number): void => {
    if (amount <= 0n) return;
    pay(t, from, to, amount, kind, source);
    sales[nSales] = to;
    saleAmounts[nSales] = amount;
    saleSources[nSales] = source;
    nSales++;
  };

  // stakes[issuer] maps holder → stake; product[issuer] = Π(1 − s)
  const held = parties.map(() => new Map<number, Dec>());
  const product = parties.map(() => ONE);
  const rt: Runtime = {
    periods: n,
    ppy: BigInt(tl.ppy),
    pay,
    sell,
    issue(issuer, investor, s) {
      const h = held[issuer] as Map<number, Dec>;
      const keep = ONE.minus(s);
      for (const [k, v] of h) h.set(k, v.times(keep));
      h.set(investor, (h.get(investor) ?? ZERO).plus(s));
      product[issuer] = (product[issuer] as Dec).times(keep);
    },
  };
  const runs: DealRun[] = deals.map((d, i) => startDeal(d, i, rt));
  const financing = runs.filter((r) => r.finance);
  const trading = runs.filter((r) => r.trade);
  const margins = parties.map((p) => p.grossMargin);

  for (let t = 0; t < n; t++) {
    // financing in file order: equity rounds dilute by period, then file order
    for (const r of financing) r.finance!(t);

    // build-outs: capex to suppliers then market (sales, for cost of sales)
    nSales = 0;
    for (let bi = 0; bi < buildouts.length; bi++) {
      const b = buildouts[bi]!;
      const src = buildoutSource(bi);
      for (let i = 0; i < b.suppliers.length; i++) sell(t, b.operator, b.suppliers[i]!.party, (b.supplierCapex[i] as bigint[])[t] as bigint, K.capex, src);
      pay(t, b.operator, MARKET, b.marketCapex[t] as bigint, K.capex, src);
    }
    // purchases and other trade are sales too; their cost of sales follows the build-outs'
    for (const r of trading) r.trade!(t);
    for (let i = 0; i < nSales; i++) {
      const seller = sales[i] as number;
      const gm = margins[seller];
      if (!gm) continue;
      const m = gm[t] as Ratio;
      pay(t, seller, MARKET, roundDiv((saleAmounts[i] as bigint) * (m.den - m.num), m.den), K.cost_of_sales, saleSources[i] as number);
    }
    for (let bi = 0; bi < buildouts.length; bi++) {
      const b = buildouts[bi]!;
      if (b.opex) pay(t, b.operator, MARKET, b.opex[t] as bigint, K.opex, buildoutSource(bi));
    }

    // operations, in the order written
    for (const o of operations) {
      if (o.revenue) pay(t, MARKET, o.party, o.revenue[t] as bigint, K.revenue, OPERATIONS);
      if (o.costs) pay(t, o.party, MARKET, o.costs[t] as bigint, K.costs, OPERATIONS);
      if (o.net) {
        const v = o.net[t] as bigint;
        if (v > 0n) pay(t, MARKET, o.party, v, K.net, OPERATIONS);
        else if (v < 0n) pay(t, o.party, MARKET, -v, K.net, OPERATIONS);
      }
    }
  }

  const claims = runs.map((r) => r.claims ?? null);
  deals.forEach((d, i) => {
    const c = claims[i];
    const pair = dealPair(d);
    if (!c || !pair) return;
    const x = pairs[slot[pair[0] * P + pair[1]] as number]!;
    for (let t = 0; t < n; t++) x.claims[t]! += c[t] as bigint;
  });

  const stakes: StakeEnd[] = [];
  held.forEach((h, issuer) => {
    for (const [holder, stake] of h) stakes.push({ holder, issuer, stake });
  });
  return new Run(model, keep ? { period: ePeriod, from: eFrom, to: eTo, kind: eKind, source: eSource, amount: eAmount } : null, cashIn, cashOut, claims, pairs, stakes, product);
}

/** The entries as made, column by column. */
interface Columns {
  readonly period: number[];
  readonly from: number[];
  readonly to: number[];
  readonly kind: number[];
  readonly source: number[];
  readonly amount: bigint[];
}

// A class rather than an object literal with a getter: a literal with an accessor gets a new hidden class per run.
class Run implements RunResult {
  private ledger: Entry[] | undefined;
  constructor(
    readonly model: Model,
    private readonly columns: Columns | null,
    readonly cashIn: readonly (readonly bigint[])[],
    readonly cashOut: readonly (readonly bigint[])[],
    readonly claims: readonly (readonly bigint[] | null)[],
    readonly pairs: readonly PairFlows[],
    readonly stakes: readonly StakeEnd[],
    /** per issuer: Π(1 − s) */
    private readonly kept: readonly Dec[],
  ) {}
  get entries(): readonly Entry[] {
    if (!this.columns) throw new Error('this run kept no ledger (run with ledger: true to read entries)');
    return (this.ledger ??= layOut(this.model, this.columns));
  }
  get ownershipSold(): readonly Dec[] {
    return this.kept.map((p) => ONE.minus(p));
  }
}

/** The entries in the spec's order: by period, then kind, then the order made. */
function layOut(model: Model, { period, from, to, kind, source, amount }: Columns): Entry[] {
  const { deals } = model;
  const order = period.map((_, i) => i);
  order.sort((a, b) => (period[a] as number) - (period[b] as number) || (kind[a] as number) - (kind[b] as number) || a - b);
  return order.map((i) => {
    const s = source[i] as number;
    return {
      period: period[i] as number,
      from: from[i] as number,
      to: to[i] as number,
      amount: amount[i] as bigint,
      kind: kind[i] as number,
      source: s >= 0 ? (deals[s] as DealM).id : s === OPERATIONS ? 'operations' : (model.buildouts[-2 - s]!.id),
      deal: s >= 0 ? s : -1,
    };
  });
}
