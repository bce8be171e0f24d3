/**
 * A report as data: what a command shows, before a format is chosen. Every
 * command builds one `Report`; the renderers (renderers.ts) turn it into a
 * table, Markdown, CSV, JSON or (export only) an xlsx workbook. Values stay
 * typed (cents, exact decimals, period indexes) until a renderer prints them;
 * nothing here formats or writes.
 */
import type { Cents, Dec } from '../money/decimal.js';
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

/** Per-period values of one thing: value i belongs to period `periods[i]`. */
export type Series = { readonly label: string; readonly periods: readonly string[] } & (
  | { readonly unit: 'money'; readonly values: readonly Cents[] }
  | { readonly unit: 'ratio' | 'quantity'; readonly values: readonly Dec[] }
);

/** Series to be drawn as a chart. No format draws them yet: text, Markdown, CSV and JSON skip them. */
export interface SeriesBlock {
  readonly type: 'series';
  readonly title: string;
  readonly series: readonly Series[];
}

export type Block = TableBlock | SeriesBlock;

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

/** An empty cell of a metric's kind (a scenario without that party or pair). */
export function emptyCell(kind: MetricKind): Cell {
  return kind === 'period' ? { kind, value: null, labels: [] } : { kind, value: null };
}

/** A table block. */
export function table(title: string, columns: readonly string[], rows: readonly (readonly Cell[])[], note?: string): TableBlock {
  return { type: 'table', title, columns, rows, ...(note ? { note } : {}) };
}
