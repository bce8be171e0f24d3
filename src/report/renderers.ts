/**
 * The output formats: one renderer per format, each a small function over the
 * report value. The list of formats is this registry's keys; a new format
 * is a new entry. Table and Markdown draw the report's tables; html draws its
 * tables and its charts; CSV and JSON write the command's machine views; xlsx
 * writes the workbook that only `export` builds.
 */
import { toCsv } from './csv.js';
import { renderMarkdown } from './render-md.js';
import { renderText } from './render-text.js';
import { renderXlsx } from './render-xlsx.js';
import type { Json, Report, SeriesBlock } from './report.js';

export interface RenderOptions {
  /** money to the cent instead of compact units */
  readonly exact: boolean;
  readonly color: boolean;
  /** the terminal's width; undefined when output is not a terminal (no splitting) */
  readonly width?: number | undefined;
  /** `--chart`: draws a chart block marked `terminal` as text, fitted to the width the command chose; without it the text has no charts */
  readonly chart?: ((b: SeriesBlock) => string) | undefined;
}

/** Text, or a binary file's bytes (a promise: the xlsx library writes its zip asynchronously). */
type RenderFn = (r: Report, o: RenderOptions) => string | Promise<Uint8Array>;

export type Renderer = {
  /** true when it writes the machine views (JSON value, CSV rows, the workbook) rather than the blocks */
  readonly machine: boolean;
  /** true when it draws the chart blocks (a command may leave out what only a chart shows) */
  readonly charts: boolean;
  /** true when it writes the report's workbook, which only `export` builds: no other command offers it */
  readonly workbook?: true;
} & (
  | { readonly render: RenderFn }
  /**
   * A renderer whose library is large, loaded only when its format is chosen:
   * html's charting library would otherwise slow every start (the build keeps
   * it out of the CLI's bundle, see build.mjs).
   */
  | { readonly load: () => Promise<RenderFn> }
);

/** A JSON document as stargate prints it: two-space indents and a final newline. */
const json = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

export const RENDERERS = {
  table: { render: renderText, machine: false, charts: false },
  csv: {
    render: (r) => {
      const { header, rows } = r.csv();
      return toCsv(header, rows);
    },
    machine: true,
    charts: false,
  },
  json: { render: (r) => json(r.json()), machine: true, charts: false },
  md: { render: (r, o) => renderMarkdown(r, o.exact), machine: false, charts: false },
  html: { load: () => import('./html/render-html.js').then((m) => m.renderHtml), machine: false, charts: true },
  xlsx: { render: renderXlsx, machine: true, charts: false, workbook: true },
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

/** The report in a format: text, or for a binary format (xlsx) its bytes; a renderer with a large library loads it first. */
export async function render(r: Report, format: Format, o: RenderOptions): Promise<string | Uint8Array> {
  const chosen = renderer(format);
  const fn = 'render' in chosen ? chosen.render : await chosen.load();
  return fn(r, o);
}
