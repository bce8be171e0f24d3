// Bad inputs from a security review: each one must end in located errors
// (exit 1, or 2 for usage), never an internal error, a crash or a hang.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../src/scenario/tree.js';
import { parsePeriod } from '../src/scenario/periods.js';
import { cli, model, problems, result } from './helpers.js';
import { DEAL_TYPES } from '../src/deals/registry.js';

const base = `stargate: 1
name: x
timeline: {start: 2026, end: 2027, step: year}
parties:
  lab: {name: Lab, cash: 1B}
  v: {name: V}
deals:
  - {id: credit, type: credit_line, lender: v, borrower: lab, limit: 1B, draws: 1B, rate: 5%}
`;

/** Keys that name properties every plain JavaScript object has. */
const BUILT_INS = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'];

describe('keys named after built-in object properties', () => {
  it.each(BUILT_INS)('%s is an unknown field at the top, in a party, a deal and a distribution', (key) => {
    expect(problems(`${base}${key}: 1\n`)).toEqual([`s.yaml:9:1: ${key}: "${key}" is not a field here; the fields are stargate, name, description, sources, extends, timeline, discount_rate, parties, buildouts, operations, deals, events, uncertain`]);
    expect(problems(base.replace('cash: 1B}', `cash: 1B, ${key}: 1}`))).toEqual([
      `s.yaml:5:30: parties.lab.${key}: "${key}" is not a field here; the fields are name, cash, discount_rate, gross_margin, valuation, recovery_rate, share_price, shares_outstanding, min_cash, funding, on_shortfall`,
    ]);
    expect(problems(base.replace('rate: 5%}', `rate: 5%, ${key}: 1}`))[0]).toMatch(new RegExp(`^s\\.yaml:8:\\d+: deals\\.credit\\.${key}: "${key}" is not a field here; the fields are id, type, `));
    expect(problems(`${base}uncertain:\n  parties.lab.cash: {dist: uniform, min: 1B, max: 2B, ${key}: 1}\n`)).toEqual([
      `s.yaml:10:55: uncertain.parties.lab.cash.${key}: "${key}" is not a field here; the fields are dist, min, max`,
    ]);
  });

  it.each(BUILT_INS)('%s is not a deal type, a distribution or a repayment type', (key) => {
    expect(problems(base.replace('type: credit_line', `type: ${key}`))).toEqual([
      `s.yaml:8:24: deals.credit.type: expected a deal type: ${Object.keys(DEAL_TYPES).join(', ')}; got "${key}"`,
    ]);
    expect(problems(`${base}uncertain:\n  parties.lab.cash: {dist: ${key}}\n`)).toEqual([
      `s.yaml:10:28: uncertain.parties.lab.cash.dist: expected a distribution type: uniform, triangular, pert, normal, lognormal; got "${key}"`,
    ]);
    expect(problems(base.replace('rate: 5%}', `rate: 5%, repayment: {type: ${key}}}`))[0]).toMatch(/: deals\.credit\.repayment\.type: expected a repayment type: bullet, amortizing; got /);
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('14%s is not an amount suffix', (suffix) => {
    expect(problems(base.replace('cash: 1B', `cash: 14${suffix}`))).toEqual([
      `s.yaml:5:26: parties.lab.cash: expected an amount such as 14B, "$1,250.50", -3.5M or 100_000, got "14${suffix}"; the suffixes are K, M, B and T`,
    ]);
  });

  it.each(BUILT_INS)('--set %s=1 is an unknown field, located at the --set', (key) => {
    expect(problems(base, [`${key}=1`])[0]).toMatch(new RegExp(`^--set:1:1: ${key}: "${key}" is not a field here; `));
    expect(problems(base, [`parties.lab.${key}=1`])[0]).toMatch(new RegExp(`^--set:1:1: parties\\.lab\\.${key}: "${key}" is not a field here; `));
  });

  it('--vary constructor=... fails with located errors, exit 1', () => {
    const r = cli(['sweep', 'test/examples/equity-basic.yaml', '--vary', 'constructor=1,2', '--metric', 'lab.min_cash']);
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^--vary:1:13: constructor: "constructor" is not a field here; /);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('inputs without a size', () => {
  const tooBig = `the file is more than ${MAX_FILE_BYTES} bytes; a scenario file may be at most ${MAX_FILE_BYTES} bytes`;
  // a timeout, so that a reader that never stops fails the test instead of filling the memory
  const limited = { timeout: 10_000 };

  it.each(['/dev/zero', '/dev/urandom'])('stops reading %s at the size limit', (dev) => {
    const r = cli(['validate', dev], limited);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `${dev}:1:1: ${tooBig}\n`]);
  });

  it('stops reading a base file without a size at the limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-hostile-'));
    writeFileSync(join(dir, 'child.yaml'), 'stargate: 1\nextends: /dev/zero\n');
    const r = cli(['validate', join(dir, 'child.yaml')], limited);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `/dev/zero:1:1: ${tooBig}\n`]);
  });

  /** Run `body` on a FIFO in a temporary folder that a shell command writes into; the writer is ended after. */
  const withFifo = <T>(feed: string, body: (fifo: string) => T): T => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-fifo-'));
    const fifo = join(dir, 'in.yaml');
    writeFileSync(join(dir, 'base.yaml'), base);
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `${feed} > in.yaml`], { cwd: dir, stdio: 'ignore' });
    try {
      return body(fifo);
    } finally {
      writer.kill('SIGKILL');
    }
  };

  it('stops reading a FIFO fed without end at the size limit', () => {
    const r = withFifo('exec yes', (fifo) => cli(['validate', fifo], limited));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^/.*/in\\.yaml:1:1: ${tooBig}\\n$`));
  });

  it('still reads a short FIFO to its end', () => {
    const r = withFifo('exec cat base.yaml', (fifo) => cli(['validate', fifo], limited));
    expect([r.status, r.stderr]).toEqual([0, '']);
  });
});

describe('years outside 1900 to 2200', () => {
  const hint = 'a period label: YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM, years 1900 to 2200 (e.g. 2026, 2026-H2, 2026-Q3, 2026-07)';
  const withTimeline = (t: string): string => base.replace('{start: 2026, end: 2027, step: year}', t);

  it('are not period labels', () => {
    for (const label of ['0998', '0999-01', '1899', '1899-Q4', '2201', '2201-H1', '9999', '0000']) expect(parsePeriod(label), label).toBeUndefined();
    for (const label of ['1900', '1900-01', '2200-12', '2200-Q4']) expect(parsePeriod(label), label).toBeDefined();
  });

  it('are rejected, located, in the timeline, series keys, deal dates and --set', () => {
    expect(problems(withTimeline('{start: 0998, end: 0999, step: year}'))).toEqual([
      `s.yaml:3:19: timeline.start: expected ${hint}, got 0998`,
      `s.yaml:3:30: timeline.end: expected ${hint}, got 0999`,
    ]);
    expect(problems(base.replace('cash: 1B}', 'cash: 1B, valuation: {1899-12: 5B}}'))).toEqual([
      `s.yaml:5:42: parties.lab.valuation.1899-12: expected ${hint} as key, got "1899-12"`,
    ]);
    expect(problems(base.replace('rate: 5%}', 'rate: 5%, repayment: {type: bullet, at: 2201}}'))[0]).toBe(
      `s.yaml:8:125: deals.credit.repayment.at: expected ${hint}, got 2201`,
    );
    expect(problems(base, ['timeline.end=0999-12'])).toEqual([`--set:1:14: timeline.end: expected ${hint}, got "0999-12"`]);
  });

  it('1900 and 2200 are the first and last years a model can run', () => {
    expect(result(withTimeline('{start: 1900, end: 1901-Q1, step: quarter}')).scenario.timeline.periods).toEqual(['1900-Q1', '1900-Q2', '1900-Q3', '1900-Q4', '1901-Q1']);
    expect(result(withTimeline('{start: 2200-11, end: 2200-12, step: month}')).scenario.timeline.periods).toEqual(['2200-11', '2200-12']);
  });
});

describe('format version in every file of an extends chain', () => {
  const child = 'stargate: 1\nextends: base.yaml\nname: Child\n';
  const noVersion = base.replace('stargate: 1\n', '');
  const missing = 'the field "stargate" is missing (format version: 1); every file of an extends chain names its own stargate: 1';

  it('a base without stargate, or with another version, is an error in the base', () => {
    expect(problems(child, [], { 'base.yaml': noVersion })).toEqual([`base.yaml:1:1: ${missing}`]);
    expect(problems(child, [], { 'base.yaml': base.replace('stargate: 1', 'stargate: 2') })).toEqual([
      'base.yaml:1:11: stargate: this file is format version 2; this program reads version 1 (write stargate: 1)',
    ]);
    expect(problems(child, [], { 'base.yaml': base.replace('stargate: 1', 'stargate: "1"') })[0]).toMatch(/^base\.yaml:1:11: stargate: this file is format version "1"; /);
  });

  it('a file that extends another names its own version', () => {
    expect(problems('extends: base.yaml\nname: Child\n', [], { 'base.yaml': base })).toEqual([`s.yaml:1:1: ${missing}`]);
  });

  it('each link of a longer chain is checked', () => {
    expect(problems(child, [], { 'base.yaml': 'extends: root.yaml\nname: Middle\n', 'root.yaml': base })).toEqual([`base.yaml:1:1: ${missing}`]);
    expect(problems(child, [], { 'base.yaml': 'stargate: 1\nextends: root.yaml\n', 'root.yaml': noVersion })).toEqual([`root.yaml:1:1: ${missing}`]);
  });
});

describe('sweep ranges and solve brackets are checked in the unit of the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stargate-range-'));
  const file = join(dir, 's.yaml');
  writeFileSync(file, base);
  const run = (...args: string[]) => cli([args[0]!, file, ...args.slice(1)]);
  const amount = 'expected an amount such as 14B, "$1,250.50", -3.5M or 100_000';
  const pct = (t: string): string => `${amount}, got "${t}"; the suffixes are K, M, B and T`;

  it('a range of percentages is no amount, and an amount no rate', () => {
    const a = run('sweep', '--vary', 'parties.lab.cash=1%..50%:3', '--metric', 'lab.min_cash');
    expect([a.status, a.stdout, a.stderr]).toEqual([1, '', `--vary:1:18: parties.lab.cash: ${pct('1%')}\n--vary:1:22: parties.lab.cash: ${pct('50%')}\n`]);
    const b = run('sweep', '--vary', 'deals.credit.rate=1%..2B:3', '--metric', 'lab.min_cash');
    expect([b.status, b.stdout, b.stderr]).toEqual([1, '', '--vary:1:23: deals.credit.rate: expected a ratio such as 6% or 0.06, got "2B"\n']);
    // as the list form is
    const c = run('sweep', '--vary', 'deals.credit.rate=1%,2B', '--metric', 'lab.min_cash');
    expect([c.status, c.stderr]).toEqual([1, '--vary:1:22: deals.credit.rate: expected a ratio such as 6% or 0.06, got "2B"\n']);
  });

  it('a bad end is located where it is written, and checked before any point is run', () => {
    const r = run('sweep', '--vary', 'deals.credit.rate=1%..-2%:3', '--vary', 'parties.lab.cash=1B,2B', '--metric', 'lab.min_cash');
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', '--vary:1:23: deals.credit.rate: must not be negative, got -2%\n']);
  });

  it('ranges in the unit of the field still run, exactly', () => {
    const r = run('sweep', '--vary', 'deals.credit.rate=1%..3%:3', '--vary', 'parties.lab.cash=1B..2B:2', '--metric', 'lab.min_cash', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).rows.map((x: { inputs: Record<string, string> }) => Object.values(x.inputs).join(' '))).toEqual(['1% 1B', '1% 2B', '2% 1B', '2% 2B', '3% 1B', '3% 2B']);
  });

  it('a tornado range is checked too', () => {
    const r = run('tornado', '--vary', 'parties.lab.cash=1%..50%:2', '--metric', 'lab.min_cash');
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `--vary:1:18: parties.lab.cash: ${pct('1%')}\n`]);
  });

  it('solve --between in another unit is refused', () => {
    const r = run('solve', '--vary', 'parties.lab.cash', '--between', '1%', '50%', '--target', 'lab.min_cash=950000000.3');
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `--between:1:1: parties.lab.cash: ${pct('1%')}\n--between:2:1: parties.lab.cash: ${pct('50%')}\n`]);
    const ok = run('solve', '--vary', 'deals.credit.rate', '--between', '1%', '20%', '--target', 'lab.min_cash=1.9B');
    expect([ok.status, ok.stderr]).toEqual([0, '']);
  });
});

describe('nesting deeper than the limit', () => {
  const deep = 'the file nests deeper than 200 levels; a scenario is far shallower';
  const shapes: [string, (n: number) => string][] = [
    ['flow lists', (n) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['flow maps', (n) => `a: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`],
    ['unclosed flow lists', (n) => `a: ${'['.repeat(n)}`],
    ['compact block lists', (n) => `${'- '.repeat(n)}x\n`],
    ['explicit keys', (n) => `${'? '.repeat(n)}x\n`],
    ['indented maps', (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n'],
    ['indented lists', (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}-`).join('\n') + ' 1\n'],
  ];

  it.each(shapes)('%s: the documented message, located, at 250 and 1,000 levels', (_name, make) => {
    for (const n of [250, 1000]) {
      const got = problems(make(n));
      expect(got, `${n}`).toHaveLength(1);
      expect(got[0], `${n}`).toMatch(new RegExp(`^s\\.yaml:\\d+:\\d+: ${deep}$`));
    }
  });

  it('reports the place where the limit is passed', () => {
    // the map is level 0; the 201st bracket is at column 3 + 201
    expect(problems(`a: ${'['.repeat(1000)}`)).toEqual([`s.yaml:1:204: ${deep}`]);
    expect(problems(Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'))).toEqual([`s.yaml:201:202: ${deep}`]);
  });

  it('200 levels are still read', () => {
    expect(problems(`${base}sources: ${'['.repeat(199)}${']'.repeat(199)}\n`)[0]).toMatch(/^s\.yaml:9:11: sources\[0\]: expected text, got a list$/);
  });

  it('a whole file of brackets fails fast, in a process of its own (deep recursion can abort it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-deep-'));
    const cases = { 'flow.yaml': `a: ${'['.repeat(4_000_000)}`, 'seq.yaml': '- '.repeat(2_000_000), 'both.yaml': `${'- ['.repeat(100_000)}` };
    for (const [name, text] of Object.entries(cases)) writeFileSync(join(dir, name), text);
    const t0 = performance.now();
    const r = cli(['validate', ...Object.keys(cases).map((n) => join(dir, n))], { timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').map((l) => l.replace(/^.*?:\d+:\d+: /, ''))).toEqual([deep, deep, deep]);
    // not a timing claim about the product: a guard against reading 4 MB of brackets level by level
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

describe('control characters', () => {
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

  it('a path to extend with a control character is refused where it is written', () => {
    expect(problems('stargate: 1\nextends: "base.yaml\\0x"\nname: x\n', [], { 'base.yaml': base })).toEqual([
      's.yaml:2:10: extends: "base.yaml\\u0000x" has a control character (U+0000); expected the path of a scenario file, relative to this one',
    ]);
    expect(problems('stargate: 1\nextends: "base\\e[2J.yaml"\n')[0]).toBe('s.yaml:2:10: extends: "base\\u001b[2J.yaml" has a control character (U+001B); expected the path of a scenario file, relative to this one');
  });

  it('and through the CLI, without Node\'s own message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-ctl-'));
    writeFileSync(join(dir, 'base.yaml'), base);
    writeFileSync(join(dir, 'child.yaml'), 'stargate: 1\nextends: "base.yaml\\0x"\n');
    const r = cli(['validate', join(dir, 'child.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${join(dir, 'child.yaml')}:2:10: extends: "base.yaml\\u0000x" has a control character (U+0000); expected the path of a scenario file, relative to this one\n`);
  });

  it('no message prints a control character raw: keys, values, --set paths and file names are escaped', () => {
    const lines = [
      ...problems(`${base}"a\\e[31mb\\x07": 1\n`),
      ...problems(base.replace('name: Lab', 'name: Lab, "c\\u2028": 1')),
      ...problems(base, ['parties.v.cash="\\e[2J"', 'x\u001b[1m=1', 'parties.lab.cash=1\u0007B']),
    ];
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l, JSON.stringify(l)).not.toMatch(RAW);
    expect(lines[0]).toBe('s.yaml:9:1: a\\u001b[31mb\\u0007: "a\\u001b[31mb\\u0007" is not a field here; the fields are stargate, name, description, sources, extends, timeline, discount_rate, parties, buildouts, operations, deals, events, uncertain');
    const r = cli(['validate', 'no\u001b[2Jsuch.yaml']);
    expect([r.status, r.stderr]).toEqual([1, 'no\\u001b[2Jsuch.yaml:1:1: cannot read no\\u001b[2Jsuch.yaml: no such file\n']);
    const m = cli(['model', 'test/examples/equity-basic.yaml', '--party', 'x\u001b[2J']);
    expect(m.status).toBe(2);
    expect(m.stderr).not.toMatch(RAW);
  });
});

describe('line endings', () => {
  it('CR alone is a line break, as YAML 1.2 says: the same scenario, the same places', () => {
    const cr = base.replace(/\n/g, '\r');
    expect(model(cr)).toEqual(model(base));
    expect(problems(cr.replace('cash: 1B}', 'cahs: 1B}'))).toEqual(problems(base.replace('cash: 1B}', 'cahs: 1B}')));
    expect(problems(cr.replace('cash: 1B}', 'cahs: 1B}'))[0]).toMatch(/^s\.yaml:5:20: parties\.lab\.cahs: /);
    expect(model(base.replace(/\n/g, '\r\n'))).toEqual(model(base));
  });
});

describe('several YAML documents', () => {
  it('are refused at the second one, with their number', () => {
    expect(problems(`${base}---\nstargate: 1\n`)).toEqual(['s.yaml:9:1: a scenario file holds one YAML document; found 2']);
    expect(problems('a: 1\n---\nb: 2\n...\n---\nc: 3\n')).toEqual(['s.yaml:2:1: a scenario file holds one YAML document; found 3']);
    expect(problems(`---\n${base}---\n---\n`)).toEqual(['s.yaml:10:1: a scenario file holds one YAML document; found 3']);
  });

  it('a start or end marker alone, or --- inside a block of text, is one document', () => {
    expect(() => model(`---\n${base}...\n`)).not.toThrow();
    expect(model(`${base}description: |\n  ---\n  text\n`).description).toBe('---\ntext\n');
  });
});

describe('--set', () => {
  it('needs a value after =', () => {
    expect(problems(base, ['a='])).toEqual(['--set:1:3: a: --set needs a value after = (PATH=VALUE, e.g. parties.openai.cash=30B; ~ for nothing)']);
    expect(problems(base, ['x=#c'])).toEqual(['--set:1:3: x: --set needs a value after = (PATH=VALUE, e.g. parties.openai.cash=30B; ~ for nothing)']);
    expect(problems(base, ['parties.lab.cash=1B', 'parties.lab.cash=  '])).toEqual(['--set:2:18: parties.lab.cash: --set needs a value after = (PATH=VALUE, e.g. parties.openai.cash=30B; ~ for nothing)']);
  });

  it('a --vary value that is only a comment is no value', () => {
    const r = cli(['sweep', 'test/examples/equity-basic.yaml', '--vary', 'parties.lab.cash=1B,#c', '--metric', 'lab.min_cash']);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', '--vary:1:21: parties.lab.cash: expected a value, got nothing (a comment?)\n']);
  });

  it('cannot set extends: files are merged before --set applies', () => {
    const msg = (option: string) => `extends cannot be set from the command line: ${option} applies after the files are merged`;
    expect(problems(base, ['extends=other.yaml'])).toEqual([`--set:1:1: extends: ${msg('--set')}`]);
    expect(problems(base, ['extends.x=1'])).toEqual([`--set:1:1: extends.x: ${msg('--set')}`]);
    // named as the option it came from
    const r = cli(['sweep', 'test/examples/equity-basic.yaml', '--vary', 'extends=a.yaml,b.yaml', '--metric', 'lab.min_cash']);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `--vary:1:9: extends: ${msg('--vary')}\n`]);
  });

  it('names a deal it replaces by the id it was given', () => {
    expect(problems(base, ['deals.credit=~'])).toEqual(['--set:1:14: deals.credit: expected a deal (a map with id, type, ...), got nothing']);
    expect(problems(base, ['deals.credit=5'])).toEqual(['--set:1:14: deals.credit: expected a deal (a map with id, type, ...), got 5']);
    // a whole map keeps the id it was set by
    expect(problems(base, ['deals.credit={type: purchase, buyer: lab, seller: v, amount: -1B}'])).toEqual([
      '--set:1:62: deals.credit.amount: must not be negative, got -1000000000',
    ]);
  });

  it('a deal without an id is named by its index, as deals[0]', () => {
    expect(problems(base.replace('{id: credit, type', '{type'))).toEqual(['s.yaml:8:5: deals[0]: the field "id" is missing (unique deal id)']);
    expect(problems(base, ['deals.[0]=5'])).toEqual(['--set:1:11: deals[0]: expected a map, got 5']);
  });
});

describe('the uncertain block is written in the unit of the field it varies', () => {
  const amount = 'expected an amount such as 14B, "$1,250.50", -3.5M or 100_000';
  it('a distribution of percentages is no amount, and of amounts no rate', () => {
    expect(problems(`${base}uncertain:\n  parties.lab.cash: {dist: uniform, min: 1%, max: 50%}\n`)).toEqual([
      `s.yaml:10:42: uncertain.parties.lab.cash.min: ${amount}, got "1%"; the suffixes are K, M, B and T`,
      `s.yaml:10:51: uncertain.parties.lab.cash.max: ${amount}, got "50%"; the suffixes are K, M, B and T`,
    ]);
    expect(problems(`${base}uncertain:\n  deals.credit.rate: {dist: triangular, min: 1B, mode: 2%, max: 3%}\n`)).toEqual([
      's.yaml:10:22: uncertain.deals.credit.rate: expected min ≤ mode ≤ max, got 1000000000, 0.02, 0.03',
      's.yaml:10:46: uncertain.deals.credit.rate.min: expected a ratio such as 6% or 0.06, got "1B"',
    ]);
    expect(problems(`${base}uncertain:\n  parties.lab.cash: {dist: normal, mean: 10B, sd: 5%}\n`)).toEqual([
      `s.yaml:10:51: uncertain.parties.lab.cash.sd: ${amount}, got "5%"; the suffixes are K, M, B and T`,
    ]);
  });

  it('and in its range, but a spread is only checked for its unit', () => {
    expect(problems(`${base}uncertain:\n  deals.credit.rate: {dist: uniform, min: -1%, max: 3%}\n`)).toEqual([
      's.yaml:10:43: uncertain.deals.credit.rate.min: must not be negative, got -1%',
    ]);
    const shares = base.replace('cash: 1B}', 'cash: 1B, gross_margin: 50%}');
    expect(() => model(`${shares}uncertain:\n  parties.lab.gross_margin: {dist: normal, mean: 50%, sd: 0%, min: 0%, max: 100%}\n  parties.lab.cash: {dist: normal, mean: 1B, sd: 0}\n`)).not.toThrow();
  });
});
