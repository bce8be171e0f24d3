// Section 8: every invalid scenario gets every problem, located, in one format.
// Each reproducer test/errors/NAME.yaml has its exact expected stderr in NAME.err.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { fsReader } from '../src/cli/reader.js';
import { formatProblem } from '../src/scenario/problems.js';
import { ROOT, memReader, model, problems } from './helpers.js';
import { DEAL_TYPES } from '../src/deals/registry.js';

const dir = join(ROOT, 'test', 'errors');
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('error reproducers (golden messages)', () => {
  it.each(cases)('%s', (name) => {
    process.chdir(ROOT);
    const file = `test/errors/${name}`;
    const r = loadScenario(file, fsReader);
    expect(r.ok).toBe(false);
    const got = r.ok ? '' : r.problems.map((p) => `${formatProblem(p)}\n`).join('');
    expect(got).toBe(readFileSync(join(dir, name.replace(/\.yaml$/, '.err')), 'utf8'));
  });
});

describe('messages the spec names', () => {
  it('suggests the field for a typo', () => {
    expect(readFileSync(join(dir, 'typo-key.err'), 'utf8')).toContain('test/errors/typo-key.yaml:4:1: dicount_rate: "dicount_rate" is not a field here; did you mean "discount_rate"?');
  });

  it('lists every mistake of a file in one run', () => {
    const lines = readFileSync(join(dir, 'many.err'), 'utf8').trim().split('\n');
    // five mistakes of four kinds: a bad enum, a typo'd key, a bad amount, a negative rate, an unknown party
    expect(lines.map((l) => l.split(': ')[1])).toEqual(['timeline.step', 'parties.nvidia.gros_margin', 'parties.openai.cash', 'deals.credit.rate', 'deals.buy.buyer']);
  });

  it('stops an alias bomb fast', () => {
    const t0 = performance.now();
    const r = loadScenario(join(dir, 'alias-bomb.yaml'), fsReader);
    expect(r.ok).toBe(false);
    // not a timing claim about the product, only a guard that expansion is not exponential
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('rejects a file that is too large before parsing it', () => {
    const big = `stargate: 1\n# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    expect(problems(big)).toEqual(['s.yaml:1:1: the file is 5242895 bytes; a scenario file may be at most 4194304 bytes']);
  });

  it('rejects invalid UTF-8', () => {
    const r = loadScenario('x.yaml', { read: () => new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), resolve: (_f, r) => r });
    expect(r.ok ? [] : r.problems.map((p) => formatProblem(p))).toEqual(['x.yaml:1:1: the file is not valid UTF-8; a scenario is a UTF-8 YAML file']);
  });

  it('rejects a file that is not a map', () => {
    expect(problems('- a\n- b\n')).toEqual(['s.yaml:1:1: a scenario file is a map with stargate, name, timeline and parties']);
  });

  it('names missing required fields', () => {
    expect(problems('stargate: 1\nname: x\n')).toEqual([
      's.yaml:1:1: the field "timeline" is missing ({start, end, step})',
      's.yaml:1:1: the field "parties" is missing (the parties, by id)',
    ]);
  });

  it('reserves the market id', () => {
    expect(problems('stargate: 1\nname: x\ntimeline: {start: 2026, end: 2026, step: year}\nparties:\n  market: {name: M}\n  a: {name: A}\n')).toEqual([
      's.yaml:5:3: parties.market: "market" is reserved: it stands for everyone outside the scenario and has no entry of its own',
    ]);
  });

  it('checks equity pricing and schedule rules', () => {
    const base = 'stargate: 1\nname: x\ntimeline: {start: 2026, end: 2027, step: year}\nparties: {a: {name: A}, b: {name: B}}\n';
    expect(problems(`${base}deals:\n  - {id: e, type: equity, investor: a, issuer: b, amount: 1B, date: 2026}\n`)).toEqual([
      's.yaml:6:5: deals.e: give exactly one of post_money, pre_money or stake',
    ]);
    expect(problems(`${base}deals:\n  - {id: e, type: equity, investor: a, issuer: b, amount: 1B, date: 2026, stake: 2%, pre_money: 9B}\n`)).toEqual([
      's.yaml:6:5: deals.e: give exactly one of post_money, pre_money or stake, not pre_money and stake',
    ]);
    expect(problems(`${base}deals:\n  - {id: e, type: equity, investor: a, issuer: b, amount: 10B, date: 2026, post_money: 5B}\n`)).toEqual([
      's.yaml:6:88: deals.e.post_money: the post-money value 5000000000 is below the amount invested 10000000000; the stake would be above 100%',
    ]);
    expect(problems(`${base}deals:\n  - {id: e, type: equity, investor: a, issuer: a, amount: 1B, date: 2030, stake: 1%}\n`)).toEqual([
      's.yaml:6:48: deals.e.issuer: the investor and issuer are the same party ("a")',
      's.yaml:6:69: deals.e.date: 2030 is outside the timeline (2026 to 2027)',
    ]);
  });

  it('reports unknown deal types and fields with suggestions', () => {
    const base = 'stargate: 1\nname: x\ntimeline: {start: 2026, end: 2027, step: year}\nparties: {a: {name: A}, b: {name: B}}\n';
    expect(problems(`${base}deals:\n  - {id: p, type: purchse, buyer: a, seller: b, amount: 1B}\n  - {id: q, type: purchase, buyer: a, seler: b, amount: 1B}\n`)).toEqual([
      `s.yaml:6:19: deals.p.type: expected a deal type: ${Object.keys(DEAL_TYPES).join(', ')}; got "purchse"; did you mean "purchase"?`,
      's.yaml:7:5: deals.q: the field "seller" is missing (party that is paid)',
      's.yaml:7:39: deals.q.seler: "seler" is not a field here; did you mean "seller"?',
    ]);
  });
});

describe('warnings of funding policies and default events (financing-and-default.md)', () => {
  const warnings = (text: string) => {
    const r = loadScenario('s.yaml', memReader({ 's.yaml': text }));
    expect(r.ok).toBe(true);
    return r.warnings.map((w) => formatProblem(w, 'warning'));
  };
  const base = 'stargate: 1\nname: x\ntimeline: {start: 2026, end: 2028, step: year}\nparties:\n  bank: {name: Bank}\n  lab: {name: Lab}\n';

  it('ignores a second default event of a party, pointing at it', () => {
    // the default of 2027 (written second) comes first; the one of 2028 (written first, line 8) is ignored
    const text = `${base}events:\n  - {type: default, party: lab, at: 2028}\n  - {type: default, party: lab, at: 2027}\n`;
    expect(warnings(text)).toEqual(['s.yaml:8:5: events[0]: warning: lab already defaults in 2027; a party defaults at most once, so this event is ignored']);
    expect(model(text).events.map(({ party, at }) => ({ party, at }))).toEqual([{ party: 1, at: 1 }]);
  });

  it('warns of an on-demand credit line that no policy names', () => {
    const text = `${base}deals:\n  - {id: rev, type: credit_line, lender: bank, borrower: lab, limit: 10, draws: on_demand, rate: 5%}\n`;
    expect(warnings(text)).toEqual([
      's.yaml:8:5: deals.rev.draws: warning: credit line rev draws on demand, but no funding policy of lab names it: it never lends (add {source: credit, deal: rev} to parties.lab.funding)',
    ]);
  });
});
