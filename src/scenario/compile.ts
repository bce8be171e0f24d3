/**
 * From a decoded scenario to the model the engine runs: every series laid on
 * the timeline (section 3), every reference and rule of sections 2 and 5
 * checked, with located problems. Only a model with no problem comes out.
 */
import { Dec, mulRatio, mulRatiosToCents, ratioOf, roundDiv, toCents, splitCents, addDecimalRatios, ZERO, type Ratio } from '../money/decimal.js';
import { mapped } from '../arrays.js';
import { makeTimeline, periodIndex, type Period, type Timeline } from './periods.js';
import { DecodeCache, type At, type Keyed, type SeriesIn } from './decode.js';
import type { BuildoutIn, OperationsIn, PartyIn, ScenarioIn } from './format.js';
import { compileDeal, dealPairs, type DealIn, type DealM } from '../deals/registry.js';
import type { CompileContext } from '../deals/types.js';
import { sortProblems, suggest, type Loc, type Problem } from './problems.js';
import type { Loaded } from './load.js';

export interface PartyM {
  readonly id: string;
  readonly name: string;
  readonly cash: bigint;
  readonly discountRate: Dec | null;
  /** per period, null when the party has no gross margin (no cost of sales) */
  readonly grossMargin: readonly Ratio[] | null;
  readonly valuation: readonly Dec[] | null;
  /** per period: what lenders recover of loans to it if it defaults */
  readonly recovery: readonly Ratio[];
  /** its funding policy (financing-and-default.md section 1) */
  readonly policy: Policy | null;
  /** per period: the price of one share and the shares outstanding (without those issued under warrants), or null */
  readonly sharePrice: readonly Dec[] | null;
  readonly sharesOutstanding: readonly Dec[] | null;
}

/** A source of a funding policy: new shares (to market, −1, or a party) or an on-demand credit line (a deal index). */
export type FundingSource =
  | { readonly kind: 'equity'; readonly investor: number; readonly max: bigint | null }
  | { readonly kind: 'credit'; readonly deal: number };

/** What a party does when its cash falls below its floor. */
export interface Policy {
  /** per period, whole cents (a fractional floor rounds up) */
  readonly minCash: readonly bigint[];
  readonly sources: readonly FundingSource[];
  /** true: it defaults when its policy cannot cover a period; false: its cash may go negative */
  readonly defaults: boolean;
}

/** What a deal's compile step read beyond its own fields, by party index. */
export interface DealReads {
  readonly levels: readonly number[];
  readonly revenue: readonly number[];
}

/** A default written in the scenario (or added by `stress`): the party defaults at the start of period `at`. */
export interface DefaultEvent {
  readonly party: number;
  readonly at: number;
  /** where the event was written (none for one added by `stress`): a later default that overrides it says so there */
  readonly where?: { readonly loc: Loc; readonly path: string };
}
export interface BuildoutM {
  readonly id: string;
  readonly operator: number;
  readonly added: readonly Dec[];
  readonly capexPerGw: readonly Dec[];
  readonly suppliers: readonly { readonly party: number; readonly share: readonly Ratio[] }[];
  readonly opexPerGwYear: readonly Dec[] | null;
  /** cents per period, fixed by the schedule: each supplier's share of the capex, then the rest paid to market, then opex */
  readonly supplierCapex: readonly (readonly bigint[])[];
  readonly marketCapex: readonly bigint[];
  readonly opex: readonly bigint[] | null;
  /** GW online at the end: the sum of `added` */
  readonly gwEnd: Dec;
}
export interface OperationsM {
  readonly party: number;
  readonly revenue: readonly bigint[] | null;
  readonly costs: readonly bigint[] | null;
  readonly net: readonly bigint[] | null;
}
/** An uncertain input: a value path and its distribution, every parameter exact. */
export interface UncertainM {
  readonly path: string;
  readonly loc: Loc;
  readonly dist: 'uniform' | 'triangular' | 'pert' | 'normal' | 'lognormal';
  readonly min?: Dec;
  readonly max?: Dec;
  readonly mode?: Dec;
  readonly mean?: Dec;
  readonly sd?: Dec;
}

/** A checked scenario laid out on its timeline: what the engine runs. */
export interface Model {
  readonly name: string;
  readonly description: string | null;
  readonly sources: readonly string[];
  readonly file: string;
  readonly timeline: Timeline;
  readonly parties: readonly PartyM[];
  readonly buildouts: readonly BuildoutM[];
  readonly operations: readonly OperationsM[];
  readonly deals: readonly DealM[];
  /** the exposure pairs, [holder, obligor] party indexes: every pair some deal opens, in party order */
  readonly pairs: readonly (readonly [number, number])[];
  /** defaults written in the scenario, the first per party, in the order written */
  readonly events: readonly DefaultEvent[];
  /** per deal: the parties whose levels and whose operations revenue its compile step read (see recompile) */
  readonly dealReads: readonly DealReads[];
  readonly uncertain: readonly UncertainM[];
}

/**
 * What compiling remembers between the runs of an analysis, which compiles
 * one scenario thousands of times with a few values changed: every series
 * laid on the timeline (by the identity of the decoded series, which an
 * unchanged series keeps) and GW totals. The evaluator owns one and passes it
 * in; a compile without one remembers nothing past itself.
 */
export class CompileCache {
  /** what the decoders remember, for the runs that decode */
  readonly decode = new DecodeCache();
  readonly layouts = new WeakMap<SeriesIn, Map<string, { value: unknown; problems: Problem[]; warnings: Problem[] }>>();
  readonly totals = new WeakMap<readonly Dec[], Dec>();
  /** amounts in cents, by the decoded decimal (a series laid again keeps most of its values) */
  readonly cents = new WeakMap<Dec, bigint>();
  /**
   * Objects made for one run (the values an analysis put in, and what is
   * derived from them): never remembered, since no later run meets them again,
   * and remembering each would only load the collector with dead entries.
   */
  transient: Set<unknown> = new Set();
  private readonly derived = new WeakMap<object, WeakMap<object, unknown>>();
  /** What `make` derives from two inputs, remembered by the inputs' identity (shared: never modified). */
  derive<T>(a: object, b: object, make: () => T): T {
    if (this.transient.has(a) || this.transient.has(b)) return this.once(make());
    let byB = this.derived.get(a);
    if (!byB) this.derived.set(a, (byB = new WeakMap()));
    if (byB.has(b)) return byB.get(b) as T;
    const v = make();
    byB.set(b, v);
    return v;
  }
  /** A value made for one run: marked, so that nothing derived from it is remembered either. */
  once<T>(v: T): T {
    if (typeof v === 'object' && v !== null) this.transient.add(v);
    return v;
  }
}

/** Collects problems and warnings while laying series on the timeline. */
export class Checker {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  /**
   * `timeKnown` is false when the timeline itself is invalid: the references
   * are still checked, on a stand-in timeline whose own findings are dropped.
   */
  /** the layouts' keys for this timeline, by kind of series (made once: a key made per lookup would be hashed per lookup) */
  private readonly keys: { readonly money: string; readonly quantity: string; readonly level: string };
  constructor(readonly tl: Timeline, readonly timeKnown: boolean, readonly cache: CompileCache = new CompileCache()) {
    const tlKey = `${tl.step}|${tl.first}|${tl.count}|${timeKnown}`;
    this.keys = { money: `money|${tlKey}`, quantity: `quantity|${tlKey}`, level: `level|${tlKey}` };
  }
  error(loc: Loc, path: string, message: string): void {
    this.problems.push({ loc, path, message });
  }
  /** A problem that depends on the timeline. */
  terror(loc: Loc, path: string, message: string): void {
    if (this.timeKnown) this.problems.push({ loc, path, message });
  }
  warn(loc: Loc, path: string, message: string): void {
    if (this.timeKnown) this.warnings.push({ loc, path, message });
  }

  private stepW(): number {
    return 12 / this.tl.ppy;
  }
  private lastLabel(): string {
    return this.tl.labels[this.tl.count - 1] as string;
  }

  /** Keys of a series map that overlap one another are an error. */
  private checkOverlap(s: Extract<SeriesIn, { kind: 'map' }>): boolean {
    const sorted = [...s.entries].sort((a, b) => a.period.first - b.period.first);
    let ok = true;
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      if (b.period.first < a.period.first + a.period.months) {
        // point at whichever of the two was written later
        const later = a.keyLoc.line > b.keyLoc.line || (a.keyLoc.line === b.keyLoc.line && a.keyLoc.col > b.keyLoc.col) ? a : b;
        this.terror(later.keyLoc, s.path, `the keys ${a.period.label} and ${b.period.label} overlap; give each stretch of time once`);
        ok = false;
      }
    }
    return ok;
  }

  /** Spread `total` over the step-periods of `p`; `part(i, n)` gives the i-th of n parts. */
  private spread<T>(p: Period, out: T[], add: (a: T, b: T) => T, parts: (n: number) => T[], loc: Loc, path: string): void {
    const w = this.stepW();
    if (p.months >= w) {
      const n = p.months / w;
      const ps = parts(n);
      let inside = 0;
      for (let j = 0; j < n; j++) {
        const idx = periodIndex(this.tl, p.first + j * w);
        if (idx >= 0 && idx < this.tl.count) {
          out[idx] = add(out[idx] as T, ps[j] as T);
          inside++;
        }
      }
      if (inside === 0) this.warn(loc, path, `${p.label} is outside the timeline (${this.tl.labels[0]} to ${this.lastLabel()}); ignored`);
    } else {
      const idx = periodIndex(this.tl, p.first);
      if (idx >= 0 && idx < this.tl.count) out[idx] = add(out[idx] as T, (parts(1)[0]) as T);
      else this.warn(loc, path, `${p.label} is outside the timeline (${this.tl.labels[0]} to ${this.lastLabel()}); ignored`);
    }
  }

  private flow<T>(s: SeriesIn, zero: T, add: (a: T, b: T) => T, split: (v: Dec, n: number) => T[]): T[] {
    const out = new Array<T>(this.tl.count).fill(zero);
    if (s.kind === 'scalar') {
      const y0 = Math.floor(this.tl.first / 12); // number-ok: calendar years
      const y1 = Math.floor((this.tl.first + this.tl.count * this.stepW() - 1) / 12); // number-ok: calendar years
      for (let y = y0; y <= y1; y++) {
        this.spread({ label: String(y), first: y * 12, months: 12 }, out, add, (n) => split(s.value.value, n), s.loc, s.path);
      }
      return out;
    }
    if (!this.checkOverlap(s)) return out;
    for (const e of s.entries) this.spread(e.period, out, add, (n) => split(e.value.value, n), e.keyLoc, `${s.path}.${e.period.label}`);
    return out;
  }

  /**
   * Lay a series on the timeline once per cache: an unchanged series keeps
   * its identity (see memo in decode.ts). The result is shared, so it is
   * never modified; the problems and warnings it raised are raised again.
   */
  private cached<T>(kind: 'money' | 'quantity' | 'level', s: SeriesIn, make: () => T): T {
    if (this.cache.transient.has(s)) return this.cache.once(make());
    const key = this.keys[kind];
    const hit = this.cache.layouts.get(s)?.get(key);
    if (hit) {
      this.problems.push(...hit.problems);
      this.warnings.push(...hit.warnings);
      return hit.value as T;
    }
    const p0 = this.problems.length;
    const w0 = this.warnings.length;
    const value = make();
    let byKey = this.cache.layouts.get(s);
    if (!byKey) this.cache.layouts.set(s, (byKey = new Map()));
    byKey.set(key, { value, problems: this.problems.slice(p0), warnings: this.warnings.slice(w0) });
    return value;
  }

  /** A money flow in cents: each total rounded half-even, then split cent-exactly. */
  moneyFlow(s: SeriesIn): readonly bigint[] {
    return this.cached('money', s, () => this.flow<bigint>(s, 0n, (a, b) => a + b, (v, n) => splitCents(this.toCents(v), n)));
  }

  /** A quantity flow; a total split over n step-periods gives parts that add up to it exactly. */
  quantityFlow(s: SeriesIn): readonly Dec[] {
    return this.cached('quantity', s, () => this.flow<Dec>(s, ZERO, (a, b) => a.plus(b), splitQuantity));
  }

  /** A level: constant, or each key's value from its step-period until the next key. */
  level(s: SeriesIn): readonly Dec[] | undefined {
    return this.cached('level', s, () => this.layLevel(s));
  }

  private layLevel(s: SeriesIn): Dec[] | undefined {
    if (s.kind === 'scalar') return new Array<Dec>(this.tl.count).fill(s.value.value);
    if (!this.checkOverlap(s)) return undefined;
    const sorted = [...s.entries].sort((a, b) => a.period.first - b.period.first);
    const firstKey = sorted[0]!;
    if (periodIndex(this.tl, firstKey.period.first) > 0) {
      this.terror(s.loc, s.path, `has no value at the start of the timeline (${this.tl.labels[0]}): its first key is ${firstKey.period.label}; a level holds from its key on, so give a key at or before ${this.tl.labels[0]}`);
      return undefined;
    }
    const out = new Array<Dec>(this.tl.count);
    let k = 0;
    for (let i = 0; i < this.tl.count; i++) {
      while (k + 1 < sorted.length && periodIndex(this.tl, sorted[k + 1]!.period.first) <= i) k++;
      out[i] = sorted[k]!.value.value;
    }
    for (const e of sorted) {
      if (periodIndex(this.tl, e.period.first) >= this.tl.count) {
        this.warn(e.keyLoc, `${s.path}.${e.period.label}`, `${e.period.label} is after the timeline's end (${this.lastLabel()}); ignored`);
      }
    }
    return out;
  }

  /** An amount in cents, half-even (remembered by the decimal, unless it is one run's). */
  toCents(d: Dec): bigint {
    if (this.cache.transient.has(d)) return toCents(d);
    let c = this.cache.cents.get(d);
    if (c === undefined) this.cache.cents.set(d, (c = toCents(d)));
    return c;
  }

  /** A level's values as exact fractions (remembered with the level). */
  ratios(level: readonly Dec[]): readonly Ratio[] {
    return this.cache.derive(level, RATIOS, () => {
      // a level repeats one decimal over many periods: convert each run of it once
      let last: Dec | undefined;
      let r: Ratio = { num: 0n, den: 1n };
      return mapped(level, (d) => (d === last ? r : ((last = d), (r = ratioOf(d)))));
    });
  }

  /** Cents per period of a GW flow at an amount per GW: draws and tranches per GW added (remembered). */
  perGw(added: readonly Dec[], perGw: Dec): readonly bigint[] {
    return this.cache.derive(added, perGw, () => {
      const y = ratioOf(perGw);
      return mapped(this.ratios(added), (x) => (x.num === 0n ? 0n : mulRatiosToCents(x, y)));
    });
  }

  /** The sum of a quantity flow (remembered: flows are shared between runs). */
  total(xs: readonly Dec[]): Dec {
    if (this.cache.transient.has(xs)) return xs.reduce((x, y) => x.plus(y), ZERO);
    let sum = this.cache.totals.get(xs);
    if (!sum) this.cache.totals.set(xs, (sum = xs.reduce((x, y) => x.plus(y), ZERO)));
    return sum;
  }

  /** The index of the step-period where a dated event happens (its first step-period). */
  index(p: At<Period>): number {
    return periodIndex(this.tl, p.value.first);
  }
}

/** Check a decoded scenario against the rules of the format and lay it on its timeline. */
export function compileScenario(s: ScenarioIn, file: string, earlier: readonly Problem[] = [], cache?: CompileCache): Loaded<Model> {
  const problems: Problem[] = [...earlier];
  const fail = (warnings: Problem[] = []): Loaded<Model> => ({ ok: false, problems: sortProblems(problems), warnings });
  if (!s.parties) return fail();
  const t = s.timeline;
  const made = t ? makeTimeline(t.start.value, t.end.value, t.step.value) : undefined;
  if (t && made && !made.ok) problems.push({ loc: t.loc, path: 'timeline', message: made.message });
  const c = made?.ok ? new Checker(made.timeline, true, cache) : new Checker(STAND_IN, false);
  const tl = c.tl;

  const parties: PartyM[] = [];
  for (const { id, idLoc, value: p } of s.parties.value) {
    if (id === 'market') {
      c.error(idLoc, 'parties.market', '"market" is reserved: it stands for everyone outside the scenario and has no entry of its own');
      continue;
    }
    parties.push(compileParty(id, p, s, c));
  }
  const refs = new Refs(s, c, parties);
  for (const { id, value: b } of s.buildouts?.value ?? []) {
    const m = compileBuildout(id, b, refs);
    if (m) refs.addBuildout(m);
  }
  const operations: OperationsM[] = [];
  for (const { id, idLoc, value: o } of s.operations?.value ?? []) {
    const m = compileOperations(id, idLoc, o, refs);
    if (m) operations.push(m);
  }
  refs.operations = operations;
  const deals: DealM[] = [];
  const dealReads: DealReads[] = [];
  for (const d of s.deals?.value ?? []) {
    if (refs.buildoutIds.includes(d.id.value)) {
      c.error(d.id.loc, d.id.path, `"${d.id.value}" is also a build-out id; ledger sources must be unambiguous, so give the deal another id`);
    }
    const m = refs.compileDeal(d);
    if (m) {
      deals.push(m.deal);
      dealReads.push(m.reads);
    }
  }

  const withPolicies = compilePolicies(s, c, parties, deals);
  const events = compileEvents(s, c, refs);
  const uncertain = compileUncertain(s, c);

  problems.push(...c.problems);
  if (problems.length > 0 || !s.name) return fail(c.warnings);
  return {
    ok: true,
    value: modelOf({
      name: s.name.value,
      description: s.description?.value ?? null,
      sources: s.sources?.value.map((x) => x.value) ?? [],
      file,
      timeline: tl,
      parties: withPolicies,
      buildouts: refs.buildouts,
      operations,
      deals,
      pairs: exposurePairs(withPolicies, deals),
      events,
      dealReads,
      uncertain,
    }),
    warnings: c.warnings,
  };
}

/*
 * A compiled model, party and build-out are each made in one place, field by
 * field in one order, never by spreading another object: objects made by a
 * spread take a different hidden class while the spread warms up, and each
 * new class throws away the optimized engine code that had met the old one,
 * in every simulate worker (a second or more of compiling per worker).
 */
function modelOf(m: Model): Model {
  return {
    name: m.name, description: m.description, sources: m.sources, file: m.file, timeline: m.timeline, parties: m.parties, buildouts: m.buildouts,
    operations: m.operations, deals: m.deals, pairs: m.pairs, events: m.events, dealReads: m.dealReads, uncertain: m.uncertain,
  };
}


function partyOf(p: PartyM, policy: Policy | null): PartyM {
  return {
    id: p.id, name: p.name, cash: p.cash, discountRate: p.discountRate, grossMargin: p.grossMargin, valuation: p.valuation, recovery: p.recovery,
    policy, sharePrice: p.sharePrice, sharesOutstanding: p.sharesOutstanding,
  };
}

/** The parties, build-outs, operations and deals a change touched, by their index in the file, as changed. */
export interface Touched {
  readonly parties: ReadonlyMap<number, Keyed<PartyIn>>;
  readonly buildouts: ReadonlyMap<number, Keyed<BuildoutIn>>;
  readonly operations: ReadonlyMap<number, Keyed<OperationsIn>>;
  readonly deals: ReadonlyMap<number, DealIn>;
}

/**
 * Compile again only what a change touched, on a model that compiled
 * cleanly from a scenario of the same shape (the same parties, build-outs,
 * operations and deals, in the same order, only values changed): the
 * analysis commands run one scenario thousands of times with a few numbers
 * changed. Deals are compiled again when a build-out's GW schedule changed,
 * since draws and tranches follow it. Warnings are not collected.
 */
export function recompile(base: Model, s: ScenarioIn, touched: Touched, cache?: CompileCache): Loaded<Model> {
  const c = new Checker(base.timeline, true, cache);
  const parties = [...base.parties];
  for (const [i, p] of touched.parties) parties[i] = compileParty(p.id, p.value, s, c);
  const refs = new Refs(s, c, parties);
  let gwChanged = false;
  base.buildouts.forEach((old, i) => {
    let b: BuildoutM | undefined = old;
    const input = touched.buildouts.get(i);
    if (input) {
      b = compileBuildout(input.id, input.value, refs);
      if (b && b.added !== old.added) gwChanged = true;
    }
    if (b) refs.addBuildout(b);
  });
  const operations = [...base.operations];
  const revenueChanged = new Set<number>();
  for (const [i, o] of touched.operations) {
    const m = compileOperations(o.id, o.idLoc, o.value, refs);
    if (m) {
      operations[i] = m;
      revenueChanged.add(m.party);
    }
  }
  refs.operations = operations;
  const deals = [...base.deals];
  const dealReads = [...base.dealReads];
  (s.deals?.value ?? []).forEach((d, i) => {
    const changed = touched.deals.get(i);
    const reads = base.dealReads[i];
    // a deal is laid out again when its own fields, a build-out's GW, or a party's levels or revenue it read changed
    const readChanged = reads !== undefined && (reads.levels.some((p) => touched.parties.has(p)) || reads.revenue.some((p) => revenueChanged.has(p)));
    if (!gwChanged && !changed && !readChanged) return;
    const m = refs.compileDeal(changed ?? d);
    if (m) {
      deals[i] = m.deal;
      dealReads[i] = m.reads;
    }
  });
  // a policy names deals and is checked against them: checked again whenever its party or any deal changed
  const policies = touched.parties.size > 0 || touched.deals.size > 0 || gwChanged ? compilePolicies(s, c, parties, deals, touched.parties) : parties;
  if (c.problems.length > 0) return { ok: false, problems: sortProblems(c.problems), warnings: [] };
  return { ok: true, value: modelOf({ ...base, parties: policies, buildouts: refs.buildouts, operations, deals, dealReads }), warnings: [] };
}

function compileParty(id: string, p: PartyIn, s: ScenarioIn, c: Checker): PartyM {
  const n = c.tl.count;
  const gm = p.gross_margin ? c.level(p.gross_margin) : null;
  const valuation = p.valuation ? c.level(p.valuation) : null;
  const recovery = p.recovery_rate ? c.level(p.recovery_rate) : new Array<Dec>(n).fill(ZERO);
  return partyOf(
    {
      id,
      name: p.name.value,
      cash: p.cash ? toCents(p.cash.value) : 0n,
      discountRate: p.discount_rate?.value ?? s.discount_rate?.value ?? null,
      grossMargin: gm ? c.ratios(gm) : null,
      valuation: valuation ?? null,
      recovery: recovery ? c.ratios(recovery) : [],
      policy: null,
      sharePrice: p.share_price ? (c.level(p.share_price) ?? null) : null,
      sharesOutstanding: p.shares_outstanding ? (c.level(p.shares_outstanding) ?? null) : null,
    },
    null,
  );
}

/** The scenario's ids as a deal or a build-out refers to them: unknown ids are errors with the known ones listed. */
class Refs implements CompileContext {
  readonly buildouts: BuildoutM[] = [];
  readonly buildoutIds: readonly string[];
  /** the operations, once compiled (deals come after them) */
  operations: readonly OperationsM[] = [];
  private readonly partyIndex = new Map<string, number>();
  private readonly buildoutIndex = new Map<string, number>();
  /** what the deal being compiled reads */
  private reads: { levels: Set<number>; revenue: Set<number> } | null = null;
  constructor(private readonly s: ScenarioIn, readonly c: Checker, private readonly parties: readonly PartyM[]) {
    parties.forEach((p, i) => this.partyIndex.set(p.id, i));
    this.buildoutIds = s.buildouts?.allIds ?? [];
  }
  /** Compile one deal, noting what it read of the parties and their operations. */
  compileDeal(d: DealIn): { deal: DealM; reads: DealReads } | undefined {
    const reads = { levels: new Set<number>(), revenue: new Set<number>() };
    this.reads = reads;
    try {
      const deal = compileDeal(d, this);
      return deal && { deal, reads: { levels: [...reads.levels], revenue: [...reads.revenue] } };
    } finally {
      this.reads = null;
    }
  }
  levels = (party: number): PartyM => {
    this.reads?.levels.add(party);
    return this.parties[party] as PartyM;
  };
  revenue = (party: number): readonly bigint[] | undefined => {
    this.reads?.revenue.add(party);
    return this.operations.find((o) => o.party === party)?.revenue ?? undefined;
  };
  addBuildout(b: BuildoutM): void {
    this.buildoutIndex.set(b.id, this.buildouts.length);
    this.buildouts.push(b);
  }
  party = (r: At<string>): number => {
    const i = this.partyIndex.get(r.value);
    if (i !== undefined) return i;
    const ids = this.s.parties?.allIds ?? [];
    if (r.value === 'market') this.c.error(r.loc, r.path, '"market" is the implicit outside party; it cannot be named here (use operations for flows with the outside world)');
    else if (!ids.includes(r.value)) {
      const near = suggest(r.value, ids);
      this.c.error(r.loc, r.path, `there is no party "${r.value}"; ${near ? `did you mean "${near}"?` : `the parties are ${ids.filter((x) => x !== 'market').join(', ')}`}`);
    }
    return -1;
  };
  twoParties = (a: At<string>, b: At<string>, roles: string): [number, number] => {
    const x = this.party(a);
    const y = this.party(b);
    if (x >= 0 && x === y) this.c.error(b.loc, b.path, `the ${roles} are the same party ("${a.value}")`);
    return [x, y];
  };
  buildout = (r: At<string>): { index: number; added: readonly Dec[] } | undefined => {
    const i = this.buildoutIndex.get(r.value);
    const ids = this.buildoutIds;
    if (i === undefined && !ids.includes(r.value) && !this.s.broken.includes('buildouts')) {
      const near = suggest(r.value, ids);
      const hint = near ? `did you mean "${near}"?` : ids.length ? `the build-outs are ${ids.join(', ')}` : 'this scenario has no buildouts';
      this.c.error(r.loc, r.path, `there is no build-out "${r.value}"; ${hint}`);
    }
    const b = i === undefined ? undefined : this.buildouts[i];
    return b && { index: i as number, added: b.added };
  };
}

function compileBuildout(id: string, b: BuildoutIn, refs: Refs): BuildoutM | undefined {
  const { c } = refs;
  const n = c.tl.count;
  const operator = refs.party(b.operator);
  const added = c.quantityFlow(b.gw);
  const capexPerGw = c.level(b.capex_per_gw);
  const opex = b.opex_per_gw_year ? c.level(b.opex_per_gw_year) : null;
  const suppliers: { party: number; share: readonly Ratio[] }[] = [];
  // the shares' sum per period, exact (decimal fractions add exactly)
  const total = new Array<Ratio>(n).fill({ num: 0n, den: 1n });
  for (const sup of b.suppliers?.value ?? []) {
    const at: At<string> = { value: sup.id, loc: sup.idLoc, path: `buildouts.${id}.suppliers.${sup.id}` };
    const p = refs.party(at);
    if (p >= 0 && p === operator) c.error(sup.idLoc, at.path, `the operator cannot supply its own build-out`);
    const share = c.level(sup.value);
    if (p < 0 || !share) continue;
    const ratios = c.ratios(share);
    ratios.forEach((v, i) => (total[i] = addDecimalRatios(total[i] as Ratio, v)));
    suppliers.push({ party: p, share: ratios });
  }
  const over = total.findIndex((v) => v.num > v.den);
  if (over >= 0 && b.suppliers) {
    const sum = total[over] as Ratio;
    c.terror(b.suppliers.loc, `buildouts.${id}.suppliers`, `the suppliers' shares add up to ${new Dec(sum.num.toString()).div(sum.den.toString()).times(100).toFixed()}% in ${c.tl.labels[over]}; they may be at most 100%`);
  }
  if (operator < 0 || !capexPerGw || (b.opex_per_gw_year && !opex)) return undefined;
  const { supplierCapex, marketCapex } = capexCents(c.ratios(added), c.ratios(capexPerGw), suppliers);
  return {
    id, operator, added, capexPerGw, suppliers, opexPerGwYear: opex ?? null, supplierCapex, marketCapex,
    // opex follows the GW schedule and its rate only, which an analysis rarely varies
    opex: opex ? c.cache.derive(added, opex, () => opexCents(c.ratios(added), c.ratios(opex), c.tl.ppy)) : null,
    gwEnd: c.total(added),
  };
}

function compileOperations(id: string, idLoc: Loc, o: OperationsIn, refs: Refs): OperationsM | undefined {
  const { c } = refs;
  const p = refs.party({ value: id, loc: idLoc, path: `operations.${id}` });
  if (o.net && (o.revenue || o.costs)) {
    c.error(o.net.loc, `operations.${id}.net`, 'give net, or revenue and/or costs, not both');
    return undefined;
  }
  const ops = {
    party: p,
    revenue: o.revenue ? c.moneyFlow(o.revenue) : null,
    costs: o.costs ? c.moneyFlow(o.costs) : null,
    net: o.net ? c.moneyFlow(o.net) : null,
  };
  return p >= 0 ? ops : undefined;
}

/**
 * Split a quantity into n parts that add up to it exactly: part k is
 * total×k/n − total×(k−1)/n, each product rounded the same way, so the
 * roundings cancel in the sum (2 GW over three months: 0.66…67, 0.66…66,
 * 0.66…67, which add up to 2, where three times 2/3 would exceed it).
 */
function splitQuantity(total: Dec, n: number): Dec[] {
  const parts = new Array<Dec>(n);
  let before = ZERO;
  for (let k = 1; k <= n; k++) {
    const upTo = k === n ? total : total.times(k).div(n);
    parts[k - 1] = upTo.minus(before);
    before = upTo;
  }
  return parts;
}

/** The keys under which a level's fractions, and its cents rounded up, are derived from it. */
const RATIOS = {};
const CEIL = {};

/** A one-year timeline to check references on when the real one is invalid. */
const STAND_IN: Timeline = { step: 'year', ppy: 1, first: 2026 * 12, count: 1, labels: ['2026'] };

/** Every pair of parties some deal or a policy's named investor opens, [holder, obligor], in party order. */
function exposurePairs(parties: readonly PartyM[], deals: readonly DealM[]): [number, number][] {
  const P = parties.length;
  const keys = new Set<number>();
  for (const d of deals) for (const [h, o] of dealPairs(d)) keys.add(h * P + o);
  parties.forEach((p, i) => {
    for (const src of p.policy?.sources ?? []) if (src.kind === 'equity' && src.investor >= 0) keys.add(src.investor * P + i);
  });
  return [...keys].sort((a, b) => a - b).map((k) => [Math.floor(k / P), k % P]); // number-ok: party indexes
}

/**
 * The cents a build-out pays in each period, fixed by its schedule: capex
 * `round(added × capex_per_gw)`, each supplier's share of it rounded, the rest
 * to market.
 */
function capexCents(added: readonly Ratio[], capexPerGw: readonly Ratio[], suppliers: readonly { share: readonly Ratio[] }[]) {
  const n = added.length;
  const supplierCapex = mapped(suppliers, () => new Array<bigint>(n).fill(0n));
  const marketCapex = new Array<bigint>(n).fill(0n);
  for (let t = 0; t < n; t++) {
    const a = added[t] as Ratio;
    if (a.num === 0n) continue;
    const total = mulRatiosToCents(a, capexPerGw[t] as Ratio);
    let rest = total;
    for (let i = 0; i < suppliers.length; i++) {
      const paid = mulRatio(total, suppliers[i]!.share[t] as Ratio);
      (supplierCapex[i] as bigint[])[t] = paid;
      rest -= paid;
    }
    marketCapex[t] = rest;
  }
  return { supplierCapex, marketCapex };
}

/** Opex `round(online × opex_per_gw_year / ppy)` on the GW online at each period's end, from their exact sum. */
function opexCents(added: readonly Ratio[], opexRate: readonly Ratio[], ppy: number): bigint[] {
  const n = added.length;
  const opex = new Array<bigint>(n).fill(0n);
  let online: Ratio = { num: 0n, den: 1n };
  for (let t = 0; t < n; t++) {
    const a = added[t] as Ratio;
    if (a.num !== 0n) online = addDecimalRatios(online, a);
    if (online.num === 0n) continue;
    const rate = opexRate[t] as Ratio;
    opex[t] = roundDiv(online.num * rate.num * 100n, online.den * rate.den * BigInt(ppy));
  }
  return opex;
}

/**
 * Each party's funding policy (financing-and-default.md section 1), checked
 * against the deals it names: an equity source needs the party's valuation,
 * a credit source an on-demand credit line that lends to this party. Runs
 * after the deals compile; gives the parties with their policies.
 */
function compilePolicies(s: ScenarioIn, c: Checker, parties: readonly PartyM[], deals: readonly DealM[], changed?: ReadonlyMap<number, Keyed<PartyIn>>): PartyM[] {
  // the parties as written, with those an analysis changed (recompile's touched parties, by index)
  const byId = new Map<string, { p: PartyIn }>();
  (s.parties?.value ?? []).forEach((k, i) => byId.set(k.id, { p: (changed?.get(i) ?? k).value }));
  const partyIndex = new Map(parties.map((p, i) => [p.id, i]));
  const dealIndex = new Map(deals.map((d, i) => [d.id, i]));
  const onDemand = new Set<number>();
  const out = mapped(parties, (party, i): PartyM => {
    const p = byId.get(party.id)?.p;
    if (!p || (!p.funding && !p.min_cash && !p.on_shortfall)) return party;
    const at = `parties.${party.id}`;
    const min = p.min_cash ? c.level(p.min_cash) : undefined;
    const minCash = min ? c.cache.derive(min, CEIL, () => mapped(min, ceilCents)) : new Array<bigint>(c.tl.count).fill(0n);
    const sources: FundingSource[] = [];
    (p.funding?.value ?? []).forEach((src, k) => {
      const path = `${at}.funding[${k}]`;
      if (src.kind === 'equity') {
        if (!p.valuation) c.error(src.loc, path, `an equity source sells new shares at the party's valuation, and ${party.id} has none: give parties.${party.id}.valuation`);
        let investor = -1;
        const inv = src.investor;
        if (inv && inv.value !== 'market') {
          const j = partyIndex.get(inv.value);
          if (j === undefined) {
            const ids = parties.map((x) => x.id);
            const near = suggest(inv.value, ids);
            c.error(inv.loc, inv.path, `there is no party "${inv.value}"; ${near ? `did you mean "${near}"?` : `the investor is market or one of ${ids.join(', ')}`}`);
          } else if (j === i) c.error(inv.loc, inv.path, `${party.id} cannot buy its own new shares`);
          else investor = j;
        }
        sources.push({ kind: 'equity', investor, max: src.max ? c.toCents(src.max.value) : null });
        return;
      }
      const id = src.deal.value;
      const d = dealIndex.get(id);
      const deal = d === undefined ? undefined : deals[d];
      const all = (s.deals?.value ?? []).map((x) => x.id.value);
      if (!deal) {
        // a deal that exists but failed to compile has its own problem already
        if (!all.includes(id)) {
          const near = suggest(id, all);
          c.error(src.deal.loc, src.deal.path, `there is no deal "${id}"; ${near ? `did you mean "${near}"?` : all.length ? `the deals are ${all.join(', ')}` : 'this scenario has no deals'}`);
        }
        return;
      }
      if (deal.kind !== 'credit_line') c.error(src.deal.loc, src.deal.path, `deal ${id} is ${deal.kind === 'equity' ? 'an' : 'a'} ${deal.kind}; a credit source draws on a credit_line`);
      else if (deal.borrower !== i) c.error(src.deal.loc, src.deal.path, `credit line ${id} lends to ${parties[deal.borrower]!.id}, not to ${party.id}; a party's policy draws only on its own credit lines`);
      else if (!deal.onDemand) c.error(src.deal.loc, src.deal.path, `credit line ${id} draws on a schedule; a policy draws on a revolver: give it draws: on_demand`);
      else if (onDemand.has(d!)) c.error(src.deal.loc, src.deal.path, `credit line ${id} is already a source of this policy; name it once`);
      else {
        onDemand.add(d!);
        sources.push({ kind: 'credit', deal: d! });
      }
    });
    const defaults = p.on_shortfall?.value === 'default';
    if (defaults && party.cash < 0n && p.cash) {
      c.error(p.cash.loc, `${at}.cash`, `${party.id} starts with negative cash and on_shortfall: default; it could never end a period at or above zero (give opening cash of zero or more, or on_shortfall: allow)`);
    }
    return partyOf(party, { minCash, sources, defaults });
  });
  // a revolver no policy draws on never lends: most likely a source left out
  deals.forEach((d, i) => {
    if (d.kind !== 'credit_line' || !d.onDemand || onDemand.has(i)) return;
    const dIn = (s.deals?.value ?? []).find((x) => x.id.value === d.id);
    const b = parties[d.borrower]!.id;
    if (dIn) c.warn(dIn.loc, `deals.${d.id}.draws`, `credit line ${d.id} draws on demand, but no funding policy of ${b} names it: it never lends (add {source: credit, deal: ${d.id}} to parties.${b}.funding)`);
  });
  return out;
}

/** A level in cents, rounded up: a floor of a fraction of a cent is defended by the next whole cent. */
function ceilCents(v: Dec): bigint {
  const c = toCents(v);
  return new Dec(c.toString()).lessThan(v.times(100)) ? c + 1n : c;
}

/** The `events:` block: each default's party and period checked; a later default of a party than its first is ignored with a warning. */
function compileEvents(s: ScenarioIn, c: Checker, refs: Refs): DefaultEvent[] {
  const seen: { party: number; at: number; e: NonNullable<ScenarioIn['events']>['value'][number] }[] = [];
  for (const e of s.events?.value ?? []) {
    const p = refs.party(e.party);
    const at = c.index(e.at);
    if (at < 0 || at >= c.tl.count) {
      c.terror(e.at.loc, e.at.path, `${e.at.value.label} is outside the timeline (${c.tl.labels[0]} to ${c.tl.labels[c.tl.count - 1]})`);
      continue;
    }
    if (p >= 0) seen.push({ party: p, at, e });
  }
  const out: DefaultEvent[] = [];
  for (const x of seen) {
    const first = seen.find((y) => y.party === x.party && (y.at < x.at || (y.at === x.at && seen.indexOf(y) < seen.indexOf(x))));
    if (first) c.warn(x.e.loc, x.e.path, `${x.e.party.value} already defaults in ${c.tl.labels[first.at]}; a party defaults at most once, so this event is ignored`);
    else out.push({ party: x.party, at: x.at, where: { loc: x.e.loc, path: x.e.path } });
  }
  return out;
}

/** Check the parameters of each distribution: min ≤ mode ≤ max and the like. */
function compileUncertain(s: ScenarioIn, c: Checker): UncertainM[] {
  const out: UncertainM[] = [];
  for (const u of s.uncertain?.value ?? []) {
    const d = u.dist;
    const where = `uncertain.${u.path}`;
    const bad = (msg: string): void => c.error(d.loc, where, msg);
    if (u.path === 'uncertain' || u.path.startsWith('uncertain.')) {
      c.error(u.pathLoc, where, 'an uncertain input cannot be part of the uncertain block');
      continue;
    }
    if (d.kind === 'uniform') {
      if (d.min.value.greaterThan(d.max.value)) bad(`min (${d.min.value.toFixed()}) is above max (${d.max.value.toFixed()})`);
      out.push({ path: u.path, loc: u.pathLoc, dist: 'uniform', min: d.min.value, max: d.max.value });
    } else if (d.kind === 'triangular' || d.kind === 'pert') {
      if (d.min.value.greaterThan(d.mode.value) || d.mode.value.greaterThan(d.max.value)) bad(`expected min ≤ mode ≤ max, got ${d.min.value.toFixed()}, ${d.mode.value.toFixed()}, ${d.max.value.toFixed()}`);
      out.push({ path: u.path, loc: u.pathLoc, dist: d.kind, min: d.min.value, mode: d.mode.value, max: d.max.value });
    } else if (d.kind === 'normal') {
      if (d.min && d.max && !d.min.value.lessThan(d.max.value)) bad(`min (${d.min.value.toFixed()}) must be below max (${d.max.value.toFixed()})`);
      const m: UncertainM = { path: u.path, loc: u.pathLoc, dist: 'normal', mean: d.mean.value, sd: d.sd.value, ...(d.min ? { min: d.min.value } : {}), ...(d.max ? { max: d.max.value } : {}) };
      out.push(m);
    } else {
      out.push({ path: u.path, loc: u.pathLoc, dist: 'lognormal', mean: d.mean.value, sd: d.sd.value });
    }
  }
  return out;
}
