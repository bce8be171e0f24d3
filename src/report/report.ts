/**
 * A report as data: what a command shows, before a format is chosen. Every
 * command builds one `Report`; the renderers (renderers.ts) turn it into a
 * table, Markdown, CSV, JSON or (export only) an xlsx workbook. Values stay
 * typed (cents, exact decimals, period indexes) until a renderer prints them;
 * nothing here formats or writes.
 */
import { cents, toCents, type Cents, type Dec } from '../money/decimal.js';
import type { MetricKind, MetricValue } from '../metrics/registry.js';
import type { MetricNumber } from '../analysis/address.js';
import type { CsvValue } from './csv.js';
import type { Workbook } from './workbook.js';

/** A JSON value as stargate writes it: strings and nulls, never a JSON number. */
export type Json = string | null | readonly Json[] | { readonly [k: string]: Json };

/** One value in a table, with the kind that decides how it is printed. */
export type Cell =
  | { readonly kind: 'text'; readonly value: string | null }
  | { readonly kind: 'money'; readonly value: Cents | Dec | null }
  | { readonly kind: 'ratio'; readonly value: Dec | null }
  | { readonly kind: 'quantity'; readonly value: Dec | null }
  /** a period index into `labels` (the timeline it belongs to) */
  | { readonly kind: 'period'; readonly value: number | null; readonly labels: readonly string[] };

/** A line of the heading: text, or text with values in it (printed as the tables print them). */
export type Line = string | readonly (string | Cell)[];

export interface TableBlock {
  readonly type: 'table';
  readonly title: string;
  /** header of each column; the first column is the row label */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** a line printed under the table */
  readonly note?: string;
}

/**
 * Values of one kind, typed as the tables hold them; null where there is none.
 * `count` is a number of runs (a histogram's bars), never money.
 */
export type Values =
  | { readonly unit: 'money'; readonly values: readonly (Cents | null)[] }
  | { readonly unit: 'ratio' | 'quantity'; readonly values: readonly (Dec | null)[] }
  | { readonly unit: 'count'; readonly values: readonly number[] }
  /** period indexes into `labels` (a metric such as runway_end) */
  | { readonly unit: 'period'; readonly values: readonly (number | null)[]; readonly labels: readonly string[] };

/** Per-period values of one thing: value i belongs to period `periods[i]`. */
export type Series = { readonly label: string; readonly periods: readonly string[] } & (
  | { readonly unit: 'money'; readonly values: readonly (Cents | null)[] }
  | { readonly unit: 'ratio' | 'quantity'; readonly values: readonly (Dec | null)[] }
);

/**
 * Series to be drawn as a chart over the periods: `lines` (the default), or
 * `stacked` bars (parts of a whole per period), or a `fan` (five series: P5,
 * P25, P50, P75 and P95 of the same thing). Markdown, CSV and JSON skip the
 * chart blocks; html draws them, each with its values in a table; the text
 * of a table draws those marked `terminal` when `--chart` asks.
 */
export interface SeriesBlock {
  readonly type: 'series';
  readonly title: string;
  readonly series: readonly Series[];
  readonly draw?: 'lines' | 'stacked' | 'fan';
  /** what the values are, for the value axis ("cash at the end of the period"); the unit is added */
  readonly axis?: string;
  /** a line printed under the chart */
  readonly note?: string;
  /** drawn in the terminal too, by `--chart` on a table (each party's cash by period); a fan is drawn there as its P5, P50 and P95 */
  readonly terminal?: true;
}

/**
 * Values by category rather than by period (holders, metrics, inputs, bins),
 * every series of one unit: `bars` side by side, `stacked` bars, `ranked`
 * horizontal bars in the given order from the top, a `line` over ordered
 * categories (the values of an input), or a `histogram` (counts per bin).
 */
export interface CategoryBlock {
  readonly type: 'categories';
  readonly title: string;
  /** what the categories are: the axis's name and the table's first header */
  readonly axis: string;
  readonly categories: readonly string[];
  readonly series: readonly ({ readonly label: string } & Values)[];
  /** what the values are, for the value axis (default: the one series' label); the unit is added */
  readonly measure?: string;
  readonly draw: 'bars' | 'stacked' | 'ranked' | 'line' | 'histogram';
  readonly note?: string;
}

/** One value for each pair of categories (a sweep of two inputs): a heat map. */
export interface GridBlock {
  readonly type: 'grid';
  readonly title: string;
  readonly x: { readonly axis: string; readonly categories: readonly string[] };
  readonly y: { readonly axis: string; readonly categories: readonly string[] };
  /** what the values are (the colour scale's name); values[j * x.categories.length + i] is at (x i, y j) */
  readonly cells: { readonly label: string } & Values;
  readonly note?: string;
}

/** A block that a chart draws. */
export type ChartBlock = SeriesBlock | CategoryBlock | GridBlock;

export type Block = TableBlock | ChartBlock;

/** The rows of a command's CSV: a header, then the values. */
export interface CsvRows {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

export interface Report {
  /** lines printed before the blocks; the first is the title */
  readonly heading: readonly Line[];
  readonly blocks: readonly Block[];
  /** notes printed after the blocks */
  readonly notes: readonly string[];
  /** the command's JSON document (built only when asked for) */
  readonly json: () => Json;
  /** the command's CSV rows (built only when asked for) */
  readonly csv: () => CsvRows;
  /** every table as one workbook (built only when asked for); only `export` has one */
  readonly workbook?: () => Workbook;
}

export const text = (value: string | null): Cell => ({ kind: 'text', value });
export const money = (value: Cents | Dec | null): Cell => ({ kind: 'money', value });
export const ratio = (value: Dec | null): Cell => ({ kind: 'ratio', value });

/** A metric's typed value as a cell; a period is read against `labels`. */
export function metricCell(v: MetricValue, labels: readonly string[]): Cell {
  return v.kind === 'period' ? { kind: 'period', value: v.value, labels } : v;
}

/** A metric value of the analysis commands as a cell; a period is read against `labels`. */
export function numberCell(m: MetricNumber, labels: readonly string[]): Cell {
  return m.kind === 'period' ? { kind: 'period', value: m.period, labels } : { kind: m.kind, value: m.value };
}

/** Metric values of the analysis commands, all of one kind, as a chart's values (money to the cent, as the tables print it). */
export function numberValues(kind: MetricKind, ms: readonly MetricNumber[], labels: readonly string[]): Values {
  switch (kind) {
    case 'money':
      return { unit: 'money', values: ms.map((m) => (m.value === null ? null : cents(toCents(m.value)))) };
    case 'ratio':
    case 'quantity':
      return { unit: kind, values: ms.map((m) => m.value) };
    case 'period':
      return { unit: 'period', values: ms.map((m) => m.period), labels };
  }
}

/** Money, ratio or GW cells of one kind as a chart's values (any other cell is empty). */
export function cellValues(kind: 'money' | 'ratio' | 'quantity', cs: readonly Cell[]): Values {
  if (kind === 'money') return { unit: 'money', values: cs.map((c) => (c.kind === 'money' && c.value !== null ? (typeof c.value === 'bigint' ? c.value : cents(toCents(c.value))) : null)) };
  return { unit: kind, values: cs.map((c) => (c.kind === kind ? c.value : null)) };
}

/** An empty cell of a metric's kind (a scenario without that party or pair). */
export function emptyCell(kind: MetricKind): Cell {
  return kind === 'period' ? { kind, value: null, labels: [] } : { kind, value: null };
}

/** The i-th value as a table cell (a count as text). */
export function valueCell(v: Values, i: number): Cell {
  switch (v.unit) {
    case 'money':
      return { kind: 'money', value: v.values[i] ?? null };
    case 'ratio':
    case 'quantity':
      return { kind: v.unit, value: v.values[i] ?? null };
    case 'count':
      return text(v.values[i] === undefined ? null : String(v.values[i]));
    case 'period':
      return { kind: 'period', value: v.values[i] ?? null, labels: v.labels };
  }
}

/** A table block. */
export function table(title: string, columns: readonly string[], rows: readonly (readonly Cell[])[], note?: string): TableBlock {
  return { type: 'table', title, columns, rows, ...(note ? { note } : {}) };
}
