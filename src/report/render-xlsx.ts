/**
 * The xlsx renderer: a report's workbook (workbook.ts) written by exceljs.
 * exceljs is the most used xlsx library for Node, maintained, MIT, and writes
 * formulas with cached results, number formats, frozen panes and filters; it
 * takes a third of a second to load, so it is required only here, when a
 * workbook is written (build.mjs keeps it out of the bundle), never at start-up.
 */
import { createRequire } from 'node:module';
import type * as ExcelJS from 'exceljs';
import type { Report } from './report.js';
import type { NumberFormat, Workbook } from './workbook.js';

/** The number formats: money with a thousands separator and two places (negatives red), ratios as percentages. */
export const NUMBER_FORMATS: Readonly<Record<NumberFormat, string>> = {
  money: '"$"#,##0.00;[Red]-"$"#,##0.00',
  ratio: '0.00%',
  quantity: '#,##0.0#####',
};

/** The workbook as the bytes of an xlsx file. */
async function xlsxBytes(w: Workbook): Promise<Uint8Array> {
  const excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const book = new excel.Workbook();
  book.creator = 'stargate';
  for (const s of w.sheets) {
    const frozen = { state: 'frozen' as const, xSplit: s.frozen.columns, ySplit: s.frozen.rows };
    const ws = book.addWorksheet(s.name, { views: [frozen] });
    s.widths.forEach((width, i) => {
      ws.getColumn(i + 1).width = width;
    });
    s.rows.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((c, j) => {
        if (c === null) return;
        const cell = row.getCell(j + 1);
        // a string value is always a text cell in exceljs: text that starts with = is never a formula
        if (c.t === 'text') cell.value = c.text;
        else {
          cell.value = c.t === 'number' ? c.value : { formula: c.formula, result: c.result };
          cell.numFmt = NUMBER_FORMATS[c.format];
        }
      });
    });
    for (const n of [s.header.row, ...s.bold]) ws.getRow(n).font = { bold: true };
    ws.autoFilter = { from: { row: s.header.row, column: 1 }, to: { row: s.header.row, column: s.header.columns } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The renderer's entry: the report's workbook (only `export` builds one). */
export function renderXlsx(r: Report): Promise<Uint8Array> {
  if (!r.workbook) throw new Error('--format xlsx: this report has no workbook (only export writes one)');
  return xlsxBytes(r.workbook());
}
