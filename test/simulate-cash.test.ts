// simulate's percentiles of each party's cash by period (the fans): the same
// rule as every money percentile (PERCENTILE.INC in exact decimals, half-even
// to the cent), read from the cents the engine summed, so that they can be
// recomputed from the per-run CSV's `PARTY.cash@PERIOD` columns exactly; the
// same with one worker and with two; in the JSON (`cash_by_period`), in
// `--format csv --what cash`, and drawn by html and by --chart.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { cli } from './helpers.js';
import { Dec } from '../src/money/decimal.js';
import { percentile, sortDecimals } from '../src/analysis/stats.js';

const FLAT = 'test/analysis/flat.yaml';
const LAB = 'test/simulate/lab-default.yaml';
const Q = ['5', '25', '50', '75', '95'] as const;

const ok = (args: string[]): string => {
  const r = cli(args);
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  expect(r.stderr).toBe('');
  return r.stdout;
};
const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true });

/** P5 … P95 of the plain amounts: PERCENTILE.INC in exact decimals, half-even to the cent, as plain text. */
function inc(values: readonly string[]): string[] {
  const sorted = sortDecimals(values.map((v) => new Dec(v)));
  return Q.map((q) => (percentile(sorted, new Dec(q).div(100)) as Dec).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN).toFixed(2));
}

describe("simulate: percentiles of each party's cash by period", () => {
  it('are PERCENTILE.INC of the runs, worked by hand on four runs', () => {
    // flat.yaml, seed 3, 4 runs: X's cash at the end of 2026 is its drawn cash − 5B + the $1,000 it borrowed.
    // Sorted: a = −4,909,944,212.57, b = −3,106,184,019.44, c = −1,631,277,782.29, d = 1,046,612,234.84.
    // h = 3p: P5 = a + 0.15(b − a) = −4,639,380,183.6005 → −4,639,380,183.60;
    // P25 = a + 0.75(b − a) = −3,557,124,067.7225 → −3,557,124,067.72;
    // P50 = (b + c)/2 = −2,368,730,900.865, a tie → half-even −2,368,730,900.86;
    // P75 = c + 0.25(d − c) = −961,805,278.0075 → −961,805,278.01;
    // P95 = c + 0.85(d − c) = 644,928,732.2705 → 644,928,732.27.
    const runs = rowsOf(ok(['simulate', FLAT, '--runs', '4', '--seed', '3', '--format', 'csv', '--metric', 'x.cash@2026']));
    expect(runs.map((r) => r['x.cash@2026'])).toEqual(['-3106184019.44', '1046612234.84', '-4909944212.57', '-1631277782.29']);
    const fan = JSON.parse(ok(['simulate', FLAT, '--runs', '4', '--seed', '3', '--format', 'json'])).cash_by_period;
    expect(fan.periods).toEqual(['2026', '2027', '2028']);
    const x = fan.parties.find((p: any) => p.party === 'x');
    expect(Q.map((q) => x[`p${q}`][0])).toEqual(['-4639380183.60', '-3557124067.72', '-2368730900.86', '-961805278.01', '644928732.27']);
    // the same values as CSV, one row per period
    const csv = rowsOf(ok(['simulate', FLAT, '--runs', '4', '--seed', '3', '--format', 'csv', '--what', 'cash']));
    expect(csv[0]).toMatchObject({ period: '2026', 'x.cash_p5': '-4639380183.60', 'x.cash_p50': '-2368730900.86', 'x.cash_p95': '644928732.27', 'y.cash_p50': '100000000000.00' });
  });

  for (const [file, runs] of [[FLAT, '2500'], [LAB, '1200']] as const) {
    it(`equal those recomputed from the per-run CSV's PARTY.cash@PERIOD, with one worker and with two (${file})`, () => {
      const json = JSON.parse(ok(['simulate', file, '--runs', runs, '--seed', '11', '--format', 'json', '--workers', '1']));
      const { periods, parties } = json.cash_by_period as { periods: string[]; parties: Record<string, any>[] };
      // every party's cash at every period, from the per-run CSV (chunks of 1,000 runs: two workers share them)
      const metrics = parties.flatMap((p) => periods.map((t) => `${p.party}.cash@${t}`));
      const rows = rowsOf(ok(['simulate', file, '--runs', runs, '--seed', '11', '--format', 'csv', ...metrics.flatMap((m) => ['--metric', m])]));
      expect(rows).toHaveLength(Number(runs)); // number-ok: a count of runs
      for (const p of parties) {
        for (const [t, label] of periods.entries()) {
          const expected = inc(rows.map((r) => r[`${p.party}.cash@${label}`] as string));
          expect(Q.map((q) => p[`p${q}`][t]), `${p.party} at ${label}`).toEqual(expected);
        }
      }
      // two workers, and the CSV of the fans, give the very same values
      const two = JSON.parse(ok(['simulate', file, '--runs', runs, '--seed', '11', '--format', 'json', '--workers', '2']));
      expect(two.cash_by_period).toEqual(json.cash_by_period);
      const csv = rowsOf(ok(['simulate', file, '--runs', runs, '--seed', '11', '--format', 'csv', '--what', 'cash', '--workers', '2']));
      expect(csv.map((r) => r.period)).toEqual(periods);
      for (const p of parties) for (const q of Q) expect(csv.map((r) => r[`${p.party}.cash_p${q}`]), `${p.party} P${q}`).toEqual(p[`p${q}`]);
      // and the rest of the JSON is what it was without them
      expect(two.metrics).toEqual(json.metrics);
    });
  }

  it('--what: runs (every run, the default) or cash, with --format csv only; --metric has no use with cash', () => {
    const usage = (args: string[]) => cli(['simulate', FLAT, '--runs', '10', ...args]);
    expect(usage(['--format', 'csv', '--what', 'runs']).stdout).toBe(usage(['--format', 'csv']).stdout);
    expect(usage(['--what', 'cash'])).toEqual({ status: 2, stdout: '', stderr: 'stargate: --what chooses what --format csv writes; table holds the summaries and (json, html) the cash percentiles by period\n' });
    expect(usage(['--format', 'json', '--what', 'cash']).status).toBe(2);
    expect(usage(['--format', 'csv', '--what', 'cash', '--metric', 'x.min_cash'])).toEqual({
      status: 2,
      stdout: '',
      stderr: "stargate: --metric has no use with --what cash, which writes only the percentiles of each party's cash by period\n",
    });
    const bad = usage(['--format', 'csv', '--what', 'fans']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--what <WHAT>' argument 'fans' is invalid\. Allowed choices are runs, cash/);
  });

  it('are left out of the tables and Markdown, which do not show them', () => {
    const table = ok(['simulate', FLAT, '--runs', '50']);
    expect(table).not.toMatch(/Cash by period/);
    expect(ok(['simulate', FLAT, '--runs', '50', '--format', 'md'])).not.toMatch(/Cash by period/);
  });
});
