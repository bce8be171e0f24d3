/**
 * The numbers of a chart block as a table, printed beneath the chart: the
 * same typed values the chart draws, so that they print as every table does
 * (compact money, percentages, period labels), never from the chart's numbers.
 */
import { parsePeriod } from '../../scenario/periods.js';
import { table, text, valueCell, type Cell, type ChartBlock, type Series, type TableBlock } from '../report.js';

/** The periods of several series, in time order (series of different timelines overlaid). */
export function periodAxis(series: readonly Series[]): string[] {
  const first = series[0]?.periods ?? [];
  if (series.every((s) => s.periods === first || (s.periods.length === first.length && s.periods.every((p, i) => p === first[i])))) return [...first];
  const all = [...new Set(series.flatMap((s) => s.periods))];
  const start = (l: string): number => parsePeriod(l)?.first ?? 0;
  // a stable sort: labels that start in the same month (2026 and 2026-Q1) keep their order
  return all.map((l, i) => ({ l, i })).sort((a, b) => start(a.l) - start(b.l) || a.i - b.i).map((x) => x.l);
}

/** A series' value at a period label as a cell (empty where the series has no such period). */
function seriesCell(s: Series, label: string): Cell {
  const i = s.periods.indexOf(label);
  return valueCell(s, i < 0 ? s.values.length : i);
}

/** The table beneath a chart. */
export function chartTable(b: ChartBlock): TableBlock {
  switch (b.type) {
    case 'series': {
      const periods = periodAxis(b.series);
      return table(b.title, ['period', ...b.series.map((s) => s.label)], periods.map((p) => [text(p), ...b.series.map((s) => seriesCell(s, p))]));
    }
    case 'categories':
      return table(b.title, [b.axis, ...b.series.map((s) => s.label)], b.categories.map((c, i) => [text(c), ...b.series.map((s) => valueCell(s, i))]));
    case 'grid': {
      const w = b.x.categories.length;
      return table(
        b.title,
        [`${b.y.axis} \\ ${b.x.axis}`, ...b.x.categories],
        b.y.categories.map((y, j) => [text(y), ...b.x.categories.map((_, i) => valueCell(b.cells, j * w + i))]),
      );
    }
  }
}
