/**
 * CSV as RFC 4180: comma separated, CRLF line ends, fields with a comma, quote
 * or line break quoted with quotes doubled. Numbers are written plain (as in
 * JSON). A text field starting with =, +, -, @, tab or carriage return gets a
 * leading ' so that a spreadsheet shows it rather than running it.
 */

/** A CSV value: text (guarded against formulas) or a number in plain form (never guarded). */
export type CsvValue = { readonly text: string } | { readonly number: string } | null;

export const csvText = (text: string): CsvValue => ({ text });
export const csvDecimal = (n: string | null): CsvValue => (n === null ? null : { number: n });

const FORMULA_START = /^[=+\-@\t\r]/;

function field(v: CsvValue): string {
  if (v === null) return '';
  const s = 'number' in v ? v.number : FORMULA_START.test(v.text) ? `'${v.text}` : v.text;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The whole file: a header row, then the rows; each line ends with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map((h) => field({ text: h })), ...rows.map((r) => r.map(field))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

/** Rows alone, each ending with CRLF: a file written in pieces after toCsv(header, []). */
export function csvRows(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((r) => `${r.map(field).join(',')}\r\n`).join('');
}
