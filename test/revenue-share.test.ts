// instruments.md, "revenue_share": a share of the payer's operations revenue, worked by hand.
import { describe, expect, it } from 'vitest';
import { model, result } from './helpers.js';
import { run } from '../src/engine/engine.js';

const entries = (r: any, kind?: string) => r.ledger.filter((e: any) => !kind || e.kind === kind).map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`);
const pair = (r: any, h: string, o: string) => r.exposures.find((x: any) => x.holder === h && x.obligor === o);

const HEAD = `stargate: 1
name: share
timeline: {start: 2026-Q1, end: 2027-Q4, step: quarter}
parties: {lab: {name: Lab, cash: 1B}, fund: {name: Fund}}
`;

describe('a revenue share', () => {
  it('pays round(share × revenue) each period, half to even, and cuts the last payment to the cap', () => {
    // 2026: 40B a year is 10B a quarter, × 25% = 2.5B a quarter: 10B
    // 2027-Q1: 1,000.05 × 10% = 100.005 → 100.00 (half to even); Q2: 1,000.15 × 10% = 100.015 → 100.02
    // 2027-Q3: 100B × 10% = 10B, cut to the cap: 15B − 10B − 200.02 = 4,999,999,799.98; Q4 nothing
    const r = result(`${HEAD}operations:
  lab: {revenue: {2026: 40B, 2027-Q1: 1000.05, 2027-Q2: 1000.15, 2027-Q3: 100B, 2027-Q4: 100B}}
deals:
  - {id: rs, type: revenue_share, payer: lab, payee: fund, share: {2026: 25%, 2027: 10%}, cap: 15B}
`);
    expect(entries(r, 'revenue_share')).toEqual([
      '2026-Q1 lab->fund 2500000000.00 revenue_share rs',
      '2026-Q2 lab->fund 2500000000.00 revenue_share rs',
      '2026-Q3 lab->fund 2500000000.00 revenue_share rs',
      '2026-Q4 lab->fund 2500000000.00 revenue_share rs',
      '2027-Q1 lab->fund 100.00 revenue_share rs',
      '2027-Q2 lab->fund 100.02 revenue_share rs',
      '2027-Q3 lab->fund 4999999799.98 revenue_share rs',
    ]);
    // the pair payee → payer: the payments are its position's inflows, no exposure, no rate without an outflow
    const x = pair(r, 'fund', 'lab');
    expect(x.net_cash).toBe('15000000000.00');
    expect(x.all_in).toBe('15000000000.00');
    expect(x.series.position_flows.slice(4)).toEqual(['100.00', '100.02', '4999999799.98', '0.00']);
    expect([x.peak, x.revenue, x.npv, x.irr, x.moic]).toEqual(['0.00', '0.00', null, null, null]);
  });

  it('pays up to the last step-period of `until`, and only from operations revenue', () => {
    // until 2026 on a quarterly timeline: through 2026-Q4; 8B a year is 2B a quarter, × 50% = 1B
    const r = result(`${HEAD}operations:
  lab: {revenue: 8B, costs: 1B}
deals:
  - {id: rs, type: revenue_share, payer: lab, payee: fund, share: 50%, until: 2026}
`);
    expect(entries(r, 'revenue_share').map((e: string) => e.split(' ')[0])).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(r.parties.fund.ending_cash).toBe('4000000000.00');
    // lab: 1B + 16B revenue − 2B costs − 4B shared
    expect(r.parties.lab.ending_cash).toBe('11000000000.00');
  });

  it("stops from either party's default, with nothing to write off", () => {
    // 8B a year is 2B a quarter, × 50% = 1B a quarter.
    // lab (the payer) defaults in 2026-Q3: two payments; fund (the payee) in 2027-Q2: five
    const text = (who: string, at: string) => `${HEAD}operations:
  lab: {revenue: 8B}
deals:
  - {id: rs, type: revenue_share, payer: lab, payee: fund, share: 50%}
events:
  - {type: default, party: ${who}, at: ${at}}
`;
    const payer = result(text('lab', '2026-Q3'));
    expect(entries(payer, 'revenue_share').map((e: string) => e.split(' ')[0])).toEqual(['2026-Q1', '2026-Q2']);
    expect(payer.losses).toEqual([]);
    // the pair after the payer's default: what came in stays in its position, nothing more, nothing owed
    const x = pair(payer, 'fund', 'lab');
    expect([x.all_in, x.net_cash, x.terminal_value, x.loss, x.exposure_end]).toEqual(['2000000000.00', '2000000000.00', '0.00', '0.00', '0.00']);
    const payee = result(text('fund', '2027-Q2'));
    expect(entries(payee, 'revenue_share').map((e: string) => e.split(' ')[0])).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    expect(pair(payee, 'fund', 'lab').all_in).toBe('5000000000.00');
  });

  it("adds to the position of a pair the payee already has: an investor's MOIC counts the share", () => {
    // fund buys 1% of lab for 1B in 2026-Q1 and gets 10% of lab's 8B a year: 0.2B a quarter, 1.6B in all;
    // no valuation, so the stake is held at cost (1B) at the end: MOIC (1.6 + 1) / 1 = 260%
    const r = result(`${HEAD}operations:
  lab: {revenue: 8B}
deals:
  - {id: e, type: equity, investor: fund, issuer: lab, amount: 1B, date: 2026-Q1, stake: 1%}
  - {id: rs, type: revenue_share, payer: lab, payee: fund, share: 10%}
`);
    expect(r.exposures.length).toBe(1);
    const x = pair(r, 'fund', 'lab');
    expect(x.terminal_value).toBe('1000000000.00');
    expect(x.moic).toBe('2.600000');
    expect(x.all_in).toBe('1600000000.00');
  });
});

describe('a revenue share and extends', () => {
  it("replaces the share whole: a file that gives one key does not keep the base file's others", () => {
    // base: 10% in 2026, 50% from 2027; child: {2026-Q1: 25%}, which holds to the end: 8B a year is 2B a quarter → 0.5B
    const base = `${HEAD}operations:
  lab: {revenue: 8B}
deals:
  - {id: rs, type: revenue_share, payer: lab, payee: fund, share: {2026: 10%, 2027: 50%}}
`;
    const child = model(`stargate: 1
extends: base.yaml
name: child
deals:
  - {id: rs, share: {2026-Q1: 25%}}
`, [], { 'base.yaml': base });
    expect(run(child).entries.filter((e) => e.source === 'rs').map((e) => e.amount)).toEqual(new Array(8).fill(50000000000n));
  });
});

describe('the worked revenue share of docs/format.md', () => {
  const text = (cap: string) => `stargate: 1
name: msft
timeline: {start: 2026-Q1, end: 2030-Q4, step: quarter}
parties: {openai: {name: OpenAI}, microsoft: {name: Microsoft}}
operations:
  openai: {revenue: {2026: 30B, 2027: 60B, 2028: 100B, 2029: 145B, 2030: 200B}}
deals:
  - {id: msft-revenue-share, type: revenue_share, payer: openai, payee: microsoft, share: 20%, until: 2030, cap: ${cap}}
`;
  const byYear = (r: any) => {
    const out: Record<string, string> = {};
    for (const e of r.ledger.filter((x: any) => x.kind === 'revenue_share')) {
      const y = e.period.slice(0, 4);
      out[y] = (BigInt(out[y] ?? '0') + BigInt(e.amount.replace('.', ''))).toString();
    }
    return out;
  };

  it('pays 20% a quarter until the $38B cap, reached at the end of 2028', () => {
    // 7.5B, 15B, 25B a quarter × 20% = 1.5B, 3B, 5B: 6B + 12B + 20B = 38B (in cents below); nothing in 2029-2030
    const r = result(text('38B'));
    expect(byYear(r)).toEqual({ 2026: '600000000000', 2027: '1200000000000', 2028: '2000000000000' });
    expect(pair(r, 'microsoft', 'openai').all_in).toBe('38000000000.00');
  });

  it('cuts 2028-Q4 to $4B under a $37B cap', () => {
    // after 2028-Q3: 6 + 12 + 15 = 33B paid, 4B left of 37B
    const r = result(text('37B'));
    expect(entries(r, 'revenue_share').slice(-2)).toEqual([
      '2028-Q3 openai->microsoft 5000000000.00 revenue_share msft-revenue-share',
      '2028-Q4 openai->microsoft 4000000000.00 revenue_share msft-revenue-share',
    ]);
  });
});
