/** Reports as Markdown: a heading, then a pipe table per report table. */
import { cellText } from './cells.js';
import type { Report } from './tables.js';

const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: Report, exact: boolean): string {
  const out: string[] = [];
  const [first, ...rest] = r.heading;
  if (first) out.push(`# ${esc(first)}`, '', ...rest.map((l) => `${esc(l)}  `), '');
  for (const t of r.tables) {
    out.push(`## ${esc(t.title)}`, '');
    out.push(`| ${t.columns.map(esc).join(' | ')} |`);
    out.push(`|${t.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const row of t.rows) out.push(`| ${row.map((c) => esc(cellText(c.kind, c.value, exact))).join(' | ')} |`);
    if (t.note) out.push('', `_${esc(t.note)}_`);
    out.push('');
  }
  if (r.notes.length) out.push(...r.notes.map((n) => `- ${esc(n)}`), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
