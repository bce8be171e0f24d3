/**
 * The tables of plain strings that `simulate` still builds (its runs are kept
 * as strings while its storage is rewritten). `fromPlainTables` turns them
 * into a report value; delete this file when simulate builds a `Report` of
 * report.ts itself.
 */
import { Dec } from '../money/decimal.js';
import type { ValueKind } from './catalog.js';
import { table as tableBlock, type Cell as TypedCell, type Report as TypedReport } from './report.js';

export interface Cell {
  readonly kind: ValueKind;
  /** the plain text of the JSON result */
  readonly value: string | null;
}
interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly note?: string;
}
export interface Report {
  readonly heading: readonly string[];
  readonly tables: readonly Table[];
  readonly notes: readonly string[];
}

export const text = (value: string | null): Cell => ({ kind: 'text', value });

/** A plain-text cell as a typed one; a period label stands as the only label of its own timeline. */
function typed(c: Cell): TypedCell {
  const v = c.value;
  switch (c.kind) {
    case 'text':
      return { kind: 'text', value: v };
    case 'period':
      return v === null ? { kind: 'period', value: null, labels: [] } : { kind: 'period', value: 0, labels: [v] };
    case 'money':
      return { kind: 'money', value: v === null ? null : new Dec(v) };
    case 'ratio':
    case 'quantity':
      return { kind: c.kind, value: v === null ? null : new Dec(v) };
  }
}

/** The plain tables as a report value with no machine views (simulate writes its JSON and CSV itself). */
export function fromPlainTables(r: Report): TypedReport {
  const none = (): never => {
    throw new Error('simulate writes its own JSON and CSV');
  };
  return {
    heading: r.heading,
    blocks: r.tables.map((t) => tableBlock(t.title, t.columns, t.rows.map((row) => row.map(typed)), t.note)),
    notes: r.notes,
    json: none,
    csv: none,
  };
}
