/**
 * A chart block as terminal text, for `--chart`: each series a line drawn by
 * asciichart over the periods, fitted to a width. The y axis is labelled as
 * the tables print values (compact money), each label worked out from the
 * exact values, so that the top one is the largest value and the bottom one
 * the smallest; the period labels run along the bottom. Values become numbers
 * here only, as chart coordinates. With colour, each line has one (and the
 * legend says which); without it, each line keeps its own glyphs (light,
 * heavy, double, dashed, ASCII), so that lines are told apart when piped or printed.
 */
import asciichart from 'asciichart';
import { cents, centsToDec, Dec, toCents } from '../money/decimal.js';
import { printable } from '../scenario/problems.js';
import { parsePeriod } from '../scenario/periods.js';
import { cellText } from './cells.js';
import type { Cell, Series, SeriesBlock } from './report.js';

export interface TerminalChartOptions {
  /** the columns the chart may take */
  readonly width: number;
  readonly color: boolean;
}

/** Rows between the top and the bottom label: the chart is this plus one lines high, with the legend and the period axis around. */
const HEIGHT = 14;
/** The fewest columns the lines get, however narrow the width. */
const MIN_PLOT = 16;

/** asciichart's glyphs, one family per line: [axis at zero, axis, –, –, ─, ╰, ╭, ╮, ╯, │]. */
const FAMILIES: readonly (readonly string[])[] = [
  ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  ['┼', '┤', '╶', '╴', '━', '┗', '┏', '┓', '┛', '┃'],
  ['┼', '┤', '╶', '╴', '═', '╚', '╔', '╗', '╝', '║'],
  ['┼', '┤', '╶', '╴', '┄', '└', '┌', '┐', '┘', '┆'],
  ['┼', '┤', '╶', '╴', '┅', '┗', '┏', '┓', '┛', '┇'],
  ['┼', '┤', '╶', '╴', '-', "'", '.', '.', "'", '|'],
];
/** ANSI foreground colours, in the order of html's palette (blue, orange, green, vermilion, purple, sky blue), then bright ones. */
const COLORS = ['34', '33', '32', '31', '35', '36', '94', '93', '92', '91', '95', '96'];

const paint = (on: boolean, code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[39m` : s);
const bold = (on: boolean, s: string): string => (on ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (on: boolean, s: string): string => (on ? `\x1b[2m${s}\x1b[22m` : s);

/** The style of an empty cell, and of the dots of the zero row. */
const BLANK = -1;
const ZERO = -2;

/** One line to draw: its points in time (the month its period ends) and its style (glyphs and colour). */
interface Line {
  readonly points: readonly { readonly x: number; readonly value: Dec }[];
  readonly style: number;
}

/** A legend entry: the labels of the lines of one style. */
interface Key {
  readonly style: number;
  readonly label: string;
}

/** Where a level at the end of a period sits on the time axis: the month after its last. */
function endOf(label: string): number {
  const p = parsePeriod(label);
  return p ? p.first + p.months : 0;
}

/** A series' values as exact decimals (money in dollars), null where empty. */
function decimals(s: Series): (Dec | null)[] {
  return s.unit === 'money' ? s.values.map((v) => (v === null ? null : centsToDec(v))) : [...s.values];
}

/** The lines of a block: every series, or for a fan its P5 and P95 (one style) and its median (another, drawn on top). */
function linesOf(b: SeriesBlock): { lines: Line[]; keys: Key[] } {
  const line = (s: Series, style: number): Line => {
    const values = decimals(s);
    return { style, points: s.periods.flatMap((p, i) => (values[i] ? [{ x: endOf(p), value: values[i] as Dec }] : [])) };
  };
  if (b.draw === 'fan') {
    const [p5, , p50, , p95] = b.series;
    if (!p5 || !p50 || !p95) return { lines: [], keys: [] };
    return { lines: [line(p5, 0), line(p95, 0), line(p50, 1)], keys: [{ style: 1, label: p50.label }, { style: 0, label: `${p5.label} and ${p95.label}` }] };
  }
  return { lines: b.series.map((s, i) => line(s, i)), keys: b.series.map((s, i) => ({ style: i, label: s.label })) };
}

/** A value on the y axis as the tables print it: money to the cent, then compact. */
function label(kind: Series['unit'], d: Dec): string {
  const c: Cell = kind === 'money' ? { kind, value: cents(toCents(d)) } : { kind, value: d };
  return cellText(c, false);
}

const num = (d: Dec): number => d.toNumber(); // number-ok: chart coordinates

/** The block drawn as text: title, legend, the chart with its y labels, the period axis; no trailing newline. */
export function terminalChart(b: SeriesBlock, o: TerminalChartOptions): string {
  const { lines, keys } = linesOf(b);
  const title = bold(o.color, printable(b.title));
  const values = lines.flatMap((l) => l.points.map((p) => p.value));
  if (values.length === 0) return `${title}\nNothing to draw: every value is empty.`;
  const unit = b.series[0]?.unit ?? 'money';
  // reduced, not spread: a long monthly timeline of many lines would be too many arguments
  const max = values.reduce((a, v) => (v.greaterThan(a) ? v : a));
  const min = values.reduce((a, v) => (v.lessThan(a) ? v : a));
  // asciichart rounds v × rows / range and min × rows / range apart, which can put a value a row off the
  // linear scale of the labels: it is given each value's height above the smallest, so that the bottom is 0.
  // Every row starts with a blank label and the axis (columns 0 and 1), the glyphs from column 2: one character a cell.
  const above = (d: Dec): number => num(d.minus(min));
  const cfg = { min: 0, max: above(max), height: HEIGHT, offset: 2, format: () => ' ' };
  // asciichart decides the rows from min, max and height: one plot tells how many
  const rows = asciichart.plot([cfg.min, cfg.max], cfg).split('\n').length - 1;
  // the row of zero, when the values cross it: the row a flat line at zero is drawn in
  const crossing = min.isNegative() && max.isPositive() ? rowOf(asciichart.plot([above(new Dec(0)), above(new Dec(0))], cfg)) : -1;
  // (never the top or the bottom row: those are labelled with the largest and the smallest value)
  const zero = crossing > 0 && crossing < rows ? crossing : -1;
  // each row's label from the exact values, the top the largest and the bottom the smallest
  const labels = Array.from({ length: rows + 1 }, (_, r) => (r === zero ? label(unit, new Dec(0)) : label(unit, rows === 0 ? max : max.minus(max.minus(min).times(r).div(rows)))));
  const lw = labels.reduce((a, l) => Math.max(a, l.length), 0);
  const w = Math.max(MIN_PLOT, o.width - lw - 2);

  // time runs across: each period's end at its column, the columns between interpolated
  const xs = lines.flatMap((l) => l.points.map((p) => p.x));
  const x0 = xs.reduce((a, x) => Math.min(a, x));
  const x1 = xs.reduce((a, x) => Math.max(a, x));
  const column = (x: number): number => (x1 === x0 ? 0 : Math.round(((x - x0) / (x1 - x0)) * w)); // number-ok: chart coordinates

  // the glyphs of each cell, and the style of the line that drew it (the last drawn on top)
  const grid = Array.from({ length: rows + 1 }, () => Array.from({ length: w }, (): { ch: string; style: number } | undefined => undefined));
  for (const l of lines) {
    const samples = sample(l, column, w, above);
    for (const [a, z] of segments(samples)) {
      // a lone point is drawn as a flat step into the next column
      const seg = a === z ? [samples[a] as number, samples[a] as number] : (samples.slice(a, z + 1) as number[]);
      const at = a === z ? Math.min(a, w - 1) : a;
      const plotted = asciichart.plot(seg, { ...cfg, symbols: [...(FAMILIES[l.style % FAMILIES.length] as string[])] }).split('\n');
      plotted.forEach((text, r) => {
        for (let c = 0; c < seg.length - 1 && at + c < w; c++) {
          const ch = text[2 + c];
          if (ch !== undefined && ch !== ' ') grid[r]![at + c] = { ch, style: l.style };
        }
      });
    }
  }

  const body = grid.map((cells, r) => {
    const axis = r === zero ? '┼' : '┤';
    // runs of one style share one colour code; the zero row is dotted where no line is
    const runs: { style: number; text: string }[] = [];
    cells.forEach((c, i) => {
      const style = c ? c.style : r === zero && i % 2 === 1 ? ZERO : BLANK;
      const ch = c ? c.ch : style === ZERO ? '·' : ' ';
      const last = runs[runs.length - 1];
      if (last && last.style === style) last.text += ch;
      else runs.push({ style, text: ch });
    });
    const drawn = runs.map((x) => (x.style === BLANK ? x.text : x.style === ZERO ? dim(o.color, x.text) : paint(o.color, COLORS[x.style % COLORS.length] as string, x.text))).join('');
    return `${(labels[r] as string).padStart(lw)} ${axis}${drawn}`.trimEnd();
  });
  return [title, ...legend(keys, o), ...body, ...periodAxis(b, lw, w, column, o.color)].join('\n');
}

/** The row of the one line asciichart drew (a flat one). */
function rowOf(plotted: string): number {
  return plotted.split('\n').findIndex((t) => t.slice(2).trim() !== '');
}

/** A line's value at each of the w + 1 columns' edges (null outside its periods), linear between its periods. */
function sample(l: Line, column: (x: number) => number, w: number, height: (d: Dec) => number): (number | null)[] {
  const out: (number | null)[] = Array.from({ length: w + 1 }, () => null);
  const pts = l.points.map((p) => ({ c: column(p.x), v: height(p.value) }));
  pts.forEach((p, i) => {
    const next = pts[i + 1];
    out[p.c] = p.v;
    if (!next) return;
    for (let c = p.c + 1; c < next.c; c++) out[c] = p.v + ((next.v - p.v) * (c - p.c)) / (next.c - p.c); // number-ok: chart coordinates
  });
  return out;
}

/** The runs of consecutive non-null samples, as [first, last] indexes. */
function segments(samples: readonly (number | null)[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  samples.forEach((v, i) => {
    if (v !== null && start < 0) start = i;
    if (v === null && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, samples.length - 1]);
  return out;
}

/** The legend: each style's glyph and label, as many to a line as fit. */
function legend(keys: readonly Key[], o: TerminalChartOptions): string[] {
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const k of keys) {
    const glyph = (FAMILIES[k.style % FAMILIES.length] as string[])[4] as string;
    const text = printable(k.label);
    const width = 3 + [...text].length;
    if (used > 0 && used + 3 + width > o.width) {
      out.push(line);
      line = '';
      used = 0;
    }
    line += `${used > 0 ? '   ' : ''}${paint(o.color, COLORS[k.style % COLORS.length] as string, glyph.repeat(2))} ${text}`;
    used += (used > 0 ? 3 : 0) + width;
  }
  if (line) out.push(line);
  return out;
}

/**
 * The period axis under the chart: a tick under each labelled period and its
 * label below, the first, the last and as many evenly spaced between as fit
 * (always the middle one when there is room for three).
 */
function periodAxis(b: SeriesBlock, lw: number, w: number, column: (x: number) => number, color: boolean): string[] {
  const seen = new Set<string>();
  const periods = b.series.flatMap((s) => s.periods).filter((p) => !seen.has(p) && seen.add(p)).sort((p, q) => endOf(p) - endOf(q));
  const at = (p: string): number => lw + 1 + column(endOf(p)); // the axis is column lw + 1, a period's column after it
  const fits = (picked: readonly string[]): boolean =>
    picked.every((p, i) => {
      const next = picked[i + 1];
      return !next || place(p, i, picked.length) + p.length + 2 <= place(next, i + 1, picked.length);
    });
  // the first label starts at its tick, the last ends at its tick, the others are centred on theirs
  const place = (p: string, i: number, n: number): number => (i === 0 ? at(p) : i === n - 1 ? at(p) - p.length + 1 : at(p) - Math.floor(p.length / 2)); // number-ok: chart coordinates
  const last = periods.length - 1;
  let picked = [periods[0] as string];
  // an even number of gaps, so that the middle period is among them
  for (let gaps = last - (last % 2); gaps >= 2; gaps -= 2) {
    const candidate = Array.from({ length: gaps + 1 }, (_, k) => periods[Math.round((k * last) / gaps)] as string); // number-ok: a period index
    if (fits(candidate)) {
      picked = candidate;
      break;
    }
  }
  if (picked.length === 1 && last > 0 && fits([periods[0] as string, periods[last] as string])) picked = [periods[0] as string, periods[last] as string];
  if (last === 1 && fits(periods)) picked = periods;
  const ticks: string[] = Array.from({ length: w + 1 }, (_, c) => (c === 0 ? '└' : '─'));
  for (const p of picked) ticks[at(p) - lw - 1] = at(p) - lw - 1 === 0 ? '├' : '┬';
  let labels = '';
  picked.forEach((p, i) => {
    const start = Math.max(labels.length + (labels ? 1 : 0), place(p, i, picked.length));
    labels = labels.padEnd(start) + p;
  });
  return [`${' '.repeat(lw + 1)}${dim(color, ticks.join(''))}`, labels];
}
