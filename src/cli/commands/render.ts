/** A report in the chosen format, with the terminal's colour and width, written to stdout or --out. */
import { render, type Format, type RenderOptions } from '../../report/renderers.js';
import type { Report } from '../../report/report.js';
import { useColor, type CommonOptions } from '../common.js';
import { terminal, writeResult } from '../io.js';

/** The width of a chart off a terminal, unless COLUMNS says otherwise. */
const CHART_WIDTH = 80;

/**
 * The width a chart fits: the terminal's; off a terminal, COLUMNS when it is
 * a whole number (10 to 1000), else 80. (Tables are split only on a terminal.)
 */
export function chartWidth(columns: number | undefined, env: NodeJS.ProcessEnv): number {
  if (columns !== undefined && columns > 0) return columns;
  const c = env.COLUMNS;
  return c !== undefined && /^\d{2,4}$/.test(c) && Number(c) >= 10 && Number(c) <= 1000 ? Number(c) : CHART_WIDTH; // number-ok: a count of columns
}

/** The render options of the command line. Colour and width are looked up only if a renderer reads them (the table). */
async function renderOptions(opts: CommonOptions): Promise<RenderOptions> {
  let tty: { color: boolean; width: number | undefined } | undefined;
  const look = (): { color: boolean; width: number | undefined } => {
    if (!tty) {
      const out = terminal(1);
      const isTTY = out.isTTY && (!opts.out || opts.out === '-');
      tty = { color: useColor(opts, process.env, isTTY), width: isTTY ? out.columns : undefined };
    }
    return tty;
  };
  // the chart's code is loaded only for --chart
  const draw = opts.chart ? (await import('../../report/terminal-chart.js')).terminalChart : undefined;
  return {
    exact: opts.exact === true,
    get color() {
      return look().color;
    },
    get width() {
      return look().width;
    },
    ...(draw ? { chart: (b) => draw(b, { width: chartWidth(look().width, process.env), color: look().color }) } : {}),
  };
}

/** Render the report in the format and write it: html loads its charting library first, xlsx writes its bytes when they are ready. */
export async function writeReport(report: Report, format: Format, opts: CommonOptions): Promise<void> {
  writeResult(await render(report, format, await renderOptions(opts)), opts);
}
