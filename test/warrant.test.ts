// instruments.md, "warrant": vesting on GW online and share price, exercise at vesting or at a date,
// the stake, the issuer's valuation, the dilution cost earmarked toward the holder's purchases, and
// silence after a default of the issuer, the holder or a build-out's operator, worked by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, model, result } from './helpers.js';

const entries = (r: any, kind?: string) => r.ledger.filter((e: any) => !kind || e.kind === kind).map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`);
const pair = (r: any, holder: string, obligor: string) => r.exposures.find((x: any) => x.holder === holder && x.obligor === obligor);

describe('the worked warrant of docs/format.md (docs/examples/warrant-worked.yaml)', () => {
  const FILE = join(ROOT, 'docs', 'examples', 'warrant-worked.yaml');
  const run = cli(['model', FILE, '--format', 'json']);
  const r = JSON.parse(run.stdout);

  it('runs cleanly', () => expect([run.status, run.stderr]).toEqual([0, '']));

  // GW online at the end of 2026, 2027, 2028: 1, 2, 3. Share price 100, 150, 250, 250.
  // 20M (1 GW) vests in 2026; 20M (2 GW and $200) has its GW in 2027 but its price only in 2028;
  // 20M (3 GW) vests in 2028; 20M ($300) never. Exercise 2027: the first 20M waits for 2027; the two
  // tranches of 2028 are one exercise of 40M.
  it('pays the strike once per exercise, after the period\'s equity', () => {
    expect(entries(r, 'warrant_exercise')).toEqual([
      '2027 lab->vendor 200000.00 warrant_exercise vendor-warrant', // 20M × 0.01
      '2028 lab->vendor 400000.00 warrant_exercise vendor-warrant', // 40M × 0.01
    ]);
    expect(entries(r).filter((e: string) => e.startsWith('2027')).slice(0, 2)).toEqual([
      '2027 fund->vendor 5000000000.00 equity fund-equity',
      '2027 lab->vendor 200000.00 warrant_exercise vendor-warrant',
    ]);
  });

  it('gives stakes n / (outstanding + issued + n), earlier holders diluted as by a round', () => {
    // 2027: fund buys 5/150 = 1/30 first; the exercise: 20M / (1B + 0 + 20M) = 1/51, fund × 50/51 = 5/153.
    // 2028: 40M / (1B + 20M + 40M) = 2/53; earlier holders × 51/53: lab 1/51 → 1/53, + 2/53 = 3/53 = 5.6604%;
    // fund 5/153 × 51/53 = 5/159 = 3.1447%.
    expect(pair(r, 'lab', 'vendor').stake_end).toBe('0.056604');
    expect(pair(r, 'fund', 'vendor').stake_end).toBe('0.031447');
    // 1 − (29/30) × (50/51) × (51/53) = 1 − 1450/1590 = 8.8050%
    expect(r.parties.vendor.ownership_sold).toBe('0.088050');
  });

  it('values the issuer without a valuation at share_price(end) × (outstanding + issued)', () => {
    // 250 × (1B + 60M) = 265B; lab 3/53 × 265B = 15B; fund 5/159 × 265B = 8,333,333,333.33
    expect(pair(r, 'lab', 'vendor').equity_value_end).toBe('15000000000.00');
    expect(pair(r, 'fund', 'vendor').equity_value_end).toBe('8333333333.33');
    expect(pair(r, 'lab', 'vendor').terminal_value).toBe('15000000000.00');
  });

  it('gives the warrant metrics and the dilution cost', () => {
    const x = pair(r, 'lab', 'vendor');
    // exercised 60M × 250 = 15B; left 20M × (250 − 0.01) = 4,999,800,000
    expect([x.warrant_value_end, x.unvested_value_end]).toEqual(['15000000000.00', '4999800000.00']);
    // 20M × (150 − 0.01) + 40M × (250 − 0.01) = 2,999,800,000 + 9,999,600,000
    expect(r.parties.vendor.dilution_cost).toBe('12999400000.00');
    expect([r.parties.lab.dilution_cost, r.parties.fund.dilution_cost]).toEqual([null, null]);
    // the holder's position: the strike paid, the stake held; equity at cost is what the exercises paid
    expect(x.series.position_flows).toEqual(['0.00', '-200000.00', '-400000.00', '0.00']);
    expect([x.equity_cost_end, x.moic]).toEqual(['600000.00', '25000.000000']); // 15B / 0.6M
  });

  it('counts the dilution cost as money the vendor put toward the lab\'s purchases', () => {
    const v = pair(r, 'vendor', 'lab');
    // sales: 50% of 20B a year = 10B, 40B in all; earmarked 12,999,400,000; circular share 32.4985%
    expect([v.revenue, v.financed_revenue, v.circular_share]).toEqual(['40000000000.00', '12999400000.00', '0.324985']);
    // min(sales so far, earmarked so far): 0; min(20, 2.9998) = 2.9998; min(30, 12.9994); no change
    expect(v.series.financed_revenue).toEqual(['0.00', '2999800000.00', '9999600000.00', '0.00']);
    // the vendor puts no cash in: no position, no warrant metrics on this pair
    expect([v.moic, v.warrant_value_end, v.unvested_value_end]).toEqual([null, null, null]);
  });
});

const BASE = `stargate: 1
name: w
timeline: {start: 2026, end: 2029, step: year}
`;

describe('rounding', () => {
  // share price 1.01, strike 0.005, 997 shares outstanding; both warrants vest in 2026 (1.01 ≥ 1)
  const text = `${BASE}parties:
  v: {name: V, share_price: 1.01, shares_outstanding: 997}
  h: {name: H, cash: 10}
deals:
  - {id: w1, type: warrant, issuer: v, holder: h, strike: 0.005, vesting: [{shares: 3, when: {share_price: 1}}]}
  - {id: w2, type: warrant, issuer: v, holder: h, strike: 0.005, vesting: [{shares: 5, when: {share_price: 1}}]}
`;
  const r = result(text);

  it('rounds the strike paid half-even to cents', () => {
    // 3 × 0.005 = 1.5 cents → 2; 5 × 0.005 = 2.5 cents → 2
    expect(entries(r)).toEqual(['2026 h->v 0.02 warrant_exercise w1', '2026 h->v 0.02 warrant_exercise w2']);
  });

  it('rounds each exercise\'s dilution cost once, from the exact n × (price − strike)', () => {
    // 3 × 1.005 = 3.015 → 3.02 (not 3.03 − 0.02 = 3.01); 5 × 1.005 = 5.025 → 5.02
    expect(r.parties.v.dilution_cost).toBe('8.04');
  });

  it('counts the shares of the issuer\'s other warrants as issued', () => {
    // w1: 3/1000, then w2: 5/(997 + 3 + 5) = 5/1005, w1 diluted × 1000/1005: 8/1005 = 0.79602%
    const x = pair(r, 'h', 'v');
    expect(x.stake_end).toBe('0.007960');
    // valuation 1.01 × (997 + 8) = 1015.05; 8/1005 × 1015.05 = 8.08 = round(3 × 1.01) + round(5 × 1.01)
    expect([x.equity_value_end, x.warrant_value_end, x.unvested_value_end]).toEqual(['8.08', '8.08', '0.00']);
  });
});

describe('a price below the strike', () => {
  it('gives a negative dilution cost, earmarks nothing and values the unexercised shares at zero', () => {
    const r = result(`${BASE}parties:
  v: {name: V, share_price: 0.5, shares_outstanding: 90}
  h: {name: H, cash: 100}
buildouts:
  dc: {operator: h, gw: 1, capex_per_gw: 10, suppliers: {v: 100%}}
deals:
  - {id: w, type: warrant, issuer: v, holder: h, strike: 1, vesting: [{shares: 10, when: {share_price: 0.5}}, {shares: 5, when: {share_price: 9}}]}
`);
    // 10 × 1 paid; dilution 10 × (0.5 − 1) = −5: the issuer gained
    expect(entries(r, 'warrant_exercise')).toEqual(['2026 h->v 10.00 warrant_exercise w']);
    expect(r.parties.v.dilution_cost).toBe('-5.00');
    const v = pair(r, 'v', 'h');
    expect([v.revenue, v.financed_revenue, v.circular_share]).toEqual(['40.00', '0.00', '0.000000']);
    // left: 5 × max(0, 0.5 − 1) = 0; exercised 10 × 0.5 = 5
    expect([pair(r, 'h', 'v').warrant_value_end, pair(r, 'h', 'v').unvested_value_end]).toEqual(['5.00', '0.00']);
  });
});

describe('an issuer with a valuation of its own', () => {
  it('is valued at its valuation; the warrant metrics still read the share price', () => {
    const r = result(`${BASE}parties:
  v: {name: V, valuation: 9000, share_price: 2, shares_outstanding: 900}
  h: {name: H, cash: 10}
deals:
  - {id: w, type: warrant, issuer: v, holder: h, strike: 0, vesting: [{shares: 100, when: {share_price: 2}}]}
`);
    // strike 0: nothing paid, no entry, but the stake is issued: 100/1000 = 10%, × 9000 = 900
    expect(r.ledger).toEqual([]);
    const x = pair(r, 'h', 'v');
    expect([x.stake_end, x.equity_value_end, x.warrant_value_end, x.equity_cost_end]).toEqual(['0.100000', '900.00', '200.00', '0.00']);
    expect(r.parties.v.dilution_cost).toBe('200.00');
  });
});

// v sells h 50% of h's build-out (1,000 per GW, 1 GW a year, so 500 a year); three tranches of 100
// shares at strike 1, one per GW; v's price 2, 3, 5 from 2026, 2027, 2028; 1,000 shares outstanding.
const DEFAULTS = `${BASE}parties:
  v: {name: V, gross_margin: 50%, share_price: {2026: 2, 2027: 3, 2028: 5}, shares_outstanding: 1000}
  h: {name: H, cash: 5000}
buildouts:
  dc: {operator: h, gw: 1, capex_per_gw: 1000, suppliers: {v: 50%}}
deals:
  - id: w
    type: warrant
    issuer: v
    holder: h
    strike: 1
    vesting:
      - {shares: 100, when: {buildout: dc, gw_online: 1}}
      - {shares: 100, when: {buildout: dc, gw_online: 2}}
      - {shares: 100, when: {buildout: dc, gw_online: 3}}
`;

describe('a default of the issuer', () => {
  const r = result(`${DEFAULTS}events:\n  - {type: default, party: v, at: 2028}\n`);

  it('stops vesting and exercise from its default on', () => {
    // 2026: 100 × 1 paid, stake 100/1100, dilution 100 × (2 − 1) = 100
    // 2027: 100 paid, stake 100/1200 (h: 1/11 × 11/12 + 1/12 = 1/6), dilution 100 × (3 − 1) = 200
    // 2028: v defaults; the third tranche (3 GW online) never vests
    expect(entries(r, 'warrant_exercise')).toEqual(['2026 h->v 100.00 warrant_exercise w', '2027 h->v 100.00 warrant_exercise w']);
    expect(r.parties.v.dilution_cost).toBe('300.00');
  });

  it('writes off what the exercises paid as equity, and zeroes the warrant metrics', () => {
    expect(r.losses).toEqual([{ holder: 'h', obligor: 'v', period: '2028', amount: '200.00', kind: 'equity' }]);
    const x = pair(r, 'h', 'v');
    // stakes stay as recorded (1/6), valued at zero
    expect([x.stake_end, x.equity_value_end, x.terminal_value, x.loss]).toEqual(['0.166667', '0.00', '0.00', '200.00']);
    expect([x.warrant_value_end, x.unvested_value_end]).toEqual(['0.00', '0.00']);
    expect(x.series.equity_cost).toEqual(['100.00', '200.00', '0.00', '0.00']);
  });

  it('keeps the dilution cost earmarked while the sales stop', () => {
    const v = pair(r, 'v', 'h');
    // sales 500 in 2026 and 2027, then v's share goes to the market; earmarked 100 then 200
    expect([v.revenue, v.financed_revenue, v.circular_share]).toEqual(['1000.00', '300.00', '0.300000']);
    expect(v.series.financed_revenue).toEqual(['100.00', '200.00', '0.00', '0.00']);
    expect(entries(r, 'capex').filter((e: string) => e >= '2028')).toEqual(['2028 h->market 1000.00 capex dc', '2029 h->market 1000.00 capex dc']);
  });
});

describe('a default of the holder', () => {
  const r = result(`${DEFAULTS}events:\n  - {type: default, party: h, at: 2027}\n`);

  it('stops vesting and exercise; what it exercised stays its own', () => {
    // only 2026's tranche: stake 100/1100; v's valuation 5 × (1000 + 100) = 5500; 1/11 × 5500 = 500
    expect(entries(r, 'warrant_exercise')).toEqual(['2026 h->v 100.00 warrant_exercise w']);
    const x = pair(r, 'h', 'v');
    expect([x.stake_end, x.equity_value_end, x.terminal_value]).toEqual(['0.090909', '500.00', '500.00']);
    // (rule) exercised 100 × 5 = 500 kept; the 200 unexercised are worth nothing to a holder that can no longer exercise
    expect([x.warrant_value_end, x.unvested_value_end]).toEqual(['500.00', '0.00']);
    expect(r.parties.v.dilution_cost).toBe('100.00');
    expect(r.losses).toEqual([]);
  });
});

describe('GW online follows the build-out at run time', () => {
  // ops operates the build-out; h holds the warrant and v issues it, neither defaults
  const text = (events: string) => `${BASE}parties:
  v: {name: V, share_price: {2026: 2, 2027: 3}, shares_outstanding: 1000}
  h: {name: H, cash: 5000}
  ops: {name: Ops, cash: 5000}
buildouts:
  dc: {operator: ops, gw: 1, capex_per_gw: 10}
deals:
  - id: w
    type: warrant
    issuer: v
    holder: h
    strike: 1
    vesting:
      - {shares: 100, when: {buildout: dc, gw_online: 1}}
      - {shares: 100, when: {buildout: dc, gw_online: 2}}
      - {shares: 100, when: {share_price: 3}}
${events}`;

  it('vests on the GW added while the operator builds', () => {
    // without a default: 1 GW in 2026, 2 GW and price 3 in 2027: one exercise of 200 shares
    expect(entries(result(text('')), 'warrant_exercise')).toEqual(['2026 h->v 100.00 warrant_exercise w', '2027 h->v 200.00 warrant_exercise w']);
    // ops defaults in 2027: its build-out stays at 1 GW, so the 2 GW tranche never vests; the price tranche does
    const r = result(text('events:\n  - {type: default, party: ops, at: 2027}\n'));
    expect(entries(r, 'warrant_exercise')).toEqual(['2026 h->v 100.00 warrant_exercise w', '2027 h->v 100.00 warrant_exercise w']);
    // left: 100 × (3 − 1) = 200
    expect(pair(r, 'h', 'v').unvested_value_end).toBe('200.00');
  });
});

describe('analyses compile a warrant again when the issuer\'s levels change', () => {
  it('sweeps the share price', () => {
    const FILE = join(ROOT, 'docs', 'examples', 'warrant-worked.yaml');
    const out = cli(['sweep', FILE, '--vary', 'parties.vendor.share_price.2027=150,180,200', '--metric', 'vendor.dilution_cost', '--format', 'json']);
    expect(out.stderr).toBe('');
    // 150: 20M × 149.99 + 40M × 249.99 = 12,999,400,000 (as worked)
    // 180: the $200 tranche still waits for 2028: 20M × 179.99 + 40M × 249.99 = 3,599,800,000 + 9,999,600,000
    // 200: it vests in 2027 with the first: 40M × 199.99 + 20M × 249.99 = 7,999,600,000 + 4,999,800,000
    expect(JSON.parse(out.stdout).rows.map((x: any) => x.metrics['vendor.dilution_cost'])).toEqual(['12999400000.00', '13599400000.00', '12999400000.00']);
  });
});

describe('extends', () => {
  it('merges a warrant key by key and replaces its vesting whole', () => {
    const base = `${BASE}parties:
  v: {name: V, share_price: 10, shares_outstanding: 100}
  h: {name: H}
deals:
  - id: w
    type: warrant
    issuer: v
    holder: h
    strike: 1
    vesting:
      - {shares: 5, when: {share_price: 5}}
      - {shares: 6, when: {share_price: 8}}
    exercise: 2027
`;
    const m = model('stargate: 1\nextends: base.yaml\nname: child\ndeals:\n  - id: w\n    strike: 2\n    vesting: [{shares: 7, when: {share_price: 9}}]\n', [], { 'base.yaml': base });
    const w = m.deals[0]!;
    if (w.kind !== 'warrant') throw new Error('expected a warrant');
    expect([w.strike, w.tranches.length, w.tranches[0]!.shares, w.tranches[0]!.sharePrice, w.exerciseAt, w.issuer, w.holder]).toEqual([
      { num: 2n, den: 1n }, 1, { num: 7n, den: 1n }, { num: 9n, den: 1n }, 1, 0, 1,
    ]);
  });
});
