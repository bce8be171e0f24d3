// instruments.md, "lease": the level payment, the balance and the lessor's claim, its position and
// its terminal value, and the lessee's and the lessor's defaults, worked by hand.
import { describe, expect, it } from 'vitest';
import { model, problems, result } from './helpers.js';
import { run } from '../src/engine/engine.js';
import type { LeaseM } from '../src/deals/lease.js';

// spv leases co equipment costing 100 from 2026 for 3 years at 10% a year, yearly; co has 200 and a 50% recovery rate.
const LEASE = `stargate: 1
name: lease
timeline: {start: 2026, end: 2029, step: year}
parties:
  spv: {name: SPV, discount_rate: 10%}
  co: {name: Co, cash: 200, recovery_rate: 50%}
deals:
  - {id: l, type: lease, lessor: spv, lessee: co, cost: 100, start: 2026, term_years: 3, yield: 10%}
`;
const ledger = (r: any) => r.ledger.map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind}`);
const pair = (r: any) => r.exposures.find((x: any) => x.holder === 'spv' && x.obligor === 'co');

describe('lease without a default', () => {
  it('pays round((cost − R/(1+i)^n) × i / (1 − (1+i)^−n)) in arrears, one payment per step-period after start', () => {
    // R = 0, i = 10%, n = 3: 100 × 0.1 / (1 − 1/1.331) = 10 × 1.331 / 0.331 = 13.31 / 0.331 = 40.21148… → 40.21
    // paid at the end of 2027, 2028 and 2029 (the equipment is put at co's disposal in 2026)
    const r = result(LEASE);
    expect(ledger(r)).toEqual(['2027 co->spv 40.21 lease', '2028 co->spv 40.21 lease', '2029 co->spv 40.21 lease']);
  });

  it('holds a claim of round(b_k) after k payments, counted in loans and exposure, zero after the last', () => {
    // b_0 = 100; b_1 = 100 × 1.1 − 40.21 = 69.79; b_2 = 69.79 × 1.1 − 40.21 = 76.769 − 40.21 = 36.559 → 36.56;
    // b_3 = 36.559 × 1.1 − 40.21 = 40.2149 − 40.21 = 0.0049 ≈ R = 0, and the claim is zero once paid
    const x = pair(result(LEASE));
    expect(x.series.loans).toEqual(['100.00', '69.79', '36.56', '0.00']);
    expect(x.series.exposure).toEqual(['100.00', '69.79', '36.56', '0.00']);
    // LGD at co's 50% recovery: at most 100 × 0.5 = 50, in 2026
    expect([x.peak, x.peak_period, x.lgd_peak, x.loans_end]).toEqual(['100.00', '2026', '50.00', '0.00']);
  });

  it('keeps the full-precision balance, not the rounded claim, from one period to the next', () => {
    // 4 years at 10%: payment 100 × 0.1 × 1.4641 / 0.4641 = 14.641 / 0.4641 = 31.54708… → 31.55;
    // b_1 = 110 − 31.55 = 78.45; b_2 = 86.295 − 31.55 = 54.745 → 54.74 (half-even);
    // b_3 = 54.745 × 1.1 − 31.55 = 60.2195 − 31.55 = 28.6695 → 28.67, where the rounded claim would give
    // 54.74 × 1.1 − 31.55 = 28.664 → 28.66
    const text = LEASE.replace('end: 2029', 'end: 2030').replace('term_years: 3', 'term_years: 4');
    const d = model(text).deals[0] as LeaseM;
    expect(d.payment).toBe(3155n);
    expect(d.balances).toEqual([10000n, 7845n, 5474n, 2867n]);
    expect(pair(result(text)).series.loans).toEqual(['100.00', '78.45', '54.74', '28.67', '0.00']);
  });

  it('gives the lessor a position that returns the yield: −cost in the start period, the payments in', () => {
    // position −100, 40.21, 40.21, 40.21; terminal 0 (term over, no residual).
    // IRR: 40.21 × a(3, r) = 100; at 10% the NPV is 40.21 × (1/1.1 + 1/1.21 + 1/1.331) − 100 = 40.21 × 2.4868519… − 100
    // = −49/13310 = −0.00368 (the payment was rounded down by 0.00148), so the IRR is a little below 10%: 9.997909%.
    // MOIC (3 × 40.21) / 100 = 1.2063; all-in 0 + 120.63 + 0 − 100 = 20.63; NPV at 10% rounds to 0.00.
    const x = pair(result(LEASE));
    expect(x.series.position_flows).toEqual(['-100.00', '40.21', '40.21', '40.21']);
    expect([x.terminal_value, x.irr, x.moic, x.npv, x.all_in, x.loss]).toEqual(['0.00', '0.099979', '1.206300', '0.00', '20.63', '0.00']);
    // a lease is not a sale and finances no purchase: no revenue, nothing earmarked
    expect([x.revenue, x.financed_revenue, x.circular_share, x.net_cash]).toEqual(['0.00', '0.00', null, '120.63']);
  });

  it('with a residual: a lower payment, b_n ≈ R, and round(R) as terminal value once the term is over', () => {
    // R = 10% × 100 = 10: payment = (100 − 10/1.331) × 0.1 / (1 − 1/1.331) = 100 × (1.331 − 0.1) / 3.31 = 123.1 / 3.31
    // = 37.190332… → 37.19. b_1 = 110 − 37.19 = 72.81; b_2 = 80.091 − 37.19 = 42.901 → 42.90;
    // b_3 = 47.1911 − 37.19 = 10.0011 ≈ R. Terminal value round(R) = 10, in the last period:
    // position −100, 37.19, 37.19, 37.19 + 10 = 47.19 → IRR 9.999549% (NPV at 10%: 37.19 × 2.4868519… + 10/1.331 − 100 = −0.00083)
    // MOIC (3 × 37.19 + 10) / 100 = 1.2157
    const x = pair(result(LEASE.replace('yield: 10%', 'yield: 10%, residual: 10%')));
    expect(x.series.loans).toEqual(['100.00', '72.81', '42.90', '0.00']);
    expect(x.series.position_flows).toEqual(['-100.00', '37.19', '37.19', '37.19']);
    expect([x.terminal_value, x.irr, x.moic]).toEqual(['10.00', '0.099995', '1.215700']);
  });

  it('still running at the end: terminal value is the claim, the residual is not yet back', () => {
    // timeline 2026–2028: two payments made; the claim at the end is round(b_2) = 36.56.
    // position −100, 40.21, 40.21 + terminal 36.56: with x = 1/(1 + r), 76.77x² + 40.21x − 100 = 0,
    // x = (−40.21 + √(1616.8441 + 30708)) / 153.54 = (−40.21 + 179.79106…) / 153.54 = 0.9090863… → r = 10.0006%
    // (the claim 36.56 is b_2 = 36.559 rounded up, so a hair above the yield)
    const x = pair(result(LEASE.replace('end: 2029', 'end: 2028').replace('yield: 10%', 'yield: 10%, residual: 10%')));
    // with the 10% residual: b_2 = 42.901 → 42.90; the residual (10) is in that claim, not added again
    expect([x.loans_end, x.terminal_value]).toEqual(['42.90', '42.90']);
    const y = pair(result(LEASE.replace('end: 2029', 'end: 2028')));
    expect([y.loans_end, y.terminal_value, y.irr]).toEqual(['36.56', '36.56', '0.100006']);
  });

  it('is zero before its start and pays with a quarterly step at yield / 4', () => {
    // cost 100 from 2026-Q2 for 1 year at 8%: i = 2%, n = 4: 100 × 0.02 / (1 − 1.02^−4) = 2 × 1.08243216 / 0.08243216
    // = 2.16486432 / 0.08243216 = 26.26237… → 26.26, paid 2026-Q3 .. 2027-Q2.
    // b_1 = 102 − 26.26 = 75.74; b_2 = 77.2548 − 26.26 = 50.9948 → 50.99; b_3 = 52.014696 − 26.26 = 25.754696 → 25.75
    const r = result(LEASE.replace('end: 2029, step: year', 'end: 2027-Q2, step: quarter').replace('start: 2026, term_years: 3, yield: 10%', 'start: 2026-Q2, term_years: 1, yield: 8%'));
    expect(ledger(r)).toEqual(['2026-Q3 co->spv 26.26 lease', '2026-Q4 co->spv 26.26 lease', '2027-Q1 co->spv 26.26 lease', '2027-Q2 co->spv 26.26 lease']);
    expect(pair(r).series.loans).toEqual(['0.00', '100.00', '75.74', '50.99', '25.75', '0.00']);
    expect(pair(r).series.position_flows).toEqual(['0.00', '-100.00', '26.26', '26.26', '26.26', '26.26']);
  });

  it('at a zero yield pays (cost − R) / n', () => {
    // (100 − 0) / 3 = 33.333… → 33.33; b_1 = 66.67, b_2 = 33.34; IRR: 3 × 33.33 = 99.99 < 100, just below 0
    const x = pair(result(LEASE.replace('yield: 10%', 'yield: 0%')));
    expect(x.series.position_flows).toEqual(['-100.00', '33.33', '33.33', '33.33']);
    expect(x.series.loans).toEqual(['100.00', '66.67', '33.34', '0.00']);
  });

  it('counts in the lessee\'s debt at the end while it runs', () => {
    const r = result(LEASE.replace('end: 2029', 'end: 2028'));
    expect(r.parties.co.debt_end).toBe('36.56');
  });
});

describe('lease under a default', () => {
  it('of the lessee: the claim at the end of t − 1 is recovered at its rate, the rest written off as a lease, payments stop', () => {
    // co defaults at the start of 2028: claim round(b_1) = 69.79; recovered round(69.79 × 50%) = round(34.895) = 34.90
    // (half-even: 3489.5 cents → 3490), paid from co's cash (200 + … well above it), no asset sale; 69.79 − 34.90 = 34.89
    // written off, kind lease. No payment in 2028 or 2029.
    const r = result(`${LEASE}events:\n  - {type: default, party: co, at: 2028}\n`);
    expect(ledger(r)).toEqual(['2027 co->spv 40.21 lease', '2028 co->spv 34.90 recovery']);
    expect(r.losses).toEqual([{ holder: 'spv', obligor: 'co', period: '2028', amount: '34.89', kind: 'lease' }]);
    const x = pair(r);
    expect(x.series.loans).toEqual(['100.00', '69.79', '0.00', '0.00']);
    // position −100, 40.21, 34.90, 0; terminal 0 (the obligor defaulted). MOIC (40.21 + 34.90) / 100 = 0.7511.
    // IRR: with x = 1/(1 + r), 34.90x² + 40.21x − 100 = 0 → x = (−40.21 + √(1616.8441 + 13960)) / 69.8
    // = (−40.21 + 124.80723…) / 69.8 = 1.2119947 → r = −17.4914%. all-in 75.11 − 100 = −24.89
    expect(x.series.position_flows).toEqual(['-100.00', '40.21', '34.90', '0.00']);
    expect([x.terminal_value, x.loss, x.moic, x.irr, x.all_in]).toEqual(['0.00', '34.89', '0.751100', '-0.174914', '-24.89']);
  });

  it('of the lessee before the start: no lease, no claim, no position', () => {
    const r = result(`${LEASE}events:\n  - {type: default, party: co, at: 2026}\n`);
    expect([r.ledger, r.losses]).toEqual([[], []]);
    expect(pair(r).series.position_flows).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(pair(r).irr).toBe(null);
  });

  it('of the lessee after the last payment: nothing owed, nothing lost', () => {
    const r = result(`${LEASE.replace('end: 2029', 'end: 2030')}events:\n  - {type: default, party: co, at: 2030}\n`);
    expect(r.losses).toEqual([]);
    expect(ledger(r)).toEqual(['2027 co->spv 40.21 lease', '2028 co->spv 40.21 lease', '2029 co->spv 40.21 lease']);
  });

  it('of the lessor: payments stop, its claim stays frozen on its books and is its terminal value', () => {
    // spv defaults at the start of 2028: co pays nothing more; spv's claim stays round(b_1) = 69.79, valued at the end.
    // position −100, 40.21, 0, 0 + terminal 69.79 → MOIC (40.21 + 69.79) / 100 = 1.1
    const r = result(`${LEASE}events:\n  - {type: default, party: spv, at: 2028}\n`);
    expect(ledger(r)).toEqual(['2027 co->spv 40.21 lease']);
    expect(r.losses).toEqual([]);
    const x = pair(r);
    expect(x.series.loans).toEqual(['100.00', '69.79', '69.79', '69.79']);
    expect([x.terminal_value, x.moic]).toEqual(['69.79', '1.100000']);
  });

  it('of the lessee with little cash: the recovery is paid partly by an asset sale', () => {
    // co has 30 and pays 40.21 in 2027: −10.21 at the end of 2027. Defaulting in 2028 it owes round(69.79 × 50%) = 34.90,
    // has no positive cash, so sells 34.90 of assets to the market and pays spv.
    const r = result(`${LEASE.replace('cash: 200', 'cash: 30')}events:\n  - {type: default, party: co, at: 2028}\n`);
    expect(ledger(r).slice(1)).toEqual(['2028 market->co 34.90 asset_sale', '2028 co->spv 34.90 recovery']);
  });
});

describe('lease with extends', () => {
  it('changes one field and keeps the rest', () => {
    // the base lease with a 10% residual written in the extending file: payment 37.19 as worked above
    const m = model(`stargate: 1\nextends: base.yaml\nname: ext\ndeals:\n  - {id: l, residual: 10%}\n`, [], { 'base.yaml': LEASE });
    const d = m.deals[0] as LeaseM;
    expect([d.cost, d.payment, d.residual]).toEqual([10000n, 3719n, 1000n]);
  });
});

describe('lease checks', () => {
  const base = 'stargate: 1\nname: x\ntimeline: {start: 2026, end: 2027, step: quarter}\nparties: {a: {name: A}, b: {name: B}}\ndeals:\n';
  it('reports the lessee the same as the lessor, a start outside the timeline, a term that is not whole step-periods', () => {
    expect(problems(`${base}  - {id: l, type: lease, lessor: a, lessee: a, cost: 1B, start: 2028, term_years: 1.1, yield: 5%}\n`)).toEqual([
      's.yaml:6:45: deals.l.lessee: the lessor and lessee are the same party ("a")',
      's.yaml:6:65: deals.l.start: 2028 is outside the timeline (2026-Q1 to 2027-Q4)',
      's.yaml:6:83: deals.l.term_years: 1.1 years are 4.4 quarter periods; a lease pays once per step-period, so its term must be a whole number of them',
    ]);
  });

  it('takes a term of whole step-periods that is not whole years, and refuses one above a century', () => {
    expect(() => model(`${base}  - {id: l, type: lease, lessor: a, lessee: b, cost: 1B, start: 2026, term_years: 1.25, yield: 5%}\n`)).not.toThrow();
    expect(problems(`${base}  - {id: l, type: lease, lessor: a, lessee: b, cost: 1B, start: 2026, term_years: 101, yield: 5%}\n`)).toEqual([
      's.yaml:6:83: deals.l.term_years: a term of 101 years is too long; at most 100 years are allowed',
    ]);
  });

  it('runs a century of monthly payments at a 40-digit yield in well under a second', () => {
    const long = 'stargate: 1\nname: x\ntimeline: {start: 2026-01, end: 2125-12, step: month}\nparties: {a: {name: A}, b: {name: B}}\ndeals:\n';
    const t0 = performance.now();
    const r = run(model(`${long}  - {id: l, type: lease, lessor: a, lessee: b, cost: 1T, start: 2026-01, term_years: 100, yield: "7.123456789012345678901234567890123456789%", residual: 12.3456789%}\n`));
    expect(performance.now() - t0).toBeLessThan(5000); // a guard against runaway fractions, not a timing claim
    expect(r.claims[0]![0]).toBe(100_000_000_000_000n);
  });
});
