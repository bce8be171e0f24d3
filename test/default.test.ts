// financing-and-default.md section 2, default: recovery, asset sale, write-offs and silence, worked by hand.
import { describe, expect, it } from 'vitest';
import { result } from './helpers.js';

const entries = (r: any, kind?: string) => r.ledger.filter((e: any) => !kind || e.kind === kind).map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`);
const pair = (r: any, holder: string, obligor: string) => r.exposures.find((x: any) => x.holder === holder && x.obligor === obligor);

// lab borrows from two lenders (bank's loan written before v's, against party order), has two
// equity holders (fund's round written before v's, against party order), lends to other, sells
// to other's build-out and buys from v; it defaults at the start of 2028.
const PARTIES = `stargate: 1
name: default
timeline: {start: 2026, end: 2029, step: year}
parties:
  v: {name: V, cash: 50, gross_margin: 60%}
  bank: {name: Bank, cash: 100}
  fund: {name: Fund, cash: 50}
`;
const REST = `  other: {name: Other, cash: 100}
buildouts:
  labdc: {operator: lab, gw: 1, capex_per_gw: 10, suppliers: {v: 50%}, opex_per_gw_year: 1}
  otherdc: {operator: other, gw: 1, capex_per_gw: 10, suppliers: {lab: 30%, v: 20%}}
operations:
  lab: {revenue: 5, costs: {2026: 100, 2027: 28.5}}
deals:
  - {id: bankloan, type: credit_line, lender: bank, borrower: lab, limit: 100, draws: {2026: 60, 2027: 20}, rate: 10%, interest: capitalize}
  - {id: eqfund, type: equity, investor: fund, issuer: lab, amount: 30, date: 2026, post_money: 300}
  - {id: vloan, type: credit_line, lender: v, borrower: lab, limit: 40, draws: {2026: 40}, rate: 10%, use_of_proceeds: v}
  - {id: eqv, type: equity, investor: v, issuer: lab, amount: 10, date: 2027, post_money: 400, use_of_proceeds: v}
  - {id: labloan, type: credit_line, lender: lab, borrower: other, limit: 10, draws: {2026: 10}, rate: 10%}
  - {id: buy, type: purchase, buyer: lab, seller: v, amount: 10}
`;
const LAB = '  lab: {name: Lab, cash: 20, valuation: 300, recovery_rate: 25%}\n';
const BY_EVENT = `${PARTIES}${LAB}${REST}events:\n  - {type: default, party: lab, at: 2028}\n`;
// the same lab with a policy instead of the event: in 2028 it would end at −6.5 (see below),
// fund puts in 5 (its max), −1.5 is still below zero, so it defaults and 2028 is worked out again
const BY_POLICY = `${PARTIES}  lab: {name: Lab, cash: 20, valuation: 300, recovery_rate: 25%, on_shortfall: default, funding: [{source: equity, investor: fund, max: 5}]}\n${REST}`;

// Lab's cash, by hand (v's margin 60%: its cost of sales is 40% of each sale):
// 2026: +60 bank draw +30 fund equity +40 v draw −10 lent to other −5 −5 capex +3 sale to other
//       −10 purchase −1 opex (1 GW × 1) +5 revenue −100 costs = +7 → 27
// 2027: bankloan 60 × 10% = 6 capitalized (66) then draw 20 (86); vloan interest 40 × 10% = 4;
//       +20 −4 +10 v equity +1 interest from other −10 capex +3 −10 −2 opex (2 GW) +5 −28.5 = −15.5 → 11.5
// 2028, default at the start: claims at the end of 2027: bankloan 86, vloan 40.
//       recoveries round(86 × 25%) = 21.50 and round(40 × 25%) = 10.00, total 31.50;
//       lab's cash 11.50 pays first, the market buys assets for 31.50 − 11.50 = 20.00 → cash 0.
//       written off: bank 86 − 21.5 = 64.50, v 40 − 10 = 30 (loans, in deal order: bankloan first);
//       equity at cost, holders in party order: v 10, fund 30.
//       otherdc: lab's 30% share (3) goes to market with the rest: other → v 2, other → market 5 + 3 = 8.
//       lab's build-out, opex, purchase, operations: silent. labloan (lab lends): frozen at 10, no interest.
// (without the default, 2028 would be: −4 interest +1 −10 capex +3 −10 purchase −3 opex +5 = −18 → −6.5)
describe('a default', () => {
  const checks = (r: any) => {
    expect(entries(r).filter((e: string) => e >= '2028')).toEqual([
      '2028 other->v 2.00 capex otherdc',
      '2028 other->market 8.00 capex otherdc',
      '2028 v->market 0.80 cost_of_sales otherdc',
      '2028 market->lab 20.00 asset_sale lab',
      '2028 lab->bank 21.50 recovery bankloan',
      '2028 lab->v 10.00 recovery vloan',
      '2029 other->v 2.00 capex otherdc',
      '2029 other->market 8.00 capex otherdc',
      '2029 v->market 0.80 cost_of_sales otherdc',
    ]);
    expect(r.losses).toEqual([
      { holder: 'bank', obligor: 'lab', period: '2028', amount: '64.50', kind: 'loan' },
      { holder: 'v', obligor: 'lab', period: '2028', amount: '30.00', kind: 'loan' },
      { holder: 'v', obligor: 'lab', period: '2028', amount: '10.00', kind: 'equity' },
      { holder: 'fund', obligor: 'lab', period: '2028', amount: '30.00', kind: 'equity' },
    ]);
    expect(r.parties.lab.series.cash).toEqual(['27.00', '11.50', '0.00', '0.00']);
    expect(r.parties.lab.default_period).toBe('2028');
    expect(r.parties.lab.debt_end).toBe('0.00');
    // two of its four GW were added before its default
    expect(r.parties.lab.gw_online_end).toBe('2');
    // other still owes lab the 10 it drew: frozen on lab's books
    expect(r.parties.other.debt_end).toBe('10.00');
    expect(pair(r, 'lab', 'other').series.loans).toEqual(['10.00', '10.00', '10.00', '10.00']);
    // v: 50 −40 +5 +2 +10 −2 −0.8 −4 = 20.2; +4 −10 +5 +2 +10 −2 −0.8 −4 = 24.4; +10 +2 −0.8 = 35.6; +2 −0.8 = 36.8
    expect(r.parties.v.series.cash).toEqual(['20.20', '24.40', '35.60', '36.80']);
    // bank: 100 − 60 = 40; − 20 = 20; + 21.5 = 41.5. fund: 50 − 30 = 20 throughout.
    expect(r.parties.bank.series.cash).toEqual(['40.00', '20.00', '41.50', '41.50']);
    expect(r.parties.fund.series.cash).toEqual(['20.00', '20.00', '20.00', '20.00']);

    const v = pair(r, 'v', 'lab');
    // v's sales to lab: 5 capex + 10 purchase a year in 2026 and 2027, none after: 30; cost 40% → 12; gross profit 18
    expect([v.revenue, v.gross_profit, v.financed_revenue]).toEqual(['30.00', '18.00', '30.00']);
    expect(v.series.revenue).toEqual(['15.00', '15.00', '0.00', '0.00']);
    // earmarked: 40 (2026) + 10 (2027); financed min(15, 40) = 15, then min(30, 50) = 30: +15
    expect(v.series.financed_revenue).toEqual(['15.00', '15.00', '0.00', '0.00']);
    // position: −40 draw; +4 interest −10 equity = −6; +10 recovery; 0
    expect(v.series.position_flows).toEqual(['-40.00', '-6.00', '10.00', '0.00']);
    expect(v.series.loans).toEqual(['40.00', '40.00', '0.00', '0.00']);
    expect(v.series.equity_cost).toEqual(['0.00', '10.00', '0.00', '0.00']);
    // stake 10 / 400 = 2.5%, worth nothing from the default on
    expect([v.stake_end, v.equity_value_end, v.terminal_value, v.loss]).toEqual(['0.025000', '0.00', '0.00', '40.00']);
    // moic (4 + 10) / (40 + 10) = 0.28; all-in 18 + 14 + 0 − 50 = −18
    expect([v.moic, v.all_in]).toEqual(['0.280000', '-18.00']);

    const bank = pair(r, 'bank', 'lab');
    expect(bank.series.loans).toEqual(['60.00', '86.00', '0.00', '0.00']);
    expect(bank.series.position_flows).toEqual(['-60.00', '-20.00', '21.50', '0.00']);
    // moic 21.5 / 80 = 0.26875
    expect([bank.loss, bank.terminal_value, bank.moic, bank.all_in]).toEqual(['64.50', '0.00', '0.268750', '-58.50']);

    const fund = pair(r, 'fund', 'lab');
    // fund's 10% diluted by v's 2.5%: 10% × 0.975 = 9.75%
    expect([fund.stake_end, fund.equity_value_end, fund.loss, fund.moic, fund.irr]).toEqual(['0.097500', '0.00', '30.00', '0.000000', null]);
  };

  it('as an event: recovers, sells assets, writes off and silences the defaulter', () => {
    checks(result(BY_EVENT));
  });

  it('through a policy: period t is worked out again without the defaulter, its raises of t undone', () => {
    const r = result(BY_POLICY);
    checks(r);
    // fund's 5 of 2028 was paid in the first pass and undone: it keeps its 20, lab raised nothing
    expect(r.parties.lab.funding_raised).toBe('0.00');
    expect(entries(r, 'equity').filter((e: string) => e.includes('funding'))).toEqual([]);
    // everything but the file name is the same as the event's result
    const e = result(BY_EVENT);
    expect({ ...r, scenario: null }).toEqual({ ...e, scenario: null });
  });

  it('counts the first default only: a policy default before its event wins, and the event is noted', () => {
    const r = result(`${BY_POLICY}events:\n  - {type: default, party: lab, at: 2029}\n`);
    expect(r.parties.lab.default_period).toBe('2028');
    expect(r.notes).toContain('lab defaults in 2028 (its funding policy cannot cover the period), before its default event in 2029, which is ignored');
  });
});

describe('a policy default that brings down another', () => {
  it('works the period out again until no new party defaults', () => {
    // 2026: sup sells lab 6, pays 5 of costs → +1; lab pays 6 + 10 → −16 with no source: lab defaults in 2026.
    // 2026 again without lab: sup loses the 6 and pays its 5 → −5: sup defaults in 2026 too.
    // 2026 a third time: both silent, nothing moves, and each keeps its opening cash of 0.
    const r = result(`stargate: 1
name: cascade
timeline: {start: 2026, end: 2027, step: year}
parties:
  sup: {name: Sup, on_shortfall: default}
  lab: {name: Lab, on_shortfall: default}
operations:
  sup: {costs: 5}
  lab: {costs: 10}
deals:
  - {id: buy, type: purchase, buyer: lab, seller: sup, amount: 6}
`);
    expect([r.parties.sup.default_period, r.parties.lab.default_period]).toEqual(['2026', '2026']);
    expect(r.ledger).toEqual([]);
    expect([r.parties.sup.ending_cash, r.parties.lab.ending_cash]).toEqual(['0.00', '0.00']);
  });

  it('lets an allow party go negative and never a default party', () => {
    // a (allow) and b (default) each pay 10 of costs from 4: a ends 2026 at −6; b defaults in 2026 and pays nothing.
    const r = result(`stargate: 1
name: allow
timeline: {start: 2026, end: 2026, step: year}
parties:
  a: {name: A, cash: 4, on_shortfall: allow}
  b: {name: B, cash: 4, on_shortfall: default}
operations:
  a: {costs: 10}
  b: {costs: 10}
`);
    expect([r.parties.a.ending_cash, r.parties.a.default_period, r.parties.b.ending_cash, r.parties.b.default_period]).toEqual(['-6.00', null, '4.00', '2026']);
  });
});

describe('silence', () => {
  it('stops the draws and tranches tied to a defaulter\'s build-out, even between other parties', () => {
    // lab's build-out adds 1 GW a year; bank lends other 2 per GW of it and fund buys other's shares for 1 per GW.
    // lab defaults in 2027: from 2027 no GW, so no draw and no tranche, though other, bank and fund are sound.
    const r = result(`stargate: 1
name: tied
timeline: {start: 2026, end: 2027, step: year}
parties:
  bank: {name: Bank, cash: 100}
  fund: {name: Fund, cash: 100}
  lab: {name: Lab}
  other: {name: Other}
buildouts:
  labdc: {operator: lab, gw: 1, capex_per_gw: 0}
deals:
  - {id: loan, type: credit_line, lender: bank, borrower: other, limit: 10, draws: {buildout: labdc, per_gw: 2}, rate: 0%}
  - {id: tr, type: equity, investor: fund, issuer: other, tranches: {buildout: labdc, per_gw: 1}, pre_money: 99}
events:
  - {type: default, party: lab, at: 2027}
`);
    expect(entries(r)).toEqual(['2026 fund->other 1.00 equity tr', '2026 bank->other 2.00 loan_draw loan']);
  });

  it('leaves a defaulted lender\'s claim frozen and gives it nothing when its borrower defaults later', () => {
    // bank lends co 100 in 2026 at 10% (pay) with 50% recovery; bank defaults in 2027, co in 2028.
    // 2027: bank is silent: no interest is paid to it; the loan stays at 100.
    // 2028: co defaults; its lender defaulted earlier and recovers nothing: all 100 written off, no asset sale.
    const r = result(`stargate: 1
name: frozen
timeline: {start: 2026, end: 2028, step: year}
parties:
  bank: {name: Bank, cash: 100}
  co: {name: Co, cash: 50, recovery_rate: 50%}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 100, draws: {2026: 100}, rate: 10%}
events:
  - {type: default, party: bank, at: 2027}
  - {type: default, party: co, at: 2028}
`);
    expect(entries(r)).toEqual(['2026 bank->co 100.00 loan_draw l']);
    expect(r.exposures[0].series.loans).toEqual(['100.00', '100.00', '0.00']);
    expect(r.losses).toEqual([{ holder: 'bank', obligor: 'co', period: '2028', amount: '100.00', kind: 'loan' }]);
  });

  it('lets a lender that defaults in the same period recover, unlike one that defaulted earlier', () => {
    // 2026: bank lends co 100, dep lends bank 50. Cash: bank 100 − 100 + 50 = 50; co 10 + 100 = 110; dep 50.
    // 2027: bank and co both default at the start, settled in party order:
    //   bank: dep's claim 50 × 50% = 25, from bank's cash (50 → 25); dep loses 25.
    //   co: bank's claim 100 × 40% = 40, from co's cash (110 → 70); bank, defaulted in this same period and
    //   not earlier, receives it (25 → 65) and loses 60.
    const r = result(`stargate: 1
name: same period
timeline: {start: 2026, end: 2027, step: year}
parties:
  bank: {name: Bank, cash: 100, recovery_rate: 50%}
  co: {name: Co, cash: 10, recovery_rate: 40%}
  dep: {name: Dep, cash: 100}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 100, draws: {2026: 100}, rate: 0%}
  - {id: d, type: credit_line, lender: dep, borrower: bank, limit: 50, draws: {2026: 50}, rate: 0%}
events:
  - {type: default, party: co, at: 2027}
  - {type: default, party: bank, at: 2027}
`);
    expect(entries(r, 'recovery')).toEqual(['2027 bank->dep 25.00 recovery d', '2027 co->bank 40.00 recovery l']);
    expect(r.losses).toEqual([
      { holder: 'dep', obligor: 'bank', period: '2027', amount: '25.00', kind: 'loan' },
      { holder: 'bank', obligor: 'co', period: '2027', amount: '60.00', kind: 'loan' },
    ]);
    expect([r.parties.bank.series.cash, r.parties.co.series.cash, r.parties.dep.series.cash]).toEqual([['50.00', '65.00'], ['110.00', '70.00'], ['50.00', '75.00']]);
  });

  it('defaults in the first period with nothing to recover', () => {
    // claims at the end of "t − 1" are zero before the first period: no recovery, no asset sale, no loss
    const r = result(`stargate: 1
name: first
timeline: {start: 2026, end: 2026, step: year}
parties:
  bank: {name: Bank, cash: 100}
  co: {name: Co, recovery_rate: 50%}
deals:
  - {id: l, type: credit_line, lender: bank, borrower: co, limit: 100, draws: 100, rate: 10%}
events:
  - {type: default, party: co, at: 2026}
`);
    expect([r.ledger, r.losses, r.parties.co.default_period]).toEqual([[], [], '2026']);
  });
});
