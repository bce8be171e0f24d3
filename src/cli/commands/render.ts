/** Turning a report into the text of the chosen format, with the terminal's colour and width. */
import type { Report } from '../../report/tables.js';
import { renderText } from '../../report/render-text.js';
import { renderMarkdown } from '../../report/render-md.js';
import { useColor, type CommonOptions } from '../common.js';
import { terminal } from '../io.js';

export function renderReport(report: Report, format: 'table' | 'md', opts: CommonOptions): string {
  if (format === 'md') return renderMarkdown(report, opts.exact === true);
  const out = terminal(1);
  const tty = out.isTTY && (!opts.out || opts.out === '-');
  return renderText(report, { exact: opts.exact === true, color: useColor(opts, process.env, tty), width: tty ? out.columns : undefined });
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
