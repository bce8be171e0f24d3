// Invariants over generated scenarios (fast-check): conservation of money,
// cent-exact splits, limits, balances, NPV and IRR consistency.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { model } from './helpers.js';
import { run } from '../src/engine/engine.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { irr, npv } from '../src/metrics/finance.js';
import { Dec, ONE, ZERO } from '../src/money/decimal.js';
import { KINDS } from '../src/engine/ledger.js';

const cents = (min: bigint, max: bigint) => fc.bigInt({ min, max }).map((c) => { const s = (c < 0n ? -c : c).toString().padStart(3, '0'); return `${c < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`; });
const pct = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((b) => `${b / 100}%`); // number-ok: test input text

/** A random but valid scenario, as YAML text. */
const scenarioArb = fc
  .record({
    step: fc.constantFrom('month', 'quarter', 'year'),
    years: fc.integer({ min: 1, max: 4 }),
    startQ: fc.integer({ min: 1, max: 4 }),
    gw: fc.array(fc.integer({ min: 0, max: 4000 }).map((m) => (m / 1000).toString()), { minLength: 1, maxLength: 4 }),
    capex: cents(0n, 6_000_000_000_000n),
    share: pct(60),
    share2: pct(40),
    margin: pct(100),
    opex: cents(0n, 200_000_000_000n),
    limit: cents(1n, 2_000_000_000_000n),
    perGw: cents(1n, 1_500_000_000_000n),
    rate: pct(20),
    capitalize: fc.boolean(),
    repay: fc.constantFrom('none', 'bullet', 'amortizing'),
    periods: fc.integer({ min: 1, max: 6 }),
    flowDraws: fc.boolean(),
    draws: fc.array(cents(0n, 500_000_000_000n), { minLength: 1, maxLength: 3 }),
    net: fc.array(cents(-30_000_000_000_000n, 30_000_000_000_000n), { minLength: 1, maxLength: 4 }),
    purchase: cents(0n, 900_000_000_000n),
    equity: cents(1n, 50_000_000_000n),
    pre: cents(100_000_000_000n, 900_000_000_000n),
  })
  .map((g) => {
    const start = `2026-Q${g.startQ}`;
    const end = `${2026 + g.years}-Q${g.startQ}`;
    const years = Array.from({ length: g.years + 1 }, (_, i) => 2026 + i);
    // draws end before repayment starts: repayment in the last year, draws in the first
    const drawYears = g.years >= 2 ? years.slice(0, 1) : [];
    const gwMap = `{${drawYears.concat(g.repay === 'none' ? years.slice(1, 3) : []).map((y, i) => `${y}: ${g.gw[i % g.gw.length]}`).join(', ') || '2026: 0'}}`;
    const draws = g.flowDraws ? `{${drawYears.map((y, i) => `${y}: ${g.draws[i % g.draws.length]}`).join(', ') || `${end}: 0`}}` : `{buildout: dc, per_gw: ${g.perGw}}`;
    const last = years[years.length - 1];
    const repay = g.repay === 'bullet' ? `{type: bullet, at: ${last}-Q4}` : g.repay === 'amortizing' ? `{type: amortizing, start: ${end}, periods: ${g.periods}}` : null;
    return `stargate: 1
name: generated
timeline: {start: ${start}, end: ${end}, step: ${g.step}}
discount_rate: 9%
parties:
  v: {name: V, cash: 50B, gross_margin: ${g.margin}}
  w: {name: W, gross_margin: 50%}
  l: {name: L, cash: 20B, valuation: 500B, recovery_rate: 30%}
buildouts:
  dc: {operator: l, gw: ${gwMap}, capex_per_gw: ${g.capex}, suppliers: {v: ${g.share}, w: ${g.share2}}, opex_per_gw_year: ${g.opex}}
operations:
  l: {net: {${years.map((y, i) => `${y}: ${g.net[i % g.net.length]}`).join(', ')}}}
deals:
  - id: credit
    type: credit_line
    lender: v
    borrower: l
    limit: ${g.limit}
    draws: ${draws}
    use_of_proceeds: v
    rate: ${g.rate}
    interest: ${g.capitalize ? 'capitalize' : 'pay'}
${repay ? `    repayment: ${repay}\n` : ''}  - {id: stake, type: equity, investor: w, issuer: l, amount: ${g.equity}, date: ${start}, pre_money: ${g.pre}}
  - {id: buy, type: purchase, buyer: l, seller: w, amount: ${g.purchase}}
`;
  });

/** Decimals wide enough to hold the product of two 40-digit values exactly. */
const WIDE = Dec.clone({ precision: 200 });

describe('generated scenarios', () => {
  it('conserve money in every period, market included', () => {
    fc.assert(
      fc.property(scenarioArb, (text) => {
        const r = run(model(text));
        const n = r.model.timeline.count;
        const sums = new Array<bigint>(n).fill(0n);
        const market = new Array<bigint>(n).fill(0n);
        for (const e of r.entries) {
          if (e.amount <= 0n) return false; // entries are strictly positive
          // each entry leaves one party and reaches another; add the net of every party and market
          if (e.from === -1) market[e.period]! -= e.amount; else sums[e.period]! -= e.amount;
          if (e.to === -1) market[e.period]! += e.amount; else sums[e.period]! += e.amount;
        }
        const m = computeMetrics(r);
        for (let t = 0; t < n; t++) {
          const parties = m.parties.reduce((a, p) => a + p.series.net[t]!, 0n);
          if (parties !== sums[t] || parties + market[t]! !== 0n) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('split build-out capex to the cent: suppliers and market add up to round(added × capex_per_gw)', () => {
    fc.assert(
      fc.property(scenarioArb, (text) => {
        const r = run(model(text));
        const b = r.model.buildouts[0]!;
        return b.added.every((a, t) => {
          const paid = r.entries.filter((e) => e.period === t && KINDS[e.kind] === 'capex').reduce((x, e) => x + e.amount, 0n);
          // the product of two 40-digit decimals has up to 80 digits: at 40 it may round onto a half cent (fast-check
          // found 2/3 GW, rounded up in its 40th digit, whose product fell a hair above x.5 cents and came out x.5)
          const exact = new WIDE(a.toFixed()).times(b.capexPerGw[t]!.toFixed()).times(100).toDecimalPlaces(0, WIDE.ROUND_HALF_EVEN);
          return paid === BigInt(exact.toFixed());
        });
      }),
      { numRuns: 150 },
    );
  });

  it('never draw past the limit and never let a balance go below zero', () => {
    fc.assert(
      fc.property(scenarioArb, (text) => {
        const r = run(model(text));
        const d = r.model.deals.find((x) => x.kind === 'credit_line')!;
        const drawn = r.entries.filter((e) => KINDS[e.kind] === 'loan_draw').reduce((x, e) => x + e.amount, 0n);
        const balances = r.claims.flatMap((b) => b ?? []);
        return d.kind === 'credit_line' && drawn <= d.limit && balances.every((b) => b >= 0n);
      }),
      { numRuns: 150 },
    );
  });

  it('sum each party net series to its net and ending cash', () => {
    fc.assert(
      fc.property(scenarioArb, (text) => {
        const m = computeMetrics(run(model(text)));
        return m.parties.every((p) => p.series.net.reduce((a, b) => a + b, 0n) === p.net && p.opening_cash + p.net === p.ending_cash && p.series.cash.at(-1) === p.ending_cash);
      }),
      { numRuns: 100 },
    );
  });

  it('give the same metrics whether the run keeps its ledger or not (the analysis commands keep none)', () => {
    const text = (m: ReturnType<typeof computeMetrics>) => JSON.stringify(m, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    fc.assert(
      fc.property(scenarioArb, (yaml) => {
        const x = model(yaml);
        const without = run(x, { ledger: false });
        expect(() => without.entries).toThrow(/kept no ledger/);
        return text(computeMetrics(without)) === text(computeMetrics(run(x)));
      }),
      { numRuns: 50 },
    );
  });
});

describe('NPV and IRR', () => {
  const flowsArb = fc.array(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), { minLength: 1, maxLength: 60 });

  it('NPV at 0% equals the plain sum', () => {
    fc.assert(
      fc.property(flowsArb, fc.constantFrom(1, 4, 12), (flows, ppy) => npv(flows, ZERO, ppy).times(100).equals(flows.reduce((a, b) => a + b, 0n).toString())),
    );
  });

  it('NPV at the IRR is within a cent of zero', () => {
    // an investment then returns: exactly one sign change, so exactly one IRR
    const investment = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 13n }), { minLength: 1, maxLength: 40 }), fc.constantFrom(1, 4, 12));
    fc.assert(
      fc.property(investment, ([out, back, ppy]) => {
        const flows = [-out, ...back];
        const r = irr(flows, ppy);
        if (back.every((b) => b === 0n)) return r.kind === 'none';
        // Near −100% a year the annual rate itself cannot hold enough digits (1 + r ≈ 1e−28
        // at 40 significant digits), so the cent bound is claimed for returns of at least 1%.
        fc.pre(back.reduce((a, b) => a + b, 0n) * 100n >= out);
        if (r.kind !== 'rate') return false;
        return npv(flows, r.annual, ppy).abs().lessThanOrEqualTo('0.01');
      }),
      { numRuns: 200 },
    );
  });

  it('matches a spreadsheet on known cases', () => {
    // NPV(10%; -100, 60, 60) = -90.909... + 49.586... + 45.078... = 3.7565740045...
    expect(npv([-10000n, 6000n, 6000n], new Dec('0.1'), 1).toDecimalPlaces(10).toFixed()).toBe('3.7565740045');
    // quarterly: 110.00 at the end of the fourth quarter is one year out: 110 / 1.1 = 100 exactly
    expect(npv([0n, 0n, 0n, 11000n], new Dec('0.1'), 4).toDecimalPlaces(30).toFixed()).toBe('100');
    // monthly at 12.682503013196972...% a year = 1% a month: 101 after one month is worth 100
    expect(npv([10100n], new Dec('1.01').pow(12).minus(1), 12).toDecimalPlaces(30).toFixed()).toBe('100');
    // IRR(-100, 60, 60) = (−0.6 + √(0.36 + 4·1·... )) → 13.0662386...%
    const r = irr([-10000n, 6000n, 6000n], 1);
    expect(r.kind === 'rate' && r.annual.toDecimalPlaces(9).toFixed()).toBe('0.130662386');
    // a monthly 0.5% loan: IRR annualized = 1.005^12 − 1 = 6.1678%
    const m = irr([-12000n, ...Array<bigint>(11).fill(60n), 12060n], 12);
    expect(m.kind === 'rate' && m.annual.toDecimalPlaces(6).toFixed()).toBe('0.061678');
    // the annual rate from the root, to 30 places: -100 then 110 a year later is 10% exactly; quarterly, -100 then
    // 110 four quarters later is (1.1)^(1/4) − 1 a quarter, 10% a year; 121 two years later is 10% a year again
    const exact = (flows: bigint[], ppy: number) => {
      const x = irr(flows, ppy);
      return x.kind === 'rate' ? x.annual.toDecimalPlaces(30).toFixed() : x.reason;
    };
    expect([exact([-10000n, 11000n], 1), exact([-10000n, 0n, 0n, 0n, 11000n], 4), exact([-10000n, 0n, 12100n], 1)]).toEqual(['0.1', '0.1', '0.1']);
    // a loss: -100 then 50 is -50% a year; monthly, -100 then 100 × 1.01 is 1% a month, 1.01^12 − 1 a year
    expect(exact([-10000n, 5000n], 1)).toBe('-0.5');
    expect(exact([-10000n, 10100n], 12)).toBe(new Dec('1.01').pow(12).minus(1).toDecimalPlaces(30).toFixed());
    // in full: 110 three months after 100 is 1.1^(1/3) a month, 1.1^4 − 1 = 0.4641 a year, every digit
    const full = (flows: bigint[], ppy: number) => {
      const x = irr(flows, ppy);
      return x.kind === 'rate' ? x.annual.toFixed() : x.reason;
    };
    expect(full([-10000n, 0n, 0n, 11000n], 12)).toBe('0.4641');
    // a rate of exactly zero through the search of several sign changes (-100, 150, -150, 100 adds up to 0 at y = 1) is 0, unsigned
    expect(full([-10000n, 15000n, -15000n, 10000n], 12)).toBe('0');
  });

  it('refuses an IRR with no sign change or with two rates', () => {
    expect(irr([100n, 200n], 1)).toEqual({ kind: 'none', reason: 'no_sign_change' });
    // −100, +230, −132: NPV zero at 10% and at 20% (roots of 100x² − 230x + 132 in 1+i)
    expect(irr([-10000n, 23000n, -13200n], 1)).toEqual({ kind: 'none', reason: 'multiple' });
    expect(ONE.isPositive()).toBe(true);
  });
});
