/**
 * The cash-flow engine (sections 5 and 6): a pure function from a checked
 * model to the ledger, each party's cash flows, each exposure pair's flows
 * and the claims and stakes the deals keep. Every amount is a whole number of
 * cents in a bigint; build-outs arrive with their cents fixed by compile, and
 * each deal type steps itself (src/deals). The flows the metrics need are
 * summed as each entry is made, so the ledger itself is only laid out (in the
 * spec's order) when someone reads it.
 */
import { centsToDec, Dec, ONE, ZERO, roundDiv, type Ratio } from '../money/decimal.js';
import type { BuildoutM, Model } from '../scenario/compile.js';
import { claimKind, dealEarmark, dealPairs, startDeal, type DealM } from '../deals/registry.js';
import type { DealRun, DealSeries, DealValue, Runtime } from '../deals/types.js';
import { K, MARKET, POSITION_OF, ROLE_OF, type Entry } from './ledger.js';
import { filtered, mapped } from '../arrays.js';

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
  /** per period: the holder's sales to the obligor */
  readonly sales: readonly bigint[];
  /** per period: the holder's equity and loans into the obligor earmarked for buying from the holder */
  readonly earmarked: readonly bigint[];
  /** per period: the holder's financing position, − equity paid − loans drawn + interest + repayments + recoveries */
  readonly position: readonly bigint[];
  /** the holder's sales to the obligor */
  readonly revenue: bigint;
  /** the holder's equity and loans into the obligor earmarked for buying from the holder */
  readonly financed: bigint;
  /** the holder's cost of sales on its sales to the obligor */
  readonly costOfSales: bigint;
  /** interest, repayments and recoveries received; equity paid and loans drawn */
  readonly inflows: bigint;
  readonly outflows: bigint;
}

/** A write-off on a default: the holder's loan claim not recovered, or all it paid into the defaulter's equity. */
export interface Loss {
  readonly holder: number;
  readonly obligor: number;
  readonly period: number;
  readonly amount: bigint;
  /** `equity`, or the claim's kind: `loan`, or as its deal type says (`lease`, `contract`) */
  readonly kind: string;
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
  /** per party index: the period it defaulted in, or null */
  readonly defaults: readonly (number | null)[];
  /** per party index: what its funding policy raised (equity sold and revolver draws) */
  readonly fundingRaised: readonly bigint[];
  /** the write-offs, by period, then defaulter in party order, loans (deal order) before equity (holders in party order) */
  readonly losses: readonly Loss[];
  /** what the run has to say (an event that came after its party's default) */
  readonly notes: readonly string[];
  /** per pair (model.pairs): what deals add to its terminal value (a lease's residual) */
  readonly terminalExtra: readonly bigint[];
  /** per party: its value at the end, from its valuation or, without one, as a deal values it (a warrant's issuer); null when neither */
  readonly valuationEnd: readonly (Dec | null)[];
  /** the deal types' own metric values and series, as the deals gave them */
  readonly dealValues: readonly DealValue[];
  readonly dealSeries: readonly DealSeries[];
}

// Sources of entries that are not deals, as negative codes: operations −1,
// build-out b −2 − b, a defaulter's asset sale −2 − B − p, funding source k −2 − B − P − k.
const OPERATIONS = -1;
const buildoutSource = (b: number): number => -2 - b;

/** What a run keeps: the ledger is only for those who read it (an analysis reads metrics alone). */
export interface RunOptions {
  /** keep the entries (default true); without them, reading `entries` is an error */
  readonly ledger?: boolean;
}

/** A run that met a default of a funding policy: it runs again from the start with that default known. */
interface Restart {
  readonly party: number;
  readonly at: number;
}

/**
 * Run the model: scenario in, ledger and flows out. A party whose policy
 * cannot cover period t defaults at the start of t, and the run is made
 * again from the start with that default known (financing-and-default.md
 * section 1): the periods before t come out the same, and t is worked out
 * without the defaulter, its raises of t undone. A party defaults at most
 * once, so there are at most parties + 1 passes; a run without policies
 * makes one.
 */
export function run(model: Model, options: RunOptions = {}): RunResult {
  const keep = options.ledger !== false;
  const known = new Map<number, number>();
  for (const e of model.events) known.set(e.party, e.at);
  const notes: string[] = [];
  for (;;) {
    const r = attempt(model, keep, known, notes);
    if (r instanceof Run) return r;
    const event = known.get(r.party);
    if (event !== undefined) {
      const labels = model.timeline.labels;
      notes.push(`${model.parties[r.party]!.id} defaults in ${labels[r.at]} (its funding policy cannot cover the period), before its default event in ${labels[event]}, which is ignored`);
    }
    known.set(r.party, r.at);
  }
}

function attempt(model: Model, keep: boolean, known: ReadonlyMap<number, number>, notes: readonly string[]): Run | Restart {
  const { timeline: tl, parties, buildouts, deals, operations } = model;
  const n = tl.count;
  const P = parties.length;
  const B = buildouts.length;
  const zero = new Array<bigint>(n).fill(0n);
  const zeros = (): bigint[] => zero.slice();

  // down[p]: the period p defaults in (n: never)
  const down = new Array<number>(P).fill(n);
  for (const [p, at] of known) down[p] = at;
  const anyDown = known.size > 0;
  const silent = (p: number, t: number): boolean => anyDown && p >= 0 && (down[p] as number) <= t;

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
  // each party's cash at the end of the previous period (with cashIn and cashOut of the period, what a policy and a
  // default read), summed only when read, up to the period asked for (periods only go forward): most are never read
  const before = mapped(parties, (p) => p.cash);
  const summed = new Array<number>(P).fill(0); // before[p] holds the periods before summed[p]
  const cashBefore = (p: number, t: number): bigint => {
    let c = before[p] as bigint;
    const ins = cashIn[p] as bigint[];
    const outs = cashOut[p] as bigint[];
    for (let u = summed[p] as number; u < t; u++) c += (ins[u] as bigint) - (outs[u] as bigint);
    summed[p] = t;
    before[p] = c;
    return c;
  };
  const cashNow = (p: number, t: number): bigint => cashBefore(p, t) + ((cashIn[p] as bigint[])[t] as bigint) - ((cashOut[p] as bigint[])[t] as bigint);

  const pairList = model.pairs;
  const slot = new Array<number>(P * P).fill(-1);
  const pairs = mapped(pairList, ([h, o], i) => {
    slot[h * P + o] = i;
    return {
      holder: h, obligor: o, net: zeros(), equity: zeros(), claims: zeros(), sales: zeros(), earmarked: zeros(), position: zeros(),
      revenue: 0n, financed: 0n, costOfSales: 0n, inflows: 0n, outflows: 0n,
    };
  });
  // the party each deal's money is earmarked for, by payer (a round's investors each have their own)
  const earmarkOf = (deal: number, payer: number): number => dealEarmark(deals[deal] as DealM, payer);
  const LAST_SCHEDULED = K.net; // asset_sale and recovery are the only entries a defaulter still makes

  const pay = (t: number, from: number, to: number, amount: bigint, kind: number, source: number): boolean => {
    if (amount <= 0n) return false;
    if (anyDown && kind <= LAST_SCHEDULED && (silent(from, t) || silent(to, t))) return false;
    if (keep) {
      ePeriod.push(t);
      eFrom.push(from);
      eTo.push(to);
      eKind.push(kind);
      eSource.push(source);
      eAmount.push(amount);
    }
    if (to !== MARKET) (cashIn[to] as bigint[])[t]! += amount;
    if (from === MARKET) return true;
    (cashOut[from] as bigint[])[t]! += amount;
    if (to === MARKET) return true;
    const role = ROLE_OF[kind];
    const back = slot[to * P + from] as number; // the receiver holds a claim on the payer
    if (back >= 0) {
      const x = pairs[back]!;
      x.net[t]! += amount;
      if (role === 'sale') {
        x.revenue += amount;
        x.sales[t]! += amount;
      }
      if (POSITION_OF[kind] === 1) {
        x.position[t]! += amount;
        x.inflows += amount;
      }
    }
    const out = slot[from * P + to] as number; // the payer holds a claim on the receiver
    if (out >= 0) {
      const x = pairs[out]!;
      x.net[t]! -= amount;
      if (role === 'equity') x.equity[t]! += amount;
      if ((role === 'equity' || role === 'lending') && source >= 0 && earmarkOf(source, from) === from) {
        x.financed += amount;
        x.earmarked[t]! += amount;
      }
      if (POSITION_OF[kind] === -1) {
        x.position[t]! -= amount;
        x.outflows += amount;
      }
    }
    return true;
  };

  // sales of the period, in order, for their cost of sales: the first nSales of these
  const sellers: number[] = [];
  const buyers: number[] = [];
  const saleAmounts: bigint[] = [];
  const saleSources: number[] = [];
  let nSales = 0;
  const sell = (t: number, from: number, to: number, amount: bigint, kind: number, source: number): void => {
    if (!pay(t, from, to, amount, kind, source)) return;
    sellers[nSales] = to;
    buyers[nSales] = from;
    saleAmounts[nSales] = amount;
    saleSources[nSales] = source;
    nSales++;
  };

  // nothing in a run reads a stake, so the issues are kept in order and their stakes worked out when the
  // result is read (Run): an attempt that meets a default is dropped without that arithmetic, the costliest of a raise
  const issued: Issue[] = [];
  const issue = (issuer: number, investor: number, stake: () => Dec): void => {
    issued.push(new Issue(issuer, [[investor, stake]]));
  };
  const pairAt = (holder: number, obligor: number): (typeof pairs)[number] => {
    const x = slot[holder * P + obligor] as number;
    if (x < 0) throw new Error(`no exposure pair ${parties[holder]?.id} -> ${parties[obligor]?.id}: a deal module must list the pairs it uses`);
    return pairs[x]!;
  };
  const rt: Runtime = {
    periods: n,
    ppy: BigInt(tl.ppy),
    pay,
    sell,
    issue,
    issueRound: (issuer, investors) => {
      issued.push(new Issue(issuer, investors));
    },
    silent,
    building: (b, t) => !silent((buildouts[b] as BuildoutM).operator, t),
    position(t, holder, obligor, amount) {
      if (amount === 0n || silent(holder, t) || silent(obligor, t)) return;
      const x = pairAt(holder, obligor);
      x.position[t]! += amount;
      if (amount < 0n) x.outflows -= amount;
      else x.inflows += amount;
    },
    earmark(t, holder, obligor, amount) {
      if (amount <= 0n || silent(holder, t) || silent(obligor, t)) return;
      const x = pairAt(holder, obligor);
      x.earmarked[t]! += amount;
      x.financed += amount;
    },
    shared: new Map(),
  };
  const runs: DealRun[] = mapped(deals, (d, i) => startDeal(d, i, rt));
  const financing = filtered(runs, (r) => r.finance);
  const late = filtered(runs, (r) => r.late);
  const trading = filtered(runs, (r) => r.trade);
  const margins = mapped(parties, (p) => p.grossMargin);
  const dealPairList = mapped(deals, dealPairs);

  // funding policies: each source's code and what it has raised
  const policies: number[] = [];
  const fundingCode: number[][] = [];
  const raisedBy: bigint[][] = [];
  let k = 0;
  for (let p = 0; p < P; p++) {
    const policy = parties[p]!.policy;
    if (policy && (policy.sources.length > 0 || policy.defaults)) policies.push(p);
    fundingCode.push(policy ? mapped(policy.sources, () => -2 - B - P - k++) : []);
    raisedBy.push(policy ? mapped(policy.sources, () => 0n) : []);
  }
  const fundingRaised = new Array<bigint>(P).fill(0n);
  const losses: Loss[] = [];

  // The period and its steps are functions of their own, each optimized by itself: one function holding the whole
  // run took the optimizing compiler a quarter of a second, again after each deoptimization, in every simulate worker.
  for (let t = 0; t < n; t++) {
    const restart = period(t);
    if (restart) return restart;
  }

  /** Period t, in the spec's order; a party that its policy cannot keep at or above zero restarts the run. */
  function period(t: number): Restart | undefined {
    // defaults of t, in party order: recoveries and write-offs before anything else of the period
    for (let p = 0; p < P; p++) if (down[p] === t) settleDefault(p, t);

    // financing in file order: equity rounds dilute by period, then file order; then what follows the period's equity
    for (const r of financing) r.finance!(t);
    for (const r of late) r.late!(t);

    buildoutStep(t);
    // purchases and other trade are sales too; their cost of sales follows the build-outs'
    for (const r of trading) r.trade!(t);
    costOfSales(t);
    operationsStep(t);

    if (policies.length > 0) {
      // funding policies, last in the period, in party order
      for (const p of policies) fund(p, t);
      for (const p of policies) {
        if (parties[p]!.policy!.defaults && !silent(p, t) && cashNow(p, t) < 0n) return { party: p, at: t };
      }
    }
    return undefined;
  }

  /** Build-outs: capex to suppliers (sales, for cost of sales) then to market. */
  function buildoutStep(t: number): void {
    nSales = 0;
    for (let bi = 0; bi < B; bi++) {
      const b = buildouts[bi]!;
      if (silent(b.operator, t)) continue;
      const src = buildoutSource(bi);
      let toMarket = b.marketCapex[t] as bigint;
      for (let i = 0; i < b.suppliers.length; i++) {
        const sup = b.suppliers[i]!.party;
        const amount = (b.supplierCapex[i] as bigint[])[t] as bigint;
        // a defaulted supplier's share is bought from the market instead
        if (silent(sup, t)) toMarket += amount;
        else sell(t, b.operator, sup, amount, K.capex, src);
      }
      pay(t, b.operator, MARKET, toMarket, K.capex, src);
    }
  }

  /** The cost of the period's sales, in the order made, then the build-outs' opex. */
  function costOfSales(t: number): void {
    for (let i = 0; i < nSales; i++) {
      const seller = sellers[i] as number;
      const gm = margins[seller];
      if (!gm) continue;
      const m = gm[t] as Ratio;
      const cost = roundDiv((saleAmounts[i] as bigint) * (m.den - m.num), m.den);
      if (!pay(t, seller, MARKET, cost, K.cost_of_sales, saleSources[i] as number)) continue;
      const x = slot[seller * P + (buyers[i] as number)] as number;
      if (x >= 0) pairs[x]!.costOfSales += cost;
    }
    for (let bi = 0; bi < B; bi++) {
      const b = buildouts[bi]!;
      if (b.opex) pay(t, b.operator, MARKET, b.opex[t] as bigint, K.opex, buildoutSource(bi));
    }
  }

  /** Operations, in the order written. */
  function operationsStep(t: number): void {
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

  /** Party p's policy for period t: raise what keeps its cash at its floor, source by source. */
  function fund(p: number, t: number): void {
    if (silent(p, t)) return;
    const policy = parties[p]!.policy!;
    let need = (policy.minCash[t] as bigint) - cashNow(p, t);
    for (let i = 0; i < policy.sources.length && need > 0n; i++) {
      const src = policy.sources[i]!;
      let a: bigint;
      if (src.kind === 'credit') {
        a = (runs[src.deal] as DealRun).demand!(t, need);
      } else {
        const raised = (raisedBy[p] as bigint[])[i] as bigint;
        a = src.max === null ? need : min(need, src.max - raised);
        const inv = src.investor;
        if (inv >= 0) a = silent(inv, t) ? 0n : min(a, max0(cashNow(inv, t)));
        if (a <= 0n) continue;
        pay(t, inv, p, a, K.equity, (fundingCode[p] as number[])[i] as number);
        // new shares at a pre-money equal to the valuation: stake a / (valuation + a)
        const valuation = (parties[p]!.valuation as readonly Dec[])[t] as Dec;
        issue(p, inv, () => {
          const dollars = centsToDec(a);
          return dollars.div(valuation.plus(dollars));
        });
        (raisedBy[p] as bigint[])[i] = raised + a;
      }
      fundingRaised[p]! += a;
      need -= a;
    }
  }

  /**
   * Party p defaults at the start of t (section 2): each lender recovers
   * round(claim × recovery_rate(t)), paid from the defaulter's cash and, for
   * the rest, an asset sale to the market; the rest of each claim and the
   * equity paid into it are written off.
   */
  function settleDefault(p: number, t: number): void {
    const rate = parties[p]!.recovery[t] as Ratio;
    const owed: { deal: number; lender: number; claim: bigint; back: bigint }[] = [];
    let total = 0n;
    for (let i = 0; i < deals.length; i++) {
      const pair = dealPairList[i]![0];
      const r = runs[i] as DealRun;
      if (!pair || pair[1] !== p || !r.writeOff) continue;
      const claim = r.writeOff(t);
      if (claim <= 0n) continue;
      const lender = pair[0];
      // a lender that defaulted in an earlier period recovers nothing (section 2); one that defaults in
      // this same period still holds its claim, and a recovery is the one entry a defaulter still receives
      const back = (down[lender] as number) < t ? 0n : roundDiv(claim * rate.num, rate.den);
      owed.push({ deal: i, lender, claim, back });
      total += back;
    }
    // defaults come first in the period: its cash is what it had at the end of t − 1
    const fromCash = min(total, max0(cashBefore(p, t)));
    pay(t, MARKET, p, total - fromCash, K.asset_sale, -2 - B - p);
    for (const o of owed) {
      pay(t, p, o.lender, o.back, K.recovery, o.deal);
      if (o.claim > o.back) losses.push({ holder: o.lender, obligor: p, period: t, amount: o.claim - o.back, kind: claimKind(deals[o.deal] as DealM) });
    }
    for (let h = 0; h < P; h++) {
      const x = slot[h * P + p] as number;
      if (x < 0) continue;
      let paid = 0n;
      const eq = pairs[x]!.equity;
      for (let u = 0; u < t; u++) paid += eq[u] as bigint;
      if (paid > 0n) losses.push({ holder: h, obligor: p, period: t, amount: paid, kind: 'equity' });
    }
  }

  const claims = mapped(runs, (r) => r.claims ?? null);
  const terminalExtra = mapped(pairs, () => 0n);
  const valuationEnd: (Dec | null)[] = mapped(parties, (p) => (p.valuation ? (p.valuation[n - 1] as Dec) : null));
  const dealValues: DealValue[] = [];
  const dealSeries: DealSeries[] = [];
  deals.forEach((_, i) => {
    const c = claims[i];
    const pair = dealPairList[i]![0];
    const r = runs[i] as DealRun;
    if (pair) {
      const x = slot[pair[0] * P + pair[1]] as number;
      if (c) for (let t = 0; t < n; t++) pairs[x]!.claims[t]! += c[t] as bigint;
      if (r.terminal) terminalExtra[x]! += r.terminal();
    }
    const v = r.valuation?.();
    if (v && valuationEnd[v.party] === null) valuationEnd[v.party] = v.value;
    if (r.values) dealValues.push(...r.values());
    if (r.series) dealSeries.push(...r.series());
  });

  return new Run(
    model,
    keep ? { period: ePeriod, from: eFrom, to: eTo, kind: eKind, source: eSource, amount: eAmount } : null,
    cashIn, cashOut, claims, pairs, issued,
    mapped(down, (d) => (d < n ? d : null)), fundingRaised, losses, notes,
    terminalExtra, valuationEnd, dealValues, dealSeries,
  );
}

/**
 * An issue of shares, to one investor or to several in one priced round: each
 * stake, and what the earlier holders keep (1 − their sum), are worked out on
 * first read.
 */
class Issue {
  private s: Dec[] | undefined;
  private k: Dec | undefined;
  constructor(
    readonly issuer: number,
    private readonly investors: readonly (readonly [number, () => Dec])[],
  ) {}
  get stakes(): readonly Dec[] {
    return (this.s ??= this.investors.map(([, stake]) => stake()));
  }
  /** the investors, market (−1) included */
  get holders(): readonly number[] {
    return this.investors.map(([i]) => i);
  }
  /** what the earlier holders keep: 1 − the stakes' sum */
  get keep(): Dec {
    return (this.k ??= this.stakes.reduce((k, s) => k.minus(s), ONE));
  }
}

/**
 * The parties' stakes at the end, from the issues in the order made: each
 * dilutes the earlier holders by (1 − its stakes' sum). The market's stake is
 * never read, so it is not kept, and an issue to the market alone with no
 * holder to dilute needs no stake worked out.
 */
function holderStakes(parties: number, issued: readonly Issue[]): StakeEnd[] {
  const held = Array.from({ length: parties }, () => new Map<number, Dec>());
  for (const i of issued) {
    const h = held[i.issuer] as Map<number, Dec>;
    const holders = i.holders;
    if (h.size === 0 && holders.every((x) => x === MARKET)) continue;
    for (const [k, v] of h) h.set(k, v.times(i.keep));
    holders.forEach((x, j) => {
      if (x !== MARKET) h.set(x, (h.get(x) ?? ZERO).plus(i.stakes[j] as Dec));
    });
  }
  const stakes: StakeEnd[] = [];
  held.forEach((h, issuer) => {
    for (const [holder, stake] of h) stakes.push({ holder, issuer, stake });
  });
  return stakes;
}

/** Per issuer: 1 − Π(1 − s) over every issue, the market's included. */
function ownershipSold(parties: number, issued: readonly Issue[]): Dec[] {
  const kept = Array.from({ length: parties }, () => ONE);
  for (const i of issued) kept[i.issuer] = (kept[i.issuer] as Dec).times(i.keep);
  return kept.map((k) => (k === ONE ? ZERO : ONE.minus(k))); // a party that issued nothing sold nothing
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max0 = (a: bigint): bigint => (a > 0n ? a : 0n);

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
    /** the issues of shares in the order made, for the stakes and the ownership sold, worked out on first read */
    private readonly issued: readonly Issue[],
    readonly defaults: readonly (number | null)[],
    readonly fundingRaised: readonly bigint[],
    readonly losses: readonly Loss[],
    readonly notes: readonly string[],
    readonly terminalExtra: readonly bigint[],
    readonly valuationEnd: readonly (Dec | null)[],
    readonly dealValues: readonly DealValue[],
    readonly dealSeries: readonly DealSeries[],
  ) {}
  get entries(): readonly Entry[] {
    if (!this.columns) throw new Error('this run kept no ledger (run with ledger: true to read entries)');
    return (this.ledger ??= layOut(this.model, this.columns));
  }
  private held: readonly StakeEnd[] | undefined;
  get stakes(): readonly StakeEnd[] {
    return (this.held ??= holderStakes(this.model.parties.length, this.issued));
  }
  private sold: readonly Dec[] | undefined;
  get ownershipSold(): readonly Dec[] {
    return (this.sold ??= ownershipSold(this.model.parties.length, this.issued));
  }
}

/** The entries in the spec's order: by period, then kind, then the order made. */
function layOut(model: Model, { period, from, to, kind, source, amount }: Columns): Entry[] {
  const { deals, buildouts, parties } = model;
  // the names of the sources that are not deals, by −1 − code (see the codes above attempt)
  const names = ['operations', ...buildouts.map((b) => b.id), ...parties.map((p) => p.id), ...parties.flatMap((p) => (p.policy?.sources ?? []).map((_, i) => `funding.${p.id}.${i}`))];
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
      source: s >= 0 ? (deals[s] as DealM).id : (names[-1 - s] as string),
      deal: s >= 0 ? s : -1,
    };
  });
}
