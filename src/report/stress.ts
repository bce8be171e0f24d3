/**
 * `stress FILE --default PARTY@PERIOD`: the defaults applied, what they did to
 * each holder and supplier of a defaulter (write-offs, recoveries, sales
 * lost, Δ all-in), the write-offs one by one, then the metric diff exactly as
 * `diff` builds it, with A = the scenario as written and B = stressed.
 */
import { subCents, type Cents, type Dec } from '../money/decimal.js';
import type { ImpactFigures, ImpactRow } from '../metrics/impact.js';
import type { ModelResult } from '../metrics/result.js';
import type { DefaultOption } from '../scenario/stress-options.js';
import type { Step } from '../scenario/periods.js';
import { getNode } from '../scenario/merge.js';
import type { TNode } from '../scenario/tree.js';
import { parseRatio } from '../scenario/values.js';
import { csvCell, plain } from './cells.js';
import { csvText } from './csv.js';
import { difference, diffReport, nodeText, type InputChange } from './diff.js';
import { filterResult } from './filter.js';
import { lossesJson } from './model-json.js';
import { partyName } from './model-report.js';
import { money, ratio, table, text, type Block, type CategoryBlock, type Cell, type Json, type Line, type Report } from './report.js';

/** `--recovery`: the rate, as given, and the parties it applies to (those named by a --default). */
export interface RecoveryOverride {
  readonly rate: Dec;
  readonly text: string;
  readonly parties: readonly number[];
}

export interface StressReportInput {
  /** the scenario as written (A) and stressed (B), whole: --party is applied here */
  readonly a: ModelResult;
  readonly b: ModelResult;
  /** the --default options that took effect */
  readonly applied: readonly DefaultOption[];
  readonly recovery: RecoveryOverride | null;
  readonly impact: readonly ImpactRow[];
  /** the inputs the stress changes, for the diff (see stressInputs) */
  readonly inputs: readonly InputChange[];
  /** the roll-up of the diff's cash table; undefined for JSON and CSV */
  readonly by: Step | undefined;
  readonly parties: ReadonlySet<string> | undefined;
}

type Cause = 'option' | 'event' | 'policy';
const CAUSE_TEXT: Record<Cause, string> = { option: '--default', event: 'an event of the scenario', policy: 'its funding policy' };

/** Each default of B, in party order, with what made it: a --default, an event written in the file, or the party's funding policy. */
function defaultsOf(b: ModelResult, applied: readonly DefaultOption[]): { party: number; period: number; cause: Cause }[] {
  const out: { party: number; period: number; cause: Cause }[] = [];
  b.parties.forEach((p, i) => {
    const t = p.default_period;
    if (t === null) return;
    const cause: Cause = applied.some((o) => o.party === i && o.at === t) ? 'option' : b.model.events.some((e) => e.party === i && e.at === t) ? 'event' : 'policy';
    out.push({ party: i, period: t, cause });
  });
  return out;
}

const eventsText = (r: ModelResult): string | null => {
  const labels = r.model.timeline.labels;
  const es = r.model.events.map((e) => `{type: default, party: ${r.model.parties[e.party]!.id}, at: ${labels[e.at]}}`);
  return es.length ? `[${es.join(', ')}]` : null;
};

/**
 * The inputs the stress changes, as `diff` lists inputs: the default events
 * (A's as written, B's with the --default options merged in) and, with
 * --recovery, each named party's `recovery_rate` as written against the
 * value given. A rate already equal to the one given is left out.
 */
export function stressInputs(tree: TNode, a: ModelResult, b: ModelResult, recovery: RecoveryOverride | null): InputChange[] {
  const out: InputChange[] = [];
  const [ea, eb] = [eventsText(a), eventsText(b)];
  if (ea !== eb) out.push({ path: 'events', a: ea, b: eb });
  for (const p of recovery?.parties ?? []) {
    const id = a.model.parties[p]!.id;
    const path = `parties.${id}.recovery_rate`;
    const n = getNode(tree, path);
    const same = n?.t === 'scalar' && ((r) => r.ok && r.value.equals(recovery!.rate))(parseRatio(n));
    if (!same) out.push({ path, a: n ? nodeText(n) : null, b: recovery!.text });
  }
  return out;
}

/** A row's table figures: B's write-offs and recoveries, the sales lost (A − B) and Δ all-in (B − A). */
function shown(x: ImpactRow): { lossLoan: Cents; lossEquity: Cents; loss: Cents; recoveries: Cents; salesLost: Cents; allInDelta: Cents | null } {
  return {
    lossLoan: x.b.lossLoan,
    lossEquity: x.b.lossEquity,
    loss: (x.b.lossLoan + x.b.lossEquity) as Cents,
    recoveries: x.b.recoveries,
    salesLost: subCents(x.a.sales, x.b.sales),
    allInDelta: x.a.allIn !== null && x.b.allIn !== null ? subCents(x.b.allIn, x.a.allIn) : null,
  };
}

const figuresJson = (f: ImpactFigures): Json => ({
  loss_loan: plain(money(f.lossLoan)),
  loss_equity: plain(money(f.lossEquity)),
  recoveries: plain(money(f.recoveries)),
  sales: plain(money(f.sales)),
  all_in: plain(money(f.allIn)),
});

/** The CSV metrics of an impact row, each with A, B and Δ as diff writes them. */
const CSV_FIGURES: readonly [string, (f: ImpactFigures) => Cents | null][] = [
  ['stress.loss_loan', (f) => f.lossLoan],
  ['stress.loss_equity', (f) => f.lossEquity],
  ['stress.recoveries', (f) => f.recoveries],
  ['stress.sales', (f) => f.sales],
];

/** B's write-offs by holder, loans and equity stacked (none without a loss); a holder of several defaulters is shown once per defaulter. */
function lossChart(impact: readonly ImpactRow[], name: (p: number) => string): CategoryBlock[] {
  const rows = impact.filter((x) => x.b.lossLoan + x.b.lossEquity > 0n);
  if (rows.length === 0) return [];
  const several = new Set(rows.map((x) => x.obligor)).size > 1;
  return [{
    type: 'categories',
    title: 'Losses by holder in B (written off on the defaults)',
    axis: 'holder',
    categories: rows.map((x) => (several ? `${name(x.holder)} (on ${name(x.obligor)})` : name(x.holder))),
    series: [
      { label: 'loans written off', unit: 'money', values: rows.map((x) => x.b.lossLoan) },
      { label: 'equity written off', unit: 'money', values: rows.map((x) => x.b.lossEquity) },
    ],
    draw: 'stacked',
  }];
}

/** The whole `stress` report. */
export function stressReport(s: StressReportInput): Report {
  const { a, b, applied, recovery } = s;
  const labels = b.model.timeline.labels;
  const id = (p: number): string => b.model.parties[p]!.id;
  const name = (p: number): string => partyName(b, id(p));
  const keep = (p: number): boolean => s.parties === undefined || s.parties.has(id(p));
  const impact = s.impact.filter((x) => keep(x.holder) || keep(x.obligor));
  const af = filterResult(a, s.parties);
  const bf = filterResult(b, s.parties);
  const defaults = defaultsOf(b, applied);
  const diff = diffReport(af, bf, s.inputs, s.by, { inputsTitle: 'Inputs the stress changes', losses: false });

  const named = recovery ? recovery.parties.map(name).join(', ') : '';
  const heading: Line[] = [
    `Stress: ${a.model.name} (${a.model.file})`,
    [
      `A = as written; B = with ${applied.length ? applied.map((o) => `--default ${o.text}`).join(', ') : 'no default added (see the warnings)'}`,
      ...(recovery ? [', recovery rate ', ratio(recovery.rate), ` for ${named}`] : []),
    ],
    `Defaults in B: ${defaults.map((d) => `${id(d.party)} in ${labels[d.period]} (${CAUSE_TEXT[d.cause]})`).join(', ')}`,
  ];

  const impactRows = impact.map((x): Cell[] => {
    const v = shown(x);
    return [text(name(x.holder)), text(name(x.obligor)), { kind: 'period', value: x.period, labels }, money(v.lossLoan), money(v.lossEquity), money(v.recoveries), money(v.salesLost), money(v.allInDelta)];
  });
  // the charts first (text and Markdown print only the tables): the losses, then the diff's
  const [diffCharts, diffTables] = [diff.blocks.filter((x) => x.type !== 'table'), diff.blocks.filter((x) => x.type === 'table')];
  const blocks: Block[] = [
    ...lossChart(impact, name),
    ...diffCharts,
    table(
      impact.length ? 'Default impact by holder (B against A)' : 'Default impact by holder: no holder or supplier of a defaulter',
      ['holder', 'obligor', 'defaults in', 'loans written off', 'equity written off', 'recoveries', 'sales lost', 'Δ all-in'],
      impactRows,
      impact.length ? 'written off and recovered in B; sales lost = sales to the obligor in A − in B; Δ all-in = B − A (— without a pair)' : undefined,
    ),
    table(
      bf.losses.length ? 'Write-offs in B' : 'Write-offs in B: none',
      ['holder', 'obligor', 'period', 'kind', 'amount'],
      bf.losses.map((l) => [text(name(l.holder)), text(name(l.obligor)), { kind: 'period', value: l.period, labels }, text(l.kind), money(l.amount as Cents)]),
    ),
    ...diffTables,
  ];

  return {
    heading,
    blocks,
    notes: diff.notes,
    json: () => ({
      format: 'stargate-stress/1',
      scenario: { name: a.model.name, file: a.model.file },
      added: applied.map((o) => ({ party: id(o.party), period: labels[o.at] as string })),
      recovery: recovery ? { rate: plain(ratio(recovery.rate)), parties: recovery.parties.map(id) } : null,
      defaults: defaults.map((d) => ({ party: id(d.party), period: labels[d.period] as string, cause: d.cause })),
      impact: impact.map((x) => {
        const v = shown(x);
        return {
          holder: id(x.holder),
          obligor: id(x.obligor),
          default_period: labels[x.period] as string,
          loss_loan: plain(money(v.lossLoan)),
          loss_equity: plain(money(v.lossEquity)),
          loss: plain(money(v.loss)),
          recoveries: plain(money(v.recoveries)),
          sales_lost: plain(money(v.salesLost)),
          all_in_delta: plain(money(v.allInDelta)),
          a: figuresJson(x.a),
          b: figuresJson(x.b),
        };
      }),
      losses: lossesJson(bf),
      diff: diff.json(),
    }),
    csv: () => {
      const d = diff.csv();
      const rows = impact.flatMap((x) =>
        CSV_FIGURES.map(([metric, get]) => {
          const [ca, cb] = [money(get(x.a)), money(get(x.b))];
          const { delta, pct } = difference(ca, cb);
          return [csvText(`${id(x.holder)}->${id(x.obligor)}`), csvText(metric), csvCell(ca), csvCell(cb), csvCell(delta), csvCell(pct)];
        }),
      );
      return { header: d.header, rows: [...rows, ...d.rows] };
    },
  };
}
