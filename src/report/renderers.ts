/**
 * The output formats: one renderer per format, each a small function over the
 * report value. The list of formats is this registry's keys; a new format
 * (html, xlsx) is a new entry. Table and Markdown draw the report's blocks;
 * CSV and JSON write the command's machine views; xlsx writes the workbook
 * that only `export` builds.
 */
import { toCsv } from './csv.js';
import { renderMarkdown } from './render-md.js';
import { renderText } from './render-text.js';
import { renderXlsx } from './render-xlsx.js';
import type { Json, Report } from './report.js';

export interface RenderOptions {
  /** money to the cent instead of compact units */
  readonly exact: boolean;
  readonly color: boolean;
  /** the terminal's width; undefined when output is not a terminal (no splitting) */
  readonly width?: number | undefined;
}

export interface Renderer {
  /** the text, or a binary file's bytes (a promise: the xlsx library writes its zip asynchronously) */
  readonly render: (r: Report, o: RenderOptions) => string | Promise<Uint8Array>;
  /** true when it writes the machine views (JSON value, CSV rows, the workbook) rather than the blocks */
  readonly machine: boolean;
  /** true when it writes the report's workbook, which only `export` builds: no other command offers it */
  readonly workbook?: true;
}

/** A JSON document as stargate prints it: two-space indents and a final newline. */
const json = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

export const RENDERERS = {
  table: { render: renderText, machine: false },
  csv: {
    render: (r) => {
      const { header, rows } = r.csv();
      return toCsv(header, rows);
    },
    machine: true,
  },
  json: { render: (r) => json(r.json()), machine: true },
  md: { render: (r, o) => renderMarkdown(r, o.exact), machine: false },
  xlsx: { render: renderXlsx, machine: true, workbook: true },
} as const satisfies Record<string, Renderer>;

export type Format = keyof typeof RENDERERS;

const ALL = Object.keys(RENDERERS) as Format[];
const renderer = (f: Format): Renderer => RENDERERS[f];

/** The formats of every report (all but the workbook's), in the order the help lists them. */
export const FORMATS = ALL.filter((f) => !renderer(f).workbook);

/** The formats that write only the machine views (what `export` offers): CSV, JSON and the workbook. */
export const MACHINE_FORMATS = ALL.filter((f) => renderer(f).machine);

/** The format named by --format, or the message of a usage error that lists the allowed ones. */
export function formatNamed(name: string, allowed: readonly Format[] = FORMATS): Format | { error: string } {
  return (allowed as readonly string[]).includes(name) ? (name as Format) : { error: `--format must be one of ${allowed.join(', ')}; got "${name}"` };
}

/** The report in a format: text, or for a binary format (xlsx) its bytes. */
export function render(r: Report, format: Format, o: RenderOptions): string | Promise<Uint8Array> {
  return renderer(format).render(r, o);
}
