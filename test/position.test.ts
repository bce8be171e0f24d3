// financing-and-default.md section 3: a pair's financing position (IRR, MOIC, NPV, terminal value, loss), worked by hand.
import { describe, expect, it } from 'vitest';
import { result } from './helpers.js';

// bank lends co 100 in 2026 at 10% a year (paid), bullet in 2028; bank discounts at 10%.
// co: 100 drawn − 95 costs = 5; +10 revenue − 10 interest = 5; +110 revenue − 10 − 100 = 5.
const LOAN = `stargate: 1
name: loan
timeline: {start: 2026, end: 2028, step: year}
parties:
  bank: {name: Bank, cash: 1000, discount_rate: 10%}
  co: {name: Co, recovery_rate: 20%}
operations:
  co: {revenue: {2027: 10, 2028: 110}, costs: {2026: 95}}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 100, draws: {2026: 100}, rate: 10%, repayment: {type: bullet, at: 2028}}
`;

describe('position of a loan', () => {
  it('repaid on time', () => {
    // position −100, +10, +110 (interest 10 and the bullet 100); terminal value 0 (nothing owed at the end).
    // IRR: −100 + 10/1.1 + 110/1.21 = −100 + 9.0909… + 90.9090… = 0 → 10%.
    // NPV at 10%: the same sum, 0. MOIC (10 + 110) / 100 = 1.2. all-in 0 + 120 + 0 − 100 = 20.
    const x = result(LOAN).exposures[0];
    expect(x.series.position_flows).toEqual(['-100.00', '10.00', '110.00']);
    expect([x.terminal_value, x.loss, x.irr, x.npv, x.moic, x.all_in]).toEqual(['0.00', '0.00', '0.100000', '0.00', '1.200000', '20.00']);
  });

  it('written off', () => {
    // co defaults at the start of 2028: claim 100 (the balance at the end of 2027), recovery 20% = 20,
    // paid 5 from co's cash and 15 from an asset sale; 80 written off.
    // position −100, +10, +20; terminal 0. IRR: with x = 1/(1 + i), 20x² + 10x − 100 = 0 → x = 2, i = −50%.
    // NPV at 10%: (−100 × 1.21 + 10 × 1.1 + 20) / 1.331 = −90 / 1.331 = −67.6183…
    // MOIC (10 + 20) / 100 = 0.3. all-in 0 + 30 + 0 − 100 = −70.
    const r = result(`${LOAN}events:\n  - {type: default, party: co, at: 2028}\n`);
    const x = r.exposures[0];
    expect(r.ledger.filter((e: any) => e.period === '2028').map((e: any) => `${e.from}->${e.to} ${e.amount} ${e.kind}`)).toEqual(['market->co 15.00 asset_sale', 'co->bank 20.00 recovery']);
    expect(x.series.position_flows).toEqual(['-100.00', '10.00', '20.00']);
    expect([x.terminal_value, x.loss, x.irr, x.npv, x.moic, x.all_in]).toEqual(['0.00', '80.00', '-0.500000', '-67.62', '0.300000', '-70.00']);
  });

  it('still open at the end, valued at its balance', () => {
    // no repayment: position −100, +10, +10, and the last period adds the balance 100 as terminal value:
    // −100, 10, 110 → IRR 10%; MOIC (10 + 10 + 100) / 100 = 1.2
    const x = result(LOAN.replace(', repayment: {type: bullet, at: 2028}', '')).exposures[0];
    expect(x.series.position_flows).toEqual(['-100.00', '10.00', '10.00']);
    expect([x.terminal_value, x.irr, x.moic]).toEqual(['100.00', '0.100000', '1.200000']);
  });
});

describe('position of equity', () => {
  it('is valued at stake × valuation at the end, or at cost without a valuation', () => {
    // 20 for 20% of a company valued 100 at the end of 2027 (two years later): terminal 20; with a valuation of 60: 12.
    // IRR at 60: 12 / 20 = 0.6 over two years: √0.6 − 1 = 0.774596669… − 1 = −0.225403; MOIC 0.6.
    const text = (valuation: string) => `stargate: 1
name: eq
timeline: {start: 2026, end: 2028, step: year}
parties:
  f: {name: F, cash: 100}
  co: {name: Co${valuation}}
deals:
  - {id: e, type: equity, investor: f, issuer: co, amount: 20, date: 2026, post_money: 100}
`;
    const atCost = result(text('')).exposures[0];
    expect([atCost.equity_value_end, atCost.terminal_value, atCost.moic, atCost.irr]).toEqual([null, '20.00', '1.000000', '0.000000']);
    const valued = result(text(', valuation: {2026: 100, 2028: 60}')).exposures[0];
    expect([valued.equity_value_end, valued.terminal_value, valued.moic, valued.irr]).toEqual(['12.00', '12.00', '0.600000', '-0.225403']);
  });

  it('makes a pair of a policy\'s named investor', () => {
    // inv buys 6 of l's new shares at a pre-money of 94 in 2026 (6%): the pair inv → l, equity at cost 6,
    // terminal 6% × 94 = 5.64, position −6 + 5.64 = −0.36 in the one period
    const r = result(`stargate: 1
name: pair
timeline: {start: 2026, end: 2026, step: year}
parties:
  inv: {name: Inv, cash: 10}
  l: {name: L, valuation: 94, funding: [{source: equity, investor: inv}]}
operations:
  l: {costs: 6}
`);
    expect(r.exposures.map((x: any) => [x.holder, x.obligor, x.equity_cost_end, x.stake_end, x.terminal_value, x.series.position_flows[0]])).toEqual([['inv', 'l', '6.00', '0.060000', '5.64', '-6.00']]);
  });
});
