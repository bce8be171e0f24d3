/**
 * Reports as terminal text: cli-table3 tables, money compact (or exact),
 * negatives marked in red when colour is on, and wide tables split into
 * column groups that fit the terminal, each repeating the row labels.
 */
import Table from 'cli-table3';
import { cellText, isNegative, lineText } from './cells.js';
import { printable } from '../scenario/problems.js';
import type { Report, TableBlock } from './report.js';
import type { RenderOptions } from './renderers.js';

const MAX_TEXT = 60;

const ansi = (on: string, off: string) => (color: boolean, s: string) => (color ? `\x1b[${on}m${s}\x1b[${off}m` : s);
const bold = ansi('1', '22');
const red = ansi('31', '39');
const dim = ansi('2', '22');

/** Display width, ignoring colour codes. */
function width(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

function renderTable(t: TableBlock, o: RenderOptions): string {
  const body = t.rows.map((r) => r.map((c, i) => {
    const full = printable(cellText(c, o.exact));
    // long text (descriptions, source lists) is shortened on screen; CSV, JSON and Markdown keep it whole
    const s = c.kind === 'text' && [...full].length > MAX_TEXT ? `${[...full].slice(0, MAX_TEXT - 1).join('')}…` : full;
    return i > 0 && isNegative(c) ? red(o.color, s) : s;
  }));
  const head = t.columns.map((h) => bold(o.color, printable(h)));
  // numbers right-aligned, columns of text (paths, values as written) left-aligned
  const textColumn = t.columns.map((_, i) => t.rows.length > 0 && t.rows.every((r) => r[i]?.kind === 'text'));
  // column widths as cli-table3 draws them: content + 2 padding + 1 border
  const widths = t.columns.map((h, i) => Math.max(width(printable(h)), ...body.map((r) => width(r[i] ?? ''))) + 3);
  const groups: number[][] = [];
  const limit = o.width ?? Infinity;
  let current: number[] = [];
  let used = (widths[0] ?? 0) + 1;
  for (let i = 1; i < t.columns.length; i++) {
    const w = widths[i] ?? 0;
    if (current.length > 0 && used + w > limit) {
      groups.push(current);
      current = [];
      used = (widths[0] ?? 0) + 1;
    }
    current.push(i);
    used += w;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  const parts = groups.map((cols) => {
    const idx = [0, ...cols];
    const table = new Table({
      head: idx.map((i) => head[i] ?? ''),
      colAligns: idx.map((i) => (i === 0 || textColumn[i] ? 'left' : 'right')),
      style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    });
    for (const r of body) table.push(idx.map((i) => r[i] ?? ''));
    return table.toString();
  });
  const title = bold(o.color, printable(t.title));
  return [title, ...parts, ...(t.note ? [dim(o.color, printable(t.note))] : [])].join('\n');
}

/**
 * The whole report as text, ending with a newline: its tables, then with
 * `--chart` (o.chart) the chart blocks marked for the terminal, after the
 * tables so that these read as without it; other chart blocks are html's.
 */
export function renderText(r: Report, o: RenderOptions): string {
  // names and descriptions come from the file: no control character of theirs reaches the terminal
  const heading = r.heading.map((l, i) => (i === 0 ? bold(o.color, printable(lineText(l, o.exact))) : printable(lineText(l, o.exact))));
  const draw = o.chart;
  const charts = draw ? r.blocks.flatMap((b) => (b.type === 'series' && b.terminal ? [draw(b)] : [])) : [];
  const blocks = [heading.join('\n'), ...r.blocks.flatMap((b) => (b.type === 'table' ? [renderTable(b, o)] : [])), ...charts];
  if (r.notes.length) blocks.push(r.notes.map((n) => dim(o.color, `note: ${printable(n)}`)).join('\n'));
  return `${blocks.filter((b) => b.length > 0).join('\n\n')}\n`;
}
