/**
 * Chart blocks drawn by Apache ECharts, rendered on the server to static SVG
 * (its SSR mode: no browser script, no DOM). Exact values become JavaScript
 * numbers here and only here, as chart coordinates in the unit of the axis
 * ($B, %, GW); the tables beneath the charts print the exact values.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { centsToDec, Dec } from '../../money/decimal.js';
import { cellText } from '../cells.js';
import { valueCell, type CategoryBlock, type ChartBlock, type GridBlock, type SeriesBlock, type Values } from '../report.js';
import { periodAxis } from './chart-table.js';

echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, LegendComponent, VisualMapComponent, SVGRenderer]);

const WIDTH = 920;
/** The width ranked bars give their labels. */
const RANKED_LABELS = 250;
const HEIGHT = 380;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** Colours that stay apart for the colour-blind (Okabe–Ito, then greys). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#7f7f7f', '#b15928', '#6a3d9a', '#1b9e77'];
const AXIS_TEXT = '#4b5563';
const GRID_LINE = '#e5e7eb';

// money shown in the largest unit its largest value reaches, as the tables do
const MONEY_UNITS: readonly (readonly [string, bigint])[] = [['$T', 10n ** 12n], ['$B', 10n ** 9n], ['$M', 10n ** 6n], ['$K', 1000n], ['$', 1n]];

/** How the values of a chart become numbers: the axis's unit and the conversion. */
interface Scale {
  readonly unit: string;
  readonly num: (v: Values, i: number) => number | null;
}

/** The scale for every values vector of a chart (they share one unit). */
function scaleOf(vs: readonly Values[]): Scale {
  const unit = vs[0]?.unit ?? 'money';
  switch (unit) {
    case 'money': {
      let max = 0n;
      for (const v of vs) for (const c of v.values as readonly (bigint | null)[]) if (c !== null) max = c < 0n ? (-c > max ? -c : max) : c > max ? c : max;
      const [name, power] = MONEY_UNITS.find(([, p]) => max >= p * 100n) ?? ['$', 1n];
      return { unit: name, num: (v, i) => numberOf(v.values[i] === null || v.values[i] === undefined ? null : centsToDec(v.values[i] as bigint).div(new Dec(power.toString()))) };
    }
    case 'ratio':
      return { unit: '%', num: (v, i) => numberOf((v.values[i] as Dec | null | undefined)?.times(100) ?? null) };
    case 'quantity':
      return { unit: 'GW', num: (v, i) => numberOf((v.values[i] as Dec | null | undefined) ?? null) };
    case 'count':
      return { unit: 'runs', num: (v, i) => (v.values[i] as number | undefined) ?? null };
    case 'period':
      // a period axis: the value is the period's index on it
      return { unit: '', num: (v, i) => (v.values[i] as number | null | undefined) ?? null };
  }
}

/** A decimal as a chart coordinate. */
function numberOf(d: Dec | null): number | null {
  return d === null ? null : d.toNumber(); // number-ok: chart coordinates
}


/** The grid's edges hold the axis labels too (ECharts 6; `containLabel` before). */
const CONTAIN = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' };

/** An axis's name: what, then the unit, without saying the unit twice ("runs", not "runs (runs)"). */
const axisName = (what: string, unit: string): string => (!unit || what === unit ? what : what ? `${what} (${unit})` : `(${unit})`);

const baseOption = (legend: boolean): Record<string, unknown> => ({
  animation: false,
  color: PALETTE,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: FONT, color: AXIS_TEXT },
  ...(legend ? { legend: { top: 4, left: 'center', type: 'plain', itemGap: 16, textStyle: { fontSize: 12 } } } : {}),
  grid: { ...CONTAIN, left: 12, right: 28, top: legend ? 64 : 40, bottom: 12 },
});

const valueAxis = (name: string): Record<string, unknown> => ({
  type: 'value',
  name,
  nameLocation: 'end',
  nameTextStyle: { align: 'left', fontWeight: 'bold' },
  splitLine: { lineStyle: { color: GRID_LINE } },
  axisLabel: { color: AXIS_TEXT },
});

const categoryAxis = (name: string, data: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'category',
  name,
  nameLocation: 'middle',
  nameGap: 28,
  nameTextStyle: { fontWeight: 'bold' },
  data: [...data],
  axisLabel: { color: AXIS_TEXT, hideOverlap: true },
  axisTick: { alignWithLabel: true },
  ...extra,
});

/** A period metric's axis: the timeline's labels, bottom to top. */
const periodValueAxis = (name: string, labels: readonly string[]): Record<string, unknown> => ({
  ...categoryAxis(name, labels, { nameLocation: 'end', nameGap: 12, nameTextStyle: { align: 'left', fontWeight: 'bold' } }),
  splitLine: { show: true, lineStyle: { color: GRID_LINE } },
});

function seriesOption(b: SeriesBlock): Record<string, unknown> {
  const periods = periodAxis(b.series);
  const scale = scaleOf(b.series);
  // each series on the common period axis; null where it has no such period (a gap)
  const data = b.series.map((s) => periods.map((p) => {
    const i = s.periods.indexOf(p);
    return i < 0 ? null : scale.num(s, i);
  }));
  const draw = b.draw ?? 'lines';
  const what = b.axis ?? '';
  const option = { ...baseOption(draw !== 'fan' || b.series.length > 0), xAxis: categoryAxis('', periods, { boundaryGap: draw === 'stacked' }), yAxis: valueAxis(axisName(what, scale.unit)) };
  if (draw === 'stacked') {
    return { ...option, series: b.series.map((s, k) => ({ type: 'bar', name: s.label, stack: 'total', stackStrategy: 'samesign', barMaxWidth: 28, data: data[k] })) };
  }
  if (draw === 'fan') {
    const series = fanSeries(b, data);
    // the legend names the two bands and the median, not the bands' invisible lower edges
    const shown = series.filter((x) => !x.silent).map((x) => x.name);
    return { ...option, legend: { ...((option as Record<string, unknown>).legend as Record<string, unknown>), data: shown }, series };
  }
  return {
    ...option,
    series: b.series.map((s, k) => ({ type: 'line', name: s.label, data: data[k], symbol: 'circle', symbolSize: 5, showSymbol: true, lineStyle: { width: 2 }, connectNulls: false })),
  };
}

/**
 * A fan: the P5–P95 band, the P25–P75 band darker, and the median as a line.
 * Each band is stacked on its lower edge, drawn without a line of its own.
 */
function fanSeries(b: SeriesBlock, data: readonly (readonly (number | null)[])[]): ({ name: string; silent?: boolean } & Record<string, unknown>)[] {
  const [p5, p25, p50, p75, p95] = data;
  const color = PALETTE[0] as string;
  const diff = (hi: readonly (number | null)[] | undefined, lo: readonly (number | null)[] | undefined): (number | null)[] =>
    (hi ?? []).map((h, i) => (h === null || lo?.[i] === null || lo?.[i] === undefined ? null : h - (lo[i] as number))); // number-ok: chart coordinates
  const edge = (name: string, stack: string, d: readonly (number | null)[] | undefined) => ({ type: 'line', name, stack, stackStrategy: 'all', data: d ?? [], symbol: 'none', lineStyle: { opacity: 0 }, silent: true });
  // the band's colour on its legend mark too
  const band = (name: string, stack: string, d: (number | null)[], opacity: number) => ({ type: 'line', name, stack, stackStrategy: 'all', data: d, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color, opacity }, itemStyle: { color, opacity } });
  const labels = b.series.map((s) => s.label);
  return [
    edge(labels[0] ?? 'P5', 'outer', p5),
    band(`${labels[0] ?? 'P5'}–${labels[4] ?? 'P95'}`, 'outer', diff(p95, p5), 0.18),
    edge(labels[1] ?? 'P25', 'inner', p25),
    band(`${labels[1] ?? 'P25'}–${labels[3] ?? 'P75'}`, 'inner', diff(p75, p25), 0.35),
    { type: 'line', name: labels[2] ?? 'P50', data: p50 ?? [], symbol: 'circle', symbolSize: 5, lineStyle: { width: 2, color }, itemStyle: { color } },
  ];
}

function categoryOption(b: CategoryBlock): Record<string, unknown> {
  const scale = scaleOf(b.series);
  const data = b.series.map((s) => b.categories.map((_, i) => scale.num(s, i)));
  const first = b.series[0];
  const legend = b.series.length > 1;
  const option = baseOption(legend);
  const measure = b.measure ?? (legend ? '' : (first?.label ?? ''));
  if (b.draw === 'ranked') {
    return {
      ...option,
      // room for long labels set by hand: the server measures text with its own estimate of the font, narrower than a browser's
      grid: { ...(option.grid as object), outerBoundsMode: 'none', left: RANKED_LABELS + 40, bottom: 44 },
      yAxis: categoryAxis('', b.categories, { inverse: true, axisLabel: { color: AXIS_TEXT, width: RANKED_LABELS, overflow: 'truncate', ellipsis: '…' } }),
      xAxis: { ...valueAxis(axisName(measure, scale.unit)), nameLocation: 'middle', nameGap: 28, nameTextStyle: { fontWeight: 'bold' } },
      series: b.series.map((s, k) => ({ type: 'bar', name: s.label, data: data[k], barMaxWidth: 22 })),
    };
  }
  let valueAx = valueAxis(axisName(measure, scale.unit));
  if (first?.unit === 'period') {
    // an empty value (no runway end: cash never ran out) has a place of its own on top, printed as the tables print it
    const empty = b.series.some((s) => s.values.some((v) => v === null));
    valueAx = periodValueAxis(first.label, empty ? [...first.labels, '—'] : first.labels);
    if (empty) data.forEach((d) => d.forEach((v, i) => (d[i] = v ?? first.labels.length)));
  }
  const x = categoryAxis(b.axis, b.categories, b.draw === 'line' ? { boundaryGap: false } : {});
  if (b.draw === 'line') {
    return { ...option, grid: { ...(option.grid as object), bottom: 36 }, xAxis: x, yAxis: valueAx, series: b.series.map((s, k) => ({ type: 'line', name: s.label, data: data[k], symbol: 'circle', symbolSize: 6, lineStyle: { width: 2 } })) };
  }
  return {
    ...option,
    grid: { ...(option.grid as object), bottom: 36 },
    xAxis: x,
    yAxis: valueAx,
    series: b.series.map((s, k) => ({
      type: 'bar',
      name: s.label,
      data: data[k],
      ...(b.draw === 'stacked' ? { stack: 'total', stackStrategy: 'samesign' } : {}),
      ...(b.draw === 'histogram' ? { barCategoryGap: '6%' } : { barMaxWidth: 48 }),
    })),
  };
}

function gridOption(b: GridBlock): Record<string, unknown> {
  const scale = scaleOf([b.cells]);
  const w = b.x.categories.length;
  const data: [number, number, number | null][] = [];
  const labels = new Map<string, string>();
  b.y.categories.forEach((_, j) => b.x.categories.forEach((_, i) => {
    data.push([i, j, scale.num(b.cells, j * w + i)]);
    // each cell labelled with the exact value as the tables print it
    labels.set(`${i},${j}`, cellText(valueCell(b.cells, j * w + i), false));
  }));
  const nums = data.map((d) => d[2]).filter((n): n is number => n !== null);
  const min = nums.length ? Math.min(...nums) : 0; // number-ok: chart coordinates
  const max = nums.length ? Math.max(...nums) : 1; // number-ok: chart coordinates
  return {
    ...baseOption(false),
    grid: { ...CONTAIN, left: 12, right: 28, top: 40, bottom: b.cells.unit === 'period' ? 40 : 84 },
    xAxis: categoryAxis(b.x.axis, b.x.categories, { splitArea: { show: true } }),
    yAxis: { ...categoryAxis(b.y.axis, b.y.categories, { splitArea: { show: true } }), nameLocation: 'end', nameGap: 12, nameTextStyle: { align: 'left', fontWeight: 'bold' } },
    visualMap: {
      // a period's colour scale would show period indexes: the cells' labels say it
      show: b.cells.unit !== 'period',
      min,
      max: max === min ? min + 1 : max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 14,
      itemHeight: 220,
      text: [axisName(b.cells.label, scale.unit), ''],
      inRange: { color: ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] },
      formatter: (v: number) => v.toFixed(2), // number-ok: chart coordinates
    },
    series: [
      {
        type: 'heatmap',
        name: b.cells.label,
        data: data.map(([i, j, v]) => [i, j, v ?? '-']),
        label: { show: w * b.y.categories.length <= 80, formatter: (p: { value: [number, number] }) => labels.get(`${p.value[0]},${p.value[1]}`) ?? '', fontSize: 11 },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  };
}

/** The ECharts option of a chart block (plain data: the tests read it). */
export function chartOption(b: ChartBlock): Record<string, unknown> {
  switch (b.type) {
    case 'series':
      return seriesOption(b);
    case 'categories':
      return categoryOption(b);
    case 'grid':
      return gridOption(b);
  }
}

/** The chart's height: ranked bars grow with their number. */
function heightOf(b: ChartBlock): number {
  if (b.type === 'categories' && b.draw === 'ranked') return Math.max(HEIGHT / 2, 80 + b.categories.length * 30 * Math.max(1, b.series.length / 1.5));
  if (b.type === 'grid') return Math.max(HEIGHT, 150 + b.y.categories.length * 32);
  return HEIGHT;
}

/** Whether a chart block has any value to draw. */
export function hasValues(b: ChartBlock): boolean {
  const vectors: readonly Values[] = b.type === 'grid' ? [b.cells] : b.series;
  return vectors.some((v) => v.values.some((x) => x !== null) || (v.unit === 'period' && v.values.length > 0));
}

/** A chart block as a static SVG element. */
export function chartSvg(b: ChartBlock): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: Math.round(heightOf(b)) }); // number-ok: chart size in pixels
  try {
    chart.setOption(chartOption(b));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
