// instruments.md, "backstop": the guarantor's payments for unsold capacity, the cap, `until`, the contingent
// commitment beside the exposure, defaults of either party, extends and the analyses, worked by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, model, problems, result } from './helpers.js';

// g backstops b: capacity worth 40 a year in 2026 and 60 from 2027, b sells 25%, 60%, 50%, 90% of it.
const BACKSTOP = `stargate: 1
name: backstop
timeline: {start: 2026, end: 2029, step: year}
parties:
  g: {name: G, cash: 100}
  b: {name: B, gross_margin: 40%}
deals:
  - {id: bs, type: backstop, guarantor: g, beneficiary: b, cap: 100, capacity_value: {2026: 40, 2027: 60}, utilization: {2026: 25%, 2027: 60%, 2028: 50%, 2029: 90%}}
`;
const ledger = (r: any) => r.ledger.map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind}`);
const pair = (r: any) => r.exposures.find((x: any) => x.holder === 'g' && x.obligor === 'b');

describe('backstop', () => {
  it('pays min(cap left, round(capacity_value / ppy × (1 − utilization))) each period', () => {
    // 2026: 40 × 75% = 30; 2027: 60 × 40% = 24; 2028: 60 × 50% = 30; 2029: 60 × 10% = 6. Σ = 90 ≤ 100, so no cut.
    const r = result(BACKSTOP);
    expect(ledger(r)).toEqual(['2026 g->b 30.00 backstop', '2027 g->b 24.00 backstop', '2028 g->b 30.00 backstop', '2029 g->b 6.00 backstop']);
    const x = pair(r);
    // cap left: 100 − 30 = 70, − 24 = 46, − 30 = 16, − 6 = 10
    expect(x.series.contingent).toEqual(['70.00', '46.00', '16.00', '10.00']);
    expect([x.backstop_paid, x.contingent_end]).toEqual(['90.00', '10.00']);
  });

  it('is not a sale and not an exposure: no cost of sales, no revenue, nothing at risk, only cash that went out', () => {
    // b has a 40% gross margin, but a backstop payment is not a sale: no cost_of_sales entry
    const r = result(BACKSTOP);
    expect(r.ledger.every((e: any) => e.kind === 'backstop')).toBe(true);
    const x = pair(r);
    expect(x.series.exposure).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect([x.peak, x.exposure_end, x.revenue, x.gross_profit, x.net_cash, x.irr, x.moic]).toEqual(['0.00', '0.00', '0.00', '0.00', '-90.00', null, null]);
  });

  it('cuts the payment that would pass the cap, and pays nothing once it is used', () => {
    // cap 50: 30, then min(20, 24) = 20, then 0, 0
    const r = result(BACKSTOP.replace('cap: 100', 'cap: 50'));
    expect(ledger(r)).toEqual(['2026 g->b 30.00 backstop', '2027 g->b 20.00 backstop']);
    expect(pair(r).series.contingent).toEqual(['20.00', '0.00', '0.00', '0.00']);
    expect([pair(r).backstop_paid, pair(r).contingent_end]).toEqual(['50.00', '0.00']);
  });

  it('covers through the last step-period of `until`, and its contingent is zero after it', () => {
    // until 2028: 30, 24, 30; nothing in 2029; cap left 70, 46, 16, then 0 (the backstop has ended)
    const r = result(BACKSTOP.replace('cap: 100,', 'cap: 100, until: 2028,'));
    expect(ledger(r).map((l: string) => l.split(' ')[0])).toEqual(['2026', '2027', '2028']);
    expect(pair(r).series.contingent).toEqual(['70.00', '46.00', '16.00', '0.00']);
    expect([pair(r).backstop_paid, pair(r).contingent_end]).toEqual(['84.00', '0.00']);
    // a quarterly timeline: until 2026-H1 covers 2026-Q1 and Q2; 40 / 4 × 75% = 7.5 each
    const q = result(BACKSTOP.replace('step: year', 'step: quarter').replace('cap: 100,', 'cap: 100, until: 2026-H1,'));
    expect(ledger(q)).toEqual(['2026-Q1 g->b 7.50 backstop', '2026-Q2 g->b 7.50 backstop']);
  });

  it('after the timeline\'s end: the cap left at the end is what is still committed', () => {
    const r = result(BACKSTOP.replace('cap: 100,', 'cap: 100, until: 2032,'));
    expect(pair(r).contingent_end).toBe('10.00');
  });

  it('rounds once, from the exact product', () => {
    // 0.10 a year, quarterly, 30% sold: 10 cents / 4 × 70% = 1.75 cents → 2 (not round(10 / 4) = 2, × 70% = 1.4 → 1)
    const r = result(BACKSTOP.replace('step: year', 'step: quarter').replace('capacity_value: {2026: 40, 2027: 60}', 'capacity_value: 0.10').replace(/utilization: \{[^}]*\}/, 'utilization: 30%'));
    expect(ledger(r)[0]).toBe('2026-Q1 g->b 0.02 backstop');
  });
});

describe('backstop under a default', () => {
  it('of the beneficiary: payments stop, nothing is written off, nothing is committed any more', () => {
    // b defaults at the start of 2028: 30 and 24 paid; no claim, so no recovery and no loss
    const r = result(`${BACKSTOP}events:\n  - {type: default, party: b, at: 2028}\n`);
    expect(ledger(r)).toEqual(['2026 g->b 30.00 backstop', '2027 g->b 24.00 backstop']);
    expect(r.losses).toEqual([]);
    expect(pair(r).series.contingent).toEqual(['70.00', '46.00', '0.00', '0.00']);
    expect([pair(r).backstop_paid, pair(r).contingent_end, pair(r).loss]).toEqual(['54.00', '0.00', '0.00']);
  });

  it('of the guarantor: it pays nothing more, and its commitment ends', () => {
    const r = result(`${BACKSTOP}events:\n  - {type: default, party: g, at: 2027}\n`);
    expect(ledger(r)).toEqual(['2026 g->b 30.00 backstop']);
    expect(pair(r).series.contingent).toEqual(['70.00', '0.00', '0.00', '0.00']);
    expect([pair(r).backstop_paid, pair(r).contingent_end]).toEqual(['30.00', '0.00']);
  });
});

describe('backstop metrics elsewhere', () => {
  it('are null on pairs without a backstop, and sum over two backstops of one pair', () => {
    const two = `${BACKSTOP}  - {id: bs2, type: backstop, guarantor: g, beneficiary: b, cap: 5, capacity_value: 40, utilization: 0%}\n  - {id: e, type: equity, investor: b, issuer: g, amount: 1, date: 2026, stake: 1%}\n`;
    const r = result(two);
    // bs2: 40 a year unsold, cut to the cap of 5 in 2026: 5 paid, 0 left
    expect([pair(r).backstop_paid, pair(r).contingent_end]).toEqual(['95.00', '10.00']);
    const other = r.exposures.find((x: any) => x.holder === 'b');
    expect([other.backstop_paid, other.contingent_end, other.series.contingent]).toEqual([null, null, ['0.00', '0.00', '0.00', '0.00']]);
  });

  it('are addressable per period', () => {
    const r = cli(['model', writeTemp(BACKSTOP), '--metric', 'g->b.contingent@2027', '--metric', 'g->b.backstop_paid', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('46.00');
    expect(r.stdout).toContain('90.00');
  });
});

describe('backstop in the analyses', () => {
  // utilization written as one number is one value the analyses can vary
  const UNCERTAIN = `${BACKSTOP.replace(/utilization: \{[^}]*\}/, 'utilization: 50%')}uncertain:\n  deals.bs.utilization: {dist: uniform, min: 20%, max: 80%}\n`;

  it('simulate varies a utilization given as one number', () => {
    // 40 × (1 − u) + 3 × 60 × (1 − u) = 220 × (1 − u), capped at 100: from 220 × 20% = 44 to 100 (u ≤ 54.5%)
    const r = cli(['simulate', writeTemp(UNCERTAIN), '--runs', '40', '--seed', '7', '--metric', 'g->b.backstop_paid', '--format', 'json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.inputs).toEqual(['deals.bs.utilization']);
    const m = j.metrics.find((x: any) => x.metric === 'g->b.backstop_paid');
    expect(Number(m.p5)).toBeGreaterThanOrEqual(44); // number-ok: a test bound
    expect(m.p95).toBe('100.00');
    expect(Number(m.p5)).toBeLessThan(100); // number-ok: a test bound
  });

  it('tornado swings the payments with the utilization', () => {
    // at 20%: min(100, 220 × 80%) = 100; at 80%: 220 × 20% = 44; the base, 50%: 220 × 50% = 110 → 100
    const r = cli(['tornado', writeTemp(UNCERTAIN), '--metric', 'g->b.backstop_paid', '--format', 'json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect([j.base, j.inputs.map((i: any) => [i.path, i.at_low, i.at_high, i.swing])]).toEqual(['100.00', [['deals.bs.utilization', '100.00', '44.00', '56.00']]]);
  });

  it('sweep and --set read the utilization by the same rules', () => {
    expect(problems(BACKSTOP.replace(/utilization: \{[^}]*\}/, 'utilization: 50%'), ['deals.bs.utilization=120%'])).toEqual(['--set:1:22: deals.bs.utilization: must be at most 100%, got 120%']);
    expect(model(BACKSTOP, ['deals.bs.utilization=50%']).deals.length).toBe(1);
  });
});

describe('backstop with extends', () => {
  it('replaces utilization and capacity_value whole', () => {
    // the extending file gives {2026: 0%} and {2026: 10}: the base's later keys are gone (merged, 2027 would keep
    // 60 and 60%), so b sells nothing and the capacity is worth 10 in every year: 10 unsold a year
    const m = model(`stargate: 1\nextends: base.yaml\nname: ext\ndeals:\n  - {id: bs, utilization: {2026: 0%}, capacity_value: {2026: 10}}\n`, [], { 'base.yaml': BACKSTOP });
    const d = m.deals[0]!;
    expect(d.kind === 'backstop' && d.unsold).toEqual([1000n, 1000n, 1000n, 1000n]);
  });
});

function writeTemp(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stargate-backstop-'));
  const f = join(dir, 's.yaml');
  writeFileSync(f, text);
  return f;
}
