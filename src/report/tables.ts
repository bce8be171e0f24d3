/**
 * Reports as data: titled tables of typed cells, which the renderers (text,
 * Markdown) turn into output. Nothing here writes anywhere.
 */
import type { ValueKind } from './catalog.js';

export interface Cell {
  readonly kind: ValueKind;
  readonly value: string | null;
}
export interface Table {
  readonly title: string;
  /** header of each column; the first column is the row label */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** a line printed under the table */
  readonly note?: string;
}
export interface Report {
  /** lines printed before the tables */
  readonly heading: readonly string[];
  readonly tables: readonly Table[];
  /** notes printed after the tables */
  readonly notes: readonly string[];
}

export const text = (value: string | null): Cell => ({ kind: 'text', value });
