/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Every command's --format html page opened in a real headless Chromium
// (Debian's package; CHROMIUM_PATH or /usr/bin/chromium; .ci/run installs it),
// driven by playwright-core: the page loads with no console error and asks
// for nothing but itself, every chart has drawn marks, and the numbers in the
// tables beneath the charts are those of the command's JSON output.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { cli } from './helpers.js';
import { compactMoney, percent } from '../src/report/cells.js';
import { Dec } from '../src/money/decimal.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const C = 'scenarios/circular-100b.yaml';
const E = 'scenarios/equity-20b.yaml';

interface Cell {
  readonly text: string;
  readonly value: string | null;
}
interface Chart {
  readonly title: string;
  /** the chart's data marks (points, bars, cells), and those with a size */
  readonly marks: number;
  readonly drawn: number;
  readonly height: number;
  readonly header: string[];
  readonly rows: Cell[][];
}
interface Loaded {
  readonly requests: string[];
  readonly errors: string[];
  readonly scripts: number;
  readonly charts: Chart[];
}

let browser: Browser;
let dir: string;

/** The html and the JSON of one command. */
function outputs(name: string, args: string[]): { file: string; json: any } {
  const file = join(dir, `${name}.html`);
  const html = cli([...args, '--format', 'html', '--out', file]);
  if (html.status !== 0) throw new Error(`${args.join(' ')}: ${html.stderr}`);
  const json = cli([...args, '--format', 'json']);
  if (json.status !== 0) throw new Error(`${args.join(' ')}: ${json.stderr}`);
  return { file, json: JSON.parse(json.stdout) };
}

/** Open a page: every request it makes (all refused but the page itself), console errors, and what each chart shows. */
async function open(file: string): Promise<Loaded> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const seen = await page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    charts: [...document.querySelectorAll('section.chart-block')].map((sec) => {
      const marks = [...sec.querySelectorAll('figure.chart svg [ecmeta_ssr_type="chart"]')] as SVGGraphicsElement[];
      return {
        title: sec.querySelector('h2')?.textContent ?? '',
        marks: marks.length,
        drawn: marks.filter((m) => {
          const b = m.getBBox();
          return b.width > 0 || b.height > 0;
        }).length,
        height: sec.querySelector('figure.chart svg')?.getBoundingClientRect().height ?? 0,
        header: [...sec.querySelectorAll('details table thead th')].map((th) => th.textContent ?? ''),
        rows: [...sec.querySelectorAll('details table tbody tr')].map((tr) => [...tr.children].map((c) => ({ text: c.textContent ?? '', value: c.getAttribute('data-value') }))),
      };
    }),
  }));
  await page.close();
  return { requests, errors, ...seen };
}

/** The checks every page passes. */
function healthy(p: Loaded, file: string, charts: number): void {
  expect(p.requests).toEqual([pathToFileURL(file).href]);
  expect(p.errors).toEqual([]);
  expect(p.scripts).toBe(0);
  expect(p.charts.length).toBe(charts);
  for (const c of p.charts) {
    expect(c.marks, c.title).toBeGreaterThan(0);
    expect(c.drawn, c.title).toBeGreaterThan(0);
    expect(c.height, c.title).toBeGreaterThan(100);
    expect(c.rows.length, c.title).toBeGreaterThan(0);
  }
}

/** The chart whose title starts so. */
const chart = (p: Loaded, title: string): Chart => {
  const c = p.charts.find((x) => x.title.startsWith(title));
  if (!c) throw new Error(`no chart "${title}" among ${p.charts.map((x) => x.title).join(' | ')}`);
  return c;
};

/** A column of a chart's table: the exact values, each checked to print as the tables print money. */
function moneyColumn(c: Chart, header: string): (string | null)[] {
  const i = c.header.indexOf(header);
  if (i < 0) throw new Error(`no column "${header}" in ${c.header.join(', ')}`);
  return c.rows.map((r) => {
    const cell = r[i] as Cell;
    expect(cell.text).toBe(cell.value === null ? '—' : compactMoney(cell.value));
    return cell.value;
  });
}

const cents = (plain: string): bigint => BigInt(plain.replace('.', ''));
const plainCents = (c: bigint): string => {
  const neg = c < 0n;
  const a = (neg ? -c : c).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
};

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('html in a headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stargate-browser-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // playwright adds --headless and a fresh --user-data-dir of its own
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('model: each party\'s cash, each pair\'s exposure, the flows by kind', async () => {
    const { file, json } = outputs('model', ['model', C]);
    const p = await open(file);
    healthy(p, file, 3);
    const cash = chart(p, 'Cash by period');
    expect(cash.rows.map((r) => r[0]?.text)).toEqual(json.scenario.timeline.periods);
    for (const party of Object.values<any>(json.parties)) expect(moneyColumn(cash, party.name), party.name).toEqual(party.series.cash);
    const exposure = chart(p, 'Exposure by period');
    for (const x of json.exposures) expect(moneyColumn(exposure, `${json.parties[x.holder].name} → ${json.parties[x.obligor].name}`)).toEqual(x.series.exposure);
    // the flows: the ledger's amounts summed per period and kind
    const flows = chart(p, 'Flows by kind');
    const kinds = [...new Set<string>(json.ledger.map((e: any) => e.kind))];
    expect([...flows.header].slice(1).sort()).toEqual(kinds.map((k) => k.replace(/_/g, ' ')).sort());
    for (const k of kinds) {
      const sums = json.scenario.timeline.periods.map((period: string) => plainCents(json.ledger.filter((e: any) => e.kind === k && e.period === period).reduce((s: bigint, e: any) => s + cents(e.amount), 0n)));
      expect(moneyColumn(flows, k.replace(/_/g, ' ')), k).toEqual(sums);
    }
  });

  it('compare: each party\'s cash with the scenarios overlaid, and each scenario\'s flows', async () => {
    const { file, json } = outputs('compare', ['compare', C, E]);
    const p = await open(file);
    // six parties in both, one more in equity-20b, four pairs in all (Microsoft's revenue share opens one in both), a flows chart each
    expect(p.charts.filter((c) => c.title.startsWith('Flows by kind')).length).toBe(2);
    healthy(p, file, p.charts.length);
    const [a, b] = json.scenarios;
    const nvidia = chart(p, 'Cash by period: NVIDIA');
    expect(moneyColumn(nvidia, 'circular-100b')).toEqual(a.parties.nvidia.series.cash);
    expect(moneyColumn(nvidia, 'equity-20b')).toEqual(b.parties.nvidia.series.cash);
  });

  it('diff: the metrics that changed, the cash curves of A and B overlaid', async () => {
    const { file, json } = outputs('diff', ['diff', C, E]);
    const p = await open(file);
    healthy(p, file, p.charts.length);
    // money metrics (two places; GW is trimmed and never has two) that changed, largest |Δ| first
    const money = json.metrics.filter((m: any) => m.delta !== null && /^-?\d+\.\d\d$/.test(m.delta) && m.metric !== 'gw_online_end' && cents(m.delta) !== 0n);
    const abs = (m: any): bigint => (cents(m.delta) < 0n ? -cents(m.delta) : cents(m.delta));
    money.sort((x: any, y: any) => (abs(x) < abs(y) ? 1 : abs(x) > abs(y) ? -1 : 0));
    expect(moneyColumn(chart(p, 'Money metrics that changed'), 'Δ = B − A')).toEqual(money.slice(0, 15).map((m: any) => m.delta));
    const ratios = chart(p, 'Ratios that changed');
    const ratioDeltas = json.metrics.filter((m: any) => m.delta !== null && /^-?\d+\.\d{6}$/.test(m.delta) && !new Dec(m.delta).isZero());
    expect(ratios.rows.length).toBe(Math.min(15, ratioDeltas.length));
    for (const r of ratios.rows) expect(r[1]?.text).toBe(percent(r[1]?.value as string));
    // the curves: each run's own model JSON
    const [ma, mb] = [JSON.parse(cli(['model', C, '--format', 'json']).stdout), JSON.parse(cli(['model', E, '--format', 'json']).stdout)];
    const openai = chart(p, 'Cash by period, A and B: OpenAI');
    expect(moneyColumn(openai, 'A (circular-100b)')).toEqual(ma.parties.openai.series.cash);
    expect(moneyColumn(openai, 'B (equity-20b)')).toEqual(mb.parties.openai.series.cash);
  });

  it('stress: the losses by holder, with the changed metrics and the cash curves', async () => {
    const { file, json } = outputs('stress', ['stress', C, '--default', 'openai@2028-Q1']);
    const p = await open(file);
    healthy(p, file, p.charts.length);
    const losses = chart(p, 'Losses by holder in B');
    const rows = json.impact.filter((x: any) => cents(x.loss) > 0n);
    const parties = JSON.parse(cli(['model', C, '--format', 'json']).stdout).parties;
    expect(losses.rows.map((r) => r[0]?.text)).toEqual(rows.map((x: any) => parties[x.holder].name));
    expect(moneyColumn(losses, 'loans written off')).toEqual(rows.map((x: any) => x.loss_loan));
    expect(moneyColumn(losses, 'equity written off')).toEqual(rows.map((x: any) => x.loss_equity));
    expect(p.charts.some((c) => c.title.startsWith('Money metrics that changed'))).toBe(true);
    expect(p.charts.some((c) => c.title.startsWith('Cash by period, A and B: OpenAI'))).toBe(true);
  });

  it('sweep: the metric against the input, and a heat map for a grid of two', async () => {
    const one = outputs('sweep', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=2%..10%:5', '--metric', 'nvidia->openai.peak', '--metric', 'openai.runway_end']);
    const p = await open(one.file);
    healthy(p, one.file, 2);
    const peak = chart(p, 'nvidia->openai.peak against');
    expect(peak.rows.map((r) => r[0]?.text)).toEqual(one.json.rows.map((r: any) => r.inputs['deals.nvidia-credit.rate']));
    expect(moneyColumn(peak, 'nvidia->openai.peak')).toEqual(one.json.rows.map((r: any) => r.metrics['nvidia->openai.peak']));
    // a period metric: its label, or — where it is empty (the cash never ran out), as the JSON's null
    expect(chart(p, 'openai.runway_end against').rows.map((r) => (r[1]?.text === '—' ? null : r[1]?.text))).toEqual(one.json.rows.map((r: any) => r.metrics['openai.runway_end']));

    const grid = outputs('grid', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=4%,8%', '--vary', 'deals.nvidia-credit.limit=20B,60B,100B', '--metric', 'nvidia->openai.peak']);
    const g = await open(grid.file);
    healthy(g, grid.file, 1);
    const heat = chart(g, 'nvidia->openai.peak for each');
    expect(heat.marks).toBe(6);
    expect(heat.header).toEqual(['deals.nvidia-credit.rate \\ deals.nvidia-credit.limit', '20B', '60B', '100B']);
    // the first input down, the second across: row-major as the JSON lists the runs
    expect(heat.rows.flatMap((r) => r.slice(1).map((c) => c.value))).toEqual(grid.json.rows.map((r: any) => r.metrics['nvidia->openai.peak']));
  });

  it('tornado: the ranked bars, each input at its low and high against the base', async () => {
    const { file, json } = outputs('tornado', ['tornado', C, '--metric', 'openai.min_cash']);
    const p = await open(file);
    healthy(p, file, 1);
    const bars = chart(p, 'How far each input moves openai.min_cash');
    expect(bars.rows.map((r) => r[0]?.text.replace(/ \(.*$/, ''))).toEqual(json.inputs.map((x: any) => x.path));
    const minus = (v: string | null): string | null => (v === null || json.base === null ? null : plainCents(cents(v) - cents(json.base)));
    expect(moneyColumn(bars, 'at low − base')).toEqual(json.inputs.map((x: any) => minus(x.at_low)));
    expect(moneyColumn(bars, 'at high − base')).toEqual(json.inputs.map((x: any) => minus(x.at_high)));
  });

  it('simulate: a fan of each party\'s cash by period, a histogram of each metric, every run with a value counted once', async () => {
    const { file, json } = outputs('simulate', ['simulate', C, '--runs', '300', '--seed', '7']);
    const p = await open(file);
    healthy(p, file, json.cash_by_period.parties.length + json.metrics.length);
    // each fan draws the JSON's percentiles of the party's cash, period by period
    const names = JSON.parse(cli(['model', C, '--format', 'json']).stdout).parties;
    for (const party of json.cash_by_period.parties) {
      const fan = chart(p, `Cash by period: ${names[party.party].name} (`);
      expect(fan.rows.map((r) => r[0]?.text)).toEqual(json.cash_by_period.periods);
      for (const q of ['5', '25', '50', '75', '95']) expect(moneyColumn(fan, `P${q}`), `${party.party} P${q}`).toEqual(party[`p${q}`]);
    }
    for (const m of json.metrics) {
      const h = chart(p, `${m.metric}:`);
      const total = h.rows.reduce((s, r) => s + Number(r[1]?.text), 0); // number-ok: a count of runs
      // a period metric counts every run (never among them); a number only the runs where it has a value
      const period = m.mean === null;
      expect(total, m.metric).toBe(period ? Number(json.runs) : Number(json.runs) - Number(m.empty)); // number-ok: counts of runs
    }
  });

  it('solve: its table, no chart, and nothing fetched', async () => {
    const { file, json } = outputs('solve', ['solve', C, '--vary', 'deals.nvidia-credit.limit', '--between', '10B', '100B', '--target', 'nvidia->openai.peak=20B']);
    const p = await open(file);
    healthy(p, file, 0);
    expect(json.converged).toBe('true');
  });
});
