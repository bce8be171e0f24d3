/** `compare`: the same metrics for several scenarios, one column per scenario. */
import { LABELS, type ModelResultJson } from './catalog.js';
import { summaryTable } from './exports.js';
import { arrow } from './model-report.js';
import { text, type Cell, type Report, type Table } from './tables.js';

/** The display name of a scope: a party's name, or "Holder → Obligor". */
export function scopeTitle(results: readonly ModelResultJson[], scope: string): string {
  const name = (id: string): string => results.map((r) => r.parties[id]?.name).find((n) => n !== undefined) ?? id;
  const [h, o] = scope.split('->');
  return o === undefined ? name(scope) : `${name(h as string)} → ${name(o)} (${arrow(scope)})`;
}

/** Short column labels for tables: each file's name without folder and .yaml, made unique. */
export function shortLabels(results: readonly ModelResultJson[]): string[] {
  const stems = results.map((r) => r.scenario.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, ''));
  return stems.map((s, i) => (stems.indexOf(s) !== i || stems.lastIndexOf(s) !== i ? `${s} (${i + 1})` : s));
}

export function compareReport(results: readonly ModelResultJson[], parties?: ReadonlySet<string>): Report {
  const rows = summaryTable(results, parties);
  const columns = shortLabels(results);
  const tables: Table[] = [];
  for (const scope of [...new Set(rows.map((r) => r.scope))]) {
    tables.push({
      title: scopeTitle(results, scope),
      columns: ['', ...columns],
      rows: rows.filter((r) => r.scope === scope).map((r) => [text(LABELS[r.metric] ?? r.metric), ...r.values.map((v): Cell => ({ kind: r.kind, value: v }))]),
    });
  }
  return {
    heading: ['Comparison', ...results.map((r, i) => `${columns[i]}: ${r.scenario.name} (${r.scenario.timeline.start} to ${r.scenario.timeline.end}, ${r.scenario.file})`)],
    tables,
    notes: results.flatMap((r, i) => r.notes.map((n) => `${columns[i]}: ${n}`)),
  };
}

/** `compare --format json`: the model results without their ledgers. */
export function compareJson(results: readonly ModelResultJson[]): object {
  return { format: 'stargate-compare/1', scenarios: results.map(({ ledger: _ledger, ...rest }) => rest) };
}
