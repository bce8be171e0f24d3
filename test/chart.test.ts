// Issue 13, charts in the terminal: `--chart` on model, compare and simulate
// tables draws each party's cash by period after the tables, fitted to the
// terminal's width (COLUMNS off a terminal, 80 without it), in colour only on a
// terminal. Golden files at two widths; the same drawing through a real pty,
// where it is coloured; nothing but text when piped; the top and bottom
// labels are the largest and smallest value of the JSON, printed as the
// tables print money.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';
import { compactMoney } from '../src/report/cells.js';
import { cents } from '../src/money/decimal.js';
import { terminalChart } from '../src/report/terminal-chart.js';
import type { SeriesBlock } from '../src/report/report.js';
import { chartWidth } from '../src/cli/commands/render.js';

const C = 'scenarios/circular-100b.yaml';
const E = 'scenarios/equity-20b.yaml';
const LAB = 'test/simulate/lab-default.yaml';
const ESC = '\x1b';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Piped output at a width: COLUMNS, with colour not turned off by the environment (piping alone must do it). */
const piped = (args: string[], columns: string) => cli(args, { env: { COLUMNS: columns, NO_COLOR: '', FORCE_COLOR: '' } });

/** The charts of an output: from the first chart's title to the end. */
const chartsOf = (out: string): string => out.slice(out.search(/^Cash by period/m));

/** Each chart's y labels, top to bottom. */
const yLabels = (charts: string): string[][] =>
  charts.split(/\n\n/).map((c) => [...c.matchAll(/^ *(-?\$[\d.,]+[KMBT]?) [┤┼]/gm)].map((m) => m[1]!));

/** Display width: code points, escapes left out. */
// eslint-disable-next-line no-control-regex
const width = (line: string): number => [...line.replace(/\x1b\[[0-9;]*m/g, '')].length;

const max = (xs: string[]): string => xs.reduce((a, b) => (cents(BigInt(b.replace('.', ''))) > cents(BigInt(a.replace('.', ''))) ? b : a));
const min = (xs: string[]): string => xs.reduce((a, b) => (cents(BigInt(b.replace('.', ''))) < cents(BigInt(a.replace('.', ''))) ? b : a));

const GOLDEN: [string, string[], string][] = [
  ['chart-model-circular-60.txt', ['model', C, '--chart'], '60'],
  ['chart-model-circular-100.txt', ['model', C, '--chart'], '100'],
  ['chart-compare-openai-72.txt', ['compare', C, E, '--party', 'openai', '--chart'], '72'],
  ['chart-simulate-lab-90.txt', ['simulate', LAB, '--runs', '400', '--seed', '5', '--chart'], '90'],
];

describe('--chart', () => {
  it.each(GOLDEN)('%s: the charts after the tables, each line within the width', (name, args, columns) => {
    const r = piped(args, columns);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const file = join(ROOT, 'test', 'golden', name);
    if (UPDATE) writeFileSync(file, chartsOf(r.stdout));
    expect(existsSync(file), `${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(chartsOf(r.stdout)).toBe(readFileSync(file, 'utf8'));
    // the tables come first, as without --chart
    const plain = piped(args.filter((a) => a !== '--chart'), columns).stdout;
    expect(r.stdout.startsWith(plain.trimEnd())).toBe(true);
    for (const line of chartsOf(r.stdout).split('\n')) expect(width(line), line).toBeLessThanOrEqual(Number(columns)); // number-ok: a width
    // the axis runs the full width but for the y labels
    expect(Math.max(...chartsOf(r.stdout).split('\n').map(width))).toBe(Number(columns)); // number-ok: a width
  });

  it.each([
    ['60', 60],
    ['100', 100],
  ])('draws the same on a terminal %s columns wide, in colour', (columns, n) => {
    // a pty (script) of that width; stdout is a terminal, so colour is on unless NO_COLOR says otherwise
    const run = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `stty cols ${columns}; ${process.execPath} bin/stargate.js model ${C} --chart`, '/dev/null'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, COLUMNS: '', FORCE_COLOR: '', ...env },
      }).stdout.replace(/\r\n/g, '\n');
    const tty = run({ NO_COLOR: '' });
    expect(tty).toContain(`${ESC}[34m──${ESC}[39m NVIDIA`); // the legend in each party's colour
    // eslint-disable-next-line no-control-regex
    const stripped = chartsOf(tty.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(stripped).toBe(readFileSync(join(ROOT, 'test', 'golden', `chart-model-circular-${n}.txt`), 'utf8'));
    // NO_COLOR on a terminal: the same drawing without a colour code
    const none = chartsOf(run({ NO_COLOR: '1' }));
    expect(none).not.toContain(ESC);
    expect(none).toBe(stripped);
  });

  it('writes no escape code when piped, even where colour would be allowed', () => {
    for (const args of [['model', C, '--chart'], ['compare', C, E, '--chart'], ['simulate', LAB, '--runs', '100', '--chart']]) {
      const r = piped(args, '');
      expect(r.status).toBe(0);
      expect(r.stdout, args.join(' ')).not.toContain(ESC);
      // 80 columns without COLUMNS
      expect(Math.max(...chartsOf(r.stdout).split('\n').map(width))).toBe(80);
    }
  });

  it("labels the top and the bottom with the largest and smallest cash of model's JSON, as the tables print them", () => {
    const json = JSON.parse(cli(['model', C, '--format', 'json']).stdout);
    const all = Object.values(json.parties).flatMap((p: any) => p.series.cash as string[]);
    for (const columns of ['60', '100']) {
      const [labels] = yLabels(chartsOf(piped(['model', C, '--chart'], columns).stdout));
      expect([labels![0], labels![labels!.length - 1]]).toEqual([compactMoney(max(all)), compactMoney(min(all))]);
    }
    // compare: one chart per party, the scenarios overlaid
    const both = JSON.parse(cli(['compare', C, E, '--format', 'json']).stdout).scenarios;
    const charts = yLabels(chartsOf(piped(['compare', C, E, '--chart'], '90').stdout));
    const ids = [...new Set(both.flatMap((s: any) => Object.keys(s.parties)))] as string[];
    expect(charts).toHaveLength(ids.length);
    ids.forEach((id, i) => {
      const values = both.flatMap((s: any) => (s.parties[id]?.series.cash ?? []) as string[]);
      expect([charts[i]![0], charts[i]!.at(-1)], id).toEqual([compactMoney(max(values)), compactMoney(min(values))]);
    });
    // simulate: P5, P50 and P95 of each party's cash, from the JSON's cash_by_period
    const fan = JSON.parse(cli(['simulate', LAB, '--runs', '400', '--seed', '5', '--format', 'json']).stdout).cash_by_period;
    const fans = yLabels(chartsOf(piped(['simulate', LAB, '--runs', '400', '--seed', '5', '--chart'], '80').stdout));
    fan.parties.forEach((p: any, i: number) => {
      const values = [...p.p5, ...p.p50, ...p.p95] as string[];
      expect([fans[i]![0], fans[i]!.at(-1)], p.party).toEqual([compactMoney(max(values)), compactMoney(min(values))]);
    });
  });

  it('is a usage error with another format, and with model --metric', () => {
    for (const [args, message] of [
      [['model', C, '--chart', '--format', 'json'], "--chart draws in the table format's text; it does not go with --format json"],
      [['compare', C, E, '--chart', '--format', 'html'], "--chart draws in the table format's text; it does not go with --format html (html draws its own charts)"],
      [['simulate', LAB, '--chart', '--format', 'csv'], "--chart draws in the table format's text; it does not go with --format csv"],
      [['model', C, '--chart', '--metric', 'openai.min_cash'], '--chart draws the cash by period of the whole report; it does not go with --metric'],
    ] as const) {
      expect(cli([...args]), args.join(' ')).toEqual({ status: 2, stdout: '', stderr: `stargate: ${message}\n` });
    }
    // the commands that have no cash chart do not take it
    expect(cli(['diff', C, E, '--chart']).status).toBe(2);
  });

  it('takes its width off a terminal from COLUMNS when it is a sensible number', () => {
    expect(chartWidth(120, { COLUMNS: '60' })).toBe(120);
    expect(chartWidth(undefined, { COLUMNS: '60' })).toBe(60);
    for (const c of [undefined, '', 'wide', '5', '0', '99999', '-80']) expect(chartWidth(undefined, c === undefined ? {} : { COLUMNS: c }), String(c)).toBe(80);
  });
});

describe('a chart drawn as text', () => {
  const quarters = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'];
  const money = (label: string, periods: string[], dollars: number[]) => ({ label, periods, unit: 'money' as const, values: dollars.map((d) => cents(BigInt(d) * 100n)) });
  const draw = (b: SeriesBlock, w = 40) => terminalChart(b, { width: w, color: false });

  it('marks zero when the cash crosses it, and labels that row $0.00', () => {
    const text = draw({ type: 'series', title: 'Cash', series: [money('A', quarters, [3e9, 1e9, -1e9, -3e9, 2e9])] });
    const zero = text.split('\n').find((l) => l.includes('┼'))!;
    expect(zero).toMatch(/^ +\$0\.00 ┼[^]*·/);
    const labels = yLabels(text)[0]!;
    expect([labels[0], labels.at(-1)]).toEqual(['$3.00B', '-$3.00B']);
  });

  it('draws a flat series on one row, and an empty one as a sentence', () => {
    const flat = draw({ type: 'series', title: 'Flat', series: [money('A', quarters, [5e9, 5e9, 5e9, 5e9, 5e9])] });
    expect(yLabels(flat)[0]).toEqual(['$5.00B']);
    expect(flat).toContain('$5.00B ┤────');
    const empty = draw({ type: 'series', title: 'None', series: [{ label: 'A', periods: quarters, unit: 'money', values: quarters.map(() => null) }] });
    expect(empty).toBe('None\nNothing to draw: every value is empty.');
  });

  it('places series of different timelines by time: a shorter one covers only its own periods', () => {
    const text = draw({ type: 'series', title: 'Two', series: [money('long', quarters, [1, 2, 3, 4, 5]), money('short', ['2026-Q3', '2026-Q4'], [5, 5])] }, 44);
    const lines = text.split('\n');
    expect(lines[1]).toBe('── long   ━━ short');
    // the short one's heavy line starts halfway (2026-Q3 ends half way from 2026-Q1's end to 2027-Q1's)
    const heavy = lines.find((l) => l.includes('┤') && l.includes('━'))!;
    const axis = heavy.indexOf('┤');
    const middle = lines.at(-2)!.indexOf('┬'); // 2026-Q3's tick
    expect(heavy.indexOf('━')).toBe(middle + 1); // the step from 2026-Q3 to 2026-Q4 is drawn right of its tick
    expect(heavy.indexOf('━') - axis).toBeGreaterThan(15);
    // the period axis: the first, the middle and the last at least
    expect(lines.at(-1)).toMatch(/^ +2026-Q1 .*2026-Q3 .*2027-Q1$/);
  });

  it('fits narrow widths by labelling fewer periods, and keeps a usable plot', () => {
    const long = Array.from({ length: 40 }, (_, i) => `${2026 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
    const block: SeriesBlock = { type: 'series', title: 'Long', series: [money('A', long, long.map((_, i) => (i % 7) * 1e9))] };
    for (const w of [30, 60, 120]) {
      const lines = draw(block, w).split('\n');
      for (const l of lines) expect(width(l), `${w}: ${l}`).toBeLessThanOrEqual(w);
      const periods = lines.at(-1)!.trim().split(/ +/);
      expect(periods[0]).toBe('2026-Q1');
      expect(periods.at(-1)).toBe('2035-Q4');
    }
  });
});
