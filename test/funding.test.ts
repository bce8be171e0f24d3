// financing-and-default.md section 1, funding policies, worked by hand: each figure is computed in the comment.
import { describe, expect, it } from 'vitest';
import { model, result } from './helpers.js';
import { run } from '../src/engine/engine.js';

const entries = (r: any, kind?: string) => r.ledger.filter((e: any) => !kind || e.kind === kind).map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`);
const pair = (r: any, holder: string, obligor: string) => r.exposures.find((x: any) => x.holder === holder && x.obligor === obligor);

const RAISE = `stargate: 1
name: raise
timeline: {start: 2026, end: 2028, step: year}
parties:
  a: {name: A, cash: 100B}
  b: {name: B, cash: 100B}
  lab:
    name: Lab
    cash: 5B
    valuation: {2026: 100B, 2028: 45B}
    min_cash: 5B
    funding:
      - {source: equity, investor: market, max: 40B}
      - {source: equity, investor: a}
operations:
  lab: {costs: {2026: 30B, 2027: 25B, 2028: 20B}}
deals:
  - {id: r1, type: equity, investor: a, issuer: lab, amount: 10B, date: 2026, post_money: 100B}
  - {id: r2, type: equity, investor: b, issuer: lab, amount: 20B, date: 2026, post_money: 100B}
`;

describe('equity source', () => {
  // 2026: r1 10B at 100B post = 10% (a); r2 20B at 100B post = 20% (b), a 10% × 0.8 = 8%.
  //       lab: 5B + 30B − 30B = 5B = min_cash, need 0: no raise.
  // 2027: lab 5B − 25B = −20B; need = 5B − (−20B) = 25B ≤ max 40B: market buys 25B at
  //       pre-money valuation(2027) = 100B: s = 25 / (100 + 25) = 0.2. a 8% × 0.8 = 6.4%, b 20% × 0.8 = 16%.
  // 2028: lab 5B − 20B = −15B; need 20B; market: min(20B, 40B − 25B) = 15B at valuation 45B:
  //       s = 15 / 60 = 0.25: a 6.4% × 0.75 = 4.8%, b 16% × 0.75 = 12%.
  //       need 5B left; a pays 5B from its own cash, at the same pre-money 45B: s = 5 / 50 = 0.1:
  //       a 4.8% × 0.9 + 10% = 14.32%, b 12% × 0.9 = 10.8%.
  // ownership_sold = 1 − 0.9 × 0.8 × 0.8 × 0.75 × 0.9 = 1 − 0.3888 = 0.6112
  //                = a 14.32% + b 10.8% + market (20% × 0.75 × 0.9 + 25% × 0.9 = 13.5% + 22.5% = 36%).
  // funding_raised = 25B + 15B + 5B = 45B.
  it('sells a / (valuation + a), dilutes the earlier holders and records the raise as equity', () => {
    const r = result(RAISE);
    expect(entries(r, 'equity')).toEqual([
      '2026 a->lab 10000000000.00 equity r1',
      '2026 b->lab 20000000000.00 equity r2',
      '2027 market->lab 25000000000.00 equity funding.lab.0',
      '2028 market->lab 15000000000.00 equity funding.lab.0',
      '2028 a->lab 5000000000.00 equity funding.lab.1',
    ]);
    expect(r.parties.lab.funding_raised).toBe('45000000000.00');
    expect(r.parties.lab.series.cash).toEqual(['5000000000.00', '5000000000.00', '5000000000.00']);
    expect(r.parties.lab.ownership_sold).toBe('0.611200');
    // the named investor paid from its cash: 100B − 10B − 5B
    expect(r.parties.a.ending_cash).toBe('85000000000.00');
    // equity value at the end: a 14.32% × 45B = 6.444B; b 10.8% × 45B = 4.86B
    expect([pair(r, 'a', 'lab').stake_end, pair(r, 'a', 'lab').equity_cost_end, pair(r, 'a', 'lab').equity_value_end]).toEqual(['0.143200', '15000000000.00', '6444000000.00']);
    expect([pair(r, 'b', 'lab').stake_end, pair(r, 'b', 'lab').equity_cost_end, pair(r, 'b', 'lab').equity_value_end]).toEqual(['0.108000', '20000000000.00', '4860000000.00']);
  });

  it('keeps the stakes exact', () => {
    const r = run(model(RAISE));
    const stakes = Object.fromEntries(r.stakes.map((s) => [r.model.parties[s.holder]!.id, s.stake.toFixed()]));
    expect(stakes).toEqual({ a: '0.1432', b: '0.108' });
    expect(r.ownershipSold[2]!.toFixed()).toBe('0.6112');
  });

  it('runs the policies in party order, each named investor paying from its cash as it stands', () => {
    // inv has 10; both labs fall 6 short in 2026 and name inv first.
    // l1 runs first: inv pays 6 (inv left with 4); l2: inv pays min(6, 4) = 4, market the other 2.
    // stakes: l1 sells 6 / (94 + 6) = 6%; l2 sells 4 / (96 + 4) = 4% to inv, then 2 / (96 + 2) = 1/49 to market,
    // which dilutes inv to 4% × 48/49.
    const text = `stargate: 1
name: order
timeline: {start: 2026, end: 2026, step: year}
parties:
  inv: {name: Inv, cash: 10}
  l1: {name: L1, valuation: 94, funding: [{source: equity, investor: inv}]}
  l2: {name: L2, valuation: 96, funding: [{source: equity, investor: inv}, {source: equity}]}
operations:
  l1: {costs: 6}
  l2: {costs: 6}
`;
    const r = result(text);
    expect(entries(r, 'equity')).toEqual(['2026 inv->l1 6.00 equity funding.l1.0', '2026 inv->l2 4.00 equity funding.l2.0', '2026 market->l2 2.00 equity funding.l2.1']);
    expect([r.parties.inv.ending_cash, r.parties.l1.ending_cash, r.parties.l2.ending_cash]).toEqual(['0.00', '0.00', '0.00']);
    const x = run(model(text));
    expect(x.stakes.map((s) => `${x.model.parties[s.holder]!.id}->${x.model.parties[s.issuer]!.id} ${s.stake.toFixed(30)}`)).toEqual([
      'inv->l1 0.060000000000000000000000000000',
      // 0.04 × 48 / 49 = 1.92 / 49 = 0.039183673469387755102040816326…
      'inv->l2 0.039183673469387755102040816327',
    ]);
  });

  it('raises a fractional need rounded up to the next cent', () => {
    // min_cash 10.001 is 1,000.1 cents: the floor defended is 1,001 cents = 10.01
    const r = result(`stargate: 1
name: ceil
timeline: {start: 2026, end: 2026, step: year}
parties:
  lab: {name: Lab, valuation: 1000, min_cash: 10.001, funding: [{source: equity}]}
`);
    expect(entries(r)).toEqual(['2026 market->lab 10.01 equity funding.lab.0']);
  });
});

const REVOLVER = `stargate: 1
name: revolver
timeline: {start: 2026-Q1, end: 2026-Q4, step: quarter}
parties:
  bank: {name: Bank, cash: 1B}
  co: {name: Co, funding: [{source: credit, deal: rev}]}
operations:
  co: {costs: {2026-Q1: 60M, 2026-Q2: 30M, 2026-Q3: 30M}}
deals:
  - {id: rev, type: credit_line, lender: bank, borrower: co, limit: 100M, draws: on_demand, rate: 8%, repayment: {type: bullet, at: 2026-Q4}}
`;

describe('credit source (a revolver)', () => {
  // 8% a year is 2% a quarter; co has no cash and a floor of 0.
  // Q1: costs 60M → cash −60M; draw 60M (room 100M). No interest: the draw accrues from Q2.
  // Q2: interest 60M × 2% = 1.2M; costs 30M → cash −31.2M; draw 31.2M (room 40M); balance 91.2M.
  // Q3: interest 91.2M × 2% = 1.824M; costs 30M → cash −31.824M; room 100M − 91.2M = 8.8M: draw 8.8M;
  //     cash −23.024M (on_shortfall allow: it stays negative). Balance 100M.
  // Q4: interest 100M × 2% = 2M; bullet 100M; no draw (the first repayment period): cash −125.024M.
  it('draws what the need asks, up to the limit, and pays interest from the next period', () => {
    const r = result(REVOLVER);
    expect(entries(r).filter((e: string) => !e.includes('costs'))).toEqual([
      '2026-Q1 bank->co 60000000.00 loan_draw rev',
      '2026-Q2 co->bank 1200000.00 interest rev',
      '2026-Q2 bank->co 31200000.00 loan_draw rev',
      '2026-Q3 co->bank 1824000.00 interest rev',
      '2026-Q3 bank->co 8800000.00 loan_draw rev',
      '2026-Q4 co->bank 2000000.00 interest rev',
      '2026-Q4 co->bank 100000000.00 repayment rev',
    ]);
    expect(r.parties.co.series.cash).toEqual(['0.00', '0.00', '-23024000.00', '-125024000.00']);
    expect(r.parties.co.funding_raised).toBe('100000000.00');
    // with a policy, runway_end and funding_gap show what the policy could not cover
    expect([r.parties.co.runway_end, r.parties.co.funding_gap]).toEqual(['2026-Q3', '125024000.00']);
    expect(r.exposures[0].series.loans).toEqual(['60000000.00', '91200000.00', '100000000.00', '0.00']);
    // position: −60M; +1.2M − 31.2M = −30M; +1.824M − 8.8M = −6.976M; +2M + 100M = 102M.
    // MOIC = (1.2M + 1.824M + 2M + 100M) / 100M = 1.05024
    expect(r.exposures[0].series.position_flows).toEqual(['-60000000.00', '-30000000.00', '-6976000.00', '102000000.00']);
    expect(r.exposures[0].moic).toBe('1.050240');
  });

  it('makes no draw in its first repayment period, even with room under the limit', () => {
    // limit 1B: Q3 draws the whole 31.824M (balance 123.024M).
    // Q4: interest 123.024M × 2% = 2.46048M; bullet 123.024M; need 125.48448M, room 876.976M, but Q4 repays: no draw.
    const r = result(REVOLVER, ['deals.rev.limit=1B']);
    expect(entries(r, 'loan_draw')).toEqual(['2026-Q1 bank->co 60000000.00 loan_draw rev', '2026-Q2 bank->co 31200000.00 loan_draw rev', '2026-Q3 bank->co 31824000.00 loan_draw rev']);
    expect(entries(r, 'repayment')).toEqual(['2026-Q4 co->bank 123024000.00 repayment rev']);
    expect(entries(r, 'interest').at(-1)).toBe('2026-Q4 co->bank 2460480.00 interest rev');
    expect(r.parties.co.series.cash).toEqual(['0.00', '0.00', '0.00', '-125484480.00']);
    expect(r.parties.co.funding_raised).toBe('123024000.00');
  });

  it('capitalizes a revolver draw like any other from the next period, and draws it after equity when written second', () => {
    // co: valuation 1,000, floor 0; funding: market equity up to 10, then the revolver (capitalized, 12% a year = 3% a quarter).
    // Q1: costs 30 → need 30: equity 10 (s = 10 / 1,010), then draw 20.
    // Q2: interest 20 × 3% = 0.60, capitalized (20.60); costs 30 → draw 30 (room 100 − 20 = 80; capitalized interest does not use it up).
    // balance 20.60 + 30 = 50.60 at the end of Q2.
    const r = result(`stargate: 1
name: revolver-second
timeline: {start: 2026-Q1, end: 2026-Q2, step: quarter}
parties:
  bank: {name: Bank, cash: 1000}
  co: {name: Co, valuation: 1000, funding: [{source: equity, max: 10}, {source: credit, deal: rev}]}
operations:
  co: {costs: 120}
deals:
  - {id: rev, type: credit_line, lender: bank, borrower: co, limit: 100, draws: on_demand, rate: 12%, interest: capitalize}
`);
    expect(entries(r).filter((e: string) => !e.includes('costs'))).toEqual([
      '2026-Q1 market->co 10.00 equity funding.co.0',
      '2026-Q1 bank->co 20.00 loan_draw rev',
      '2026-Q2 bank->co 30.00 loan_draw rev',
    ]);
    expect(r.exposures[0].series.loans).toEqual(['20.00', '50.60']);
    expect(r.parties.co.funding_raised).toBe('60.00');
  });
});

describe('ledger order of policy raises', () => {
  it('puts them after the scheduled entries of their kind, in party order', () => {
    // p1 and p2 both fall 5 short in 2026. A scheduled equity round into p2 and a scheduled draw to p2
    // come first in their kinds; then the raises, p1's before p2's although p2's scheduled deals are written first.
    // p2: +10 equity +10 draw − 25 costs = −5 → its policy draws 5 on its revolver; p1: −5 → market equity 5.
    const r = result(`stargate: 1
name: order
timeline: {start: 2026, end: 2026, step: year}
parties:
  bank: {name: Bank, cash: 100}
  p1: {name: P1, valuation: 95, funding: [{source: equity}, {source: credit, deal: r1}]}
  p2: {name: P2, valuation: 100, funding: [{source: credit, deal: r2}, {source: equity}]}
operations:
  p1: {costs: 5}
  p2: {costs: 25}
deals:
  - {id: e2, type: equity, investor: bank, issuer: p2, amount: 10, date: 2026, post_money: 100}
  - {id: d2, type: credit_line, lender: bank, borrower: p2, limit: 10, draws: 10, rate: 0%}
  - {id: r2, type: credit_line, lender: bank, borrower: p2, limit: 10, draws: on_demand, rate: 0%}
  - {id: r1, type: credit_line, lender: bank, borrower: p1, limit: 10, draws: on_demand, rate: 0%}
`);
    expect(entries(r)).toEqual([
      '2026 bank->p2 10.00 equity e2',
      '2026 market->p1 5.00 equity funding.p1.0',
      '2026 bank->p2 10.00 loan_draw d2',
      '2026 bank->p2 5.00 loan_draw r2',
      '2026 p1->market 5.00 costs operations',
      '2026 p2->market 25.00 costs operations',
    ]);
  });
});
