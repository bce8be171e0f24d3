// --format html without a browser: the page is self-contained and escapes
// what the scenario file says, the charting library is loaded only for html,
// and the pieces the charts are made of (histogram bins, the tables beneath
// the charts, the fan) hold the exact values. test/html-browser.test.ts opens
// the pages in Chromium.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';
import { cents, Dec } from '../src/money/decimal.js';
import { histogram, roundStep } from '../src/analysis/histogram.js';
import { centsKey, decKey } from '../src/analysis/compact.js';
import { NEVER } from '../src/analysis/simulate.js';
import { chartTable } from '../src/report/html/chart-table.js';
import { chartOption, chartSvg } from '../src/report/html/charts.js';
import { renderHtml } from '../src/report/html/render-html.js';
import { cellText } from '../src/report/cells.js';
import type { Report, SeriesBlock } from '../src/report/report.js';

const C = 'scenarios/circular-100b.yaml';
const PLAIN = { exact: false, color: false, width: undefined };

const HOSTILE = `
stargate: 1
name: "<script>alert('name')</script> & co"
timeline: {start: 2026, end: 2028, step: year}
parties:
  lab: {name: "</title><script>alert('lab')</script>", cash: 10B}
  vendor: {name: "<b onmouseover=alert(2)>Vendor</b>", cash: 20B}
buildouts:
  dc: {operator: lab, gw: {2026: 1}, capex_per_gw: 5B, suppliers: {vendor: 100%}}
deals:
  - {id: credit, type: credit_line, lender: vendor, borrower: lab, limit: 5B, rate: 5%, draws: {2026: 4B}, repayment: {type: bullet, at: 2030}}
`;

describe('the html page', () => {
  it('asks for nothing: no script, no stylesheet, font or image from elsewhere, and a policy that forbids any request', () => {
    const r = cli(['model', C, '--format', 'html']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const page = r.stdout;
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|@font-face/i);
    // the only URLs are the SVG namespaces and clip paths within the page
    const urls = [...page.matchAll(/(?:https?:)?\/\/[^\s"')<]+/g)].map((m) => m[0]);
    expect([...new Set(urls)].sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
    expect(page.match(/url\(([^)]*)\)/g)?.every((u) => /^url\(#zr\d+-c\d+\)$/.test(u))).toBe(true);
  });

  it('escapes every name and description from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-html-'));
    const file = join(dir, 'hostile.yaml');
    writeFileSync(file, HOSTILE);
    const r = cli(['model', file, '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // the file's markup is text: no element of its own, no attribute
    const tags = new Set([...r.stdout.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));
    for (const t of ['script', 'img', 'b', 'iframe']) expect(tags.has(t), t).toBe(false);
    expect(r.stdout).not.toMatch(/<[^>]*\son\w+=/i);
    expect(r.stdout).toContain('<title>&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; co</title>');
    // in the tables and inside the charts' SVG (legends, axes) alike
    expect(r.stdout).toContain('<th scope="col" class="num">&lt;/title&gt;&lt;script&gt;alert(&#39;lab&#39;)&lt;/script&gt;</th>');
    expect(r.stdout).toMatch(/<text[^>]*>&lt;\/title&gt;&lt;script&gt;alert\((&#39;|')lab(&#39;|')\)&lt;\/script&gt;<\/text>/);
  });

  it('is written with --out like any output, and refuses to replace a file without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-html-'));
    const out = join(dir, 'report.html');
    expect(cli(['model', C, '--format', 'html', '--out', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(cli(['model', C, '--format', 'html']).stdout);
    const again = cli(['model', C, '--format', 'html', '--out', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`stargate: ${out} exists; use --force to replace it\n`);
  });

  it('is offered by every command that prints a report, and not by export', () => {
    for (const cmd of ['model', 'compare', 'diff', 'stress', 'sweep', 'tornado', 'solve', 'simulate']) {
      expect(cli([cmd, '--help']).stdout, cmd).toMatch(/choices:\s+"table",\s+"csv",\s+"json",\s+"md",\s+"html"/);
    }
    const r = cli(['export', C, '--format', 'html']);
    expect(r.status).toBe(2);
  });
});

describe('the charting library', () => {
  it('is not in the CLI bundle, and a text run never loads it', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'bin', 'stargate.cjs'), 'utf8');
    expect(bundle).not.toMatch(/zrender|echarts/i);
    expect(readFileSync(join(ROOT, 'dist', 'bin', 'html.cjs'), 'utf8').length).toBeGreaterThan(200_000);
    // a preload that tells which files Node loaded: html.cjs only for html
    const dir = mkdtempSync(join(tmpdir(), 'stargate-html-'));
    const spy = join(dir, 'spy.cjs');
    writeFileSync(spy, "const M = require('node:module'); const seen = []; const load = M._load; M._load = function (r, ...a) { seen.push(r); return load.call(this, r, ...a); }; process.on('exit', () => require('node:fs').writeSync(2, `loaded: ${seen.filter((s) => s.endsWith('html.cjs')).join(',') || 'none'}\\n`));");
    const text = cli(['model', C], { env: { NODE_OPTIONS: `--require ${spy}` } });
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('loaded: none\n');
    const html = cli(['model', C, '--format', 'html'], { env: { NODE_OPTIONS: `--require ${spy}` } });
    expect(html.stderr).toBe('loaded: ./html.cjs\n');
  });
});

describe('charts from report blocks', () => {
  const periods = ['2026', '2027', '2028'];

  it('puts the numbers of a chart in a table beneath it, as the tables print them, on the union of the timelines', () => {
    const block: SeriesBlock = {
      type: 'series',
      title: 'Cash',
      series: [
        { label: 'A', periods: ['2026', '2027'], unit: 'money', values: [cents(12_345_678_901_23n), cents(-5_00n)] },
        { label: 'B', periods: ['2027', '2028'], unit: 'money', values: [cents(0n), null] },
      ],
    };
    const t = chartTable(block);
    expect(t.columns).toEqual(['period', 'A', 'B']);
    expect(t.rows.map((r) => r.map((c) => cellText(c, false)))).toEqual([
      ['2026', '$12.35B', '—'],
      ['2027', '-$5.00', '$0.00'],
      ['2028', '—', '—'],
    ]);
  });

  it('draws money in the largest unit its values reach, with the unit on the axis', () => {
    const option = chartOption({ type: 'series', title: 'Cash', axis: 'cash', series: [{ label: 'A', periods, unit: 'money', values: [cents(250_000_000_00n), cents(-1_500_000_000_00n), null] }] });
    expect((option.yAxis as { name: string }).name).toBe('cash ($B)');
    expect((option.series as { data: unknown[] }[])[0]!.data).toEqual([0.25, -1.5, null]);
  });

  it('draws a fan: the P5–P95 and P25–P75 bands stacked on their lower edges, and the median', () => {
    const fan: SeriesBlock = {
      type: 'series',
      title: 'Cash of OpenAI over the runs',
      draw: 'fan',
      series: ['P5', 'P25', 'P50', 'P75', 'P95'].map((label, k) => ({ label, periods, unit: 'money' as const, values: periods.map((_, i) => cents(BigInt((k + 1) * (i + 1)) * 1_000_000_000_00n)) })),
    };
    const series = chartOption(fan).series as { name: string; stack?: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.stack ?? '', s.data])).toEqual([
      ['P5', 'outer', [1, 2, 3]],
      ['P5–P95', 'outer', [4, 8, 12]],
      ['P25', 'inner', [2, 4, 6]],
      ['P25–P75', 'inner', [2, 4, 6]],
      ['P50', '', [3, 6, 9]],
    ]);
    // the legend names the bands and the median, not the bands' lower edges
    expect((chartOption(fan).legend as { data: string[] }).data).toEqual(['P5–P95', 'P25–P75', 'P50']);
    expect(chartSvg(fan)).toMatch(/^<svg[^]*ecmeta_ssr_type="chart"[^]*<\/svg>$/);
  });

  it('says so rather than draw an empty chart', () => {
    const r: Report = { heading: ['T'], blocks: [{ type: 'categories', title: 'Nothing', axis: 'x', categories: ['a'], series: [{ label: 'v', unit: 'ratio', values: [null] }], draw: 'bars' }], notes: [], json: () => null, csv: () => ({ header: [], rows: [] }) };
    const page = renderHtml(r, PLAIN);
    expect(page).toContain('<p class="empty">Nothing to draw: every value is empty.</p>');
    expect(page).not.toContain('<svg');
  });
});

describe('histogram', () => {
  const keys = (xs: bigint[]): BigInt64Array => BigInt64Array.from(xs).sort();

  it('takes round steps: 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(['0.3', '0.07', '1', '1.2', '2.2', '3', '7', '4300'].map((x) => roundStep(new Dec(x), new Dec('0.01')).toString())).toEqual(['0.5', '0.1', '1', '2', '2.5', '5', '10', '5000']);
    expect(roundStep(new Dec('0.001'), new Dec('0.01')).toString()).toBe('0.01');
  });

  it('bins money on exact edges; every run is counted once, the largest in the last bin', () => {
    // $1.00 to $10.00: a step of 0.5 (9 / 20 = 0.45), edges from $1.00 to $10.00
    const values = [100n, 149n, 150n, 999n, 1000n, 1000n];
    const h = histogram('money', { sorted: keys(values.map((v) => centsKey(new Dec(v.toString()).div(100))!)) });
    expect(h?.kind).toBe('money');
    if (h?.kind !== 'money') return;
    expect(h.edges.map((e) => e.toFixed(2))).toEqual(Array.from({ length: 19 }, (_, i) => new Dec(1).plus(new Dec('0.5').times(i)).toFixed(2)));
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(h.counts[0]).toBe(2); // $1.00 and $1.49
    expect(h.counts[1]).toBe(1); // $1.50
    expect(h.counts[17]).toBe(3); // $9.99 and $10.00 twice: the last bin includes its upper edge
  });

  it('bins ratios by their keys, and one value in every run is one bin', () => {
    const h = histogram('ratio', { sorted: keys(['0.1', '0.2', '0.2', '0.35'].map((x) => decKey(new Dec(x))!)) });
    if (h?.kind !== 'ratio') throw new Error('a ratio histogram');
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.edges[0]!.toString()).toBe('0.1');
    const one = histogram('ratio', { sorted: keys([decKey(new Dec('0.25'))!, decKey(new Dec('0.25'))!]) });
    expect(one).toEqual({ kind: 'ratio', edges: [new Dec('0.25'), new Dec('0.25')], counts: [2] });
    expect(histogram('money', { sorted: keys([]) })).toBeUndefined();
  });

  it('counts a period metric per period, from the first reached to the last, then never', () => {
    const counts = Uint32Array.from([0, 3, 0, 2, 0, 5]); // five periods, then never
    expect(histogram('period', { counts })).toEqual({ kind: 'period', periods: [1, 2, 3, NEVER], counts: [3, 0, 2, 5] });
  });
});
