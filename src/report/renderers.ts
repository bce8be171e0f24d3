/**
 * The output formats: one renderer per format, each a small function over the
 * report value. The list of formats is this registry's keys; a new format
 * (xlsx) is a new entry. Table and Markdown draw the report's tables; html
 * draws its tables and its charts; CSV and JSON write the command's machine views.
 */
import { toCsv } from './csv.js';
import { renderMarkdown } from './render-md.js';
import { renderText } from './render-text.js';
import type { Json, Report } from './report.js';

export interface RenderOptions {
  /** money to the cent instead of compact units */
  readonly exact: boolean;
  readonly color: boolean;
  /** the terminal's width; undefined when output is not a terminal (no splitting) */
  readonly width?: number | undefined;
}

type RenderFn = (r: Report, o: RenderOptions) => string;

export type Renderer = {
  /** true when it writes the machine views (JSON value, CSV rows) rather than the blocks */
  readonly machine: boolean;
  /** true when it draws the chart blocks (a command may leave out what only a chart shows) */
  readonly charts: boolean;
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
} as const satisfies Record<string, Renderer>;

export type Format = keyof typeof RENDERERS;

/** Every format, in the order the help lists them. */
export const FORMATS = Object.keys(RENDERERS) as Format[];

/** The formats that write only the machine views (what `export` offers). */
export const MACHINE_FORMATS = FORMATS.filter((f) => RENDERERS[f].machine);

/** The format named by --format, or the message of a usage error that lists the allowed ones. */
export function formatNamed(name: string, allowed: readonly Format[] = FORMATS): Format | { error: string } {
  return (allowed as readonly string[]).includes(name) ? (name as Format) : { error: `--format must be one of ${allowed.join(', ')}; got "${name}"` };
}

/** The report in a format (a renderer with a large library loads it first). */
export async function render(r: Report, format: Format, o: RenderOptions): Promise<string> {
  const renderer: Renderer = RENDERERS[format];
  const fn = 'render' in renderer ? renderer.render : await renderer.load();
  return fn(r, o);
}
