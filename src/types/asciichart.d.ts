// asciichart 1.5.25 (MIT) ships no types: the part of its API that src/report/terminal-chart.ts uses.
declare module 'asciichart' {
  interface PlotConfig {
    /** the value of the bottom row (lower values are clamped by the library to it only when given) */
    min?: number;
    max?: number;
    /** rows between min and max (the chart has about height + 1 lines) */
    height?: number;
    /** columns before the plot: the label, then the axis in column offset − 1 */
    offset?: number;
    /** each row's label from its value and its row index (0: the top) */
    format?: (value: number, row: number) => string;
    /** [axis at zero, axis, unused, unused, ─, ╰, ╭, ╮, ╯, │] */
    symbols?: string[];
    /** ANSI colour codes, one per series */
    colors?: string[];
  }
  const asciichart: {
    /** the series as lines of text: value i of a series in column offset + i − 1 */
    plot(series: number[] | number[][], cfg?: PlotConfig): string;
  };
  export default asciichart;
}
