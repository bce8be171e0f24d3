/**
 * `export --format xlsx`: every table of one run in one workbook, for
 * analysts. Sheets: Summary (the scenario, every metric in long form, the
 * notes), Parties (a row per party, a column per metric), Exposures (a row per
 * pair), Periods (a row per period, a live total under each flow column),
 * Ledger (every entry, a total and a total per kind), Losses (the write-offs,
 * a total) and Inputs (the resolved scenario as path and value rows). The
 * figures are those of `export --format json`, to the cent.
 */
import { cents, sumCents, type Cents } from '../money/decimal.js';
import { KINDS } from '../engine/ledger.js';
import { PAIR_METRICS, PARTY_METRICS, valueOf, type MetricDef } from '../metrics/registry.js';
import type { ExposureMetrics, PartyMetrics } from '../metrics/metrics.js';
import type { ModelResult } from '../metrics/result.js';
import type { Step } from '../scenario/periods.js';
import type { TNode } from '../scenario/tree.js';
import { centsOf } from './cells.js';
import { ledgerReport, periodColumns } from './exports.js';
import { partyId } from './filter.js';
import { inputRows } from './inputs.js';
import { metricCell, type Cell, type Report } from './report.js';
import type { PeriodGroup } from './rollup.js';
import { presentMetrics, summaryRows } from './summary.js';
import { columnRange, moneyValue, SheetBuilder, textValue, type Sheet, type Value, type Workbook } from './workbook.js';

/** A report cell as a workbook value: money to the cent, a period by its label. */
function valueOfCell(c: Cell): Value {
  switch (c.kind) {
    case 'text':
      return c.value === null ? null : textValue(c.value);
    case 'money':
      return c.value === null ? null : moneyValue(centsOf(c.value));
    case 'ratio':
    case 'quantity':
      return c.value === null ? null : { kind: c.kind, value: c.value };
    case 'period':
      return c.value === null ? null : textValue(c.labels[c.value] ?? '');
  }
}

const texts = (xs: readonly string[]): Value[] => xs.map(textValue);

/** The total of rows `from`..`to` of a column of amounts: a SUM, or zero when there are no rows. */
function sumValue(column: number, from: number, values: readonly Cents[]): Value {
  if (values.length === 0) return moneyValue(cents(0n));
  return { kind: 'sum', formula: `SUM(${columnRange(column, from, from + values.length - 1)})`, total: sumCents(values), addends: values };
}

/** A row per scope (party or pair), a column per metric. */
function metricSheet<S>(
  name: string,
  notes: string[],
  r: ModelResult,
  keys: readonly string[],
  scopes: readonly { key: readonly string[]; metrics: S }[],
  defs: readonly MetricDef<S>[],
): Sheet {
  const b = new SheetBuilder(name, notes);
  b.add(texts([...keys, ...defs.map((m) => m.name)]));
  for (const s of scopes) b.add([...texts(s.key), ...defs.map((m) => valueOfCell(metricCell(valueOf(m, s.metrics), r.model.timeline.labels)))]);
  return b.sheet({ rows: 1, columns: keys.length }, { row: 1, columns: keys.length + defs.length });
}

/** A row per period (or group of `--by`); under the flows (cash in, out, net) their totals, as formulas. */
function periodsSheet(notes: string[], r: ModelResult, groups: readonly PeriodGroup[]): Sheet {
  const cols = periodColumns(r, groups);
  const b = new SheetBuilder('Periods', notes);
  b.add(texts(['period', ...cols.map((c) => c.header)]));
  groups.forEach((g, i) => b.add([textValue(g.label), ...cols.map((c) => moneyValue(c.values[i] as Cents))]));
  // levels (cash, exposure) are not added up: their value at the end is in the last row
  b.add([textValue('total'), ...cols.map((c, k) => (c.aggregate === 'flow' ? sumValue(k + 2, 2, c.values) : null))], { bold: true });
  return b.sheet({ rows: 1, columns: 1 }, { row: 1, columns: cols.length + 1 });
}

/** Every entry, as `export --what ledger`; a total of the amounts under them, and beside them a total per kind (SUMIF). */
function ledgerSheet(notes: string[], r: ModelResult): Sheet {
  const labels = r.model.timeline.labels;
  const amounts = r.ledger.map((e) => cents(e.amount));
  const last = r.ledger.length + 1;
  const kinds = KINDS.filter((_, k) => r.ledger.some((e) => e.kind === k));
  const byKind = (i: number): Value[] => {
    const kind = kinds[i];
    if (kind === undefined) return [];
    const k = KINDS.indexOf(kind);
    const these = r.ledger.filter((e) => e.kind === k).map((e) => cents(e.amount));
    const formula = `SUMIF(${columnRange(4, 2, last, true)},H${i + 2},${columnRange(6, 2, last, true)})`;
    return [null, textValue(kind), { kind: 'sum', formula, total: sumCents(these), addends: these }];
  };
  const b = new SheetBuilder('Ledger', notes);
  b.add([...texts(['period', 'from', 'to', 'kind', 'source', 'amount']), null, ...texts(['kind', 'total'])]);
  r.ledger.forEach((e, i) =>
    b.add([
      textValue(labels[e.period] as string),
      textValue(partyId(r, e.from)),
      textValue(partyId(r, e.to)),
      textValue(KINDS[e.kind] as string),
      textValue(e.source),
      moneyValue(amounts[i] as Cents),
      ...byKind(i),
    ]),
  );
  b.add([textValue('total'), null, null, null, null, sumValue(6, 2, amounts)], { bold: true });
  return b.sheet({ rows: 1, columns: 0 }, { row: 1, columns: 6 });
}

/** The write-offs of the defaults, as `export --what losses`, and their total. */
function lossesSheet(notes: string[], r: ModelResult): Sheet {
  const labels = r.model.timeline.labels;
  const amounts = r.losses.map((l) => cents(l.amount));
  const b = new SheetBuilder('Losses', notes);
  b.add(texts(['period', 'holder', 'obligor', 'kind', 'amount']));
  r.losses.forEach((l, i) => b.add([...texts([labels[l.period] as string, partyId(r, l.holder), partyId(r, l.obligor), l.kind]), moneyValue(amounts[i] as Cents)]));
  b.add([textValue('total'), null, null, null, sumValue(5, 2, amounts)], { bold: true });
  return b.sheet({ rows: 1, columns: 0 }, { row: 1, columns: 5 });
}

/** The resolved scenario: a row per value, as written. */
function inputsSheet(notes: string[], tree: TNode): Sheet {
  const b = new SheetBuilder('Inputs', notes);
  b.add(texts(['path', 'value', 'from']));
  for (const row of inputRows(tree)) b.add(texts([row.path, row.value, row.at]));
  return b.sheet({ rows: 1, columns: 1 }, { row: 1, columns: 3 });
}

/** The scenario and how it was exported, every metric (scope, metric, value, label), then the notes. */
function summarySheet(notes: readonly string[], r: ModelResult, by: Step, parties: readonly string[] | undefined): Sheet {
  const tl = r.model.timeline;
  const own: string[] = []; // about the Summary's own cells (a name with a control character)
  const b = new SheetBuilder('Summary', own);
  b.add(texts(['scenario', r.model.name]));
  b.add(texts(['file', r.model.file]));
  b.add(texts(['timeline', `${tl.labels[0] as string} to ${tl.labels[tl.count - 1] as string}, by ${tl.step} (${tl.count} periods)`]));
  b.add(texts(['periods sheet', `by ${by}`]));
  b.add(texts(['parties', parties ? `${parties.join(', ')} (--party)` : 'all']));
  b.add([]);
  const header = b.add(texts(['scope', 'metric', 'value', 'label']), { bold: true });
  for (const row of summaryRows([r])) b.add([textValue(row.scope), textValue(row.metric), valueOfCell(row.cells[0] as Cell), textValue(row.label)]);
  const all = [...notes, ...own];
  if (all.length) {
    b.add([]);
    for (const n of all) b.add(texts(['note', n]));
  }
  return b.sheet({ rows: header, columns: 0 }, { row: header, columns: 4 });
}

/**
 * The workbook of one result (already restricted to --party, whose ids are
 * `parties`): the period table rolled up to `by` in `groups`; `tree` is the
 * resolved scenario.
 */
function exportWorkbook(r: ModelResult, tree: TNode, by: Step, groups: readonly PeriodGroup[], parties?: readonly string[]): Workbook {
  const notes: string[] = [];
  const sheets = [
    metricSheet<PartyMetrics>('Parties', notes, r, ['party', 'name'], r.parties.map((p) => ({ key: [p.id, p.name], metrics: p })), presentMetrics(PARTY_METRICS as readonly MetricDef<PartyMetrics>[], r.parties)),
    metricSheet<ExposureMetrics>('Exposures', notes, r, ['holder', 'obligor'], r.exposures.map((x) => ({ key: [x.holder, x.obligor], metrics: x })), presentMetrics(PAIR_METRICS as readonly MetricDef<ExposureMetrics>[], r.exposures)),
    periodsSheet(notes, r, groups),
    ledgerSheet(notes, r),
    lossesSheet(notes, r),
    inputsSheet(notes, tree),
  ];
  // the Summary comes first and lists the notes the other sheets gave
  return { sheets: [summarySheet([...r.notes, ...notes], r, by, parties), ...sheets] };
}

/** The export report in xlsx: the workbook; its CSV and JSON views are the ledger's, the default export. */
export function workbookReport(r: ModelResult, tree: TNode, by: Step, groups: readonly PeriodGroup[], parties?: readonly string[]): Report {
  return { ...ledgerReport(r), workbook: () => exportWorkbook(r, tree, by, groups, parties) };
}
