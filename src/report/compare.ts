/** `compare`: the same metrics for several scenarios, one column per scenario. */
import type { ModelResult } from '../metrics/result.js';
import { isDealMetric, PAIR_GROUP_OPENED_BY } from '../metrics/registry.js';
import { modelJson } from './model-json.js';
import { flowsByKind, pairName, partyName } from './model-report.js';
import { table, text, type Block, type Report, type Series, type SeriesBlock } from './report.js';
import { pairScope, summaryCsv, summaryRows } from './summary.js';

/** The display name of a scope: a party's name, or "Holder → Obligor (holder → obligor)". */
export function scopeTitle(results: readonly ModelResult[], scope: string): string {
  const name = (id: string): string => results.map((r) => r.model.parties.find((p) => p.id === id)?.name).find((n) => n !== undefined) ?? id;
  const [h, o] = scope.split('->');
  return o === undefined ? name(scope) : `${name(h as string)} → ${name(o)} (${h} → ${o})`;
}

/** Short column labels for tables: each file's name without folder and .yaml, made unique. */
function shortLabels(results: readonly ModelResult[]): string[] {
  const stems = results.map((r) => r.model.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, ''));
  return stems.map((s, i) => (stems.indexOf(s) !== i || stems.lastIndexOf(s) !== i ? `${s} (${i + 1})` : s));
}

/** For charts: each party's cash and each pair's exposure by period, one series per scenario that has it (a party's also in the terminal, --chart); each scenario's flows by kind. */
function compareSeries(results: readonly ModelResult[], columns: readonly string[]): SeriesBlock[] {
  const blocks = new Map<string, { title: string; axis: string; series: Series[]; terminal?: true }>();
  const add = (key: string, title: string, s: Series): void => {
    let b = blocks.get(key);
    const pair = key.includes('->');
    // each party's cash is drawn by --chart too, the scenarios overlaid
    if (!b) blocks.set(key, (b = { title, axis: `${pair ? 'exposure' : 'cash'} at the end of the period`, series: [], ...(pair ? {} : { terminal: true as const }) }));
    b.series.push(s);
  };
  results.forEach((r, i) => {
    const periods = r.model.timeline.labels;
    const label = columns[i] as string;
    for (const p of r.parties) add(p.id, `Cash by period: ${partyName(r, p.id)}`, { label, periods, unit: 'money', values: p.series.cash });
    for (const x of r.exposures) add(pairScope(x), `Exposure by period: ${pairName(r, x)}`, { label, periods, unit: 'money', values: x.series.exposure });
  });
  const flows = results.flatMap((r, i) => (r.ledger.length ? [flowsByKind(r, `Flows by kind: ${columns[i]} (all entries of the ledger, summed per period)`)] : []));
  return [...[...blocks.values()].map((b): SeriesBlock => ({ type: 'series', ...b })), ...flows];
}

/** The `compare` report of results (already restricted to --party). */
export function compareReport(results: readonly ModelResult[]): Report {
  const rows = summaryRows(results);
  const columns = shortLabels(results);
  // the charts first: text and Markdown print only the tables
  const blocks: Block[] = [...compareSeries(results, columns)];
  for (const scope of [...new Set(rows.map((r) => r.scope))]) {
    const pair = scope.includes('->');
    // a pair's metrics in their groups, as in model's table: the position and the sales apart
    const body = rows.filter((r) => r.scope === scope && (!isDealMetric(r.metric) || r.cells.some((c) => c.value !== null))).flatMap((r) => {
      const group = pair ? PAIR_GROUP_OPENED_BY.get(r.metric) : undefined;
      const row = [text(pair ? `  ${r.label}` : r.label), ...r.cells];
      return group ? [[text(group), ...columns.map(() => text(''))], row] : [row];
    });
    blocks.push(table(scopeTitle(results, scope), ['', ...columns], body));
  }
  return {
    heading: [
      'Comparison',
      ...results.map((r, i) => {
        const t = r.model.timeline;
        return `${columns[i]}: ${r.model.name} (${t.labels[0]} to ${t.labels[t.count - 1]}, ${r.model.file})`;
      }),
    ],
    blocks,
    notes: results.flatMap((r, i) => r.notes.map((n) => `${columns[i]}: ${n}`)),
    // the model results without their ledgers
    json: () => ({ format: 'stargate-compare/1', scenarios: results.map((r) => modelJson(r, { ledger: false })) }),
    csv: () => summaryCsv(results),
  };
}
