// `export --format xlsx` (docs/cli.md, "xlsx"): the workbook read back by
// exceljs, and recomputed by LibreOffice, gives the numbers of
// `export --format json` to the cent.
//
// How a cell is compared: the JSON text is exact; a cell holds a double, and
// `toFixed(2)` prints the double's exact binary value rounded to two places
// (ECMAScript defines it on the exact value), so equal text means the cell
// shows the exact amount. Ratios are compared to six places, as JSON has them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { centsAsDouble, DOUBLE_CENTS_LIMIT, doubleSumIsExact } from '../src/money/double.js';
import { cents, formatCents } from '../src/money/decimal.js';
import { pairMetric, partyMetric, type MetricKind } from '../src/metrics/registry.js';
import { NUMBER_FORMATS } from '../src/report/render-xlsx.js';
import { SheetBuilder } from '../src/report/workbook.js';
import { cli, ROOT } from './helpers.js';

const DIR = mkdtempSync(join(tmpdir(), 'stargate-xlsx-'));
const SHEETS = ['Summary', 'Parties', 'Exposures', 'Periods', 'Ledger', 'Losses', 'Inputs'];
const HOSTILE_NAME = '=HYPERLINK("http://example.invalid","click")';
const HOSTILE = `stargate: 1
name: '${HOSTILE_NAME}'
description: "+1+2"
timeline: {start: 2026, end: 2027, step: year}
parties:
  lab: {name: "=1+1", cash: 1B}
  v: {name: "@SUM(1)"}
deals:
  - {id: credit, type: credit_line, lender: v, borrower: lab, limit: 1B, draws: 1B, rate: 5%}
`;

/** Each workbook made for the tests: the export's arguments after the file. */
const CASES = {
  circular: { file: 'scenarios/circular-100b.yaml', args: [] as string[] },
  // a default: write-offs in Losses
  market: { file: 'scenarios/market-closes.yaml', args: [] },
  // rolled up by year, with a --set (shown in Inputs) and a --party filter
  yearly: { file: 'scenarios/circular-100b.yaml', args: ['--by', 'year', '--set', 'parties.openai.cash=20B', '--party', 'openai', '--party', 'nvidia'] },
  // run in DIR: its file name starts with = too
  hostile: { file: '=hostile.yaml', args: [] },
} as const;
type Case = keyof typeof CASES;

const json = (args: readonly string[]): any => {
  const r = cli([...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
};
const cents2 = (v: unknown): string => {
  expect(typeof v).toBe('number');
  return (v as number).toFixed(2);
};
const exact = (amounts: readonly string[]): string => formatCents(cents(amounts.reduce((s, a) => s + BigInt(a.replace('.', '')), 0n)));
const read = async (file: string): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
};
const sheet = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => wb.getWorksheet(name) as ExcelJS.Worksheet;
/** A row's cells from column A, as their values (empty cells undefined). */
const rowValues = (ws: ExcelJS.Worksheet, r: number): unknown[] => (ws.getRow(r).values as unknown[]).slice(1);
const text = (c: ExcelJS.Cell): string => {
  expect(c.type).toBe(ExcelJS.ValueType.String);
  return c.value as string;
};

/** A cell against its JSON value: money to the cent, ratios to six places, GW trimmed, periods and text as text. */
function expectCell(c: ExcelJS.Cell, value: string | null, kind: MetricKind | 'text', where: string): void {
  if (value === null) {
    expect(c.type, where).toBe(ExcelJS.ValueType.Null);
    return;
  }
  if (kind === 'text' || kind === 'period') {
    expect(text(c), where).toBe(value);
    return;
  }
  expect(c.type, where).toBe(ExcelJS.ValueType.Number);
  expect(c.numFmt, where).toBe(NUMBER_FORMATS[kind === 'money' ? 'money' : kind]);
  const n = c.value as number;
  if (kind === 'money') expect(n.toFixed(2), where).toBe(value);
  else if (kind === 'ratio') expect(n.toFixed(6), where).toBe(value);
  else expect(String(n), where).toBe(value);
}

const books = {} as Record<Case, ExcelJS.Workbook>;
const xlsxOf = (c: Case): string => join(DIR, `${c}.xlsx`);

beforeAll(async () => {
  writeFileSync(join(DIR, CASES.hostile.file), HOSTILE);
  for (const [name, { file, args }] of Object.entries(CASES)) {
    const r = cli(['export', file, '--format', 'xlsx', '--out', xlsxOf(name as Case), ...args], name === 'hostile' ? { cwd: DIR } : {});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    books[name as Case] = await read(xlsxOf(name as Case));
  }
});

describe('money as a double', () => {
  it('is the double nearest the exact amount, and prints back to it, for every amount below $10T', () => {
    const max = DOUBLE_CENTS_LIMIT - 1n;
    const edges = [0n, 1n, -1n, 5n, -5n, 10n, 99n, 12_345n, 2n ** 40n + 1n, max, -max, max - 1n, 10n ** 14n + 1n];
    const check = (c: bigint): void => {
      expect((centsAsDouble(cents(c)) as number).toFixed(2)).toBe(formatCents(cents(c)));
    };
    edges.forEach(check);
    fc.assert(fc.property(fc.bigInt({ min: -max, max }), check), { numRuns: 20_000 });
  });

  it('is refused from $10T on, where a double (and the 15 digits a spreadsheet shows) can lose a cent', () => {
    expect(centsAsDouble(cents(DOUBLE_CENTS_LIMIT))).toBeUndefined();
    expect(centsAsDouble(cents(-DOUBLE_CENTS_LIMIT))).toBeUndefined();
    // what the limit prevents: $90T and a cent is no double
    expect(Number('90000000000000.01').toFixed(2)).not.toBe('90000000000000.01'); // number-ok: the loss the limit prevents
  });

  it('tells whether a spreadsheet adding the cells left to right gets the exact total', () => {
    const column = [1_000_000_000_01n, -250_000_000_00n, 3_333_333_333_33n].map(cents);
    expect(doubleSumIsExact(column, cents(4_083_333_333_34n))).toBe(true);
    // $9T, then 100 cents one by one: each addition near $9T rounds the cent away a little
    const drift = [cents(900_000_000_000_000n), ...Array.from({ length: 100 }, () => cents(1n))];
    expect(doubleSumIsExact(drift, cents(900_000_000_000_100n))).toBe(false);
  });

  it('falls back to text with a note beyond $10T, and notes a total a spreadsheet may recompute a cent off', () => {
    const notes: string[] = [];
    const b = new SheetBuilder('S', notes);
    const big = cents(DOUBLE_CENTS_LIMIT + 1n);
    const drift = [cents(900_000_000_000_000n), ...Array.from({ length: 100 }, () => cents(1n))];
    b.add([{ kind: 'money', value: big }, { kind: 'sum', formula: 'SUM(A1:A1)', total: big, addends: [big] }]);
    b.add([{ kind: 'sum', formula: 'SUM(X1:X101)', total: cents(900_000_000_000_100n), addends: drift }]);
    const s = b.sheet({ rows: 0, columns: 0 }, { row: 1, columns: 1 });
    expect(s.rows[0]).toEqual([
      { t: 'text', text: '10000000000000.01' },
      { t: 'text', text: '10000000000000.01' },
    ]);
    expect(s.rows[1]).toEqual([{ t: 'formula', formula: 'SUM(X1:X101)', result: 9_000_000_000_001, format: 'money' }]);
    expect(notes).toEqual([
      'S!A1: $10,000,000,000,000.01 is written as text: a spreadsheet\'s number (a double, 15 digits) cannot hold it to the cent, and sums leave it out',
      'S!B1: the total SUM(A1:A1) is written as text (10000000000000.01), not as a formula, since it or a cell it adds is too large for a spreadsheet to add to the cent',
      'S!A2: the cached value of SUM(X1:X101) is the exact total; a spreadsheet that recomputes it in floating point may differ by a cent',
    ]);
  });
});

describe('text cells', () => {
  it('show what XML cannot carry as U+FFFD, and cut what a cell cannot hold, with notes', () => {
    const notes: string[] = [];
    const b = new SheetBuilder('S', notes);
    b.add([{ kind: 'text', value: 'a\u0001b' }, { kind: 'text', value: 'x'.repeat(40_000) }]);
    expect(b.sheet({ rows: 0, columns: 0 }, { row: 1, columns: 1 }).rows[0]).toEqual([
      { t: 'text', text: 'a\uFFFDb' },
      { t: 'text', text: `${'x'.repeat(32_766)}…` },
    ]);
    expect(notes).toEqual(['S!A1: control characters, which a workbook cannot hold, are shown as \uFFFD', 'S!B1: the text is cut at 32767 characters, the most a cell holds']);
  });
});

describe('the workbook read back', () => {
  it.each(Object.keys(CASES) as Case[])('%s: has every sheet, its header row frozen and filtered', (c) => {
    const wb = books[c];
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
    for (const ws of wb.worksheets) {
      const header = ws.name === 'Summary' ? 7 : 1;
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: header });
      expect(ws.getRow(header).font?.bold, ws.name).toBe(true);
      expect(ws.autoFilter, ws.name).toBeTruthy();
    }
    expect(sheet(wb, 'Periods').views[0]).toMatchObject({ xSplit: 1 });
    expect(sheet(wb, 'Parties').views[0]).toMatchObject({ xSplit: 2 });
  });

  it.each(['circular', 'market', 'yearly'] as const)('%s: the Ledger is the JSON ledger, with exact totals overall and by kind', (c) => {
    const { file, args } = CASES[c];
    const ledger: { period: string; from: string; to: string; kind: string; source: string; amount: string }[] = json([
      'export', file, '--format', 'json', ...args.filter((a, i) => a !== '--by' && args[i - 1] !== '--by'),
    ]).ledger;
    const ws = sheet(books[c], 'Ledger');
    expect(rowValues(ws, 1).slice(0, 6)).toEqual(['period', 'from', 'to', 'kind', 'source', 'amount']);
    ledger.forEach((e, i) => {
      const row = ws.getRow(i + 2);
      expect([1, 2, 3, 4, 5].map((k) => text(row.getCell(k)))).toEqual([e.period, e.from, e.to, e.kind, e.source]);
      expectCell(row.getCell(6), e.amount, 'money', `Ledger row ${i + 2}`);
    });
    const total = ws.getRow(ledger.length + 2).getCell(6);
    expect(total.formula).toBe(`SUM(F2:F${ledger.length + 1})`);
    expect(cents2(total.result)).toBe(exact(ledger.map((e) => e.amount)));
    const kinds = [...new Set(ledger.map((e) => e.kind))];
    const byKind = kinds.map((_, i) => ws.getRow(i + 2));
    expect(byKind.map((r) => text(r.getCell(8))).sort()).toEqual(kinds.sort());
    for (const r of byKind) {
      const kind = text(r.getCell(8));
      expect(r.getCell(9).formula).toMatch(/^SUMIF\(\$D\$2:\$D\$\d+,H\d+,\$F\$2:\$F\$\d+\)$/);
      expect(cents2(r.getCell(9).result)).toBe(exact(ledger.filter((e) => e.kind === kind).map((e) => e.amount)));
    }
  });

  it.each(['circular', 'market', 'yearly'] as const)('%s: Periods is the JSON period table, with live exact totals under the flows', (c) => {
    const { file, args } = CASES[c];
    const doc = json(['export', file, '--what', 'periods', '--format', 'json', ...args]);
    const summary = json(['export', file, '--what', 'summary', '--format', 'json', ...args.filter((a, i) => a !== '--by' && args[i - 1] !== '--by')]);
    const ws = sheet(books[c], 'Periods');
    const columns: string[] = doc.columns;
    expect(rowValues(ws, 1)).toEqual(columns);
    const rows: Record<string, string>[] = doc.rows;
    rows.forEach((r, i) => {
      expect(text(ws.getRow(i + 2).getCell(1))).toBe(r.period);
      columns.slice(1).forEach((col, k) => expectCell(ws.getRow(i + 2).getCell(k + 2), r[col] as string, 'money', `Periods ${col} ${r.period}`));
    });
    const totals = ws.getRow(rows.length + 2);
    expect(text(totals.getCell(1))).toBe('total');
    columns.slice(1).forEach((col, k) => {
      const cell = totals.getCell(k + 2);
      if (/\.(cash_in|cash_out|net)$/.test(col)) {
        const letter = ws.getColumn(k + 2).letter;
        expect(cell.formula).toBe(`SUM(${letter}2:${letter}${rows.length + 1})`);
        expect(cents2(cell.result)).toBe(exact(rows.map((r) => r[col] as string)));
        // a party's net total is its summary net, to the cent
        const [scope, metric] = col.split('.') as [string, string];
        const s = summary.rows.find((x: { scope: string; metric: string }) => x.scope === scope && x.metric === metric);
        expect(cents2(cell.result)).toBe(s.value);
      } else expect(cell.type, col).toBe(ExcelJS.ValueType.Null); // a level is not added up
    });
  });

  it.each(['circular', 'market', 'yearly'] as const)('%s: Summary, Parties and Exposures hold every metric of the JSON', (c) => {
    const { file, args } = CASES[c];
    const noBy = args.filter((a, i) => a !== '--by' && args[i - 1] !== '--by');
    const summary = json(['export', file, '--what', 'summary', '--format', 'json', ...noBy]);
    const model = json(['model', file, '--format', 'json', ...noBy]);
    const kindOf = (scope: string, metric: string): MetricKind => (scope.includes('->') ? pairMetric(metric) : partyMetric(metric))!.kind;
    const wb = books[c];
    const s = sheet(wb, 'Summary');
    expect(rowValues(s, 1)).toEqual(['scenario', model.scenario.name]);
    expect(rowValues(s, 2)).toEqual(['file', model.scenario.file]);
    expect(rowValues(s, 7)).toEqual(['scope', 'metric', 'value', 'label']);
    summary.rows.forEach((r: { scope: string; metric: string; value: string | null }, i: number) => {
      const row = s.getRow(i + 8);
      expect([text(row.getCell(1)), text(row.getCell(2))]).toEqual([r.scope, r.metric]);
      expectCell(row.getCell(3), r.value, kindOf(r.scope, r.metric), `Summary ${r.scope}.${r.metric}`);
    });
    const parties = sheet(wb, 'Parties');
    const pcols = rowValues(parties, 1) as string[];
    expect(pcols.slice(0, 2)).toEqual(['party', 'name']);
    Object.entries(model.parties).forEach(([id, p]: [string, any], i) => {
      const row = parties.getRow(i + 2);
      expect([text(row.getCell(1)), text(row.getCell(2))]).toEqual([id, p.name]);
      pcols.slice(2).forEach((m, k) => expectCell(row.getCell(k + 3), p[m], kindOf(id, m), `Parties ${id}.${m}`));
    });
    const exposures = sheet(wb, 'Exposures');
    const xcols = rowValues(exposures, 1) as string[];
    expect(xcols.slice(0, 2)).toEqual(['holder', 'obligor']);
    expect(model.exposures.length).toBeGreaterThan(0);
    model.exposures.forEach((x: any, i: number) => {
      const row = exposures.getRow(i + 2);
      expect([text(row.getCell(1)), text(row.getCell(2))]).toEqual([x.holder, x.obligor]);
      xcols.slice(2).forEach((m, k) => expectCell(row.getCell(k + 3), x[m], kindOf('a->b', m), `Exposures ${x.holder}->${x.obligor}.${m}`));
    });
  });

  it('Losses is the JSON list of write-offs, with their total', () => {
    const losses: { period: string; holder: string; obligor: string; kind: string; amount: string }[] = json(['export', CASES.market.file, '--what', 'losses', '--format', 'json']).losses;
    expect(losses.length).toBeGreaterThan(0);
    const ws = sheet(books.market, 'Losses');
    losses.forEach((l, i) => {
      const row = ws.getRow(i + 2);
      expect([1, 2, 3, 4].map((k) => text(row.getCell(k)))).toEqual([l.period, l.holder, l.obligor, l.kind]);
      expectCell(row.getCell(5), l.amount, 'money', `Losses row ${i + 2}`);
    });
    expect(cents2(ws.getRow(losses.length + 2).getCell(5).result)).toBe(exact(losses.map((l) => l.amount)));
  });

  it('Inputs is the resolved scenario: values of the base and of the file, and of --set, each where it was written', () => {
    const ws = sheet(books.yearly, 'Inputs');
    const rows = new Map<string, [string, string]>();
    ws.eachRow((row, n) => {
      if (n > 1) rows.set(text(row.getCell(1)), [text(row.getCell(2)), text(row.getCell(3))]);
    });
    expect(rows.get('parties.openai.cash')).toEqual(['20B', '--set:1']);
    expect(rows.get('extends')).toBeUndefined(); // merged away
    expect(rows.get('stargate')?.[0]).toBe('1');
    const files = new Set([...rows.values()].map(([, at]) => at.replace(/:\d+$/, '')));
    expect(files).toEqual(new Set(['scenarios/base-buildout.yaml', 'scenarios/circular-100b.yaml', '--set']));
    // a deal by its id, as --set names it
    expect([...rows.keys()].some((p) => p.startsWith('deals.nvidia-credit.'))).toBe(true);
  });

  it('never turns text into a formula: a hostile name stays text, and the only formulas are the totals', () => {
    const wb = books.hostile;
    expect(text(sheet(wb, 'Summary').getCell('B1'))).toBe(HOSTILE_NAME);
    expect(text(sheet(wb, 'Summary').getCell('B2'))).toBe(CASES.hostile.file);
    expect([text(sheet(wb, 'Parties').getCell('B2')), text(sheet(wb, 'Parties').getCell('B3'))]).toEqual(['=1+1', '@SUM(1)']);
    const inputs = sheet(wb, 'Inputs');
    expect(inputs.getColumn(2).values).toContain('+1+2');
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) expect(cell.formula, `${ws.name}!${cell.address}`).toMatch(/^SUM(IF)?\(/);
        }),
      );
    }
  });
});

describe('the command line', () => {
  it('refuses --what, which picks one table of a workbook that holds them all', () => {
    const r = cli(['export', CASES.circular.file, '--format', 'xlsx', '--what', 'periods', '--out', join(DIR, 'what.xlsx')]);
    expect([r.status, r.stderr]).toEqual([2, 'stargate: --what picks one table of a csv or json export; an xlsx workbook holds them all (drop --what periods)\n']);
    expect(existsSync(join(DIR, 'what.xlsx'))).toBe(false);
  });

  it('writes to a pipe, refuses a terminal, and replaces a file only with --force', () => {
    const piped = spawnSync(process.execPath, ['bin/stargate.js', 'export', CASES.circular.file, '--format', 'xlsx'], { cwd: ROOT });
    expect(piped.status).toBe(0);
    expect(piped.stdout.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    // a terminal: script(1) gives the command one
    const tty = spawnSync('script', ['-qec', `${process.execPath} bin/stargate.js export ${CASES.circular.file} --format xlsx`, '/dev/null'], { cwd: ROOT, encoding: 'latin1' });
    expect(tty.status).toBe(2);
    expect(tty.stdout).toContain('stargate: the output is a binary file (an xlsx workbook), which a terminal cannot show: give --out FILE.xlsx, or redirect stdout to a file');
    expect(tty.stdout).not.toContain('PK\x03\x04');
    const out = join(DIR, 'again.xlsx');
    copyFileSync(xlsxOf('hostile'), out);
    const refused = cli(['export', CASES.circular.file, '--format', 'xlsx', '--out', out]);
    expect([refused.status, refused.stderr]).toEqual([1, `stargate: ${out} exists; use --force to replace it\n`]);
    expect(cli(['export', CASES.circular.file, '--format', 'xlsx', '--out', out, '--force']).status).toBe(0);
    expect(readdirSync(DIR).filter((f) => f.includes('stargate-tmp'))).toEqual([]);
  });

  it('loads exceljs only to write a workbook, never at start-up', () => {
    const hook = join(DIR, 'hook.cjs');
    // every module load, as the bundle's require makes it
    writeFileSync(hook, "const M = require('node:module'); const load = M._load; M._load = function (req, ...rest) { if (req === 'exceljs') process.stderr.write('loaded exceljs\\n'); return load.call(this, req, ...rest); };\n");
    const run = (args: string[]) => spawnSync(process.execPath, ['-r', hook, 'bin/stargate.js', ...args], { cwd: ROOT, encoding: 'latin1' });
    expect(run(['model', CASES.circular.file]).stderr).toBe('');
    expect(run(['export', CASES.circular.file, '--format', 'csv']).stderr).toBe('');
    expect(run(['export', CASES.circular.file, '--format', 'xlsx', '--out', '/dev/null']).stderr).toBe('loaded exceljs\n');
  });
});

/** LibreOffice, for recomputing formulas; CI installs it (.ci/run), elsewhere the recomputation is skipped without it. */
const SOFFICE = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(SOFFICE === '' && !process.env.CI)('the workbook recomputed by LibreOffice', () => {
  const out = join(DIR, 'recomputed');
  const recomputed = {} as Record<Case | 'tampered', ExcelJS.Workbook>;

  beforeAll(async () => {
    expect(SOFFICE, 'soffice (apt-get install libreoffice-calc-nogui)').not.toBe('');
    // a copy whose cached totals are all wrong: recomputing must put the right ones back
    const tampered = await read(xlsxOf('circular'));
    for (const ws of tampered.worksheets) ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && (c.value = { formula: c.formula, result: 7 }))));
    await tampered.xlsx.writeFile(join(DIR, 'tampered.xlsx'));
    // a profile of its own, told to recompute every xlsx it opens (its default is to trust the cached values)
    const profile = join(DIR, 'lo-profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(
      join(profile, 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n',
    );
    const names = [...(Object.keys(CASES) as Case[]), 'tampered'] as const;
    // one start of LibreOffice for every file
    const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', out, ...names.map((n) => join(DIR, `${n}.xlsx`))], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const n of names) recomputed[n] = await read(join(out, `${n}.xlsx`));
  }, 150_000);

  /** Every formula cell of a workbook: its address, formula and value. */
  const formulas = (wb: ExcelJS.Workbook): [string, string, unknown][] => {
    const found: [string, string, unknown][] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && found.push([`${ws.name}!${c.address}`, c.formula, c.result]))));
    return found;
  };

  it.each(['circular', 'market', 'yearly', 'hostile'] as const)('%s: recomputes every total to its cached value, the exact sum', (c) => {
    const cached = formulas(books[c]);
    expect(cached.length).toBeGreaterThan(0);
    expect(formulas(recomputed[c]).map(([at, f, v]) => [at, f, cents2(v)])).toEqual(cached.map(([at, f, v]) => [at, f, cents2(v)]));
  });

  it('really recomputes: totals cached wrong come back right', () => {
    expect(formulas(recomputed.tampered).map(([at, , v]) => [at, cents2(v)])).toEqual(formulas(books.circular).map(([at, , v]) => [at, cents2(v)]));
  });

  it('keeps hostile text as text', () => {
    const wb = recomputed.hostile;
    expect(text(sheet(wb, 'Summary').getCell('B1'))).toBe(HOSTILE_NAME);
    expect([text(sheet(wb, 'Parties').getCell('B2')), text(sheet(wb, 'Parties').getCell('B3'))]).toEqual(['=1+1', '@SUM(1)']);
  });
});
