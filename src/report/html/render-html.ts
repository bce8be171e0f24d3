/**
 * Reports as one self-contained HTML page: the report's tables as the text
 * output has them, and each chart block drawn as static SVG (charts.ts) with
 * its numbers in a table beneath. Nothing is fetched: no script, no font, no
 * image from elsewhere; the style is inline and a Content-Security-Policy
 * forbids any request. This module (and ECharts with it) is loaded only for
 * `--format html` (renderers.ts; build.mjs bundles it apart from the CLI).
 */
import { cellText, isNegative, lineText, plain } from '../cells.js';
import type { Cell, ChartBlock, Report, TableBlock } from '../report.js';
import type { RenderOptions } from '../renderers.js';
import { chartTable } from './chart-table.js';
import { chartSvg, hasValues } from './charts.js';
import { esc } from './escape.js';
import { STYLE } from './style.js';

/** No request of any kind; inline style only; the charts are inline SVG. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A table cell: numbers right-aligned with their exact plain value in data-value, negatives marked. */
function td(c: Cell, o: RenderOptions, textColumn: boolean): string {
  const shown = esc(cellText(c, o.exact));
  if (c.kind === 'text') return `<td${textColumn ? '' : ' class="num"'}>${shown}</td>`;
  const value = plain(c);
  const cls = ['num', ...(isNegative(c) ? ['neg'] : [])].join(' ');
  return `<td class="${cls}" data-kind="${c.kind}"${value === null ? '' : ` data-value="${esc(value)}"`}>${shown}</td>`;
}

/** A row label: leading spaces (a metric within a group) become an indent. */
function rowLabel(c: Cell, o: RenderOptions): string {
  const t = cellText(c, o.exact);
  const indent = /^ +/.exec(t)?.[0].length ?? 0;
  return `<th scope="row"${indent ? ' class="indent"' : ''}>${esc(t.trimStart())}</th>`;
}

function tableHtml(t: TableBlock, o: RenderOptions, cls = 'report'): string {
  const textColumn = t.columns.map((_, i) => t.rows.length > 0 && t.rows.every((r) => r[i]?.kind === 'text'));
  const head = `<thead><tr>${t.columns.map((h, i) => `<th scope="col"${i > 0 && !textColumn[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>`;
  const rows = t.rows.map((r) => {
    const [label, ...rest] = r;
    // a group heading within a table: a label over empty cells
    if (label && rest.length > 0 && rest.every((c) => c.kind === 'text' && (c.value === '' || c.value === null)) && label.kind === 'text' && label.value) {
      return `<tr class="group"><th scope="rowgroup" colspan="${r.length}">${esc(label.value.trim())}</th></tr>`;
    }
    return `<tr>${label ? rowLabel(label, o) : ''}${rest.map((c, i) => td(c, o, textColumn[i + 1] === true)).join('')}</tr>`;
  });
  return `<div class="scroll"><table class="${cls}">${head}<tbody>${rows.join('')}</tbody></table></div>`;
}

function tableSection(t: TableBlock, o: RenderOptions): string {
  return `<section class="block table-block"><h2>${esc(t.title)}</h2>${tableHtml(t, o)}${t.note ? `<p class="note">${esc(t.note)}</p>` : ''}</section>`;
}

function chartSection(b: ChartBlock, o: RenderOptions, n: number): string {
  const numbers = chartTable(b);
  return [
    `<section class="block chart-block" id="chart-${n}" data-chart="${b.type}">`,
    `<h2>${esc(b.title)}</h2>`,
    hasValues(b) ? `<figure class="chart" aria-label="${esc(b.title)}">${chartSvg(b)}</figure>` : '<p class="empty">Nothing to draw: every value is empty.</p>',
    b.note ? `<p class="note">${esc(b.note)}</p>` : '',
    `<details class="numbers"><summary>The numbers</summary>${tableHtml(numbers, o, 'chart-data')}</details>`,
    '</section>',
  ].join('');
}

/** The whole report as an HTML document, ending with a newline. */
export function renderHtml(r: Report, o: RenderOptions): string {
  const [title = '', ...sub] = r.heading.map((l) => lineText(l, o.exact));
  let charts = 0;
  const blocks = r.blocks.map((b) => (b.type === 'table' ? tableSection(b, o) : chartSection(b, o, ++charts)));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="stargate">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header><h1>${esc(title)}</h1>${sub.map((l) => `<p class="sub">${esc(l)}</p>`).join('')}</header>`,
    ...blocks,
    r.notes.length ? `<section class="block notes"><h2>Notes</h2><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>` : '',
    '<footer>Made by stargate. Money is exact to the cent; the charts draw it in the unit on their axis, and the tables print it as the text report does.</footer>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
