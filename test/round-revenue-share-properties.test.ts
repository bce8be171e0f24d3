// Invariants of a priced round and a revenue share over generated scenarios (fast-check), with and
// without defaults: money conserved in every period, nothing to or from a defaulter, each paying
// investor's stake a_i / (pre + what was paid), a revenue share never past its cap or its due.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { model } from './helpers.js';
import { run } from '../src/engine/engine.js';
import { KINDS, MARKET } from '../src/engine/ledger.js';
import { Dec, mulRatio, ratioOf } from '../src/money/decimal.js';

const INVESTORS = ['a', 'b', 'c'] as const;
const PARTIES = ['l', ...INVESTORS, 'f'] as const;
const millions = (min: number, max: number) => fc.integer({ min, max }); // number-ok: test input (whole millions)

const genArb = fc.record({
  step: fc.constantFrom('quarter', 'year'),
  years: fc.integer({ min: 1, max: 3 }),
  cash: millions(0, 3000),
  revenue: fc.array(millions(0, 8000), { minLength: 4, maxLength: 4 }),
  costs: millions(0, 6000),
  roundYear: fc.integer({ min: 0, max: 3 }),
  amounts: fc.array(millions(1, 2000), { minLength: 1, maxLength: 3 }),
  pre: millions(1, 50000),
  post: fc.boolean(),
  share: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
  until: fc.option(fc.integer({ min: 0, max: 3 })),
  cap: fc.option(millions(1, 6000)),
  policy: fc.boolean(),
  events: fc.array(fc.record({ party: fc.constantFrom(...PARTIES), year: fc.integer({ min: 0, max: 3 }), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 2 }),
});
type Gen = typeof genArb extends fc.Arbitrary<infer T> ? T : never;

function scenario(g: Gen): string {
  const years = Array.from({ length: g.years + 1 }, (_, i) => 2026 + i);
  const end = years[years.length - 1]!;
  const yearMap = (f: (i: number) => string) => `{${years.map((y, i) => `${y}: ${f(i)}`).join(', ')}}`;
  const invested = g.amounts.reduce((s, a) => s + a, 0);
  const investors = g.amounts.map((a, i) => `${INVESTORS[i]}: ${a}M`).join(', ');
  const pricing = g.post ? `post_money: ${g.pre + invested}M` : `pre_money: ${g.pre}M`;
  const policy = g.policy ? ', valuation: 20B, min_cash: 100M, funding: [{source: equity, max: 2B}], on_shortfall: default' : '';
  const until = g.until === null ? '' : `, until: ${2026 + g.until}`;
  const cap = g.cap === null ? '' : `, cap: ${g.cap}M`;
  const events = g.events.filter((e) => e.year <= g.years).map((e) => `  - {type: default, party: ${e.party}, at: ${2026 + e.year}${g.step === 'quarter' ? `-Q${e.q}` : ''}}`);
  return `stargate: 1
name: generated
timeline: {start: 2026, end: ${end}, step: ${g.step}}
parties:
  l: {name: L, cash: ${g.cash}M${policy}}
  a: {name: A, cash: 5B}
  b: {name: B, cash: 5B}
  c: {name: C}
  f: {name: F}
operations:
  l: {revenue: ${yearMap((i) => `${g.revenue[i]}M`)}, costs: ${g.costs}M}
deals:
  - {id: r, type: round, issuer: l, date: ${2026 + Math.min(g.roundYear, g.years)}, ${pricing}, investors: {${investors}}}
  - {id: rs, type: revenue_share, payer: l, payee: f, share: {2026: ${g.share[0]}%, ${end}: ${g.share[1]}%}${until}${cap}}
${events.length ? `events:\n${events.join('\n')}\n` : ''}`;
}

const RUNS = { numRuns: 80 };
const scenarios = genArb.map((g) => ({ g, text: scenario(g) }));

describe('generated scenarios with a round and a revenue share', () => {
  it("conserve money in every period (each party's cash in and out is its ledger's), and move nothing to or from a defaulter", () => {
    fc.assert(
      fc.property(scenarios, ({ text }) => {
        const r = run(model(text));
        const n = r.model.timeline.count;
        const silent = (p: number, t: number) => p !== MARKET && r.defaults[p] !== null && r.defaults[p]! <= t;
        // every entry moves a positive amount from one place to another, so each period's flows add up to zero
        for (const e of r.entries) {
          expect(e.amount > 0n && e.from !== e.to).toBe(true);
          if (e.source === 'r' || e.source === 'rs') expect(silent(e.from, e.period) || silent(e.to, e.period)).toBe(false);
        }
        // each party's cash in and out is its ledger's
        r.model.parties.forEach((_, p) => {
          const ins = new Array<bigint>(n).fill(0n);
          const outs = new Array<bigint>(n).fill(0n);
          for (const e of r.entries) {
            if (e.to === p) ins[e.period]! += e.amount;
            if (e.from === p) outs[e.period]! += e.amount;
          }
          expect([ins, outs]).toEqual([r.cashIn[p], r.cashOut[p]]);
        });
      }),
      RUNS,
    );
  });

  it("sell each investor that paid a_i / (pre + what was paid), and dilute the issuer's holders once by the rest", () => {
    fc.assert(
      fc.property(scenarios, ({ g, text }) => {
        const r = run(model(text));
        const paid = r.entries.filter((e) => e.source === 'r');
        const total = paid.reduce((s, e) => s + e.amount, 0n);
        const pre = new Dec(g.pre).times(1e6); // number-ok: test input (whole millions)
        const dollars = (c: bigint) => new Dec(c.toString()).div(100);
        const P = pre.plus(dollars(total));
        // shares a funding policy sells to the market dilute the round's investors too (if after it) and add to what was sold
        const raises = r.entries.filter((e) => e.source.startsWith('funding.') && KINDS[e.kind] === 'equity');
        for (const e of paid) {
          const s = r.stakes.find((x) => x.holder === e.from && x.issuer === 0)!;
          if (raises.length === 0) expect(s.stake.minus(dollars(e.amount).div(P)).abs().lessThan('1e-38')).toBe(true);
          else expect(s.stake.lessThanOrEqualTo(dollars(e.amount).div(P).plus('1e-38'))).toBe(true);
        }
        if (raises.length === 0) expect(r.ownershipSold[0]!.minus(dollars(total).div(P)).abs().lessThan('1e-38')).toBe(true);
        // an investor that paid nothing holds nothing
        for (const p of [1, 2, 3]) if (!paid.some((e) => e.from === p)) expect(r.stakes.some((x) => x.holder === p)).toBe(false);
      }),
      RUNS,
    );
  });

  it('pay round(share × revenue) each period up to `until`, never past the cap, and stop at a default', () => {
    fc.assert(
      fc.property(scenarios, ({ g, text }) => {
        const r = run(model(text));
        const m = r.model;
        const revenue = m.operations[0]!.revenue!;
        expect(m.deals[1]!.kind).toBe('revenue_share');
        const last = g.until === null ? Infinity : 2026 + g.until;
        const year = (t: number) => Number(m.timeline.labels[t]!.slice(0, 4)); // number-ok: a calendar year
        const cap = g.cap === null ? null : BigInt(g.cap) * 100_000_000n;
        const stop = Math.min(r.defaults[0] ?? Infinity, r.defaults[4] ?? Infinity);
        let sum = 0n;
        for (let t = 0; t < m.timeline.count; t++) {
          const rate = ratioOf(new Dec(year(t) === 2026 + g.years ? g.share[1] : g.share[0]).div(100));
          let due = year(t) <= last ? mulRatio(revenue[t]!, rate) : 0n;
          if (cap !== null && due > cap - sum) due = cap - sum;
          const got = r.entries.filter((e) => e.source === 'rs' && e.period === t).reduce((s, e) => s + e.amount, 0n);
          expect(got).toBe(t >= stop ? 0n : due);
          sum += due;
        }
      }),
      RUNS,
    );
  });
});
