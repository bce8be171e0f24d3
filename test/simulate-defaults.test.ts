// financing-and-default.md section 4, last paragraph: simulate adds, when any
// run defaults, the probability that each party has defaulted by the end of
// each year, and per pair the expected loss (mean of `loss` over runs) and its
// P95. Checked against the rule worked by hand in test/simulate/lab-default.yaml
// and against the per-run CSV of the same runs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';
import { Dec, formatCents, roundDiv } from '../src/money/decimal.js';
import { percentile, sortDecimals } from '../src/analysis/stats.js';

const LAB = 'test/simulate/lab-default.yaml';
const POLICY = 'test/simulate/circular-policy.yaml';
/** 997 runs: a count that divides no sum of cents evenly, so the mean is rounded */
const RUNS = '997';

const ok = (args: string[]): string => {
  const r = cli(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
};
const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true });
const readLab = (): string => readFileSync(join(ROOT, LAB), 'utf8');
/** "123.45" as cents */
const centsOf = (plain: string): bigint => BigInt(plain.replace('.', ''));

describe('simulate, when runs default', () => {
  const csv = rowsOf(ok(['simulate', LAB, '--runs', RUNS, '--seed', '3', '--format', 'csv']));
  const json = JSON.parse(ok(['simulate', LAB, '--runs', RUNS, '--seed', '3', '--format', 'json']));

  it('lists default_period and loss in the per-run CSV, each run as worked by hand', () => {
    expect(Object.keys(csv[0]!).slice(-3)).toEqual(['lab.default_period', 'bank->lab.loss', 'vc->lab.loss']);
    for (const row of csv) {
      // the lab defaults in 2027 exactly when C + L < 2B; the bank loses L − round(L × 25%), the VC its 1B
      const c = centsOf(row['parties.lab.cash']!);
      const l = centsOf(row['deals.loan.limit']!);
      const defaults = c + l < 200_000_000_000n;
      expect(row['lab.default_period'], `run ${row.run}`).toBe(defaults ? '2027' : '');
      expect(row['bank->lab.loss'], `run ${row.run}`).toBe(formatCents(defaults ? l - roundDiv(l, 4n) : 0n));
      expect(row['vc->lab.loss'], `run ${row.run}`).toBe(defaults ? '1000000000.00' : '0.00');
    }
  });

  it('gives the share of runs defaulted by the end of each year: the count of the CSV, over the runs', () => {
    const k = csv.filter((r) => r['lab.default_period'] === '2027').length;
    // 25% up to sampling (the header of the fixture): 250 of 997 expected, sd about 14
    expect(Math.abs(k - 249)).toBeLessThan(45); // number-ok: a count
    const share = new Dec(k).div(RUNS).toDecimalPlaces(6, Dec.ROUND_HALF_EVEN).toFixed(6);
    expect(json.defaults).toEqual([{ party: 'lab', by_end_of: { 2026: '0.000000', 2027: share, 2028: share }, runs: { 2026: '0', 2027: String(k), 2028: String(k) } }]);
  });

  it('gives the expected loss as the mean of the CSV losses, half-even to the cent, and their P95 as the other percentiles', () => {
    for (const pair of ['bank->lab', 'vc->lab']) {
      const losses = csv.map((r) => centsOf(r[`${pair}.loss`]!));
      const sum = losses.reduce((a, b) => a + b, 0n);
      const p95 = percentile(sortDecimals(losses.map((c) => new Dec(c.toString()).div(100))), new Dec('0.95'))!;
      expect(json.losses.find((x: { pair: string }) => x.pair === pair)).toEqual({ pair, mean: formatCents(roundDiv(sum, BigInt(RUNS))), p95: p95.toFixed(2, Dec.ROUND_HALF_EVEN) });
    }
    // the rounding is exercised: 997 does not divide the bank's sum
    const bank = csv.reduce((a, r) => a + centsOf(r['bank->lab.loss']!), 0n);
    expect(bank % 997n).not.toBe(0n);
  });

  it('prints both tables after the odds of running out of cash, with only the party that defaulted', () => {
    const text = ok(['simulate', LAB, '--runs', RUNS, '--seed', '3']);
    const k = csv.filter((r) => r['lab.default_period'] === '2027').length;
    const pct = `${new Dec(k * 100).div(RUNS).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2)}%`;
    expect(text.indexOf('Probability of default by year')).toBeGreaterThan(text.indexOf('Chance that cash first goes below zero'));
    expect(text).toMatch(new RegExp(`│ Lab +│ +0\\.00% │ +${pct.replace('.', '\\.')} │ +${pct.replace('.', '\\.')} │`));
    // the bank and the VC never default: no row
    expect(text.slice(text.indexOf('Probability of default'), text.indexOf('Loss on default'))).not.toMatch(/Bank|VC/);
    const md = ok(['simulate', LAB, '--runs', RUNS, '--seed', '3', '--format', 'md']);
    expect(md).toContain('| party | 2026 | 2027 | 2028 |');
    expect(md).toContain(`| Lab | 0.00% | ${pct} | ${pct} |`);
    expect(md).toContain('| pair | expected loss | P95 |');
  });

  it('gives the same numbers with one worker and with two, for a seed', () => {
    // 2,500 runs: three chunks, so two workers share them
    const args = ['simulate', LAB, '--runs', '2500', '--seed', '8'];
    for (const format of ['json', 'csv']) {
      const one = ok([...args, '--format', format, '--workers', '1']);
      expect(ok([...args, '--format', format, '--workers', '2']), format).toBe(one);
    }
    expect(JSON.parse(ok([...args, '--format', 'json', '--workers', '2'])).losses).toHaveLength(2);
    // and on the larger fixture, whose runs default late and are made twice by the engine
    const big = ['simulate', POLICY, '--runs', '2100', '--seed', '4', '--format', 'json'];
    expect(ok([...big, '--workers', '2'])).toBe(ok([...big, '--workers', '1']));
  });
});

describe('simulate, when no run defaults', () => {
  const d = mkdtempSync(join(tmpdir(), 'stargate-simdef-'));

  it('prints no default table, though a party could default, and keeps the CSV columns', () => {
    // with at least 2B of opening cash the lab always covers 2027
    const safe = join(d, 'safe.yaml');
    writeFileSync(safe, readLab().replace('parties.lab.cash: {dist: uniform, min: 0, max: 5B}', 'parties.lab.cash: {dist: uniform, min: 2B, max: 5B}'));
    const json = JSON.parse(ok(['simulate', safe, '--runs', '200', '--format', 'json']));
    expect(Object.keys(json)).toEqual(['format', 'scenario', 'runs', 'seed', 'inputs', 'metrics', 'runway', 'cash_by_period']);
    expect(json.format).toBe('stargate-simulate/1');
    expect(ok(['simulate', safe, '--runs', '200'])).not.toMatch(/Probability of default|Loss on default/);
    const rows = rowsOf(ok(['simulate', safe, '--runs', '20', '--format', 'csv']));
    expect(rows.every((r) => r['lab.default_period'] === '' && r['bank->lab.loss'] === '0.00')).toBe(true);
  });

  it('reads no default metric where no party can default: the CSV is as before', () => {
    const none = join(d, 'none.yaml');
    writeFileSync(none, readLab().replace(/ {4}min_cash: 0\n {4}funding:\n.*\n {4}on_shortfall: default\n/, ''));
    const header = ok(['simulate', none, '--runs', '3', '--format', 'csv']).split('\r\n')[0]!;
    expect(header).not.toMatch(/default_period|\.loss/);
  });

  it('counts a default written as an event, in every run from its year on', () => {
    const event = join(d, 'event.yaml');
    writeFileSync(event, `${readLab().replace(/ {4}on_shortfall: default\n/, '').replace('uncertain:', 'events:\n  - {type: default, party: bank, at: 2028}\nuncertain:')}`);
    const json = JSON.parse(ok(['simulate', event, '--runs', '50', '--format', 'json']));
    expect(json.defaults).toEqual([{ party: 'bank', by_end_of: { 2026: '0.000000', 2027: '0.000000', 2028: '1.000000' }, runs: { 2026: '0', 2027: '0', 2028: '50' } }]);
    // the bank owes nobody: no pair has it as obligor, and no loss table is printed
    expect(json.losses).toEqual([]);
    const text = ok(['simulate', event, '--runs', '50']);
    expect(text).toContain('Probability of default by year');
    expect(text).not.toContain('Loss on default');
  });
});

describe('simulate on a bundled scenario whose market closes (scenarios/market-closes.yaml)', () => {
  const args = ['simulate', 'scenarios/market-closes.yaml', '--runs', '300', '--seed', '7'];
  const json = JSON.parse(ok([...args, '--format', 'json']));
  const csv = rowsOf(ok([...args, '--format', 'csv']));

  it("gives OpenAI's odds of default by year as the share of runs the per-run CSV shows defaulted by then", () => {
    const openai = json.defaults.find((d: { party: string }) => d.party === 'openai');
    for (const year of ['2026', '2027', '2028', '2029', '2030']) {
      const count = csv.filter((r) => r['openai.default_period'] !== '' && r['openai.default_period']!.slice(0, 4) <= year).length;
      expect(openai.runs[year], year).toBe(String(count));
      expect(openai.by_end_of[year], year).toBe(new Dec(count).div(300).toFixed(6));
    }
    // the market buys only 20B of shares: most runs default, none before the round money runs out
    expect(Number(openai.runs['2030'])).toBeGreaterThan(150); // number-ok: a count of runs
  });

  it("gives NVIDIA's expected loss as the mean of the per-run losses, half-even to the cent", () => {
    const losses = csv.map((r) => centsOf(r['nvidia->openai.loss']!));
    const mean = roundDiv(losses.reduce((a, b) => a + b, 0n), 300n);
    expect(json.losses.find((l: { pair: string }) => l.pair === 'nvidia->openai').mean).toBe(formatCents(mean));
  });
});
