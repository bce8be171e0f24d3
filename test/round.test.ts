// instruments.md, "round": one priced round, several investors at one price, worked by hand.
import { describe, expect, it } from 'vitest';
import { model, result } from './helpers.js';
import { run } from '../src/engine/engine.js';

const entries = (r: any, kind?: string) => r.ledger.filter((e: any) => !kind || e.kind === kind).map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`);
const pair = (r: any, h: string, o: string) => r.exposures.find((x: any) => x.holder === h && x.obligor === o);

const HEAD = `stargate: 1
name: round
timeline: {start: 2026, end: 2028, step: year}
parties:
  lab: {name: Lab, valuation: 200B}
  a: {name: A, cash: 100B}
  b: {name: B, cash: 100B}
  c: {name: C, cash: 100B}
`;

describe('a priced round', () => {
  it('sells every investor its amount / post-money and dilutes the earlier holders once, by pre / post', () => {
    // 2026: a buys 10% (stake given)
    // 2027: pre 60B, investors b 30B, c 6B, a 4B: A = 40B, P = 100B
    //   b 30/100 = 30%, c 6/100 = 6%, a 4/100 = 4% new + 10% × 60/100 = 6% → 10%
    // ownership sold = 1 − 0.9 × 0.6 = 0.46 (the round one step of A/P = 40%)
    const r = result(`${HEAD}deals:
  - {id: seed, type: equity, investor: a, issuer: lab, amount: 10B, date: 2026, stake: 10%}
  - {id: r, type: round, issuer: lab, date: 2027, pre_money: 60B, investors: {b: 30B, c: 6B, a: 4B}}
`);
    // in the order written, each with the round's id as its source
    expect(entries(r, 'equity')).toEqual([
      '2026 a->lab 10000000000.00 equity seed',
      '2027 b->lab 30000000000.00 equity r',
      '2027 c->lab 6000000000.00 equity r',
      '2027 a->lab 4000000000.00 equity r',
    ]);
    expect(pair(r, 'a', 'lab').stake_end).toBe('0.100000');
    expect(pair(r, 'b', 'lab').stake_end).toBe('0.300000');
    expect(pair(r, 'c', 'lab').stake_end).toBe('0.060000');
    expect(r.parties.lab.ownership_sold).toBe('0.460000');
    // each investor → issuer is a pair: c's 6% of the 200B valuation at the end, its 6B at cost
    expect(pair(r, 'c', 'lab').equity_cost_end).toBe('6000000000.00');
    expect(pair(r, 'c', 'lab').equity_value_end).toBe('12000000000.00');
  });

  it('takes a post-money as pre = post − the total', () => {
    // post 50B, total 10B + 15B = 25B → pre 25B; a 10/50 = 20%, b 15/50 = 30%
    const r = result(`${HEAD}deals:
  - {id: r, type: round, issuer: lab, date: 2026, post_money: 50B, investors: {a: 10B, b: 15B}}
`);
    expect(pair(r, 'a', 'lab').stake_end).toBe('0.200000');
    expect(pair(r, 'b', 'lab').stake_end).toBe('0.300000');
    expect(r.parties.lab.ownership_sold).toBe('0.500000');
  });

  it('gives the stakes of equity deals chained at one price, to every digit', () => {
    // 20/(730+100) = 20/750 × 750/800 × 800/830: the bundled equity-20b's round, written both ways
    const parties = `parties: {o: {name: O}, n: {name: N}, m: {name: M}, s: {name: S}}
deals:
`;
    const head = 'stargate: 1\nname: x\ntimeline: {start: 2026-Q1, end: 2026-Q4, step: quarter}\n';
    const chained = run(model(`${head}${parties}  - {id: n, type: equity, investor: n, issuer: o, amount: 20B, date: 2026-Q1, pre_money: 730B}
  - {id: m, type: equity, investor: m, issuer: o, amount: 50B, date: 2026-Q1, pre_money: 750B}
  - {id: s, type: equity, investor: s, issuer: o, amount: 30B, date: 2026-Q1, pre_money: 800B}
`));
    const once = run(model(`${head}${parties}  - {id: r, type: round, issuer: o, date: 2026-Q1, pre_money: 730B, investors: {n: 20B, m: 50B, s: 30B}}
`));
    const show = (x: typeof once) => x.stakes.map((s) => `${s.holder} ${s.stake.toString()}`);
    expect(show(once)).toEqual(show(chained));
    expect(show(once)[0]).toBe('1 0.02409638554216867469879518072289156626506');
    // 1 − 730/830 = 100/830 = 0.12048192771084337349397590361445783132530…: the chain gets it to 40 digits;
    // the round's one step is 1 − the three stakes, which the engine subtracts from 1 one by one, each
    // subtraction rounded to 40 digits, so it may be off by one in the 40th (…3254), far below any printed place
    expect(chained.ownershipSold[0]!.toString()).toBe('0.1204819277108433734939759036144578313253');
    expect(once.ownershipSold[0]!.minus(chained.ownershipSold[0]!).abs().lessThanOrEqualTo('1e-40')).toBe(true);
    expect(once.ownershipSold[0]!.toFixed(30)).toBe(chained.ownershipSold[0]!.toFixed(30));
  });

  it("earmarks each investor's money on its own: a vendor's part counts as financed revenue, another's does not", () => {
    // v invests 3B earmarked for itself, a 5B earmarked for v too; the lab buys 4B from v the same year.
    // v → lab: financed revenue min(4B, 3B) = 3B; a's earmark is for v, not for a, so a → lab has none
    const r = result(`stargate: 1
name: earmark
timeline: {start: 2026, end: 2026, step: year}
parties: {lab: {name: Lab}, v: {name: V, cash: 10B}, a: {name: A, cash: 10B}}
deals:
  - {id: r, type: round, issuer: lab, date: 2026, pre_money: 92B, investors: {v: 3B, a: 5B}, use_of_proceeds: {v: v, a: v}}
  - {id: buy, type: purchase, buyer: lab, seller: v, amount: 4B}
`);
    expect(pair(r, 'v', 'lab').financed_revenue).toBe('3000000000.00');
    expect(pair(r, 'v', 'lab').circular_share).toBe('0.750000');
    expect(pair(r, 'a', 'lab').financed_revenue).toBe('0.00');
  });

  it('does not happen once the issuer has defaulted', () => {
    const r = result(`${HEAD}deals:
  - {id: r, type: round, issuer: lab, date: 2027, pre_money: 60B, investors: {a: 30B, b: 10B}}
events:
  - {type: default, party: lab, at: 2027}
`);
    expect(entries(r, 'equity')).toEqual([]);
    expect(pair(r, 'a', 'lab').stake_end).toBe('0.000000');
    expect(r.parties.lab.ownership_sold).toBe('0.000000');
  });

  it('goes ahead without a defaulted investor, at the same pre-money', () => {
    // b defaulted in 2026; in 2027 a and c pay: A = 30B + 6B = 36B at the same 60B pre-money, P = 96B
    // a 30/96 = 31.25%, c 6/96 = 6.25%, ownership sold 36/96 = 37.5%
    const r = result(`${HEAD}deals:
  - {id: r, type: round, issuer: lab, date: 2027, pre_money: 60B, investors: {a: 30B, b: 10B, c: 6B}}
events:
  - {type: default, party: b, at: 2026}
`);
    expect(entries(r, 'equity')).toEqual(['2027 a->lab 30000000000.00 equity r', '2027 c->lab 6000000000.00 equity r']);
    expect(pair(r, 'a', 'lab').stake_end).toBe('0.312500');
    expect(pair(r, 'c', 'lab').stake_end).toBe('0.062500');
    expect(pair(r, 'b', 'lab').equity_cost_end).toBe('0.00');
    expect(r.parties.lab.ownership_sold).toBe('0.375000');
  });

  it('writes off what each investor paid when the issuer defaults later', () => {
    const r = result(`${HEAD}deals:
  - {id: r, type: round, issuer: lab, date: 2026, pre_money: 60B, investors: {a: 30B, b: 10B}}
events:
  - {type: default, party: lab, at: 2028}
`);
    expect(r.losses.map((l: any) => `${l.holder}->${l.obligor} ${l.amount} ${l.kind}`)).toEqual(['a->lab 30000000000.00 equity', 'b->lab 10000000000.00 equity']);
  });

  it('takes --set on one investor, and a file that extends it replaces the investors whole', () => {
    const base = `${HEAD}deals:
  - {id: r, type: round, issuer: lab, date: 2026, pre_money: 60B, investors: {a: 30B, b: 10B}}
`;
    // a 40B, b 10B: P = 110B
    const set = result(base, ['deals.r.investors.a=40B']);
    expect(entries(set, 'equity')).toEqual(['2026 a->lab 40000000000.00 equity r', '2026 b->lab 10000000000.00 equity r']);
    const child = model(`stargate: 1
extends: base.yaml
name: child
deals:
  - {id: r, investors: {c: 20B}}
`, [], { 'base.yaml': base });
    expect(run(child).entries.map((e) => `${e.from}->${e.to} ${e.amount}`)).toEqual(['3->0 2000000000000']);
  });
});

describe('the worked round of docs/format.md', () => {
  const text = (events: string) => `stargate: 1
name: feb
timeline: {start: 2026-Q1, end: 2026-Q4, step: quarter}
parties: {openai: {name: OpenAI}, nvidia: {name: NVIDIA, cash: 100B}, amazon: {name: Amazon, cash: 100B}, softbank: {name: SoftBank, cash: 100B}}
deals:
  - {id: feb-2026, type: round, issuer: openai, date: 2026-Q1, pre_money: 730B, investors: {nvidia: 20B, amazon: 50B, softbank: 30B}}
${events}`;

  it('prices every investor at 730 + 100 = $830B', () => {
    // 20/830 = 2.4096%, 50/830 = 6.0241%, 30/830 = 3.6145%; sold 100/830 = 12.0482%
    const r = result(text(''));
    expect(['nvidia', 'amazon', 'softbank'].map((p) => pair(r, p, 'openai').stake_end)).toEqual(['0.024096', '0.060241', '0.036145']);
    expect(r.parties.openai.ownership_sold).toBe('0.120482');
  });

  it('goes ahead without SoftBank at the same pre-money once it has defaulted', () => {
    // A' = 20 + 50 = 70B, P = 800B: NVIDIA 20/800 = 2.5%, Amazon 50/800 = 6.25%; sold 70/800 = 8.75%
    const r = result(text('events:\n  - {type: default, party: softbank, at: 2026-Q1}\n'));
    expect(['nvidia', 'amazon', 'softbank'].map((p) => pair(r, p, 'openai').stake_end)).toEqual(['0.025000', '0.062500', '0.000000']);
    expect(r.parties.openai.ownership_sold).toBe('0.087500');
  });
});
