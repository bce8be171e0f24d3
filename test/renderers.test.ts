// The renderer registry (src/report/renderers.ts): every format renders a
// report value; the formats are the registry's keys, and the command line's
// --format choices and usage errors list exactly those keys. The html page
// itself is tested in test/html.test.ts and, in a browser, test/html-browser.test.ts.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { cents, Dec } from '../src/money/decimal.js';
import { csvDecimal, csvText } from '../src/report/csv.js';
import { FORMATS, MACHINE_FORMATS, RENDERERS, render, type RenderOptions } from '../src/report/renderers.js';
import { money, ratio, table, text, type Report } from '../src/report/report.js';
import { parseFormat } from '../src/cli/common.js';
import { CliError } from '../src/cli/io.js';

// money cells hold cents: 1_234_567_89n is $1,234,567.89
const PLAIN: RenderOptions = { exact: false, color: false, width: undefined };

/** A small report with a cell of every kind, a series block, a note, and machine views that count their calls. */
function sample(withSeries = true) {
  const calls = { json: 0, csv: 0 };
  const report: Report = {
    heading: ['Sample', ['base ', money(cents(1_234_567_89n)), ' · s.yaml']],
    blocks: [
      table(
        'Values',
        ['', 'A', 'B'],
        [
          [text('money'), money(cents(-48_000_000_000_00n)), money(new Dec('950.004'))],
          [text('ratio'), ratio(new Dec('0.2142857')), ratio(null)],
          [text('other'), { kind: 'quantity', value: new Dec('1.50') }, { kind: 'period', value: 1, labels: ['2026', '2027'] }],
        ],
        'a note under the table',
      ),
      ...(withSeries ? [{ type: 'series' as const, title: 'Cash by period', series: [{ label: 'A', periods: ['2026', '2027'], unit: 'money' as const, values: [cents(1n), cents(2n)] }] }] : []),
    ],
    notes: ['a | note'],
    json: () => {
      calls.json++;
      return { format: 'sample/1', value: '1.50', empty: null };
    },
    csv: () => {
      calls.csv++;
      return { header: ['what', 'amount'], rows: [[csvText('=x'), csvDecimal('-1.00')]] };
    },
  };
  return { report, calls };
}

/** The formats whose whole output is written out here (html's page is long: test/html.test.ts; xlsx renders only the workbook of export: test/xlsx.test.ts). */
const TEXTUAL = FORMATS.filter((f) => f !== 'html');

const EXPECTED: Record<Exclude<keyof typeof RENDERERS, 'html' | 'xlsx'>, string> = {
  table: [
    'Sample',
    'base $1.23M · s.yaml',
    '',
    'Values',
    '┌───────┬──────────┬─────────┐',
    '│       │        A │       B │',
    '├───────┼──────────┼─────────┤',
    '│ money │ -$48.00B │ $950.00 │',
    '│ ratio │   21.43% │       — │',
    '│ other │      1.5 │    2027 │',
    '└───────┴──────────┴─────────┘',
    'a note under the table',
    '',
    'note: a | note',
    '',
  ].join('\n'),
  md: [
    '# Sample',
    '',
    'base $1.23M · s.yaml  ',
    '',
    '## Values',
    '',
    '|  | A | B |',
    '| --- | ---: | ---: |',
    '| money | -$48.00B | $950.00 |',
    '| ratio | 21.43% | — |',
    '| other | 1.5 | 2027 |',
    '',
    '_a note under the table_',
    '',
    '- a \\| note',
    '',
  ].join('\n'),
  csv: "what,amount\r\n'=x,-1.00\r\n",
  json: '{\n  "format": "sample/1",\n  "value": "1.50",\n  "empty": null\n}\n',
};

describe('renderer registry', () => {
  it('lists the formats once: its keys, in the order the help shows them', () => {
    expect(Object.keys(RENDERERS)).toEqual(['table', 'csv', 'json', 'md', 'html', 'xlsx']);
    // every report renders as these; the workbook only export builds
    expect(FORMATS).toEqual(['table', 'csv', 'json', 'md', 'html']);
    expect(MACHINE_FORMATS).toEqual(['csv', 'json', 'xlsx']);
    expect(FORMATS.filter((f) => RENDERERS[f].charts)).toEqual(['html']);
  });

  it.each(TEXTUAL)('renders a report value as %s', async (format) => {
    const { report, calls } = sample();
    expect(await render(report, format as keyof typeof EXPECTED, PLAIN)).toBe(EXPECTED[format as keyof typeof EXPECTED]);
    // the machine views are built only by the format that writes them
    expect(calls).toEqual({ json: format === 'json' ? 1 : 0, csv: format === 'csv' ? 1 : 0 });
  });

  it('renders a report value as html, building neither machine view', async () => {
    const { report, calls } = sample();
    const page = await render(report, 'html', PLAIN);
    expect(page).toMatch(/^<!doctype html>\n[^]*<\/html>\n$/);
    expect(page).toContain('<td class="num neg" data-kind="money" data-value="-48000000000.00">-$48.00B</td>');
    expect(calls).toEqual({ json: 0, csv: 0 });
  });

  it.each(FORMATS.filter((f) => !RENDERERS[f].charts))('draws no chart block as %s', async (format) => {
    expect(await render(sample(true).report, format, PLAIN)).toBe(await render(sample(false).report, format, PLAIN));
  });

  it('draws the chart blocks as html', async () => {
    const [withChart, without] = [await render(sample(true).report, 'html', PLAIN), await render(sample(false).report, 'html', PLAIN)];
    expect(without).not.toContain('<svg');
    expect(withChart).toContain('<h2>Cash by period</h2><figure class="chart"');
  });

  it('prints every cent with exact, and marks negatives red with colour', async () => {
    const exact = await render(sample().report, 'table', { ...PLAIN, exact: true });
    expect(exact).toContain('base $1,234,567.89 · s.yaml');
    expect(exact).toContain('│ money │ -$48,000,000,000.00 │ $950.00 │');
    const red = await render(sample().report, 'table', { ...PLAIN, color: true });
    expect(red).toContain('\x1b[31m-$48.00B\x1b[39m');
    expect(red).not.toContain('\x1b[31m$950.00');
  });

  it('draws each column of many rows, colour codes and all, as rows one under another', async () => {
    // the text renderer hands cli-table3 each column as one cell of many lines: negatives red in several rows
    // and columns, an empty value, the widths from the widest line, numbers right-aligned, text left-aligned
    // (what drawing the rows one by one gave, checked against it when the columns became cells)
    const report: Report = {
      heading: ['T'],
      blocks: [
        table('Columns', ['', 'A', 'B'], [
          [text('first'), money(cents(-5_00n)), money(cents(12_345_00n))],
          [text('a longer label'), money(cents(7_00n)), money(cents(-1_000_000_00n))],
          [text('third'), money(null), money(cents(-3_00n))],
        ]),
      ],
      notes: [],
      json: () => ({}),
      csv: () => ({ header: [], rows: [] }),
    };
    const R = (s: string): string => `\x1b[31m${s}\x1b[39m`;
    expect(await render(report, 'table', { ...PLAIN, color: true })).toBe(
      [
        '\x1b[1mT\x1b[22m',
        '',
        '\x1b[1mColumns\x1b[22m',
        '┌────────────────┬────────┬─────────┐',
        '│ \x1b[1m\x1b[22m               │      \x1b[1mA\x1b[22m │       \x1b[1mB\x1b[22m │',
        '├────────────────┼────────┼─────────┤',
        `│ first          │ ${R('-$5.00')} │ $12.34K │`,
        `│ a longer label │  $7.00 │ ${R('-$1.00M')} │`,
        `│ third          │      — │  ${R('-$3.00')} │`,
        '└────────────────┴────────┴─────────┘',
        '',
      ].join('\n'),
    );
  });

  it('makes an unknown format a usage error that lists the allowed keys', () => {
    const err = (f: () => unknown): CliError => {
      try {
        f();
      } catch (e) {
        return e as CliError;
      }
      throw new Error('expected a usage error');
    };
    const e = err(() => parseFormat('xlsx'));
    expect(e).toBeInstanceOf(CliError);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(`--format must be one of ${FORMATS.join(', ')}; got "xlsx"`);
    expect(err(() => parseFormat('table', MACHINE_FORMATS, 'csv')).message).toBe('--format must be one of csv, json, xlsx; got "table"');
    expect(parseFormat(undefined)).toBe('table');
    expect(parseFormat(undefined, MACHINE_FORMATS, 'csv')).toBe('csv');
  });

  it('gives the command line the registry keys as --format choices', () => {
    const C = 'scenarios/circular-100b.yaml';
    for (const args of [['model', C], ['compare', C, C], ['diff', C, C], ['sweep', C], ['tornado', C], ['solve', C]]) {
      const r = cli([...args, '--format', 'xlsx']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`Allowed choices are ${FORMATS.join(', ')}.`);
    }
    const r = cli(['export', C, '--format', 'table']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Allowed choices are ${MACHINE_FORMATS.join(', ')}.`);
  });
});
