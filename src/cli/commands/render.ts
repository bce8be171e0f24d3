/** A report in the chosen format, with the terminal's colour and width, written to stdout or --out. */
import { render, type Format, type RenderOptions } from '../../report/renderers.js';
import type { Report } from '../../report/report.js';
import { useColor, type CommonOptions } from '../common.js';
import { terminal, writeResult } from '../io.js';

/** The render options of the command line. Colour and width are looked up only if a renderer reads them (the table). */
function renderOptions(opts: CommonOptions): RenderOptions {
  let tty: { color: boolean; width: number | undefined } | undefined;
  const look = (): { color: boolean; width: number | undefined } => {
    if (!tty) {
      const out = terminal(1);
      const isTTY = out.isTTY && (!opts.out || opts.out === '-');
      tty = { color: useColor(opts, process.env, isTTY), width: isTTY ? out.columns : undefined };
    }
    return tty;
  };
  return {
    exact: opts.exact === true,
    get color() {
      return look().color;
    },
    get width() {
      return look().width;
    },
  };
}

/** Render the report in the format and write it: html loads its charting library first, xlsx writes its bytes when they are ready. */
export async function writeReport(report: Report, format: Format, opts: CommonOptions): Promise<void> {
  writeResult(await render(report, format, renderOptions(opts)), opts);
}
