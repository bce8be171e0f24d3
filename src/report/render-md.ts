/** Reports as Markdown: a heading, then a pipe table per report table. */
import { printable } from '../scenario/problems.js';
import { cellText, lineText } from './cells.js';
import type { Report } from './report.js';

const esc = (s: string): string => printable(s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' '));

/** The whole report as Markdown (the chart blocks are html's alone). */
export function renderMarkdown(r: Report, exact: boolean): string {
  const out: string[] = [];
  const [first, ...rest] = r.heading.map((l) => lineText(l, exact));
  if (first) out.push(`# ${esc(first)}`, '', ...rest.map((l) => `${esc(l)}  `), '');
  for (const t of r.blocks) {
    if (t.type !== 'table') continue;
    out.push(`## ${esc(t.title)}`, '');
    out.push(`| ${t.columns.map(esc).join(' | ')} |`);
    out.push(`|${t.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const row of t.rows) out.push(`| ${row.map((c) => esc(cellText(c, exact))).join(' | ')} |`);
    if (t.note) out.push('', `_${esc(t.note)}_`);
    out.push('');
  }
  if (r.notes.length) out.push(...r.notes.map((n) => `- ${esc(n)}`), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
