/**
 * A workbook as data: sheets of cells as the xlsx file will hold them, built
 * from exact values before any library is loaded (render-xlsx.ts writes the
 * file). Text stays text (never a formula, whatever it starts with); money
 * becomes a double through money/double.ts, or text with a note when a double
 * cannot hold it to the cent; ratios and GW are doubles of six places; a total
 * is a live formula that caches the exact total the program computed.
 */
import { doubleSumIsExact, centsAsDouble, quantityAsDouble, ratioAsDouble } from '../money/double.js';
import { formatCents, formatQuantity, formatRatio, type Cents, type Dec } from '../money/decimal.js';
import { exactMoney, percent } from './cells.js';

/** How a number is shown: `"$"#,##0.00`, `0.00%`, or a plain decimal. */
export type NumberFormat = 'money' | 'ratio' | 'quantity';

export type WorkbookCell =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'number'; readonly value: number; readonly format: NumberFormat }
  /** a formula and the value the file caches for it (what the program computed) */
  | { readonly t: 'formula'; readonly formula: string; readonly result: number; readonly format: NumberFormat };

export interface Sheet {
  readonly name: string;
  /** rows from the top, cells from column A; null is an empty cell */
  readonly rows: readonly (readonly (WorkbookCell | null)[])[];
  /** rows at the top and columns at the left kept in view when scrolling */
  readonly frozen: { readonly rows: number; readonly columns: number };
  /** the table's header row (1-based): bold, with a filter over its first `columns` columns */
  readonly header: { readonly row: number; readonly columns: number };
  /** other rows drawn bold (1-based): the totals */
  readonly bold: readonly number[];
  /** each column's width, in characters */
  readonly widths: readonly number[];
}

export interface Workbook {
  readonly sheets: readonly Sheet[];
}

/** A value to put in a cell, exact until the cell is made. */
export type Value =
  | null
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'money'; readonly value: Cents }
  | { readonly kind: 'ratio'; readonly value: Dec }
  | { readonly kind: 'quantity'; readonly value: Dec }
  /** a formula adding up `addends` (the cells it reads, in its order), whose exact result is `total` */
  | { readonly kind: 'sum'; readonly formula: string; readonly total: Cents; readonly addends: readonly Cents[] };

export const textValue = (value: string): Value => ({ kind: 'text', value });
export const moneyValue = (value: Cents | null): Value => (value === null ? null : { kind: 'money', value });

/** A 1-based column number as its letters: 1 → A, 27 → AA. */
function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s; // number-ok: a column letter
  return s;
}

/** `B2:B21`: rows `from`..`to` of a column; `$B$2:$B$21` when absolute. */
export function columnRange(column: number, from: number, to: number, absolute = false): string {
  const c = columnName(column);
  return absolute ? `$${c}$${from}:$${c}$${to}` : `${c}${from}:${c}${to}`;
}

/** The most characters a cell holds. */
const MAX_TEXT = 32_767;
// characters XML 1.0 cannot carry, and lone surrogates: a file with one would not open
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Rows of one sheet, each value turned into its cell as it is added, so that
 * a note can name the cell that needed one. Column widths follow the widest
 * text shown.
 */
export class SheetBuilder {
  private readonly rows: (WorkbookCell | null)[][] = [];
  private readonly shown: number[] = [];
  private readonly bold: number[] = [];

  /** `notes` collects what the reader of the workbook should know about its cells. */
  constructor(
    readonly name: string,
    private readonly notes: string[],
  ) {}

  /** The number of the next row (1-based). */
  get next(): number {
    return this.rows.length + 1;
  }

  /** Add a row of values; returns its number. */
  add(values: readonly Value[], options: { bold?: boolean } = {}): number {
    const row = this.next;
    this.rows.push(values.map((v, i) => this.cell(v, `${this.name}!${columnName(i + 1)}${row}`, i)));
    if (options.bold) this.bold.push(row);
    return row;
  }

  /** The finished sheet. */
  sheet(frozen: Sheet['frozen'], header: Sheet['header']): Sheet {
    const widths = this.shown.map((n) => Math.min(60, Math.max(8, n + 2)));
    return { name: this.name, rows: this.rows, frozen, header, bold: this.bold, widths };
  }

  private show(column: number, text: string): void {
    this.shown[column] = Math.max(this.shown[column] ?? 0, text.length);
  }

  private text(text: string, at: string, column: number): WorkbookCell {
    let clean = text.replace(NOT_XML, '\uFFFD');
    if (clean !== text) this.notes.push(`${at}: control characters, which a workbook cannot hold, are shown as \uFFFD`);
    if (clean.length > MAX_TEXT) {
      clean = `${clean.slice(0, MAX_TEXT - 1)}…`;
      this.notes.push(`${at}: the text is cut at ${MAX_TEXT} characters, the most a cell holds`);
    }
    this.show(column, clean.length > 60 ? clean.slice(0, 60) : clean);
    return { t: 'text', text: clean };
  }

  private cell(v: Value, at: string, column: number): WorkbookCell | null {
    if (v === null) return null;
    switch (v.kind) {
      case 'text':
        return this.text(v.value, at, column);
      case 'money': {
        const d = centsAsDouble(v.value);
        if (d === undefined) return this.beyond(v.value, at, column);
        this.show(column, exactMoney(formatCents(v.value)));
        return { t: 'number', value: d, format: 'money' };
      }
      case 'ratio':
        this.show(column, percent(formatRatio(v.value)));
        return { t: 'number', value: ratioAsDouble(v.value), format: 'ratio' };
      case 'quantity':
        this.show(column, formatQuantity(v.value));
        return { t: 'number', value: quantityAsDouble(v.value), format: 'quantity' };
      case 'sum': {
        const d = centsAsDouble(v.total);
        if (d === undefined || v.addends.some((a) => centsAsDouble(a) === undefined)) {
          // a formula would skip the cells written as text: the exact total instead, as text
          this.notes.push(`${at}: the total ${v.formula} is written as text (${formatCents(v.total)}), not as a formula, since it or a cell it adds is too large for a spreadsheet to add to the cent`);
          return this.text(formatCents(v.total), at, column);
        }
        if (!doubleSumIsExact(v.addends, v.total)) {
          this.notes.push(`${at}: the cached value of ${v.formula} is the exact total; a spreadsheet that recomputes it in floating point may differ by a cent`);
        }
        this.show(column, exactMoney(formatCents(v.total)));
        return { t: 'formula', formula: v.formula, result: d, format: 'money' };
      }
    }
  }

  /** Money a double cannot hold to the cent: its exact text, and a note. */
  private beyond(c: Cents, at: string, column: number): WorkbookCell {
    this.notes.push(`${at}: ${exactMoney(formatCents(c))} is written as text: a spreadsheet's number (a double, 15 digits) cannot hold it to the cent, and sums leave it out`);
    return this.text(formatCents(c), at, column);
  }
}
