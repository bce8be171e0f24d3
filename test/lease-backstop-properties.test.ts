// Invariants of leases and backstops over generated scenarios (fast-check), with and without defaults:
// money conserved in every period, silence after a default, the lessor's claim equal to the balance
// worked out here in exact fractions, write-offs of kind lease, a backstop never past its cap, and a
// lease's position IRR equal to its yield (as an effective annual rate) when nothing goes wrong.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conserved, model } from './helpers.js';
import { run } from '../src/engine/engine.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { KINDS, MARKET } from '../src/engine/ledger.js';
import { Dec, roundDiv, type Ratio } from '../src/money/decimal.js';
import type { LeaseM } from '../src/deals/lease.js';
import type { BackstopM } from '../src/deals/backstop.js';

const money = (max: number, min = 0) => fc.integer({ min, max }).map((m) => `${m}M`); // number-ok: test input text (whole millions)
const pct = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((b) => `${b / 100}%`); // number-ok: test input text
const PARTIES = ['spv', 'co', 'g', 'bank'] as const;

const genArb = fc.record({
  step: fc.constantFrom('quarter', 'year'),
  years: fc.integer({ min: 1, max: 4 }),
  cash: fc.tuple(money(500), money(30000), money(20000), money(20000)),
  recovery: fc.tuple(pct(100), pct(100)),
  cost: money(20000, 1),
  leaseStart: fc.integer({ min: 0, max: 2 }),
  quarters: fc.integer({ min: 1, max: 16 }),
  yield: pct(25),
  residual: fc.option(pct(100), { nil: undefined }),
  cap: money(8000, 1),
  until: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  value: fc.tuple(money(6000), money(6000)),
  used: fc.tuple(pct(100), pct(100)),
  spvPolicy: fc.boolean(),
  loan: money(10000, 1),
  events: fc.array(fc.record({ party: fc.constantFrom(...PARTIES), year: fc.integer({ min: 0, max: 4 }), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 2 }),
});
type Gen = typeof genArb extends fc.Arbitrary<infer T> ? T : never;

/** The scenario's YAML: spv leases to co with a bank loan behind it, g backstops co; `defaults` adds the events. */
function scenario(g: Gen, defaults: boolean): string {
  const end = 2026 + g.years;
  const yearly = g.step === 'year';
  // a yearly timeline takes whole years of term; a quarterly one whole quarters
  const term = yearly ? Math.max(1, Math.round(g.quarters / 4)) : g.quarters / 4; // number-ok: a term in years, as text
  const start = 2026 + Math.min(g.leaseStart, g.years);
  const residual = g.residual === undefined ? '' : `, residual: ${g.residual}`;
  const until = g.until === undefined ? '' : `, until: ${2026 + g.until}`;
  const events = defaults ? g.events.filter((e) => e.year <= g.years).map((e) => `  - {type: default, party: ${e.party}, at: ${2026 + e.year}${yearly ? '' : `-Q${e.q}`}}`) : [];
  return `stargate: 1
name: generated
timeline: {start: 2026, end: ${end}, step: ${g.step}}
discount_rate: 8%
parties:
  spv: {name: SPV, cash: ${g.cash[0]}, recovery_rate: ${g.recovery[0]}${g.spvPolicy ? ', on_shortfall: default' : ''}}
  co: {name: Co, cash: ${g.cash[1]}, recovery_rate: ${g.recovery[1]}, gross_margin: 30%}
  g: {name: G, cash: ${g.cash[2]}}
  bank: {name: Bank, cash: ${g.cash[3]}}
deals:
  - {id: debt, type: credit_line, lender: bank, borrower: spv, limit: ${g.loan}, draws: {${start}: ${g.loan}}, rate: 6%}
  - {id: gpus, type: purchase, buyer: spv, seller: g, amount: {${start}: ${g.cost}}}
  - {id: l, type: lease, lessor: spv, lessee: co, cost: ${g.cost}, start: ${start}, term_years: ${term}, yield: ${g.yield}${residual}}
  - {id: bs, type: backstop, guarantor: g, beneficiary: co, cap: ${g.cap}${until}, capacity_value: {2026: ${g.value[0]}, 2028: ${g.value[1]}}, utilization: {2026: ${g.used[0]}, 2027: ${g.used[1]}}}
${events.length ? `events:\n${events.join('\n')}\n` : ''}`;
}

const withDefaults = genArb.map((g) => ({ g, text: scenario(g, true) }));
const RUNS = { numRuns: 80 };

/** The lessor's claim after each payment, from the spec's recurrence in exact fractions: round(b_k), b_0 = cost. */
function balances(cost: bigint, yieldRate: Ratio, ppy: bigint, payment: bigint, count: number): bigint[] {
  // b = num / den, a plain fraction; 1 + i = (den_y × ppy + num_y) / (den_y × ppy)
  let num = cost;
  let den = 1n;
  const out = [cost];
  for (let k = 1; k < count; k++) {
    num = num * (yieldRate.den * ppy + yieldRate.num) - payment * den * yieldRate.den * ppy;
    den *= yieldRate.den * ppy;
    out.push(roundDiv(num, den));
  }
  return out;
}

const ratioOfText = (pctText: string): Ratio => {
  const d = new Dec(pctText.slice(0, -1)).div(100);
  const [int, frac = ''] = d.toFixed().split('.');
  return { num: BigInt(`${int}${frac}`), den: 10n ** BigInt(frac.length) };
};

describe('generated scenarios with a lease and a backstop', () => {
  it('conserve money in every period, with or without defaults', () => {
    fc.assert(
      fc.property(fc.oneof(withDefaults, genArb.map((g) => ({ g, text: scenario(g, false) }))), ({ text }) => {
        const r = run(model(text));
        conserved(r);
      }),
      RUNS,
    );
  });

  it('move no lease or backstop money from or to a party from its default on', () => {
    fc.assert(
      fc.property(withDefaults, ({ text }) => {
        const r = run(model(text));
        const down = (p: number, t: number) => p !== MARKET && r.defaults[p] !== null && r.defaults[p]! <= t;
        for (const e of r.entries) {
          const k = KINDS[e.kind];
          if (k === 'lease' || k === 'backstop') expect(down(e.from, e.period) || down(e.to, e.period)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('hold as the lessor\'s claim the exact balance after the payments made, and write off what a lessee default leaves', () => {
    fc.assert(
      fc.property(withDefaults, ({ g, text }) => {
        const r = run(model(text));
        const i = r.model.deals.findIndex((d) => d.kind === 'lease');
        const d = r.model.deals[i] as LeaseM;
        const n = r.model.timeline.count;
        const ppy = BigInt(r.model.timeline.ppy);
        // payment: the spec's formula at full precision, here as (C − R/(1+i)^n) i / (1 − (1+i)^−n) in fractions
        const y = ratioOfText(g.yield);
        const res = g.residual === undefined ? { num: 0n, den: 1n } : ratioOfText(g.residual);
        const N = BigInt(d.payments);
        const D = y.den * ppy;
        const Q = D + y.num;
        const expected = y.num === 0n
          ? roundDiv(d.cost * (res.den - res.num), res.den * N)
          : roundDiv(d.cost * y.num * (res.den * Q ** N - res.num * D ** N), res.den * D * (Q ** N - D ** N));
        expect(d.payment).toBe(expected);
        const b = balances(d.cost, y, ppy, d.payment, Math.min(d.payments, n - d.start));
        const claims = r.claims[i]!;
        const lessee = r.defaults[d.lessee] ?? n;
        const lessor = r.defaults[d.lessor] ?? n;
        const stop = Math.min(lessee, lessor);
        for (let t = 0; t < n; t++) {
          const k = t - d.start; // payments made by the end of t, if nobody defaulted
          let want: bigint;
          if (t < d.start || stop <= d.start || t >= lessee) want = 0n;
          else if (t >= lessor) want = claims[lessor - 1]!; // frozen at the lessor's default
          else want = k >= d.payments ? 0n : b[k]!;
          expect(claims[t], `period ${t}`).toBe(want);
        }
        // a lessee default writes off the claim at the end of t − 1 less its recovery, as kind lease
        const losses = r.losses.filter((l) => l.kind === 'lease');
        if (lessee < n && lessee > 0) {
          const claim = claims[lessee - 1]!;
          const rate = r.model.parties[d.lessee]!.recovery[lessee] as Ratio;
          const back = lessor < lessee ? 0n : roundDiv(claim * rate.num, rate.den);
          expect(losses.map((l) => l.amount)).toEqual(claim > back ? [claim - back] : []);
        } else expect(losses).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never pay a backstop past its cap, and show what is left of it while it runs', () => {
    fc.assert(
      fc.property(withDefaults, ({ text }) => {
        const r = run(model(text));
        const d = r.model.deals.find((x) => x.kind === 'backstop') as BackstopM;
        const paid = r.entries.filter((e) => KINDS[e.kind] === 'backstop').map((e) => e.amount);
        const total = paid.reduce((a, x) => a + x, 0n);
        expect(total <= d.cap).toBe(true);
        const m = computeMetrics(r);
        const x = m.exposures.find((e) => e.holder === 'g' && e.obligor === 'co')!;
        expect(x.extra.backstop_paid).toBe(total);
        const contingent = x.extraSeries.contingent!;
        const n = r.model.timeline.count;
        let sofar = 0n;
        for (let t = 0; t < n; t++) {
          sofar += r.entries.filter((e) => e.period === t && KINDS[e.kind] === 'backstop').reduce((a, e) => a + e.amount, 0n);
          const ended = t > d.until || [d.guarantor, d.beneficiary].some((p) => r.defaults[p] !== null && r.defaults[p]! <= t);
          expect(contingent[t]).toBe(ended ? 0n : d.cap - sofar);
          // never in the exposure
          expect(x.series.exposure[t]).toBe(x.series.loans[t]! + x.series.equity_cost[t]!);
        }
      }),
      RUNS,
    );
  });

  it('give the lessor the lease\'s yield as the position IRR when the term ends in the timeline and no one defaults', () => {
    fc.assert(
      fc.property(genArb, (g) => {
        const r = run(model(scenario({ ...g, residual: undefined, spvPolicy: false }, false)));
        const d = r.model.deals.find((x) => x.kind === 'lease') as LeaseM;
        fc.pre(d.start + d.payments < r.model.timeline.count && d.cost >= 100_000_000n && g.yield !== '0%');
        const m = computeMetrics(r);
        const x = m.exposures.find((e) => e.holder === 'spv' && e.obligor === 'co')!;
        // the yield is nominal, paid per step-period: its effective annual rate is (1 + yield / ppy)^ppy − 1
        const ppy = r.model.timeline.ppy;
        const effective = new Dec(1).plus(new Dec(g.yield.slice(0, -1)).div(100).div(ppy)).pow(ppy).minus(1);
        // the payment is rounded to the cent, so the rate is off by at most a few parts in a million on $1M or more
        expect(x.irr!.minus(effective).abs().lessThan('0.000001')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
