// Invariants of the contract (instruments.md, "contract") over generated scenarios (fast-check):
// money conserved in every period, with and without defaults; no contract payment from or to a
// defaulted party; each pair's contracts either sold or lost; the backlog as defined; and each
// termination fee either recovered or written off, to the cent.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conserved, model } from './helpers.js';
import { run } from '../src/engine/engine.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { KINDS, MARKET } from '../src/engine/ledger.js';
import type { Ratio } from '../src/money/decimal.js';

const PARTIES = ['a', 'b', 'c', 'd'] as const;
const money = (max: number) => fc.integer({ min: 0, max }).map((m) => `${m}M`); // number-ok: test input text (whole millions)

const contractArb = fc.record({
  buyer: fc.integer({ min: 0, max: 3 }),
  shift: fc.integer({ min: 1, max: 3 }), // the seller: the buyer's index plus shift, mod 4 (never the buyer)
  amounts: fc.array(money(900), { minLength: 4, maxLength: 4 }),
  fee: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), // number-ok: a percentage in test input
});

const genArb = fc.record({
  step: fc.constantFrom('quarter', 'year'),
  years: fc.integer({ min: 1, max: 3 }),
  cash: fc.tuple(money(3000), money(3000), money(3000), money(3000)),
  margin: fc.integer({ min: 0, max: 90 }),
  recovery: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
  contracts: fc.array(contractArb, { minLength: 1, maxLength: 5 }),
  loan: money(1500),
  policy: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
  events: fc.array(fc.record({ party: fc.integer({ min: 0, max: 3 }), year: fc.integer({ min: 0, max: 3 }), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 2 }),
});
type Gen = typeof genArb extends fc.Arbitrary<infer T> ? T : never;

/** The scenario's YAML: the contracts, a credit line from a to b (a claim beside the fees), defaults by event or policy. */
function scenario(g: Gen, defaults: boolean): string {
  const years = Array.from({ length: g.years + 1 }, (_, i) => 2026 + i);
  const parties = PARTIES.map((id, i) => {
    const policy = defaults && g.policy[i] ? ', on_shortfall: default' : '';
    return `  ${id}: {name: ${id.toUpperCase()}, cash: ${g.cash[i]}, gross_margin: ${g.margin}%, recovery_rate: ${g.recovery[i]}%${policy}}`;
  });
  const deals = g.contracts.map((c, k) => {
    const seller = PARTIES[(c.buyer + c.shift) % 4];
    const amount = `{${years.map((y, i) => `${y}: ${c.amounts[i]}`).join(', ')}}`;
    const fee = c.fee === undefined ? '' : `, termination_fee: ${c.fee}%`;
    return `  - {id: k${k}, type: contract, buyer: ${PARTIES[c.buyer]}, seller: ${seller}, amount: ${amount}${fee}}`;
  });
  deals.push(`  - {id: loan, type: credit_line, lender: a, borrower: b, limit: 2B, draws: {2026: ${g.loan}}, rate: 6%}`);
  const events = defaults ? g.events.filter((e) => e.year <= g.years).map((e) => `  - {type: default, party: ${PARTIES[e.party]}, at: ${2026 + e.year}${g.step === 'quarter' ? `-Q${e.q}` : ''}}`) : [];
  return `stargate: 1
name: generated contracts
timeline: {start: 2026, end: ${years[years.length - 1]}, step: ${g.step}}
parties:
${parties.join('\n')}
deals:
${deals.join('\n')}
${events.length ? `events:\n${events.join('\n')}\n` : ''}`;
}

const withDefaults = genArb.map((g) => ({ g, text: scenario(g, true) }));
const without = genArb.map((g) => ({ g, text: scenario(g, false) }));
const RUNS = { numRuns: 80 };

/** Half-even a × num / den, worked here apart from the program's own helper. */
function halfEven(a: bigint, r: Ratio): bigint {
  const q = (a * r.num) / r.den;
  const twice = (a * r.num - q * r.den) * 2n;
  return twice > r.den || (twice === r.den && q % 2n === 1n) ? q + 1n : q;
}


describe('generated scenarios with contracts', () => {
  it('conserve money in every period, without a default', () => {
    fc.assert(
      fc.property(without, ({ text }) => {
        const r = run(model(text));
        expect(r.defaults.every((d) => d === null)).toBe(true);
        conserved(r);
      }),
      RUNS,
    );
  });

  it('conserve money in every period with defaults (events and funding policies), and pay nothing under a contract from a default on', () => {
    fc.assert(
      fc.property(withDefaults, ({ text }) => {
        const r = run(model(text));
        conserved(r);
        const down = (p: number, t: number) => p !== MARKET && r.defaults[p] !== null && r.defaults[p]! <= t;
        for (const e of r.entries) {
          const kind = KINDS[e.kind];
          if (kind === 'contract' || kind === 'cost_of_sales') expect(down(e.from, e.period) || down(e.to, e.period)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('sell or lose each pair\'s contracts: revenue + sales_lost = backlog_start, and the backlog is what is still to come', () => {
    fc.assert(
      fc.property(withDefaults, ({ text }) => {
        const r = run(model(text));
        const m = computeMetrics(r);
        const n = r.model.timeline.count;
        for (const x of m.exposures) {
          const h = r.model.parties.findIndex((p) => p.id === x.holder);
          const o = r.model.parties.findIndex((p) => p.id === x.obligor);
          const mine = r.model.deals.filter((d) => d.kind === 'contract' && d.seller === h && d.buyer === o);
          if (mine.length === 0) {
            expect([x.extra.backlog_start ?? null, x.extra.sales_lost ?? null]).toEqual([null, null]);
            continue;
          }
          // the pair's sales are its contracts' alone (the credit line sells nothing)
          const start = mine.reduce((a, d) => a + (d.kind === 'contract' ? d.amount.reduce((s, v) => s + v, 0n) : 0n), 0n);
          expect(x.extra.backlog_start).toBe(start);
          expect((x.revenue as bigint) + (x.extra.sales_lost as bigint)).toBe(start);
          // the contract ends at the first default of either party
          const ends = [r.defaults[h], r.defaults[o]].filter((d): d is number => d !== null);
          const end = ends.length ? Math.min(...ends) : n;
          const backlog = Array.from({ length: n }, (_, t) =>
            t >= end ? 0n : mine.reduce((a, d) => a + (d.kind === 'contract' ? d.amount.slice(t + 1).reduce((s, v) => s + v, 0n) : 0n), 0n),
          );
          expect(x.extraSeries.backlog).toEqual(backlog);
        }
      }),
      RUNS,
    );
  });

  it('recover or write off each termination fee: round(fee × backlog(t − 1)), only when the seller had not defaulted before', () => {
    fc.assert(
      fc.property(withDefaults, ({ text }) => {
        const r = run(model(text));
        const { deals, parties } = r.model;
        // per pair seller → buyer: the fees owed, and what came back
        const owed = new Map<string, bigint>();
        const back = new Map<string, bigint>();
        deals.forEach((d) => {
          if (d.kind !== 'contract' || d.fee === null) return;
          const t = r.defaults[d.buyer];
          if (t === null || t === undefined) return;
          const sellerDown = r.defaults[d.seller];
          if (sellerDown !== null && sellerDown !== undefined && sellerDown < t) return;
          const claim = halfEven(d.amount.slice(t).reduce((a, v) => a + v, 0n), d.fee);
          const key = `${d.seller}->${d.buyer}`;
          owed.set(key, (owed.get(key) ?? 0n) + claim);
          const rate = parties[d.buyer]!.recovery[t] as Ratio;
          const rec = halfEven(claim, rate);
          back.set(key, (back.get(key) ?? 0n) + rec);
          const paid = r.entries.filter((e) => KINDS[e.kind] === 'recovery' && e.source === d.id);
          expect(paid.map((e) => [e.period, e.from, e.to, e.amount])).toEqual(rec > 0n ? [[t, d.buyer, d.seller, rec]] : []);
        });
        const lost = new Map<string, bigint>();
        for (const l of r.losses) if (l.kind === 'contract') lost.set(`${l.holder}->${l.obligor}`, (lost.get(`${l.holder}->${l.obligor}`) ?? 0n) + l.amount);
        for (const [key, claim] of owed) expect((lost.get(key) ?? 0n) + (back.get(key) ?? 0n)).toBe(claim);
        for (const key of lost.keys()) expect(owed.has(key)).toBe(true);
        // no recovery under a contract that owed nothing
        const paying = new Set(deals.filter((d) => d.kind === 'contract').map((d) => d.id));
        for (const e of r.entries) if (KINDS[e.kind] === 'recovery' && paying.has(e.source)) expect(owed.has(`${e.to}->${e.from}`)).toBe(true);
      }),
      RUNS,
    );
  });
});
