/**
 * Section 7: the metrics of every party and every exposure pair, computed from
 * the ledger and the balances the deals keep. Money stays in cents; NPV, IRR,
 * stakes and shares are exact decimals, rounded only when printed.
 */
import { centsFraction, quotient, toCents, ZERO, type Cents, type Dec, type Ratio } from '../money/decimal.js';
import type { PairFlows, RunResult } from '../engine/engine.js';
import { dealPairs } from '../deals/registry.js';
import { irr, npv, type FinanceCache } from './finance.js';
import { mapped } from '../arrays.js';


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
  /** null when not asked for (MetricOptions.ownership) */
  readonly ownership_sold: Dec | null;
  readonly debt_end: Cents;
  readonly gw_online_end: Dec;
  /** the period it defaulted in, or null */
  readonly default_period: number | null;
  readonly funding_raised: Cents;
  readonly series: { readonly cash_in: readonly Cents[]; readonly cash_out: readonly Cents[]; readonly net: readonly Cents[]; readonly cash: readonly Cents[] };
  /** the deal types' own party metrics (docs/metrics.md), by name; absent where no deal gives one */
  readonly extra: Readonly<Record<string, Cents | Dec | null>>;
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
  readonly terminal_value: Cents;
  /** the deal types' own pair metrics and series, by name; absent where no deal gives one */
  readonly extra: Readonly<Record<string, Cents | Dec | null>>;
  readonly extraSeries: Readonly<Record<string, readonly Cents[]>>;
  readonly loss: Cents;
  readonly npv: Dec | null;
  readonly irr: Dec | null;
  readonly moic: Dec | null;
  readonly gross_profit: Cents;
  readonly all_in: Cents;
  readonly series: {
    readonly loans: readonly Cents[];
    readonly equity_cost: readonly Cents[];
    readonly exposure: readonly Cents[];
    readonly net_cash: readonly Cents[];
    readonly revenue: readonly Cents[];
    readonly position_flows: readonly Cents[];
    readonly financed_revenue: readonly Cents[];
  };
}

export interface Metrics {
  readonly parties: PartyMetrics[];
  readonly exposures: ExposureMetrics[];
  readonly notes: string[];
}

const NONE: Readonly<Record<string, Cents | Dec | null>> = {};
const NO_SERIES: Readonly<Record<string, readonly Cents[]>> = {};

const IRR_NOTES = {
  no_sign_change: 'its cash flows never change sign',
  multiple: 'more than one rate makes its NPV zero',
  not_found: 'no rate between -100% and +10^6% a period makes its NPV zero',
} as const;

/** Which costly metrics to compute (all by default; analysis runs may skip them), and where discount factors are remembered. */
export interface MetricOptions {
  readonly npv?: boolean;
  readonly irr?: boolean;
  /** the parties' ownership_sold: a product of every equity round's (1 − stake), in 40-digit decimals */
  readonly ownership?: boolean;
  readonly cache?: FinanceCache;
}

// Results hold money as Cents: the engine's sums are cents by construction.
const asCents = (xs: bigint[]): Cents[] => xs as Cents[];

/** Every metric of section 7 for a run (NPV, IRR and ownership sold left null when not asked for). */
export function computeMetrics(r: RunResult, options: MetricOptions = {}): Metrics {
  const wantNpv = options.npv !== false;
  const wantIrr = options.irr !== false;
  const { model } = r;
  const tl = model.timeline;
  const n = tl.count;
  const notes: string[] = [];

  // what each party owes at the end, over every deal that holds a claim on it
  const debt = mapped(model.parties, () => 0n);
  model.deals.forEach((d, i) => {
    const c = r.claims[i];
    const pair = dealPairs(d)[0];
    if (c && pair) debt[pair[1]]! += c[n - 1] as bigint;
  });

  // the deal types' own metrics: a money value is summed over the deals that give it, any other is the last given
  const P = model.parties.length;
  const add = (into: Record<string, Cents | Dec | null>, name: string, v: Cents | Dec | null): void => {
    const old = into[name];
    into[name] = typeof v === 'bigint' && typeof old === 'bigint' ? ((old + v) as Cents) : v;
  };
  const partyExtra: Record<string, Cents | Dec | null>[] = [];
  const pairExtra = new Map<number, Record<string, Cents | Dec | null>>();
  for (const v of r.dealValues) {
    if (v.scope === 'party') add((partyExtra[v.party] ??= {}), v.name, v.value);
    else {
      const k = v.holder * P + v.obligor;
      let o = pairExtra.get(k);
      if (!o) pairExtra.set(k, (o = {}));
      add(o, v.name, v.value);
    }
  }
  const pairSeries = new Map<number, Record<string, Cents[]>>();
  for (const s of r.dealSeries) {
    const k = s.holder * P + s.obligor;
    let o = pairSeries.get(k);
    if (!o) pairSeries.set(k, (o = {}));
    const old = o[s.name];
    o[s.name] = old ? (old.map((x, t) => x + (s.values[t] as bigint)) as Cents[]) : asCents([...s.values]);
  }

  const sold = options.ownership !== false ? r.ownershipSold : null;
  const parties = mapped(model.parties, (p, i): PartyMetrics => {
    const ins = r.cashIn[i] as readonly bigint[];
    const outs = r.cashOut[i] as readonly bigint[];
    let c = p.cash;
    let minCash = 0n;
    let minAt = 0;
    let runway: number | null = null;
    for (let t = 0; t < n; t++) {
      c += (ins[t] as bigint) - (outs[t] as bigint);
      if (t === 0 || c < minCash) {
        minCash = c;
        minAt = t;
      }
      if (runway === null && c < 0n) runway = t;
    }
    let gw = ZERO;
    const down = r.defaults[i] ?? null;
    for (const b of model.buildouts) {
      if (b.operator !== i) continue;
      // a defaulter's build-out adds nothing from its default on
      if (down === null) gw = gw.plus(b.gwEnd);
      else for (let t = 0; t < down; t++) gw = gw.plus(b.added[t] as Dec);
    }
    return new PartyResult(
      {
        id: p.id,
        name: p.name,
        opening_cash: p.cash as Cents,
        ending_cash: c as Cents,
        net: (c - p.cash) as Cents,
        min_cash: minCash as Cents,
        min_cash_period: minAt,
        runway_end: runway,
        funding_gap: (minCash < 0n ? -minCash : 0n) as Cents,
        ownership_sold: sold ? (sold[i] as Dec) : null,
        debt_end: debt[i] as Cents,
        gw_online_end: gw,
        default_period: down,
        funding_raised: r.fundingRaised[i] as Cents,
        extra: partyExtra[i] ?? NONE,
      },
      ins,
      outs,
      (net) => (p.discountRate && wantNpv ? npv(net(), p.discountRate, tl.ppy, options.cache) : null),
    );
  });

  // a run's stakes are worked out (in 40-digit decimals) only when a pair's stake or equity value is read
  let stakes: Map<number, Dec> | undefined;
  const stakeOf = (holder: number, obligor: number): Dec => {
    if (!stakes) {
      stakes = new Map();
      for (const s of r.stakes) stakes.set(s.holder * P + s.issuer, s.stake);
    }
    return stakes.get(holder * P + obligor) ?? ZERO;
  };

  const lost = new Map<number, bigint>();
  for (const l of r.losses) lost.set(l.holder * P + l.obligor, (lost.get(l.holder * P + l.obligor) ?? 0n) + l.amount);

  const exposures = mapped(r.pairs, (x, pairIndex): ExposureMetrics => {
    const holder = model.parties[x.holder]!;
    const obligor = model.parties[x.obligor]!;
    // from the obligor's default on, what the holder had in it is written off (see loss)
    const down = r.defaults[x.obligor] ?? n;
    // the exposure's peak is summed with the run; the series are laid out when read (see PairMetrics.series)
    let eq = 0n;
    let eqBook = 0n;
    let v = 0n;
    let peak = 0n;
    let peakAt = 0;
    for (let t = 0; t < n; t++) {
      eq += x.equity[t] as bigint;
      eqBook = t < down ? eq : 0n;
      v = (x.claims[t] as bigint) + eqBook;
      if (t === 0 || v > peak) {
        peak = v;
        peakAt = t;
      }
    }
    const financed = x.financed < x.revenue ? x.financed : x.revenue;
    return new PairMetrics(
      {
        holder: holder.id,
        obligor: obligor.id,
        loans_end: x.claims[n - 1] as Cents,
        equity_cost_end: eqBook as Cents,
        exposure_end: v as Cents,
        peak: peak as Cents,
        peak_period: peakAt,
        revenue: x.revenue as Cents,
        financed_revenue: financed as Cents,
        extra: pairExtra.get(x.holder * P + x.obligor) ?? NONE,
        extraSeries: pairSeries.get(x.holder * P + x.obligor) ?? NO_SERIES,
        loss: (lost.get(x.holder * P + x.obligor) ?? 0n) as Cents,
        gross_profit: (x.revenue - x.costOfSales) as Cents,
      },
      {
        flows: x, down, recovery: obligor.recovery, valuation: r.valuationEnd[x.obligor] ?? null,
        extraTerminal: r.terminalExtra[pairIndex] as bigint, stake: () => stakeOf(x.holder, x.obligor),
      },
      // NPV and IRR, when asked for, are worked out at once: an IRR with no root leaves a note
      (flows) => {
        const rate = wantIrr ? irr(flows(), tl.ppy) : undefined;
        if (rate?.kind === 'none' && x.outflows > 0n) notes.push(`${holder.id}->${obligor.id}: IRR is empty because ${IRR_NOTES[rate.reason]}`);
        return {
          npv: holder.discountRate && wantNpv && x.outflows > 0n ? npv(flows(), holder.discountRate, tl.ppy, options.cache) : null,
          irr: rate?.kind === 'rate' && x.outflows > 0n ? rate.annual : null,
        };
      },
    );
  });
  notes.push(...r.notes);
  return { parties, exposures, notes };
}

/** What a pair's costlier metrics are worked out from, when first read. */
interface PairInputs {
  readonly flows: PairFlows;
  /** the period the obligor defaulted in (the position is then worth nothing at the end), or the number of periods: equity is on the books before it */
  readonly down: number;
  readonly recovery: readonly Ratio[];
  /** the obligor's valuation at the end, if it has one */
  readonly valuation: Dec | null;
  /** what the deal types add to the position's value at the end (a warrant's, a lease's) */
  readonly extraTerminal: bigint;
  readonly stake: () => Dec;
}

type Eager = Omit<ExposureMetrics, 'lgd_peak' | 'stake_end' | 'equity_value_end' | 'circular_share' | 'terminal_value' | 'npv' | 'irr' | 'moic' | 'all_in' | 'net_cash' | 'series'>;

/**
 * A pair's metrics. The sums and series are made with the run; the metrics
 * that take decimal arithmetic (loss given default, the stake and its value,
 * the circular share, MOIC, the terminal value and what depends on it) are
 * worked out when first read, so that an analysis that reads a few metrics
 * of many runs does not pay for the rest. Either way the values are the same.
 */
class PairMetrics implements ExposureMetrics {
  readonly holder: string;
  readonly obligor: string;
  readonly loans_end: Cents;
  readonly equity_cost_end: Cents;
  readonly exposure_end: Cents;
  readonly peak: Cents;
  readonly peak_period: number;
  readonly revenue: Cents;
  readonly financed_revenue: Cents;
  readonly extra: Readonly<Record<string, Cents | Dec | null>>;
  readonly extraSeries: Readonly<Record<string, readonly Cents[]>>;
  readonly loss: Cents;
  readonly gross_profit: Cents;
  readonly npv: Dec | null;
  readonly irr: Dec | null;
  // what is worked out on first read, and what from: private (#), so that only the metrics are the object's own properties
  readonly #at: PairInputs;
  #lgd: Dec | undefined;
  #stake: Dec | undefined;
  #value: Dec | null | undefined;
  #terminal: Cents | undefined;
  #flowsEnd: bigint[] | undefined;
  #share: Dec | null | undefined;
  #multiple: Dec | null | undefined;
  #series: ExposureMetrics['series'] | undefined;
  /** `rates` gives NPV and IRR of the position's flows (the last period with the terminal value), reading them only if it needs them */
  constructor(eager: Eager, at: PairInputs, rates: (flows: () => bigint[]) => { npv: Dec | null; irr: Dec | null }) {
    // field by field, not Object.assign: a run makes one of these per pair
    this.holder = eager.holder;
    this.obligor = eager.obligor;
    this.loans_end = eager.loans_end;
    this.equity_cost_end = eager.equity_cost_end;
    this.exposure_end = eager.exposure_end;
    this.peak = eager.peak;
    this.peak_period = eager.peak_period;
    this.revenue = eager.revenue;
    this.financed_revenue = eager.financed_revenue;
    this.extra = eager.extra;
    this.extraSeries = eager.extraSeries;
    this.loss = eager.loss;
    this.gross_profit = eager.gross_profit;
    this.#at = at;
    const { npv, irr } = rates(() => this.positionWithTerminal());
    this.npv = npv;
    this.irr = irr;
  }

  /** the net cash between the two over the timeline: everything obligor → holder less everything holder → obligor */
  get net_cash(): Cents {
    const s = this.series.net_cash;
    return (s[s.length - 1] ?? 0n) as Cents;
  }
  /** the series by period, laid out on first read from the run's flows */
  get series(): ExposureMetrics['series'] {
    if (this.#series) return this.#series;
    const x = this.#at.flows;
    const n = x.net.length;
    const down = this.#at.down;
    const equityCost = new Array<bigint>(n);
    const exposure = new Array<bigint>(n);
    const netCash = new Array<bigint>(n);
    const financedT = new Array<bigint>(n);
    let eq = 0n;
    let cum = 0n;
    let salesSoFar = 0n;
    let earmarkedSoFar = 0n;
    let financedBefore = 0n;
    for (let t = 0; t < n; t++) {
      eq += x.equity[t] as bigint;
      cum += x.net[t] as bigint;
      const eqBook = t < down ? eq : 0n;
      equityCost[t] = eqBook;
      netCash[t] = cum;
      exposure[t] = (x.claims[t] as bigint) + eqBook;
      // the financed part of the sales so far, and its increase this period
      salesSoFar += x.sales[t] as bigint;
      earmarkedSoFar += x.earmarked[t] as bigint;
      const financedNow = salesSoFar < earmarkedSoFar ? salesSoFar : earmarkedSoFar;
      financedT[t] = financedNow - financedBefore;
      financedBefore = financedNow;
    }
    return (this.#series = {
      loans: x.claims as Cents[], equity_cost: asCents(equityCost), exposure: asCents(exposure), net_cash: asCents(netCash),
      revenue: x.sales as Cents[], position_flows: x.position as Cents[], financed_revenue: asCents(financedT),
    });
  }

  /** loss given default at its peak, exact as a fraction of cents: loans × (1 − recovery) + equity */
  get lgd_peak(): Dec {
    if (this.#lgd) return this.#lgd;
    const loans = this.series.loans;
    const equity = this.series.equity_cost;
    let lgdNum = 0n;
    let lgdDen = 1n;
    for (let t = 0; t < loans.length; t++) {
      const rec = this.#at.recovery[t] as Ratio;
      const num = (loans[t] as bigint) * (rec.den - rec.num) + (equity[t] as bigint) * rec.den;
      if (t === 0 || num * lgdDen > lgdNum * rec.den) {
        lgdNum = num;
        lgdDen = rec.den;
      }
    }
    return (this.#lgd = centsFraction(lgdNum, lgdDen));
  }
  /** whether the obligor defaulted inside the timeline */
  #defaulted(): boolean {
    return this.#at.down < this.#at.flows.net.length;
  }
  get stake_end(): Dec {
    return (this.#stake ??= this.#at.stake());
  }
  get equity_value_end(): Dec | null {
    if (this.#value === undefined) this.#value = this.#at.valuation ? (this.#defaulted() ? ZERO : this.stake_end.times(this.#at.valuation)) : null;
    return this.#value;
  }
  /** the position at the end: loans at their balance, equity at its value (at cost without a valuation); nothing after a default */
  get terminal_value(): Cents {
    if (this.#terminal !== undefined) return this.#terminal;
    if (this.#defaulted()) return (this.#terminal = 0n as Cents);
    const value = this.equity_value_end;
    return (this.#terminal = (this.loans_end + (value ? toCents(value) : this.equity_cost_end) + this.#at.extraTerminal) as Cents);
  }
  /** the position's flows with the terminal value added at the end, for NPV and IRR */
  positionWithTerminal(): bigint[] {
    if (this.#flowsEnd) return this.#flowsEnd;
    const flows = this.#at.flows.position.slice();
    flows[flows.length - 1]! += this.terminal_value;
    return (this.#flowsEnd = flows);
  }
  get circular_share(): Dec | null {
    if (this.#share === undefined) this.#share = this.revenue === 0n ? null : quotient(this.financed_revenue, this.revenue);
    return this.#share;
  }
  get moic(): Dec | null {
    const x = this.#at.flows;
    if (this.#multiple === undefined) this.#multiple = x.outflows > 0n ? quotient(x.inflows + this.terminal_value, x.outflows) : null;
    return this.#multiple;
  }
  get all_in(): Cents {
    const x = this.#at.flows;
    return (this.gross_profit + x.inflows + this.terminal_value - x.outflows) as Cents;
  }
}

type PartyEager = Omit<PartyMetrics, 'cash_in' | 'cash_out' | 'series' | 'npv'>;

/**
 * A party's metrics. Cash at the end, its lowest point and the runway are
 * summed with the run; the totals in and out and the series by period are
 * laid out when first read (an analysis rarely reads them), from the same
 * flows, so that they are the same whenever they are read.
 */
class PartyResult implements PartyMetrics {
  readonly id: string;
  readonly name: string;
  readonly opening_cash: Cents;
  readonly ending_cash: Cents;
  readonly net: Cents;
  readonly min_cash: Cents;
  readonly min_cash_period: number;
  readonly runway_end: number | null;
  readonly funding_gap: Cents;
  readonly npv: Dec | null;
  readonly ownership_sold: Dec | null;
  readonly debt_end: Cents;
  readonly gw_online_end: Dec;
  readonly default_period: number | null;
  readonly funding_raised: Cents;
  readonly extra: Readonly<Record<string, Cents | Dec | null>>;
  readonly #ins: readonly bigint[];
  readonly #outs: readonly bigint[];
  #series: PartyMetrics['series'] | undefined;
  #totals: { in: Cents; out: Cents } | undefined;
  /** `npvOf` gives the NPV of the net flows, reading them only if it needs them */
  constructor(eager: PartyEager, ins: readonly bigint[], outs: readonly bigint[], npvOf: (net: () => readonly bigint[]) => Dec | null) {
    // field by field, not Object.assign: a run makes one of these per party
    this.id = eager.id;
    this.name = eager.name;
    this.opening_cash = eager.opening_cash;
    this.ending_cash = eager.ending_cash;
    this.net = eager.net;
    this.min_cash = eager.min_cash;
    this.min_cash_period = eager.min_cash_period;
    this.runway_end = eager.runway_end;
    this.funding_gap = eager.funding_gap;
    this.ownership_sold = eager.ownership_sold;
    this.debt_end = eager.debt_end;
    this.gw_online_end = eager.gw_online_end;
    this.default_period = eager.default_period;
    this.funding_raised = eager.funding_raised;
    this.extra = eager.extra;
    this.#ins = ins;
    this.#outs = outs;
    this.npv = npvOf(() => this.series.net);
  }
  get cash_in(): Cents {
    return this.#total().in;
  }
  get cash_out(): Cents {
    return this.#total().out;
  }
  #total(): { in: Cents; out: Cents } {
    if (this.#totals) return this.#totals;
    let a = 0n;
    let b = 0n;
    for (let t = 0; t < this.#ins.length; t++) {
      a += this.#ins[t] as bigint;
      b += this.#outs[t] as bigint;
    }
    return (this.#totals = { in: a as Cents, out: b as Cents });
  }
  get series(): PartyMetrics['series'] {
    if (this.#series) return this.#series;
    const n = this.#ins.length;
    const net = new Array<bigint>(n);
    const cash = new Array<bigint>(n);
    let c: bigint = this.opening_cash;
    for (let t = 0; t < n; t++) {
      const v = (this.#ins[t] as bigint) - (this.#outs[t] as bigint);
      net[t] = v;
      c += v;
      cash[t] = c;
    }
    return (this.#series = { cash_in: asCents(this.#ins as bigint[]), cash_out: asCents(this.#outs as bigint[]), net: asCents(net), cash: asCents(cash) });
  }
}
