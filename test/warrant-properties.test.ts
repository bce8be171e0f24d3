// Invariants of the warrant (instruments.md) over generated scenarios (fast-check): money conserved in
// every period with and without defaults (events, and a holder's funding policy that defaults and makes
// the run start again), no exercise from or to a defaulted party, the dilution cost earmarked toward the
// holder's purchases, and stakes that stay within 0 and 1.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { model } from './helpers.js';
import { run } from '../src/engine/engine.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { KINDS, MARKET } from '../src/engine/ledger.js';
import { ONE, ZERO } from '../src/money/decimal.js';

const PARTIES = ['v', 'h', 'o', 'f'] as const;

const trancheArb = fc.record({
  shares: fc.integer({ min: 1, max: 50_000 }), // number-ok: test input, thousands of shares
  gw: fc.option(fc.record({ buildout: fc.constantFrom('hdc', 'odc'), at: fc.integer({ min: 1, max: 16 }) }), { nil: undefined }), // number-ok: quarter-GW
  price: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }), // number-ok: test input, dollars
});

const warrantArb = fc.record({
  holder: fc.constantFrom('h', 'o'),
  strike: fc.integer({ min: 0, max: 99 }), // number-ok: test input, cents
  tranches: fc.array(trancheArb, { minLength: 1, maxLength: 4 }),
  exercise: fc.option(fc.record({ year: fc.integer({ min: 0, max: 3 }), q: fc.integer({ min: 1, max: 4 }) }), { nil: undefined }),
});

const genArb = fc.record({
  step: fc.constantFrom('quarter', 'year'),
  years: fc.integer({ min: 1, max: 3 }),
  prices: fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 4, maxLength: 4 }), // number-ok: test input, dollars
  outstanding: fc.integer({ min: 1, max: 2000 }), // number-ok: test input, millions of shares
  margin: fc.integer({ min: 0, max: 90 }), // number-ok: test input, percent
  gw: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  share: fc.integer({ min: 0, max: 100 }), // number-ok: test input, percent
  hcash: fc.integer({ min: 0, max: 200 }), // number-ok: test input, $B
  policy: fc.boolean(),
  equity: fc.boolean(),
  warrants: fc.array(warrantArb, { minLength: 1, maxLength: 2 }),
  events: fc.array(fc.record({ party: fc.constantFrom(...PARTIES), year: fc.integer({ min: 0, max: 3 }), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 2 }),
});
type Gen = typeof genArb extends fc.Arbitrary<infer T> ? T : never;

/** The scenario's YAML; without `defaults`, no events (the holder's policy may still default). */
function scenario(g: Gen, defaults: boolean): string {
  const years = Array.from({ length: g.years + 1 }, (_, i) => 2026 + i);
  const end = years[years.length - 1]!;
  const label = (year: number, q: number) => `${2026 + Math.min(year, g.years)}${g.step === 'quarter' ? `-Q${q}` : ''}`;
  const yearMap = (xs: readonly number[], f: (x: number) => string) => `{${years.map((y, i) => `${y}: ${f(xs[i % xs.length]!)}`).join(', ')}}`;
  const policy = g.policy ? ', valuation: 500B, min_cash: 1B, funding: [{source: equity, investor: f, max: 20B}], on_shortfall: default' : '';
  const deals = g.warrants.map((w, i) => {
    const tranches = w.tranches.map((t) => {
      const when = [t.gw ? `buildout: ${t.gw.buildout}, gw_online: ${t.gw.at / 4}` : '', t.price !== undefined || !t.gw ? `share_price: ${t.price ?? 1}` : ''].filter((x) => x);
      return `{shares: ${t.shares}K, when: {${when.join(', ')}}}`;
    });
    const ex = w.exercise ? `, exercise: ${label(w.exercise.year, w.exercise.q)}` : '';
    return `  - {id: w${i}, type: warrant, issuer: v, holder: ${w.holder}, strike: 0.${String(w.strike).padStart(2, '0')}, vesting: [${tranches.join(', ')}]${ex}}`;
  });
  if (g.equity) deals.push('  - {id: feq, type: equity, investor: f, issuer: v, amount: 1B, date: 2027, post_money: 100B}');
  const events = defaults ? g.events.map((e) => `  - {type: default, party: ${e.party}, at: ${label(e.year, e.q)}}`) : [];
  return `stargate: 1
name: generated warrants
timeline: {start: 2026, end: ${end}, step: ${g.step}}
parties:
  v: {name: V, cash: 1B, gross_margin: ${g.margin}%, share_price: ${yearMap(g.prices, String)}, shares_outstanding: ${g.outstanding}M}
  h: {name: H, cash: ${g.hcash}B${policy}}
  o: {name: O, cash: 100B}
  f: {name: F, cash: 50B}
buildouts:
  hdc: {operator: h, gw: ${yearMap(g.gw, String)}, capex_per_gw: 40B, suppliers: {v: ${g.share}%}}
  odc: {operator: o, gw: ${yearMap(g.gw.slice(1), String)}, capex_per_gw: 30B, suppliers: {v: ${g.share}%}}
deals:
${deals.join('\n')}
${events.length ? `events:\n${events.join('\n')}\n` : ''}`;
}

const RUNS = { numRuns: 80 };
const texts = genArb.chain((g) => fc.boolean().map((defaults) => ({ g, defaults, text: scenario(g, defaults) })));

describe('generated scenarios with warrants', () => {
  it('conserve money in every period, with and without defaults', () => {
    fc.assert(
      fc.property(texts, ({ text }) => {
        const r = run(model(text));
        const n = r.model.timeline.count;
        const sum = new Array<bigint>(n).fill(0n);
        const ins = r.model.parties.map(() => new Array<bigint>(n).fill(0n));
        const outs = r.model.parties.map(() => new Array<bigint>(n).fill(0n));
        for (const e of r.entries) {
          expect(e.amount > 0n && e.from !== e.to).toBe(true);
          // what leaves one place arrives at another: parties and market together sum to zero
          if (e.from !== MARKET) outs[e.from]![e.period]! += e.amount;
          if (e.to !== MARKET) ins[e.to]![e.period]! += e.amount;
          sum[e.period]! += (e.to === MARKET ? e.amount : 0n) - (e.from === MARKET ? e.amount : 0n);
        }
        for (let t = 0; t < n; t++) {
          const parties = r.model.parties.reduce((a, _, p) => a + ins[p]![t]! - outs[p]![t]!, 0n);
          expect(parties + sum[t]!).toBe(0n);
        }
        r.model.parties.forEach((_, p) => expect([ins[p], outs[p]]).toEqual([r.cashIn[p], r.cashOut[p]]));
      }),
      RUNS,
    );
  });

  it('exercise nothing from or to a party from its default on', () => {
    fc.assert(
      fc.property(texts, ({ text }) => {
        const r = run(model(text));
        const down = r.defaults;
        for (const e of r.entries) {
          if (KINDS[e.kind] !== 'warrant_exercise') continue;
          for (const p of [e.from, e.to]) expect(down[p] === null || down[p]! > e.period).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('earmark the dilution cost toward the holder\'s purchases, and keep stakes within 0 and 1', () => {
    fc.assert(
      fc.property(texts, ({ g, text }) => {
        const r = run(model(text));
        const m = computeMetrics(r);
        // every price is at least $1 and every strike below: each exercise's dilution cost is positive
        const cost = m.parties[0]!.extra.dilution_cost as bigint;
        expect(cost >= 0n).toBe(true);
        const toH = m.exposures.find((x) => x.holder === 'v' && x.obligor === 'h');
        if (toH) {
          expect(toH.financed_revenue <= toH.revenue && toH.financed_revenue <= cost).toBe(true);
          // with every warrant held by h, what is earmarked is the whole dilution cost
          if (g.warrants.every((w) => w.holder === 'h')) expect(toH.financed_revenue).toBe(toH.revenue < cost ? toH.revenue : cost);
        }
        let held = ZERO;
        for (const s of r.stakes.filter((x) => x.issuer === 0)) {
          expect(s.stake.gte(ZERO) && s.stake.lte(ONE)).toBe(true);
          held = held.plus(s.stake);
        }
        expect(held.lte(ONE)).toBe(true);
        // an issuer that defaulted leaves nothing of value to its holders
        if (r.defaults[0] !== null) {
          for (const x of m.exposures.filter((e) => e.obligor === 'v')) {
            expect([x.extra.warrant_value_end ?? 0n, x.extra.unvested_value_end ?? 0n, x.terminal_value]).toEqual([0n, 0n, 0n]);
          }
        }
      }),
      RUNS,
    );
  });
});
