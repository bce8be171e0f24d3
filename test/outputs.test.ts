// Output contracts: CSV that a spreadsheet reads back to the same figures,
// atomic --out, errors only on stderr, colour rules, formula guard.
import { closeSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ROOT, cli } from './helpers.js';
import { toCsv, csvDecimal, csvText } from '../src/report/csv.js';
import { compactMoney, exactMoney, percent } from '../src/report/cells.js';
import { CliError, openOutputStream } from '../src/cli/io.js';
import { PAIR_METRICS, PARTY_METRICS } from '../src/metrics/registry.js';

const SCENARIOS = ['scenarios/circular-100b.yaml', 'scenarios/equity-20b.yaml', 'scenarios/multi-vendor.yaml', 'scenarios/loi-progressive.yaml', 'test/examples/amortizing-loan.yaml'];
const readCsv = (text: string): string[][] => parse(text, { relax_column_count: false }) as string[][];

describe('CSV read back with a CSV parser', () => {
  it.each(SCENARIOS)('%s: summary CSV equals the JSON figures', (file) => {
    const json = JSON.parse(cli(['model', file, '--format', 'json']).stdout);
    const rows = readCsv(cli(['export', file, '--what', 'summary']).stdout);
    expect(rows[0]).toEqual(['scope', 'metric', json.scenario.name]);
    for (const [scope, metric, value] of rows.slice(1)) {
      const src = scope!.includes('->') ? json.exposures.find((x: any) => `${x.holder}->${x.obligor}` === scope) : json.parties[scope!];
      expect(value, `${scope}.${metric}`).toBe(src[metric!] ?? '');
    }
    // one row per metric of the registry: the deal types' own metrics too, empty where no deal gives them
    expect(rows.length - 1).toBe(Object.keys(json.parties).length * PARTY_METRICS.length + json.exposures.length * PAIR_METRICS.length);
  });

  it.each(SCENARIOS)('%s: ledger CSV equals the JSON ledger', (file) => {
    const json = JSON.parse(cli(['model', file, '--format', 'json']).stdout);
    const rows = readCsv(cli(['export', file]).stdout);
    expect(rows[0]).toEqual(['period', 'from', 'to', 'kind', 'source', 'amount']);
    expect(rows.slice(1)).toEqual(json.ledger.map((e: any) => [e.period, e.from, e.to, e.kind, e.source, e.amount]));
  });

  it.each(SCENARIOS)('%s: each party net in the periods CSV sums to its summary net, to the cent', (file) => {
    const json = JSON.parse(cli(['model', file, '--format', 'json']).stdout);
    for (const by of [[], ['--by', 'year']]) {
      const rows = readCsv(cli(['export', file, '--what', 'periods', ...by]).stdout);
      const header = rows[0]!;
      for (const id of Object.keys(json.parties)) {
        const col = header.indexOf(`${id}.net`);
        const cents = rows.slice(1).reduce((a, r) => a + BigInt(r[col]!.replace('.', '')), 0n);
        expect(cents, `${file} ${id} ${by.join(' ')}`).toBe(BigInt(json.parties[id].net.replace('.', '')));
        // the last cash equals the ending cash
        expect(rows.at(-1)![header.indexOf(`${id}.cash`)]).toBe(json.parties[id].ending_cash);
      }
    }
  });

  it('compare CSV has one column per scenario, in order', () => {
    const rows = readCsv(cli(['compare', SCENARIOS[0]!, SCENARIOS[1]!, '--format', 'csv']).stdout);
    const a = JSON.parse(cli(['model', SCENARIOS[0]!, '--format', 'json']).stdout);
    const b = JSON.parse(cli(['model', SCENARIOS[1]!, '--format', 'json']).stdout);
    expect(rows[0]).toEqual(['scope', 'metric', a.scenario.name, b.scenario.name]);
    const peak = rows.find((r) => r[0] === 'nvidia->openai' && r[1] === 'peak')!;
    expect(peak.slice(2)).toEqual([a.exposures[0].peak, b.exposures[0].peak]);
    // a party of only the second scenario leaves the first column empty; SoftBank only pays its $30B in
    const softbank = rows.find((r) => r[0] === 'softbank' && r[1] === 'ending_cash')!;
    expect(softbank.slice(2)).toEqual(['', '-30000000000.00']);
  });

  it('diff CSV deltas are B − A to the cent', () => {
    const rows = readCsv(cli(['diff', SCENARIOS[0]!, SCENARIOS[2]!, '--format', 'csv']).stdout);
    expect(rows[0]).toEqual(['scope', 'metric', 'a', 'b', 'delta', 'delta_pct']);
    const net = rows.find((r) => r[0] === 'nvidia' && r[1] === 'net')!;
    expect(BigInt(net[4]!.replace('.', ''))).toBe(BigInt(net[3]!.replace('.', '')) - BigInt(net[2]!.replace('.', '')));
  });
});

describe('CSV writer', () => {
  it('quotes, doubles quotes, guards formulas in text and never in numbers', () => {
    const out = toCsv(['a', 'b'], [
      [csvText('=HYPERLINK("x")'), csvDecimal('-14000000000.00')],
      [csvText('+1'), csvText('-x')],
      [csvText('@sum'), csvText('\tt')],
      [csvText('plain, with comma'), csvText('line\nbreak')],
      [null, csvDecimal(null)],
    ]);
    expect(out).toBe('a,b\r\n"\'=HYPERLINK(""x"")",-14000000000.00\r\n\'+1,\'-x\r\n\'@sum,\'\tt\r\n"plain, with comma","line\nbreak"\r\n,\r\n');
    expect(readCsv(out).slice(1, 2)).toEqual([["'=HYPERLINK(\"x\")", '-14000000000.00']]);
  });

  it('guards a scenario name that starts with = in a real export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-csv-'));
    const file = join(dir, 'evil.yaml');
    writeFileSync(file, 'stargate: 1\nname: "=cmd|calc"\ntimeline: {start: 2026, end: 2026, step: year}\nparties: {a: {name: A, cash: -5B}}\n');
    const rows = readCsv(cli(['model', file, '--format', 'csv']).stdout);
    expect(rows[0]).toEqual(['scope', 'metric', "'=cmd|calc"]);
    expect(rows.find((r) => r[1] === 'ending_cash')).toEqual(['a', 'ending_cash', '-5000000000.00']);
  });
});

describe('--out', () => {
  it('writes the file, refuses to replace it without --force, replaces it with --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    const out = join(dir, 'ledger.csv');
    expect(cli(['export', SCENARIOS[4]!, '--out', out])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const first = readFileSync(out, 'utf8');
    expect(first).toBe(cli(['export', SCENARIOS[4]!]).stdout);
    writeFileSync(out, 'keep me');
    expect(cli(['export', SCENARIOS[4]!, '--out', out])).toMatchObject({ status: 1, stdout: '', stderr: `stargate: ${out} exists; use --force to replace it\n` });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(cli(['export', SCENARIOS[4]!, '--out', out, '--force']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('leaves no file at all when the run fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    const out = join(dir, 'x.json');
    const r = cli(['model', 'test/errors/unknown-party.yaml', '--format', 'json', '--out', out]);
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(existsSync(out)).toBe(false);
    const missing = cli(['model', SCENARIOS[4]!, '--out', join(dir, 'no', 'such', 'dir.txt')]);
    expect([missing.status, missing.stderr]).toEqual([1, `stargate: cannot write ${join(dir, 'no', 'such', 'dir.txt')}: its folder does not exist\n`]);
  });

  it("takes an empty --out as a usage error, before reading the scenario, and --out - as stdout", () => {
    const usage = { status: 2, stdout: '', stderr: 'stargate: --out needs a file name\n' };
    for (const args of [['export', SCENARIOS[4]!], ['model', 'test/errors/bad-amount.yaml'], ['sweep', SCENARIOS[4]!, '--vary', 'parties.co.cash=1B,2B'], ['schema']]) {
      expect(cli([...args, '--out', '']), args.join(' ')).toMatchObject(usage);
    }
    expect(cli(['init', ''])).toMatchObject({ status: 2, stdout: '', stderr: 'stargate: init needs a file name (or - for stdout)\n' });
    expect(cli(['export', SCENARIOS[4]!, '--out', '-'])).toMatchObject({ status: 0, stdout: cli(['export', SCENARIOS[4]!]).stdout, stderr: '' });
  });

  it('refuses a directory, with --force or without, and leaves no temporary file beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    const adir = join(dir, 'adir');
    mkdirSync(adir);
    for (const force of [['--force'], []]) {
      expect(cli(['export', SCENARIOS[4]!, '--out', adir, ...force])).toMatchObject({ status: 1, stdout: '', stderr: `stargate: cannot write ${adir}: it is a directory\n` });
      expect(readdirSync(dir)).toEqual(['adir']);
    }
    expect(readdirSync(adir)).toEqual([]);
  });
});

describe('--out on what is not a regular file', () => {
  const ledger = cli(['export', SCENARIOS[4]!]).stdout;
  const run = (out: string, ...more: string[]) => cli(['export', SCENARIOS[4]!, '--out', out, ...more]);

  it('writes to a named pipe directly, with --force or without, and leaves it a pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // a reader that does not wait: the ledger fits in the pipe's buffer
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      for (const force of [['--force'], []]) {
        expect(run(fifo, ...force)).toMatchObject({ status: 0, stdout: '', stderr: '' });
        expect(lstatSync(fifo).isFIFO()).toBe(true);
        expect(readdirSync(dir)).toEqual(['pipe']);
        const got = Buffer.alloc(1 << 16);
        expect(got.subarray(0, readSync(reader, got)).toString('utf8')).toBe(ledger);
      }
    } finally {
      closeSync(reader);
    }
  });

  it('writes to /dev/null and /dev/full directly', () => {
    expect(run('/dev/null')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(run('/dev/full')).toMatchObject({ status: 1, stdout: '', stderr: 'stargate: cannot write /dev/full: the disk is full\n' });
    expect(lstatSync('/dev/null').isCharacterDevice() && lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  // device nodes of our own, so that --force is tried on them and not on /dev's
  const devices = mkdtempSync(join(tmpdir(), 'stargate-dev-'));
  const nodes = [['null', 'c', '1', '3'], ['full', 'c', '1', '7'], ['disk', 'b', '7', '0']];
  const made = nodes.every(([name, ...how]) => spawnSync('mknod', [join(devices, name!), ...how]).status === 0);
  it.skipIf(!made)('writes to a character device directly and refuses a block device, even with --force (skipped: mknod needs root)', () => {
    const [nul, full, disk] = ['null', 'full', 'disk'].map((n) => join(devices, n)) as [string, string, string];
    for (const force of [['--force'], []]) {
      expect(run(nul, ...force)).toMatchObject({ status: 0, stdout: '', stderr: '' });
      expect(run(full, ...force)).toMatchObject({ status: 1, stdout: '', stderr: `stargate: cannot write ${full}: the disk is full\n` });
      expect(run(disk, ...force)).toMatchObject({ status: 1, stdout: '', stderr: `stargate: cannot write ${disk}: it is a block device\n` });
    }
    expect([lstatSync(nul).isCharacterDevice(), lstatSync(full).isCharacterDevice(), lstatSync(disk).isBlockDevice()]).toEqual([true, true, true]);
    expect(readdirSync(devices).sort()).toEqual(['disk', 'full', 'null']);
  });

  it('takes /dev/stdout as stdout, be it a pipe or a file', () => {
    expect(run('/dev/stdout')).toMatchObject({ status: 0, stdout: ledger, stderr: '' });
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    const file = join(dir, 'stdout.csv');
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'stargate.js'), 'export', SCENARIOS[4]!, '--out', '/dev/stdout'], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(file, 'utf8')).toBe(ledger);
    expect(readdirSync(dir)).toEqual(['stdout.csv']);
  });

  it('refuses a symbolic link to a file or to nothing, even with --force, and leaves it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    writeFileSync(join(dir, 'real.csv'), 'mine');
    const link = join(dir, 'link.csv');
    const dangling = join(dir, 'dangling.csv');
    symlinkSync('real.csv', link);
    symlinkSync('nothing.csv', dangling);
    for (const force of [['--force'], []]) {
      expect(run(link, ...force)).toMatchObject({ status: 1, stdout: '', stderr: `stargate: cannot write ${link}: it is a symbolic link; give the name of the file it points to\n` });
      expect(run(dangling, ...force)).toMatchObject({ status: 1, stdout: '', stderr: `stargate: cannot write ${dangling}: it is a symbolic link to a missing file\n` });
    }
    expect([lstatSync(link).isSymbolicLink(), lstatSync(dangling).isSymbolicLink()]).toEqual([true, true]);
    expect(readFileSync(join(dir, 'real.csv'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['dangling.csv', 'link.csv', 'real.csv']);
  });

  it('says that a socket cannot be opened, and leaves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-out-'));
    const sock = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((done) => server.listen(sock, done));
    try {
      expect(run(sock, '--force')).toMatchObject({ status: 1, stdout: '', stderr: `stargate: cannot write ${sock}: it is a socket, which cannot be opened as a file\n` });
      expect(lstatSync(sock).isSocket()).toBe(true);
      expect(readdirSync(dir)).toEqual(['sock']);
    } finally {
      server.close();
    }
  });
});

describe('a full disk', () => {
  // a 64 KiB tmpfs, mounted and removed by the test itself; mounting needs root (CAP_SYS_ADMIN)
  const mount = (dir: string) => spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
  const umount = (dir: string) => spawnSync('umount', [dir]).status === 0;
  const probe = mkdtempSync(join(tmpdir(), 'stargate-small-'));
  const canMount = mount(probe) && umount(probe);
  rmSync(probe, { recursive: true, force: true });

  it.skipIf(!canMount)('fails an --out file with exit 1, the target untouched and no temporary file left (skipped: cannot mount a tmpfs)', () => {
    const small = mkdtempSync(join(tmpdir(), 'stargate-small-'));
    expect(mount(small)).toBe(true);
    try {
      // one 4 KiB page left: the 7 KB ledger is written in part, then the disk is full
      writeFileSync(join(small, 'filler'), Buffer.alloc(60 * 1024));
      const out = join(small, 'ledger.csv');
      const full = `stargate: cannot write ${out}: the disk is full\n`;
      expect(cli(['export', 'scenarios/circular-100b.yaml', '--out', out])).toMatchObject({ status: 1, stdout: '', stderr: full });
      expect(readdirSync(small)).toEqual(['filler']);
      writeFileSync(out, 'keep me');
      expect(cli(['export', 'scenarios/circular-100b.yaml', '--out', out, '--force'])).toMatchObject({ status: 1, stdout: '', stderr: full });
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      expect(readdirSync(small).sort()).toEqual(['filler', 'ledger.csv']);
    } finally {
      umount(small);
      rmSync(small, { recursive: true, force: true });
    }
  });

  it('fails stdout on /dev/full with a clear message and exit 1', () => {
    const full = openSync('/dev/full', 'w');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'stargate.js'), 'model', 'scenarios/circular-100b.yaml'], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    closeSync(full);
    expect([r.status, r.stderr]).toEqual([1, 'stargate: cannot write to stdout: the disk is full\n']);
  });
});

describe('a result written in pieces (openOutputStream)', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'stargate-stream-'));
  it('puts the file in place only on commit, with no temporary file left', () => {
    const d = dir();
    const out = join(d, 'runs.csv');
    const s = openOutputStream({ out });
    s.write('a,b\r\n');
    s.write('1,2\r\n');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(d)).toHaveLength(1); // the temporary file, beside the target
    s.commit();
    expect(readFileSync(out, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(d)).toEqual(['runs.csv']);
  });

  it('leaves nothing when aborted', () => {
    const d = dir();
    const s = openOutputStream({ out: join(d, 'runs.csv') });
    s.write('half a file');
    s.abort();
    s.abort();
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses an existing file before anything is written, and replaces it with force', () => {
    const d = dir();
    const out = join(d, 'runs.csv');
    writeFileSync(out, 'keep me');
    expect(() => openOutputStream({ out })).toThrow(new CliError(`${out} exists; use --force to replace it`));
    expect(readdirSync(d)).toEqual(['runs.csv']);
    const s = openOutputStream({ out, force: true });
    s.write('new');
    s.commit();
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['runs.csv']);
  });

  it('refuses, at commit, a file that appeared during the run, and keeps it', () => {
    const d = dir();
    const out = join(d, 'runs.csv');
    const s = openOutputStream({ out });
    s.write('mine');
    writeFileSync(out, 'theirs');
    expect(() => s.commit()).toThrow(`${out} exists; use --force to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('theirs');
    expect(readdirSync(d)).toEqual(['runs.csv']);
  });

  it('says when the folder does not exist', () => {
    const out = join(dir(), 'no', 'runs.csv');
    expect(() => openOutputStream({ out })).toThrow(`cannot write ${out}: its folder does not exist`);
  });
});

describe('errors and usage', () => {
  it('print errors on stderr only, with nothing on stdout, for every command', () => {
    for (const args of [
      ['model', 'test/errors/bad-amount.yaml'],
      ['compare', 'test/errors/bad-amount.yaml', SCENARIOS[0]!],
      ['diff', SCENARIOS[0]!, 'test/errors/bad-amount.yaml'],
      ['export', 'test/errors/bad-amount.yaml', '--what', 'periods'],
    ]) {
      const r = cli(args);
      expect([r.status, r.stdout], args.join(' ')).toEqual([1, '']);
      expect(r.stderr).toBe(readFileSync('test/errors/bad-amount.err', 'utf8'));
    }
  });

  it('lists the problems of every file of a comparison', () => {
    const r = cli(['compare', 'test/errors/bad-amount.yaml', 'test/errors/unknown-party.yaml']);
    expect(r.stderr).toBe(readFileSync('test/errors/bad-amount.err', 'utf8') + readFileSync('test/errors/unknown-party.err', 'utf8'));
  });

  it('exit 2 for usage mistakes', () => {
    const cases: [string[], string][] = [
      [['compare', SCENARIOS[0]!], 'stargate: compare needs at least two scenario files\n'],
      [['model', SCENARIOS[4]!, '--by', 'week'], 'stargate: --by must be month, quarter or year; got "week"\n'],
      [['model', 'scenarios/circular-100b.yaml', '--by', 'month'], "stargate: --by month is finer than the scenario's step (quarter); use --by quarter or year\n"],
      [['model', SCENARIOS[4]!, '--party', 'nobody'], 'stargate: --party nobody: no such party; the parties are bank, co\n'],
    ];
    for (const [args, err] of cases) expect(cli(args), args.join(' ')).toMatchObject({ status: 2, stdout: '', stderr: err });
    expect(cli(['export', SCENARIOS[4]!, '--format', 'md']).status).toBe(2);
    expect(cli(['export', SCENARIOS[4]!, '--what', 'everything']).status).toBe(2);
  });
});

describe('colour', () => {
  const ESC = '\x1b[';
  it('is off when output is not a terminal, and with NO_COLOR or --no-color even when forced', () => {
    expect(cli(['model', SCENARIOS[4]!], { env: { NO_COLOR: '' } }).stdout).not.toContain(ESC);
    const forced = cli(['model', SCENARIOS[4]!], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout;
    expect(forced).toContain(`${ESC}1m`);
    expect(cli(['model', SCENARIOS[4]!], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(cli(['--no-color', 'model', SCENARIOS[4]!], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    // negatives are red when colour is on
    expect(cli(['model', 'test/examples/vendor-financing.yaml'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain(`${ESC}31m-$103.28B${ESC}39m`);
  });
});

describe('money in tables', () => {
  it.each([
    ['12345678901.23', '$12.35B'],
    ['-480000000.00', '-$480.00M'],
    ['999995000.00', '$1.00B'],
    ['999994999.99', '$999.99M'],
    ['1250.50', '$1.25K'],
    ['950.00', '$950.00'],
    ['0.00', '$0.00'],
    ['2500000000000.00', '$2.50T'],
    ['8125000000.00', '$8.12B'],
  ])('%s → %s', (plain, shown) => expect(compactMoney(plain)).toBe(shown));
  it.each([
    ['0.285714', '28.57%'],
    ['0.000050', '0.00%'], // 0.005% is halfway: to the even 0.00
    ['0.000150', '0.02%'], // 0.015%: to the even 0.02
    ['-0.125', '-12.50%'],
    ['-0.00001', '0.00%'],
    ['5.03373', '503.37%'],
  ])('ratio %s → %s', (plain, shown) => expect(percent(plain)).toBe(shown));
  it('prints every cent with --exact', () => {
    expect(exactMoney('-1234567.89')).toBe('-$1,234,567.89');
    expect(exactMoney('0.05')).toBe('$0.05');
  });
});

describe('npm start', () => {
  it('is the comparison of the circular and equity scenarios', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.start).toBe('node bin/stargate.js compare scenarios/circular-100b.yaml scenarios/equity-20b.yaml');
    const out = cli(['compare', 'scenarios/circular-100b.yaml', 'scenarios/equity-20b.yaml']).stdout;
    expect(out).toBe(readFileSync('test/golden/compare.txt', 'utf8'));
    // the sample in the README is what it really prints
    const sample = /```text\n(NVIDIA → OpenAI[\s\S]*?)\n```/.exec(readFileSync('README.md', 'utf8'));
    expect(sample).not.toBeNull();
    expect(out).toContain(sample![1]);
  });
});

describe('diff inputs', () => {
  it('lists changed values, added and removed deals and parties, and ignores the same value written otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-diff-'));
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, `stargate: 1
name: A
timeline: {start: 2026, end: 2027, step: year}
parties:
  v: {name: V, cash: 12B}
  l: {name: L, cash: 1B, recovery_rate: 0.4}
  gone: {name: Gone}
deals:
  - {id: loan, type: credit_line, lender: v, borrower: l, limit: 5B, draws: {2026: 5B}, rate: 6%}
  - {id: old, type: purchase, buyer: l, seller: v, amount: 1B}
`);
    writeFileSync(b, `stargate: 1
name: B
timeline: {start: 2026, end: 2027, step: year}
parties:
  v: {name: V, cash: "12,000M"}
  l: {name: L, cash: 2B, recovery_rate: 40%}
  new: {name: New}
deals:
  - {id: loan, type: credit_line, lender: v, borrower: l, limit: 5B, draws: {2026: 5B}, rate: 7%}
  - {id: fresh, type: purchase, buyer: l, seller: new, amount: 1B}
`);
    const d = JSON.parse(cli(['diff', a, b, '--format', 'json']).stdout);
    expect(d.inputs).toEqual([
      { path: 'name', a: 'A', b: 'B' },
      { path: 'parties.l.cash', a: '1B', b: '2B' },
      { path: 'parties.gone', a: '{name: Gone}', b: null },
      { path: 'parties.new', a: null, b: '{name: New}' },
      { path: 'deals.loan.rate', a: '6%', b: '7%' },
      { path: 'deals.old', a: '{id: old, type: purchase, buyer: l, seller: v, amount: 1B}', b: null },
      { path: 'deals.fresh', a: null, b: '{id: fresh, type: purchase, buyer: l, seller: new, amount: 1B}' },
    ]);
    // every metric of either side, with B − A; a party only in B has no A and no Δ
    const cash = d.metrics.find((m: any) => m.scope === 'l' && m.metric === 'opening_cash');
    expect(cash).toEqual({ scope: 'l', metric: 'opening_cash', a: '1000000000.00', b: '2000000000.00', delta: '1000000000.00', delta_pct: '1.000000' });
    const added = d.metrics.find((m: any) => m.scope === 'new' && m.metric === 'cash_in');
    expect(added).toEqual({ scope: 'new', metric: 'cash_in', a: null, b: '2000000000.00', delta: null, delta_pct: null });
  });
});

describe('a reader that stops early', () => {
  it('ends the program quietly, with no stack trace', () => {
    const r = spawnSync('sh', ['-c', 'node bin/stargate.js simulate scenarios/circular-100b.yaml --runs 3000 --format csv | head -1'], { encoding: 'utf8' });
    expect(r.stdout.split('\n')[0]).toMatch(/^run,/);
    expect(r.stderr).toBe('');
  });

  it('gets the per-run CSV of simulate in the plain JSON form', () => {
    const rows = parse(cli(['simulate', 'scenarios/circular-100b.yaml', '--runs', '5', '--format', 'csv', '--metric', 'openai.min_cash', '--metric', 'nvidia->openai.circular_share', '--metric', 'openai.min_cash_period']).stdout) as string[][];
    for (const r of rows.slice(1)) {
      expect(r[6]).toMatch(/^-?\d+\.\d{2}$/);
      expect(r[7]).toMatch(/^\d\.\d{6}$/);
      expect(r[8]).toMatch(/^\d{4}-Q\d$/); // a period as its label (OpenAI's funding policy keeps its runway from ending)
    }
  });
});

describe('text from the file on a terminal', () => {
  it('never carries a control character of the file to the table or Markdown output', () => {
    // a name, a party name and a description holding ESC [31m (a terminal colour) and a bell
    const dir = mkdtempSync(join(tmpdir(), 'stargate-esc-'));
    const file = join(dir, 'esc.yaml');
    writeFileSync(file, `stargate: 1
name: "evil \\e[31mred\\a"
description: "d\\e[2J"
timeline: {start: 2026, end: 2026, step: year}
parties: {a: {name: "A\\e]0;title\\a", cash: 1B}, b: {name: B}}
deals: [{id: l, type: credit_line, lender: a, borrower: b, limit: 1M, draws: {2026: 1M}, rate: 5%}]
`);
    for (const format of ['table', 'md']) {
      const r = cli(['model', file, '--format', format]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(r.stdout).toContain('evil \\u001b[31mred\\u0007');
    }
    // machine formats keep the text as it is: JSON escapes it itself
    expect(JSON.parse(cli(['model', file, '--format', 'json']).stdout).scenario.name).toBe('evil \u001b[31mred\u0007');
  });
});
