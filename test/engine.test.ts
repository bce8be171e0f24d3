// Sections 5 and 6, worked by hand: each figure below is computed in the comment.
import { describe, expect, it } from 'vitest';
import { model, result } from './helpers.js';
import { run } from '../src/engine/engine.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { PAIR_METRICS, PARTY_METRICS, valueOf, type MetricDef } from '../src/metrics/registry.js';
import { Dec } from '../src/money/decimal.js';

const entries = (r: any, kind?: string) => r.ledger.filter((e: any) => !kind || e.kind === kind).map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`);

describe('credit lines', () => {
  it('capitalizes interest on the previous balance and repays it with a bullet', () => {
    // quarterly, 6%/4 = 1.5% a quarter; 10,000,000.00 drawn in Q1 (no interest in Q1)
    // Q2: 10,000,000.00 × 1.5% = 150,000.00       → 10,150,000.00
    // Q3: 10,150,000.00 × 1.5% = 152,250.00       → 10,302,250.00
    // Q4: 10,302,250.00 × 1.5% = 154,533.75       → 10,456,783.75, repaid whole in Q4
    const r = result(`stargate: 1
name: cap
timeline: {start: 2026-Q1, end: 2026-Q4, step: quarter}
parties: {bank: {name: Bank, cash: 1B}, co: {name: Co}}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 10M, draws: {2026-Q1: 10M}, rate: 6%, interest: capitalize, repayment: {type: bullet, at: 2026-Q4}}
`);
    expect(r.exposures[0].series.loans).toEqual(['10000000.00', '10150000.00', '10302250.00', '0.00']);
    expect(entries(r)).toEqual(['2026-Q1 bank->co 10000000.00 loan_draw l', '2026-Q4 co->bank 10456783.75 repayment l']);
    expect(r.exposures[0].peak).toBe('10302250.00');
    expect(r.exposures[0].peak_period).toBe('2026-Q3');
  });

  it('splits an amortizing balance into cent-exact installments, interest on what is left', () => {
    // yearly, 10%; 1,000.00 drawn in 2026; from 2027 three installments of 1,000.00:
    // 100000 cents / 3 = 33333 r 1 → 333.34, 333.33, 333.33
    // interest 2027: 1,000.00 × 10% = 100.00; 2028: 666.66 × 10% = 66.666 → 66.67; 2029: 333.33 × 10% = 33.333 → 33.33
    const r = result(`stargate: 1
name: amort
timeline: {start: 2026, end: 2029, step: year}
parties: {bank: {name: Bank}, co: {name: Co}}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 1000, draws: {2026: 1000}, rate: 10%, repayment: {type: amortizing, start: 2027, periods: 3}}
`);
    expect(entries(r)).toEqual([
      '2026 bank->co 1000.00 loan_draw l',
      '2027 co->bank 100.00 interest l',
      '2027 co->bank 333.34 repayment l',
      '2028 co->bank 66.67 interest l',
      '2028 co->bank 333.33 repayment l',
      '2029 co->bank 33.33 interest l',
      '2029 co->bank 333.33 repayment l',
    ]);
    expect(r.parties.co.debt_end).toBe('0.00');
    // lender's IRR: −1000, +433.34, +400.00, +366.66 → 10.0001% (the cent rounding of interest moves it off 10%)
    expect(r.exposures[0].irr).toBe('0.100001');
  });

  it('never draws past the limit and leaves an unrepaid balance as debt', () => {
    // draws 6 + 6 against a limit of 10 → 6, then 4; 0% interest; no repayment
    const r = result(`stargate: 1
name: limit
timeline: {start: 2026, end: 2027, step: year}
parties: {bank: {name: Bank}, co: {name: Co, recovery_rate: 25%}}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 10B, draws: 6B, rate: 0%}
`);
    expect(entries(r, 'loan_draw')).toEqual(['2026 bank->co 6000000000.00 loan_draw l', '2027 bank->co 4000000000.00 loan_draw l']);
    expect(r.parties.co.debt_end).toBe('10000000000.00');
    // loss given default at the peak: 10B × (1 − 25%) = 7.5B
    expect(r.exposures[0].lgd_peak).toBe('7500000000.00');
  });
});

describe('equity', () => {
  it('dilutes earlier holders over three rounds', () => {
    // 2026: a buys 10% (stake given)                      a 10%
    // 2027: b puts 20B at 100B post-money = 20%           a 10% × 0.8 = 8%, b 20%
    // 2028: a puts 25B at 75B pre-money → 25/100 = 25%    a 8% × 0.75 + 25% = 31%, b 20% × 0.75 = 15%
    // ownership sold = 1 − 0.9 × 0.8 × 0.75 = 0.46 = 31% + 15%
    const r = result(`stargate: 1
name: dilution
timeline: {start: 2026, end: 2028, step: year}
parties: {a: {name: A, cash: 100B}, b: {name: B, cash: 100B}, l: {name: L, valuation: 200B}}
deals:
  - {id: r1, type: equity, investor: a, issuer: l, amount: 5B, date: 2026, stake: 10%}
  - {id: r2, type: equity, investor: b, issuer: l, amount: 20B, date: 2027, post_money: 100B}
  - {id: r3, type: equity, investor: a, issuer: l, amount: 25B, date: 2028, pre_money: 75B}
`);
    expect(r.exposures.map((x: any) => [`${x.holder}->${x.obligor}`, x.stake_end, x.equity_cost_end, x.equity_value_end])).toEqual([
      ['a->l', '0.310000', '30000000000.00', '62000000000.00'],
      ['b->l', '0.150000', '20000000000.00', '30000000000.00'],
    ]);
    expect(r.parties.l.ownership_sold).toBe('0.460000');
  });

  it("dilutes the holders by the market's rounds of a funding policy, and works the stakes out only when read", () => {
    // 2026: a buys 10% (stake given)                                   a 10%
    // 2027: l is 20B short; its policy sells 20B to the market at a pre-money of 80B: 20/100 = 20%
    //                                                                   a 10% × 0.8 = 8% (the market's 20% is not listed)
    // 2028: b puts 25B at 75B pre-money → 25%                          a 8% × 0.75 = 6%, b 25%
    // ownership sold = 1 − 0.9 × 0.8 × 0.75 = 0.46
    const text = `stargate: 1
name: market rounds
timeline: {start: 2026, end: 2028, step: year}
parties:
  a: {name: A, cash: 100B}
  b: {name: B, cash: 100B}
  l: {name: L, valuation: 80B, min_cash: 0, funding: [{source: equity, investor: market}]}
operations:
  l: {net: {2026: -5B, 2027: -20B, 2028: -25B}}
deals:
  - {id: r1, type: equity, investor: a, issuer: l, amount: 5B, date: 2026, stake: 10%}
  - {id: r3, type: equity, investor: b, issuer: l, amount: 25B, date: 2028, pre_money: 75B}
`;
    const r = result(text);
    expect(r.exposures.map((x: any) => [`${x.holder}->${x.obligor}`, x.stake_end])).toEqual([
      ['a->l', '0.060000'],
      ['b->l', '0.250000'],
    ]);
    expect(r.parties.l.ownership_sold).toBe('0.460000');
    expect(r.parties.l.funding_raised).toBe('20000000000.00');
    // an analysis that does not ask for ownership_sold gets every other metric the same
    const m = model(text);
    const all = computeMetrics(run(m));
    const some = computeMetrics(run(m), { ownership: false });
    expect(some.parties.map((p) => p.ownership_sold)).toEqual([null, null, null]);
    expect({ ...some, parties: some.parties.map((p) => ({ ...p, ownership_sold: null })) }).toEqual({ ...all, parties: all.parties.map((p) => ({ ...p, ownership_sold: null })) });
    // the party metrics and series laid out when read (cash in and out, the series by period) are the same too
    const partyValues = (ms: typeof all) => ms.parties.map((p) => [PARTY_METRICS.filter((d) => d.name !== 'ownership_sold').map((d) => valueOf(d as MetricDef<typeof p>, p)), p.series]);
    expect(partyValues(some)).toEqual(partyValues(all));
    expect(all.parties[2]!.series.cash.at(-1)).toBe(all.parties[2]!.ending_cash);
    // the pair metrics worked out when read (stakes, values, MOIC...) are the same too
    const pairValues = (ms: typeof all) => ms.exposures.map((x) => PAIR_METRICS.map((d) => valueOf(d as MetricDef<typeof x>, x)));
    expect(pairValues(some)).toEqual(pairValues(all));
    expect(pairValues(all)[0]).toContainEqual({ kind: 'ratio', value: new Dec('0.06') });
    // worked out when first read: read in the other order, and after another run, they are the same
    const later = computeMetrics(run(m));
    computeMetrics(run(m));
    const backwards = later.exposures.map((x) => [...PAIR_METRICS].reverse().map((d) => valueOf(d as MetricDef<typeof x>, x)).reverse());
    expect(backwards).toEqual(pairValues(all));
  });
});

describe('a default of a funding policy', () => {
  it('works its period out again from the start: the draw, interest and flows of the first try undone', () => {
    // 2026: a loses 2B; its policy draws 2B on the revolver                        cash 0, balance 2B
    // 2027, first try: interest 2B × 10% = 200M paid, a loses 5B: cash −5.2B; the revolver has 1B left,
    //   drawn: cash −4.2B, still below zero → a defaults at the start of 2027
    // 2027 again, without a: the bank's claim is the balance at the end of 2026, 2B; it recovers
    //   round(2B × 50%) = 1B, which a (cash 0) raises by an asset sale; 1B is written off.
    //   No interest, no loss, no draw in 2027: a's funding raised is the 2026 draw alone
    const r = result(`stargate: 1
name: revolver default
timeline: {start: 2026, end: 2027, step: year}
parties:
  bank: {name: Bank, cash: 100B}
  a: {name: A, recovery_rate: 50%, funding: [{source: credit, deal: rev}], on_shortfall: default}
operations:
  a: {net: {2026: -2B, 2027: -5B}}
deals:
  - {id: rev, type: credit_line, lender: bank, borrower: a, limit: 3B, draws: on_demand, rate: 10%, repayment: {type: bullet, at: 2030}}
`);
    expect(entries(r)).toEqual([
      '2026 bank->a 2000000000.00 loan_draw rev',
      '2026 a->market 2000000000.00 net operations',
      '2027 market->a 1000000000.00 asset_sale a',
      '2027 a->bank 1000000000.00 recovery rev',
    ]);
    expect([r.parties.a.default_period, r.parties.a.funding_raised, r.parties.a.ending_cash]).toEqual(['2027', '2000000000.00', '0.00']);
    expect(r.losses).toEqual([{ holder: 'bank', obligor: 'a', period: '2027', amount: '1000000000.00', kind: 'loan' }]);
    expect(r.exposures[0].series.loans).toEqual(['2000000000.00', '0.00']);
  });
});

describe('rounding and time', () => {
  it('rounds a half cent to even where money enters the ledger', () => {
    // capex 0.1 GW × 1.25 = 0.125 → 0.12 (half-even; half-up would give 0.13)
    // supplier s1 12.5%: 0.12 × 0.125 = 0.015 → 0.02; s2 37.5%: 0.12 × 0.375 = 0.045 → 0.04; market the rest 0.06
    const r = result(`stargate: 1
name: half
timeline: {start: 2026, end: 2026, step: year}
parties: {op: {name: Op}, s1: {name: S1}, s2: {name: S2}}
buildouts:
  b: {operator: op, gw: 0.1, capex_per_gw: 1.25, suppliers: {s1: 12.5%, s2: 37.5%}}
`);
    expect(entries(r)).toEqual(['2026 op->s1 0.02 capex b', '2026 op->s2 0.04 capex b', '2026 op->market 0.06 capex b']);
  });

  it('keeps the part of each year inside a timeline that starts mid-year', () => {
    // monthly from 2026-07: revenue 12B a year → 1B a month; a 6B purchase in 2026 is 0.5B a month, Jul–Dec kept = 3B
    const r = result(`stargate: 1
name: mid
timeline: {start: 2026-07, end: 2027-06, step: month}
parties: {a: {name: A}, b: {name: B}}
operations: {a: {revenue: 12B}}
deals:
  - {id: p, type: purchase, buyer: a, seller: b, amount: {2026: 6B}}
`);
    expect(r.parties.a.series.cash_in).toEqual(Array(12).fill('1000000000.00'));
    expect(r.parties.b.cash_in).toBe('3000000000.00');
    expect(r.scenario.timeline.periods[0]).toBe('2026-07');
  });

  it('charges cost of sales on purchases and opex on capacity online', () => {
    // seller margin 60%: a 10M purchase costs it 4M, paid to market in the same period, after build-out costs of sales
    // opex: 2 GW online × 1.2B a year / 4 = 600M a quarter, from the quarter the capacity is added
    const r = result(`stargate: 1
name: cogs
timeline: {start: 2026-Q1, end: 2026-Q2, step: quarter}
parties: {a: {name: A}, v: {name: V, gross_margin: 60%}}
buildouts:
  dc: {operator: a, gw: {2026-Q2: 2}, capex_per_gw: 1M, suppliers: {v: 50%}, opex_per_gw_year: 1.2B}
deals:
  - {id: p, type: purchase, buyer: a, seller: v, amount: {2026-Q2: 10M}}
`);
    expect(entries(r)).toEqual([
      '2026-Q2 a->v 1000000.00 capex dc',
      '2026-Q2 a->market 1000000.00 capex dc',
      '2026-Q2 v->market 400000.00 cost_of_sales dc',
      '2026-Q2 v->market 4000000.00 cost_of_sales p',
      '2026-Q2 a->market 600000000.00 opex dc',
      '2026-Q2 a->v 10000000.00 purchase p',
    ]);
    expect(r.exposures).toEqual([]);
  });

  it('counts earmarked money as financed revenue, up to the revenue', () => {
    // v lends 30 earmarked for itself, l buys 20 from v: financed = min(20, 30) = 20, share 100%
    const r = result(`stargate: 1
name: circ
timeline: {start: 2026, end: 2026, step: year}
parties: {v: {name: V}, l: {name: L}}
deals:
  - {id: c, type: credit_line, lender: v, borrower: l, limit: 30, draws: 30, rate: 0%, use_of_proceeds: v}
  - {id: p, type: purchase, buyer: l, seller: v, amount: 20}
`);
    expect([r.exposures[0].revenue, r.exposures[0].financed_revenue, r.exposures[0].circular_share]).toEqual(['20.00', '20.00', '1.000000']);
    expect(r.exposures[0].net_cash).toBe('-10.00');
  });
});

describe('exact quantities', () => {
  it('splits a GW flow over its months so that the parts add up to the total exactly', () => {
    // 2 GW in 2026-Q1 on a monthly timeline: parts 2×1/3 − 0, 2×2/3 − 2×1/3, 2 − 2×2/3,
    // so 2 GW are online at the end of March exactly (three times 2/3 at 40 digits would exceed 2).
    // opex per month = online × 1,022,949,135.03 / 12, in cents 102,294,913,503 × online / 12:
    //   January:  0.66…67 × 102,294,913,503 / 12 = 5,683,050,750.17 → 5,683,050,750 → 56,830,507.50
    //   February: 1.33…33 × 102,294,913,503 / 12 = 11,366,101,500.33 → 113,661,015.00
    //   March:    2 × 102,294,913,503 / 12 = 17,049,152,250.5 → half-even 17,049,152,250 → 170,491,522.50
    //   (with 2/3 × 3 > 2 it came to 170,491,522.51)
    const r = result(`stargate: 1
name: q
timeline: {start: 2026-01, end: 2026-03, step: month}
parties: {op: {name: Op}}
buildouts:
  dc: {operator: op, gw: {2026-Q1: 2}, capex_per_gw: 0, opex_per_gw_year: 1022949135.03}
`);
    expect(entries(r, 'opex')).toEqual(['2026-01 op->market 56830507.50 opex dc', '2026-02 op->market 113661015.00 opex dc', '2026-03 op->market 170491522.50 opex dc']);
    expect(r.parties.op.gw_online_end).toBe('2');
  });
});
