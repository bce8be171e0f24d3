// Section "simulate at scale": the per-run CSV streamed as runs finish, summaries
// from compact typed storage, money inputs to the cent.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cli, ROOT } from './helpers.js';
import { Dec, formatMoney, formatQuantity, formatRatio } from '../src/money/decimal.js';
import { centsKey, decKey, decOfKey, EMPTY, keyMoney, keyPlain, keyQuantity, keyRatio } from '../src/analysis/compact.js';
import { layoutOf, memoryNeeded, NEVER, PERCENTILES, plainSummaryValue, RunSummary, type RunChunk } from '../src/analysis/simulate.js';
import { model } from './helpers.js';
import { loadScenario } from '../src/scenario/load.js';
import { fsReader } from '../src/cli/reader.js';
import { parseAddresses } from '../src/analysis/evaluate.js';
import { percentile, rankPercentile, sortDecimals } from '../src/analysis/stats.js';
import type { Address } from '../src/analysis/address.js';

const C = 'scenarios/circular-100b.yaml';
const FLAT = 'test/analysis/flat.yaml';
/**
 * 200 runs of circular-100b, seed 42: the drawn money inputs (capex_per_gw,
 * the two revenues, OpenAI's cash) to the cent, the rate with its digits, the
 * default metrics, then OpenAI's default period and NVIDIA's loss (the
 * scenario's funding policy can default). Regenerated from the CLI when the
 * scenarios were recalibrated; the streaming and worker tests below compare
 * against it byte for byte.
 */
const GOLDEN = 'test/golden/simulate-circular-seed42.csv';
const dir = () => mkdtempSync(join(tmpdir(), 'stargate-sim-'));
/** The CLI, stopped after `ms` (a request that should fail at once must not run for hours). */
const within = (ms: number, args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'stargate.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: ms, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('simulate --format csv', () => {
  it('prints drawn money inputs to the cent, ratios as drawn', () => {
    const r = cli(['simulate', C, '--runs', '200', '--seed', '42', '--format', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('streams the same bytes to stdout and to --out, with one worker and with two', () => {
    const args = ['simulate', C, '--runs', '2500', '--seed', '42', '--format', 'csv'];
    const stdout = cli([...args, '--workers', '1']).stdout;
    expect(stdout.startsWith(readFileSync(GOLDEN, 'utf8'))).toBe(true);
    expect(stdout.split('\r\n')).toHaveLength(2502);
    const d = dir();
    for (const workers of ['1', '2']) {
      const out = join(d, `w${workers}.csv`);
      expect(cli([...args, '--workers', workers, '--out', out])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(readFileSync(out, 'utf8'), `--workers ${workers}`).toBe(stdout);
    }
    expect(readdirSync(d).sort()).toEqual(['w1.csv', 'w2.csv']);
  });

  it('runs in a heap far smaller than its rows (they are written as they come, not kept)', () => {
    // 50,000 runs as strings took more than 24 MB of heap (V8 stopped the program, exit 134); as chunks they need a few
    const d = dir();
    const env = { NODE_OPTIONS: '--max-old-space-size=24' };
    const r = cli(['simulate', FLAT, '--runs', '50000', '--format', 'csv', '--workers', '1', '--out', join(d, 'runs.csv')], { env });
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(d, 'runs.csv'), 'utf8').split('\r\n')).toHaveLength(50002);
    // and the summaries keep 8 bytes per run and metric, not rows
    const j = cli(['simulate', FLAT, '--runs', '50000', '--format', 'json', '--workers', '1'], { env });
    expect([j.status, j.stderr]).toEqual([0, '']);
    expect(JSON.parse(j.stdout).runs).toBe('50000');
  });

  it('leaves nothing at --out, not even a temporary file, when a run fails midway', () => {
    // seed 3 first draws a negative rate at run 4638, after thousands of rows were written
    const f = join(dir(), 'fails.yaml');
    const yaml = readFileSync(FLAT, 'utf8').replace(/^uncertain:[\s\S]*$/m, 'uncertain:\n  deals.loan.rate: {dist: normal, mean: 5%, sd: 1.5%}\n');
    writeFileSync(f, yaml);
    for (const workers of ['1', '2']) {
      const d = dir();
      const r = cli(['simulate', f, '--runs', '20000', '--seed', '3', '--format', 'csv', '--workers', workers, '--out', join(d, 'runs.csv')]);
      expect(r.status).toBe(1);
      // the earliest failing run, whatever the number of workers
      expect(r.stderr).toMatch(/^stargate: run 4638 drew deals\.loan\.rate = -0\.00856147454331895, which makes the scenario invalid:\n/);
      expect(readdirSync(d), `--workers ${workers}`).toEqual([]);
    }
  });

  it('refuses an existing --out before running, not after', () => {
    const d = dir();
    const out = join(d, 'runs.csv');
    writeFileSync(out, 'keep me');
    const r = within(10_000, ['simulate', C, '--runs', '10000000', '--format', 'csv', '--out', out]);
    expect(r).toEqual({ status: 1, stdout: '', stderr: `stargate: ${out} exists; use --force to replace it\n` });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  for (const workers of ['1', '2']) {
    it(`removes the temporary file when interrupted (--workers ${workers})`, async () => {
      const d = dir();
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'stargate.js'), 'simulate', FLAT, '--runs', '5000000', '--format', 'csv', '--workers', workers, '--out', join(d, 'runs.csv')], { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
      // wait until rows are being written to the temporary file
      const deadline = Date.now() + 20_000;
      for (;;) {
        const tmp = readdirSync(d).find((f) => f.includes('stargate-tmp'));
        if (tmp && statSync(join(d, tmp)).size > 0) break;
        if (Date.now() > deadline) {
          child.kill();
          throw new Error('no temporary file appeared');
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGINT');
      expect(await exited).toEqual([null, 'SIGINT']);
      expect(readdirSync(d)).toEqual([]);
    });
  }
});

describe('compact numbers', () => {
  const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -45, max: 10 })).map(([m, e]) => new Dec(`${m}e${e}`));
  /** decKey by the book: cut to 15 digits, the last made non-zero if anything was cut. */
  const slowKey = (d: Dec): bigint => {
    if (d.isZero()) return 0n;
    const cut = d.abs().toSignificantDigits(15, Dec.ROUND_DOWN);
    const [mant, exp] = cut.toExponential(14).split('e') as [string, string];
    let m = BigInt(mant.replace('.', ''));
    if (m % 10n === 0n && !cut.eq(d.abs())) m += 1n;
    const key = BigInt(Number(exp) - 14 + 4600) * 10n ** 15n + m; // number-ok: an exponent
    return d.isNegative() ? -key : key;
  };
  it('reads the digits as cutting to 15 significant digits does', () => {
    fc.assert(
      fc.property(decimal, (d) => {
        expect(decKey(d)).toBe(slowKey(d));
      }),
      { numRuns: 2000 },
    );
    for (const d of ['1', '-1', '0.1234565', '1234567890123450000001', '1e-4586', '-9.99999999999999999e4636']) expect(decKey(new Dec(d)), d).toBe(slowKey(new Dec(d)));
    // beyond 10^±4600 or so a value has no key
    expect(decKey(new Dec('9e-4587'))).toBeUndefined();
    expect(decKey(new Dec('1e4637'))).toBeUndefined();
  });

  it('keys sort as their values and keep 15 digits exactly', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const [x, y] = [decKey(a)!, decKey(b)!];
        if (a.lessThan(b)) expect(x <= y).toBe(true);
        if (a.greaterThan(b)) expect(x >= y).toBe(true);
        const short = a.toSignificantDigits(15);
        expect(decOfKey(decKey(short)!).eq(short)).toBe(true);
      }),
    );
    expect(decKey(new Dec(0))).toBe(0n);
    expect(decOfKey(decKey(new Dec('-0.0674948771021924'))!).toFixed()).toBe('-0.0674948771021924');
  });

  it('round to six places (ratios) and to GW exactly as the full value does, ties included', () => {
    // values below 10^7 (15 digits: 7 before the point, 6 after, and 2 past the place rounded to), many of them next to a tie
    const nearTie = fc
      .tuple(fc.bigInt({ min: 1n - 10n ** 13n, max: 10n ** 13n - 1n }), fc.constantFrom('', '5', '4999', '5000001', '49999999999999999999', '50000000000000000000000001', '123456789123456789'))
      .map(([n, tail]) => new Dec(`${n < 0n ? '-' : ''}${(n < 0n ? -n : n).toString().padStart(7, '0').replace(/^(\d*)(\d{6})$/, '$1.$2')}${tail}`));
    const small = fc.tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -60, max: -34 })).map(([m, e]) => new Dec(`${m}e${e}`));
    fc.assert(
      fc.property(fc.oneof(nearTie, small), (d) => {
        expect(d.abs().lessThan(1e7)).toBe(true);
        const back = decOfKey(decKey(d)!);
        expect(formatRatio(back)).toBe(formatRatio(d));
        expect(formatQuantity(back)).toBe(formatQuantity(d));
      }),
      { numRuns: 5000 },
    );
    // an exact half and a hair above it: the cut-off tail must not pass for a tie
    for (const [d, want] of [['0.1234565', '0.123456'], ['0.12345650000000000000001', '0.123457'], ['-0.12345650000000000000001', '-0.123457'], ['0.1234575', '0.123458'], ['9812779.433880500000001', '9812779.433881']] as const) {
      expect(formatRatio(decOfKey(decKey(new Dec(d))!)), d).toBe(want);
    }
  });

  it('print as formatMoney, formatRatio, formatQuantity and toFixed print their value', () => {
    fc.assert(
      fc.property(decimal, (d) => {
        const k = decKey(d)!;
        const v = decOfKey(k);
        expect(keyPlain(k)).toBe(v.toFixed());
        expect(keyMoney(k)).toBe(formatMoney(v));
        expect(keyRatio(k)).toBe(formatRatio(v));
        expect(keyQuantity(k)).toBe(formatQuantity(v));
      }),
      { numRuns: 2000 },
    );
    expect([keyMoney(decKey(new Dec('0.005'))!), keyMoney(decKey(new Dec('0.015'))!), keyRatio(decKey(new Dec('-0.0000004'))!), keyQuantity(decKey(new Dec('-0.0000004'))!)]).toEqual(['0.00', '0.02', '0.000000', '0']);
  });

  it('hold money in whole cents, half-even', () => {
    expect(centsKey(new Dec('12.345'))).toBe(1234n);
    expect(centsKey(new Dec('12.355'))).toBe(1236n);
    expect(centsKey(new Dec('-0.005'))).toBe(0n);
    expect(centsKey(new Dec('1e17'))).toBeUndefined(); // beyond 2^63 cents
  });
});

describe('summaries from compact storage', () => {
  const at = (text: string, kind: Address['kind']): Address => ({ text, scope: text.split('.')[0]!, metric: text.split('.')[1]!, kind, exposure: false, index: 0 });
  const addresses = [at('a.min_cash', 'money'), at('a.runway_end', 'period'), at('a.ownership_sold', 'ratio'), at('a.gw_online_end', 'quantity'), at('a.npv', 'money')];
  const labels = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2'];
  type Row = [Dec | null, number | null, Dec | null, Dec | null, Dec | null];
  const row = fc.tuple(
    fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map((c) => new Dec(c.toString()).div(100)),
    fc.option(fc.integer({ min: 0, max: labels.length - 1 })),
    fc.option(fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: -14, max: -6 })).map(([m, e]) => new Dec(`${m}e${e}`))),
    fc.option(fc.integer({ min: 0, max: 40000 }).map((x) => new Dec(x).div(1000))),
    fc.option(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map((c) => new Dec(c.toString()).div(100))),
  ) as fc.Arbitrary<Row>;

  /** The summaries as simulate made them from every run's values kept as decimals and labels. */
  function reference(rows: Row[]) {
    const show = (kind: Address['kind'], d: Dec | undefined) => (d === undefined ? null : kind === 'money' ? formatMoney(d) : kind === 'ratio' ? formatRatio(d) : formatQuantity(d));
    return addresses.map((a, k) => {
      const col = rows.map((r) => r[k] as Dec | number | null);
      const empty = col.filter((v) => v === null).length;
      if (a.kind === 'period') {
        const idx = col.map((v) => (v === null ? Infinity : (v as number))).sort((x, y) => x - y);
        const ps = PERCENTILES.map((p) => {
          const i = rankPercentile(idx, new Dec(p).div(100));
          return i === undefined ? null : i === Infinity ? 'never' : labels[i]!;
        });
        return { metric: a.text, kind: a.kind, mean: null, percentiles: ps, empty };
      }
      const xs = sortDecimals(col.filter((v): v is Dec => v !== null));
      const mean = xs.length ? xs.reduce((s, x) => s.plus(x), new Dec(0)).div(xs.length) : undefined;
      return { metric: a.text, kind: a.kind, mean: show(a.kind, mean), percentiles: PERCENTILES.map((p) => show(a.kind, percentile(xs, new Dec(p).div(100)))), empty };
    });
  }

  function chunkOf(rows: Row[], from: number): RunChunk {
    const layout = layoutOf(addresses);
    const c = { from, to: from + rows.length, inputs: new BigInt64Array(0), numbers: new BigInt64Array(rows.length * layout.numbers), periods: new Int16Array(rows.length * layout.periods), cash: new BigInt64Array(0) };
    rows.forEach((r, j) => {
      addresses.forEach((a, k) => {
        const s = layout.slot[k]!;
        const v = r[k];
        if (a.kind === 'period') c.periods[j * layout.periods + s] = (v as number | null) ?? NEVER;
        else c.numbers[j * layout.numbers + s] = v === null ? EMPTY : a.kind === 'money' ? centsKey(v as Dec)! : decKey(v as Dec)!;
      });
    });
    return c;
  }

  it('equal those of every run kept as decimals, in any order of chunks', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (rows, size) => {
        const s = new RunSummary(rows.length, layoutOf(addresses), labels);
        const chunks: RunChunk[] = [];
        for (let from = 0; from < rows.length; from += size) chunks.push(chunkOf(rows.slice(from, from + size), from));
        for (const c of chunks.reverse()) s.add(c);
        expect(s.metrics(addresses).map((m) => ({ ...m, mean: plainSummaryValue(m.kind, m.mean, labels), percentiles: m.percentiles.map((v) => plainSummaryValue(m.kind, v, labels)) }))).toEqual(reference(rows));
        // runway odds: the share of runs whose runway ends before each year
        const odds = s.runwayOdds([{ party: 'a', column: 1 }]);
        expect(odds.years).toEqual(['2027', '2028']);
        const before = (y: string) => formatRatio(new Dec(rows.filter((r) => r[1] !== null && labels[r[1]]!.slice(0, 4) < y).length).div(rows.length));
        expect(odds.parties.map((p) => ({ ...p, before: p.before.map((v) => (v === null ? null : formatRatio(v))) }))).toEqual([{ party: 'a', before: [before('2027'), before('2028')] }]);
      }),
      { numRuns: 60 },
    );
  });

  it("give each party's cash percentiles by period as a money metric's, in any order of chunks", () => {
    // two parties, three periods: run j's cents at (j × 2 + p) × 3 + t, as simulateRange lays them out
    const cents = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(fc.array(fc.array(cents, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (runs, size) => {
        const three = labels.slice(0, 3);
        const s = new RunSummary(runs.length, layoutOf([]), three, 2);
        const chunks: RunChunk[] = [];
        for (let from = 0; from < runs.length; from += size) {
          const part = runs.slice(from, from + size);
          chunks.push({ from, to: from + part.length, inputs: new BigInt64Array(0), numbers: new BigInt64Array(0), periods: new Int16Array(0), cash: BigInt64Array.from(part.flat()) });
        }
        for (const c of chunks.reverse()) s.add(c);
        const got = s.cashPercentiles().map((party) => party.map((q) => q.map((v) => formatMoney(new Dec(String(v)).div(100)))));
        const expected = [0, 1].map((p) =>
          PERCENTILES.map((q) => three.map((_, t) => formatMoney(percentile(sortDecimals(runs.map((r) => new Dec(String(r[p * 3 + t])).div(100))), new Dec(q).div(100))!))),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('keep 8 bytes per run and number metric, and no objects per run', () => {
    // 400,000 runs: as rows of strings this was hundreds of megabytes of heap
    const layout = layoutOf(addresses);
    const runs = 400_000;
    const s = new RunSummary(runs, layout, labels);
    // a full collection before each reading, so that only what is kept is counted
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => (gc(), process.memoryUsage().heapUsed);
    const before = heap();
    const size = 1000;
    const numbers = new BigInt64Array(size * layout.numbers).map((_, i) => BigInt(i) * 1_000_000_000_000n);
    const periods = new Int16Array(size * layout.periods).fill(NEVER);
    for (let from = 0; from < runs; from += size) s.add({ from, to: from + size, inputs: new BigInt64Array(0), numbers, periods, cash: new BigInt64Array(0) });
    expect(s.storedBytes).toBe(runs * layout.numbers * 8);
    expect(heap() - before).toBeLessThan(4 * 2 ** 20);
    expect(s.metrics(addresses)[0]!.empty).toBe(0);
  });
});

describe('the memory budget', () => {
  it('refuses at once, with a usage error and no stack trace, a request that cannot fit', () => {
    // every metric of circular-100b over the 10,000,000 runs allowed: 35 kept numbers a run, 2.6 GiB of them; with
    // what its funding policy adds (each pair's loss on default: NVIDIA's, and Microsoft's since the base scenario's
    // revenue share opens that pair) and the chunks in flight, about 3.0 GiB
    const all = ['nvidia', 'openai'].flatMap((p) => ['opening_cash', 'ending_cash', 'cash_in', 'cash_out', 'net', 'min_cash', 'min_cash_period', 'runway_end', 'funding_gap', 'npv', 'ownership_sold', 'debt_end', 'gw_online_end'].map((m) => `${p}.${m}`));
    const pair = ['peak', 'peak_period', 'exposure_end', 'loans_end', 'equity_cost_end', 'lgd_peak', 'revenue', 'financed_revenue', 'circular_share', 'stake_end', 'equity_value_end', 'net_cash', 'npv', 'irr'].map((m) => `nvidia->openai.${m}`);
    const r = within(10_000, ['simulate', C, '--runs', '10000000', '--format', 'table', ...[...all, ...pair].flatMap((m) => ['--metric', m])]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    // the budget is 2 GiB, or half the machine's memory if less
    expect(r.stderr).toMatch(
      /^stargate: 10000000 runs of 40 metrics would need about 3\.0 GiB \(the summaries keep 8 bytes a run for each money, ratio or GW metric\), above simulate's budget of (2\.0|[01]\.\d) GiB: ask for fewer --runs or --metric, or use --format csv, which keeps nothing per run\n$/,
    );
  });

  it("counts each party's cash by period where an output shows its percentiles (json, html, --chart, --what cash)", () => {
    // circular-100b: 6 parties × 20 quarters = 120 cents a run; 2,000,000 runs keep 1.8 GiB of them
    const r = within(10_000, ['simulate', C, '--runs', '2000000', '--format', 'json']);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(
      /^stargate: 2000000 runs of 16 metrics would need about 2\.2 GiB \(the summaries keep 8 bytes a run for each money, ratio or GW metric, and 8 bytes a run for each party's cash at each period, 120 here \(6 parties × 20 periods\), for the percentiles of cash by period\), above simulate's budget of (2\.0|[01]\.\d) GiB: ask for fewer --runs or --metric, or use --format table without --chart \(no cash by period\) or --format csv, which keeps nothing per run\n$/,
    );
    for (const args of [['--format', 'html'], ['--chart'], ['--format', 'csv', '--what', 'cash']]) expect(within(10_000, ['simulate', C, '--runs', '2000000', ...args]).status, args.join(' ')).toBe(2);
    const cash = within(10_000, ['simulate', C, '--runs', '3000000', '--format', 'csv', '--what', 'cash']);
    expect(cash.stderr).toMatch(/^stargate: 3000000 runs of each party's cash by period would need about 2\.\d GiB \(the summaries keep 8 bytes a run for each party's cash at each period, 120 here \(6 parties × 20 periods\), for the percentiles of cash by period\), above .*: ask for fewer --runs\n$/);
    // a table without --chart, and the per-run CSV, keep none of it
    const { model: m, layout } = layoutFor(C);
    const table = memoryNeeded({ runs: 2_000_000, layout, inputs: 0, threads: 2, chunkRuns: 1000, summaries: true, cash: 0, model: m });
    const json = memoryNeeded({ runs: 2_000_000, layout, inputs: 0, threads: 2, chunkRuns: 1000, summaries: true, cash: 120, model: m });
    expect(json - table).toBe(2_000_000 * 120 * 8 + (2 * 2 + 1) * 1000 * 120 * 8);
  });

  const layoutFor = (file: string, texts?: string[]) => {
    const m = loadScenario(file, fsReader);
    if (!m.ok) throw new Error('does not load');
    const defaults = m.value.parties.flatMap((p) => [`${p.id}.min_cash`, `${p.id}.runway_end`]).concat(['nvidia->openai.peak', 'nvidia->openai.circular_share']);
    const a = parseAddresses(texts ?? defaults, m.value);
    if (!a.ok) throw new Error(a.messages.join());
    return { model: m.value, layout: layoutOf(a.addresses) };
  };

  it('lets the documented cap of 10,000,000 runs through with the default metrics', () => {
    const { model: m, layout } = layoutFor(C);
    const need = memoryNeeded({ runs: 10_000_000, layout, inputs: 0, threads: 2, chunkRuns: 1000, summaries: true, cash: 0, model: m });
    // 10M runs × 4 kept numbers (3 money, 1 ratio; the periods are counted) × 8 bytes, and the rest
    expect(need).toBeGreaterThan(320_000_000);
    expect(need).toBeLessThan(2 ** 30);
  });

  it('lets 20,000 runs of 2,100 metrics of 300 parties through', () => {
    const parties = Array.from({ length: 300 }, (_, i) => `  p${i}: {name: P${i}, cash: ${i + 1}B}`).join('\n');
    const deals = Array.from({ length: 200 }, (_, i) => `  - {id: d${i}, type: purchase, buyer: p${i}, seller: p${i + 1}, amount: {2027: 1B}}`).join('\n');
    const m = model(`stargate: 1\nname: wide\ntimeline: {start: 2026-Q1, end: 2055-Q4, step: quarter}\nparties:\n${parties}\ndeals:\n${deals}\n`);
    const texts = m.parties.flatMap((p) => ['min_cash', 'runway_end', 'ending_cash', 'net', 'funding_gap', 'debt_end', 'ownership_sold'].map((x) => `${p.id}.${x}`));
    const a = parseAddresses(texts, m);
    if (!a.ok) throw new Error(a.messages.join());
    const layout = layoutOf(a.addresses);
    const need = memoryNeeded({ runs: 20_000, layout, inputs: 0, threads: 2, chunkRuns: 69, summaries: true, cash: 0, model: m });
    // 1,800 kept numbers a run: 288 MB of them
    expect(need).toBeGreaterThan(288_000_000);
    expect(need).toBeLessThan(2 ** 30);
  });
});

describe('an --out file in the way of the summaries', () => {
  it('is refused before the runs, not after them', () => {
    // two million runs take a minute and more; the refusal comes at once (the child is killed at 20 s otherwise)
    const d = dir();
    const out = join(d, 'summary.json');
    writeFileSync(out, 'keep me');
    const r = cli(['simulate', C, '--runs', '2000000', '--format', 'md', '--out', out], { timeout: 20_000 });
    expect(r).toEqual({ status: 1, stdout: '', stderr: `stargate: ${out} exists; use --force to replace it\n` });
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });
});
