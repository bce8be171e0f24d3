// Invariants of financing-and-default.md over generated scenarios with funding policies and
// default events (fast-check): money conserved, silence after a default, no negative cash under
// on_shortfall: default, a policy default the same as that default written as an event, and a
// scenario without the new keys run as before.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { conserved, model } from './helpers.js';
import { run, type RunResult } from '../src/engine/engine.js';
import { computeMetrics } from '../src/metrics/metrics.js';
import { modelResult } from '../src/metrics/result.js';
import { modelJson } from '../src/report/model-json.js';
import { KINDS, MARKET } from '../src/engine/ledger.js';
import { roundDiv, ZERO, type Ratio } from '../src/money/decimal.js';
import { DEAL_TYPES } from '../src/deals/registry.js';

const money = (max: number, min = 0) => fc.integer({ min, max }).map((m) => `${m}M`); // number-ok: test input text (whole millions)
const positive = (max: number) => money(max, 1);
const pct = (max: number) => fc.integer({ min: 0, max }).map((p) => `${p}%`); // number-ok: test input text
const shortfall = fc.constantFrom('allow', 'default');

/** A party's funding policy as YAML flow text, from the sources it may use. */
const policyArb = (sources: readonly string[]) =>
  fc
    .record({
      min: money(3000),
      pick: fc.subarray([...sources]),
      on: shortfall,
      keys: fc.constantFrom('all', 'no-min', 'no-funding'),
    })
    .map((g) => {
      const parts: string[] = [];
      if (g.keys !== 'no-min') parts.push(`min_cash: ${g.min}`);
      if (g.keys !== 'no-funding') parts.push(`funding: [${g.pick.join(', ')}]`);
      parts.push(`on_shortfall: ${g.on}`);
      return parts.join(', ');
    });

const PARTIES = ['bank', 'v', 'l', 'm'] as const;

/** The shape of a generated scenario (as numbers and choices), and its text with or without the financing keys. */
const genArb = fc.record({
  step: fc.constantFrom('quarter', 'year'),
  years: fc.integer({ min: 1, max: 3 }),
  cash: fc.tuple(money(40000), money(5000), money(3000), money(3000)),
  margin: pct(90),
  valuation: fc.tuple(positive(90000), positive(90000)),
  recovery: fc.tuple(pct(100), pct(100), pct(100), pct(100)),
  gw: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  capex: money(4000),
  shares: fc.tuple(pct(50), pct(40), pct(50), pct(40)),
  opex: money(500),
  net: fc.array(fc.integer({ min: -6000, max: 4000 }), { minLength: 4, maxLength: 4 }),
  vloan: fc.record({ limit: positive(8000), perGw: positive(3000), rate: pct(15), capitalize: fc.boolean(), repay: fc.constantFrom('none', 'bullet', 'amortizing') }),
  rev: fc.record({ limit: positive(6000), rate: pct(15), capitalize: fc.boolean(), bullet: fc.boolean() }),
  equity: positive(2000),
  tranche: positive(1000),
  buy: money(2000),
  lm: money(1000),
  policies: fc.tuple(
    policyArb([]),
    policyArb(['{source: equity}']),
    policyArb(['{source: equity, max: 1500M}', '{source: equity, investor: bank}', '{source: credit, deal: lrev}']),
    policyArb(['{source: credit, deal: mrev}', '{source: equity, investor: v, max: 800M}', '{source: equity}']),
  ),
  withPolicy: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
  events: fc.array(fc.record({ party: fc.constantFrom(...PARTIES), year: fc.integer({ min: 0, max: 3 }), q: fc.integer({ min: 1, max: 4 }) }), { maxLength: 2 }),
});
type Gen = typeof genArb extends fc.Arbitrary<infer T> ? T : never;

/** The scenario's YAML: `financing` false leaves out every key of financing-and-default.md (no revolver either). */
function scenario(g: Gen, financing: boolean, override: (party: number) => string | null = () => null): string {
  const years = Array.from({ length: g.years + 1 }, (_, i) => 2026 + i);
  const end = years[years.length - 1];
  const yearMap = (xs: readonly number[], f: (x: number) => string) => `{${years.map((y, i) => `${y}: ${f(xs[i % xs.length]!)}`).join(', ')}}`;
  const valuations = ['', '', `, valuation: ${g.valuation[0]}`, `, valuation: {2026: ${g.valuation[1]}, ${end}: ${g.valuation[0]}}`];
  const parties = PARTIES.map((id, i) => {
    const extra = override(i) ?? (financing && g.withPolicy[i] ? `, ${g.policies[i]}` : '');
    const margin = id === 'v' ? `, gross_margin: ${g.margin}, valuation: ${g.valuation[1]}` : '';
    return `  ${id}: {name: ${id.toUpperCase()}, cash: ${g.cash[i]}, recovery_rate: ${g.recovery[i]}${margin}${valuations[i]}${extra}}`;
  });
  const r = g.vloan;
  // scheduled draws only in the first year, repayment from the last: no draw in or after a repayment period
  const repay = g.years < 1 || r.repay === 'none' ? '' : r.repay === 'bullet' ? `, repayment: {type: bullet, at: ${end}}` : `, repayment: {type: amortizing, start: ${end}, periods: 2}`;
  const draws = g.years >= 1 && r.repay !== 'none' ? `{2026: ${r.perGw}}` : `{buildout: ldc, per_gw: ${r.perGw}}`;
  const revRepay = g.rev.bullet ? `, repayment: {type: bullet, at: ${end}}` : '';
  const deals = [
    `  - {id: vloan, type: credit_line, lender: v, borrower: l, limit: ${r.limit}, draws: ${draws}, use_of_proceeds: v, rate: ${r.rate}, interest: ${r.capitalize ? 'capitalize' : 'pay'}${repay}}`,
    `  - {id: weq, type: equity, investor: bank, issuer: l, amount: ${g.equity}, date: 2026, pre_money: 5B}`,
    `  - {id: tr, type: equity, investor: v, issuer: m, tranches: {buildout: mdc, per_gw: ${g.tranche}}, pre_money: 7B, use_of_proceeds: v}`,
    `  - {id: buy, type: purchase, buyer: l, seller: v, amount: ${g.buy}}`,
    `  - {id: lm, type: credit_line, lender: l, borrower: m, limit: 2B, draws: {2026: ${g.lm}}, rate: 7%}`,
  ];
  if (financing) {
    deals.push(
      `  - {id: lrev, type: credit_line, lender: bank, borrower: l, limit: ${g.rev.limit}, draws: on_demand, rate: ${g.rev.rate}, interest: ${g.rev.capitalize ? 'capitalize' : 'pay'}${revRepay}}`,
      `  - {id: mrev, type: credit_line, lender: bank, borrower: m, limit: ${g.rev.limit}, draws: on_demand, rate: ${g.rev.rate}}`,
    );
  }
  const events = financing
    ? g.events.filter((e) => e.year <= g.years).map((e) => `  - {type: default, party: ${e.party}, at: ${2026 + e.year}${g.step === 'quarter' ? `-Q${e.q}` : ''}}`)
    : [];
  return `stargate: 1
name: generated
timeline: {start: 2026, end: ${end}, step: ${g.step}}
discount_rate: 8%
parties:
${parties.join('\n')}
buildouts:
  ldc: {operator: l, gw: ${yearMap(g.gw, String)}, capex_per_gw: ${g.capex}, suppliers: {v: ${g.shares[0]}, m: ${g.shares[1]}}, opex_per_gw_year: ${g.opex}}
  mdc: {operator: m, gw: ${yearMap(g.gw.slice(1), String)}, capex_per_gw: ${g.capex}, suppliers: {l: ${g.shares[2]}, v: ${g.shares[3]}}}
operations:
  l: {net: ${yearMap(g.net, (x) => `${x}M`)}}
  m: {net: ${yearMap(g.net.slice(2), (x) => `${x}M`)}}
deals:
${deals.join('\n')}
${events.length ? `events:\n${events.join('\n')}\n` : ''}`;
}

const withFinancing = genArb.map((g) => ({ g, text: scenario(g, true) }));

/** Each party's end-of-period cash, from the run's own flows. */
function cashSeries(r: RunResult): bigint[][] {
  return r.model.parties.map((p, i) => {
    let c = p.cash;
    return r.cashIn[i]!.map((x, t) => (c += x - r.cashOut[i]![t]!));
  });
}

const RUNS = { numRuns: 60 };

describe('generated scenarios with funding policies and defaults', () => {
  it('conserve money in every period: each entry moves money from one place to another, and the flows add up to zero', () => {
    fc.assert(
      fc.property(withFinancing, ({ text }) => {
        const r = run(model(text));
        conserved(r);
      }),
      RUNS,
    );
  });

  it('move no money from or to a party from its default period on, other than its recoveries and asset sale', () => {
    fc.assert(
      fc.property(withFinancing, ({ text }) => {
        const r = run(model(text));
        const down = r.defaults;
        const silent = (p: number, t: number) => p !== MARKET && down[p] !== null && down[p]! <= t;
        for (const e of r.entries) {
          const kind = KINDS[e.kind];
          if (kind === 'asset_sale') {
            // the market buys the defaulter's assets in its default period
            expect([e.from, down[e.to]]).toEqual([MARKET, e.period]);
          } else if (kind === 'recovery') {
            // the defaulter pays a lender that had not defaulted before, in its default period
            expect(down[e.from]).toBe(e.period);
            expect(down[e.to] === null || down[e.to]! >= e.period).toBe(true);
          } else {
            expect(silent(e.from, e.period) || silent(e.to, e.period)).toBe(false);
          }
        }
        // a defaulter's build-outs add nothing from its default on
        const m = computeMetrics(r);
        r.model.parties.forEach((_, p) => {
          if (down[p] === null) return;
          const b = r.model.buildouts.filter((x) => x.operator === p);
          const added = b.flatMap((x) => x.added.slice(0, down[p]!)).reduce((a, x) => a.plus(x), ZERO);
          expect(m.parties[p]!.gw_online_end.equals(added)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('never let a party whose on_shortfall is default end a period with negative cash', () => {
    fc.assert(
      fc.property(withFinancing, ({ text }) => {
        const r = run(model(text));
        const cash = cashSeries(r);
        r.model.parties.forEach((p, i) => {
          if (p.policy?.defaults) expect(cash[i]!.every((c) => c >= 0n)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('recover round(claim × recovery rate) and write off the rest of each loan, the equity at cost, in the spec\'s order', () => {
    fc.assert(
      fc.property(withFinancing, ({ text }) => {
        const r = run(model(text));
        const { deals, parties } = r.model;
        const expected: { holder: number; obligor: number; period: number; amount: bigint; kind: string }[] = [];
        const recoveries: string[] = [];
        const order = parties.map((_, p) => p).filter((p) => r.defaults[p] !== null).sort((a, b) => r.defaults[a]! - r.defaults[b]! || a - b);
        for (const p of order) {
          const t = r.defaults[p]!;
          const rate = parties[p]!.recovery[t] as Ratio;
          deals.forEach((d, i) => {
            if (d.kind !== 'credit_line' || d.borrower !== p) return;
            const claim = t === 0 ? 0n : r.claims[i]![t - 1]!;
            if (claim === 0n) return;
            const lenderDown = r.defaults[d.lender] ?? null;
            const back = lenderDown !== null && lenderDown < t ? 0n : roundDiv(claim * rate.num, rate.den);
            if (back > 0n) recoveries.push(`${t} ${p}->${d.lender} ${back} ${d.id}`);
            if (claim > back) expected.push({ holder: d.lender, obligor: p, period: t, amount: claim - back, kind: 'loan' });
          });
          parties.forEach((_, h) => {
            const paid = r.entries.filter((e) => e.from === h && e.to === p && e.period < t && KINDS[e.kind] === 'equity').reduce((a, e) => a + e.amount, 0n);
            if (paid > 0n) expected.push({ holder: h, obligor: p, period: t, amount: paid, kind: 'equity' });
          });
        }
        expect(r.losses).toEqual(expected);
        expect(r.entries.filter((e) => KINDS[e.kind] === 'recovery').map((e) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.source}`)).toEqual(recoveries);
        // the asset sale is what the recoveries need beyond the defaulter's positive cash
        const cash = cashSeries(r);
        for (const p of order) {
          const t = r.defaults[p]!;
          const owed = r.entries.filter((e) => e.period === t && e.from === p && KINDS[e.kind] === 'recovery').reduce((a, e) => a + e.amount, 0n);
          const before = t === 0 ? parties[p]!.cash : cash[p]![t - 1]!;
          const sale = r.entries.filter((e) => e.period === t && e.to === p && KINDS[e.kind] === 'asset_sale').reduce((a, e) => a + e.amount, 0n);
          expect(sale).toBe(owed - (before > 0n ? (before < owed ? before : owed) : 0n));
        }
      }),
      RUNS,
    );
  });

  it('give a policy default the result of the same default written as an event', () => {
    // Period t worked out again without the defaulter is what a default event at t gives: turn every
    // on_shortfall into allow and write the defaults the policies found as events instead.
    fc.assert(
      fc.property(withFinancing, ({ g, text }) => {
        const first = modelResult(model(text));
        const found = first.parties.map((p) => p.default_period);
        fc.pre(found.some((d) => d !== null));
        const labels = first.model.timeline.labels;
        const events = found.flatMap((d, p) => (d === null ? [] : [`  - {type: default, party: ${PARTIES[p]}, at: ${labels[d]}}`]));
        const allow = scenario(g, true, (i) => (g.withPolicy[i] ? `, ${g.policies[i]!.replace('on_shortfall: default', 'on_shortfall: allow')}` : ''));
        const again = `${allow.replace(/events:\n(  - .*\n)*/, '')}events:\n${events.join('\n')}\n`;
        const second = modelResult(model(again));
        const strip = (j: Record<string, unknown>) => ({ ...j, notes: [] });
        expect(strip(modelJson(second))).toEqual(strip(modelJson(first)));
      }),
      { numRuns: 80 },
    );
  });

  it('count in funding_raised exactly the policy raises: funding.* equity and the draws on the revolvers a policy names', () => {
    fc.assert(
      fc.property(withFinancing, ({ text }) => {
        const r = run(model(text));
        r.model.parties.forEach((p, i) => {
          const revolvers = new Set((p.policy?.sources ?? []).flatMap((s) => (s.kind === 'credit' ? [r.model.deals[s.deal]!.id] : [])));
          const raised = r.entries.filter((e) => e.to === i && ((KINDS[e.kind] === 'equity' && e.source.startsWith(`funding.${p.id}.`)) || (KINDS[e.kind] === 'loan_draw' && revolvers.has(e.source)))).reduce((a, e) => a + e.amount, 0n);
          expect(r.fundingRaised[i]).toBe(raised);
        });
        // a revolver never draws past its limit, nor in or after its first repayment period
        r.model.deals.forEach((d) => {
          if (d.kind !== 'credit_line' || !d.onDemand) return;
          const draws = r.entries.filter((e) => e.source === d.id && KINDS[e.kind] === 'loan_draw');
          expect(draws.reduce((a, e) => a + e.amount, 0n) <= d.limit).toBe(true);
          const first = d.repayment ? (d.repayment.kind === 'bullet' ? d.repayment.at : d.repayment.start) : Infinity;
          expect(draws.every((e) => e.period < first)).toBe(true);
        });
      }),
      RUNS,
    );
  });
});

/** How many passes run() makes: each pass starts every deal afresh (every generated scenario has the equity deal weq). */
function passes(text: string): { r: RunResult; passes: number } {
  const m = model(text);
  const spy = vi.spyOn(DEAL_TYPES.equity, 'start');
  try {
    const r = run(m);
    const equityDeals = m.deals.filter((d) => d.kind === 'equity').length;
    return { r, passes: spy.mock.calls.length / equityDeals };
  } finally {
    spy.mockRestore();
  }
}

describe('passes of a run', () => {
  it('make one more pass for each default a policy finds, and one in all without', () => {
    fc.assert(
      fc.property(withFinancing, ({ text }) => {
        const { r, passes: n } = passes(text);
        const found = r.defaults.filter((d, p) => d !== null && !r.model.events.some((e) => e.party === p && e.at === d)).length;
        expect(n).toBe(1 + found);
      }),
      RUNS,
    );
  });
});

describe('generated scenarios without the new keys', () => {
  const plain = genArb.map((g) => g);

  it('run as before: in one pass, with no default, no raise, no loss, and the same result as with every policy key at its default', () => {
    // min_cash 0, funding [] and on_shortfall allow are the defaults: writing them out changes nothing
    fc.assert(
      fc.property(plain, (g) => {
        // one pass: nothing to work out again
        expect(passes(scenario(g, false)).passes).toBe(1);
        const without = modelResult(model(scenario(g, false)));
        expect(without.parties.every((p) => p.default_period === null && p.funding_raised === 0n)).toBe(true);
        expect(without.losses).toEqual([]);
        expect(without.ledger.every((e) => KINDS[e.kind] !== 'asset_sale' && KINDS[e.kind] !== 'recovery')).toBe(true);
        const spelled = modelResult(model(scenario(g, false, () => ', min_cash: 0, funding: [], on_shortfall: allow')));
        expect(JSON.stringify(modelJson(spelled))).toBe(JSON.stringify(modelJson(without)));
      }),
      RUNS,
    );
  });
});
