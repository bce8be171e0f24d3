// Section 9: extends (recursive merge, deals by id, remove, cycles) and --set.
import { describe, expect, it } from 'vitest';
import { model, problems } from './helpers.js';
import { formatCents } from '../src/money/decimal.js';

const base = `stargate: 1
name: Base
timeline: {start: 2026, end: 2027, step: year}
discount_rate: 10%
parties:
  v: {name: Vendor, cash: 50B, valuation: {2026: 100B, 2027: 200B}}
  l: {name: Lab, cash: 10B}
deals:
  - {id: loan, type: credit_line, lender: v, borrower: l, limit: 10B, draws: {2026: 4B}, rate: 5%}
  - {id: buy, type: purchase, buyer: l, seller: v, amount: 1B}
`;

describe('extends', () => {
  it('merges maps key by key and replaces series maps whole', () => {
    const m = model(
      `stargate: 1\nextends: base.yaml\nname: Child\nparties:\n  v: {cash: 60B, valuation: {2026: 300B}}\n`,
      [],
      { 'base.yaml': base },
    );
    expect(m.name).toBe('Child');
    expect(m.parties.map((p) => [p.id, p.name, formatCents(p.cash)])).toEqual([
      ['v', 'Vendor', '60000000000.00'],
      ['l', 'Lab', '10000000000.00'],
    ]);
    // the child's valuation map replaces the base's: 300B holds through 2027
    expect(m.parties[0]!.valuation!.map((d) => d.toFixed())).toEqual(['300000000000', '300000000000']);
  });

  it('merges deals by id, appends new ones and removes with remove: true', () => {
    const m = model(
      `stargate: 1
extends: ./base.yaml
name: Child
deals:
  - {id: loan, rate: 7%}
  - {id: buy, remove: true}
  - {id: stake, type: equity, investor: v, issuer: l, amount: 1B, date: 2027, stake: 1%}
`,
      [],
      { 'base.yaml': base },
    );
    expect(m.deals.map((d) => `${d.kind}:${d.id}`)).toEqual(['credit_line:loan', 'equity:stake']);
    const loan = m.deals[0]!;
    expect(loan.kind === 'credit_line' && (loan.rate[0]!.num * 100n) / loan.rate[0]!.den).toBe(7n);
  });

  it('follows chains relative to each file', () => {
    const m = model(`stargate: 1\nextends: sub/mid.yaml\nname: Top\n`, [], {
      'sub/mid.yaml': `stargate: 1\nextends: ../base.yaml\nname: Mid\ntimeline: {start: 2026, end: 2028, step: year}\n`,
      'base.yaml': base,
    });
    expect([m.name, m.timeline.labels.join(' ')]).toEqual(['Top', '2026 2027 2028']);
  });

  it('points errors at the file where the bad value was written', () => {
    expect(problems(`stargate: 1\nextends: base.yaml\nname: Child\nparties:\n  l: {cash: lots}\n`, [], { 'base.yaml': base.replace('rate: 5%', 'rate: -5%') })).toEqual([
      's.yaml:5:13: parties.l.cash: expected an amount such as 14B, "$1,250.50", -3.5M or 100_000, got "lots"',
      'base.yaml:9:96: deals.loan.rate: must not be negative, got -5%',
    ]);
    expect(problems(`stargate: 1\nextends: base.yaml\nname: Child\n`, [], { 'base.yaml': base.replace('borrower: l', 'borrower: lab') })).toEqual([
      'base.yaml:9:56: deals.loan.borrower: there is no party "lab"; the parties are v, l',
    ]);
  });

  it('reports a cycle naming the files, and a missing base where it is named', () => {
    expect(problems(`stargate: 1\nextends: a.yaml\nname: S\n`, [], { 'a.yaml': 'stargate: 1\nextends: s.yaml\n' })).toEqual([
      'a.yaml:2:10: extends: the files extend each other in a cycle: s.yaml -> a.yaml -> s.yaml',
    ]);
    expect(problems(`stargate: 1\nextends: nope.yaml\nname: S\n`)).toEqual(['s.yaml:2:10: extends: cannot read nope.yaml: no such file']);
  });

  it('rejects removing a deal that does not exist and deals without ids', () => {
    expect(problems(`stargate: 1\nextends: base.yaml\nname: C\ndeals:\n  - {id: nope, remove: true}\n  - {type: purchase}\n`, [], { 'base.yaml': base })).toEqual([
      's.yaml:5:24: deals.nope: there is no deal "nope" to remove in the scenario this file extends',
      's.yaml:6:5: deals[1]: a deal in a file that extends another needs an id: deals are merged by id',
    ]);
  });
});

describe('--set', () => {
  it('overrides values after merging, with the file syntax', () => {
    const m = model(base, ['parties.l.cash=30B', 'deals.loan.rate=6%', 'timeline.step=quarter', 'parties.v.valuation={2026: 5B}']);
    expect(formatCents(m.parties[1]!.cash)).toBe('30000000000.00');
    const loan = m.deals[0]!;
    expect(loan.kind === 'credit_line' && (loan.rate[0]!.num * 100n) / loan.rate[0]!.den).toBe(6n);
    expect(m.timeline.count).toBe(8);
    expect(m.parties[0]!.valuation![7]!.toFixed()).toBe('5000000000');
  });

  it('can set a single key of a series and add a field', () => {
    const m = model(base, ['deals.loan.draws.2027=1B', 'parties.l.discount_rate=8%']);
    const loan = m.deals[0]!;
    expect(loan.kind === 'credit_line' && loan.draws.map(formatCents)).toEqual(['4000000000.00', '1000000000.00']);
    expect(m.parties[1]!.discountRate!.toFixed()).toBe('0.08');
  });

  it('locates its errors at --set:N:COLUMN', () => {
    expect(problems(base, ['parties.l.cash=30B', 'parties.l.cash=30b'])).toEqual([
      '--set:2:16: parties.l.cash: expected an amount such as 14B, "$1,250.50", -3.5M or 100_000, got "30b"; the suffix is upper-case: B',
    ]);
    expect(problems(base, ['deals.lona.rate=1%'])).toEqual(['--set:1:1: deals.lona.rate: deals has no item "lona"; the ids are loan, buy']);
    expect(problems(base, ['name.x=1'])).toEqual(['--set:1:1: name.x: name is "Base", not a map, so it has no field "x"']);
    expect(problems(base, ['nonsense'])).toEqual(['--set:1:1: expected PATH=VALUE (e.g. parties.openai.cash=30B), got "nonsense"']);
    expect(problems(base, ['parties.l.cahs=1B'])).toEqual(['--set:1:1: parties.l.cahs: "cahs" is not a field here; did you mean "cash"?']);
  });
});
