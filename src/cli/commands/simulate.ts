/**
 * `stargate simulate FILE --runs N --seed S [--metric ADDR...]`: Monte Carlo
 * over the scenario's `uncertain` block, on all cores.
 */
import { availableParallelism, totalmem } from 'node:os';
import { chartWanted, parseFormat, type CommonOptions } from '../common.js';
import { checkOutTarget, CliError, openOutputStream, terminal, writeFd, writeResult } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { cashValues, defaultMetricTexts, defaultSummary, layoutOf, memoryNeeded, moneyInputs, NEVER, RunSummary, simulateRange, type Layout, type RunChunk } from '../../analysis/simulate.js';
import { SimulationError } from '../../errors.js';
import { EMPTY, keyMoney, keyPlain, keyQuantity, keyRatio } from '../../analysis/compact.js';
import { exposurePairs } from '../../analysis/address.js';
import { csvDecimal, csvRows, csvText, toCsv, type CsvValue } from '../../report/csv.js';
import { formatCents } from '../../money/decimal.js';
import { cashCsv, simulateReport } from '../../report/simulate.js';
import { RENDERERS } from '../../report/renderers.js';
import { histogram } from '../../analysis/histogram.js';
import { writeReport } from './render.js';
import { runPool } from '../sim-pool.js';

export interface SimulateOptions extends CommonOptions {
  runs?: string;
  seed?: string;
  metric?: string[];
  workers?: string;
  /** csv only: `runs` (every run, the default) or `cash` (each party's cash percentiles by period) */
  what?: string;
  chart?: boolean;
}

/** What `--format csv` writes: every run, or the percentiles of each party's cash by period. */
export const SIMULATE_CSV = ['runs', 'cash'] as const;

export const MAX_RUNS = 10_000_000;
/**
 * What a simulation may take: 2 GiB, or half the machine's memory if that is
 * less. Its need is estimated before it starts (memoryNeeded), and a request
 * above it is refused at once rather than left to run out of memory.
 */
export function memoryBudget(): number {
  return Math.min(2 * 2 ** 30, Math.floor(totalmem() / 2)); // number-ok: bytes of memory
}
const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`; // number-ok: a size for a message
/**
 * Runs per worker thread. A worker takes a few hundred milliseconds to start
 * and warm up; measured on the 2-core machine this project targets, two
 * workers were slower than one at 10,000 runs and 1.2× faster at 40,000.
 */
const RUNS_PER_WORKER = 20_000;
/**
 * Runs per chunk: the unit handed to a worker and written out. Small enough
 * that the chunks in flight stay small (about 1 MB of typed data each, with
 * many metrics fewer runs), large enough that handing them out costs nothing.
 */
function chunkRuns(layout: Layout, inputs: number, cash: number): number {
  const perRun = 8 * inputs + 8 * layout.numbers + 2 * layout.periods + 8 * cash;
  return Math.max(1, Math.min(1000, Math.floor(2 ** 20 / perRun))); // number-ok: a count of runs
}

function parseCount(text: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(`${name} takes a whole number from ${min} to ${max}; got "${text}"`, 2); // number-ok: a count
  return Number(text); // number-ok: a count
}

/** The CSV rows of a chunk: the run, the inputs drawn (money to the cent), the first `metrics` metrics in their JSON form. */
function csvChunk(c: RunChunk, money: readonly boolean[], layout: Layout, metrics: number, labels: readonly string[]): string {
  const nIn = money.length;
  const rows: CsvValue[][] = [];
  for (let r = c.from; r < c.to; r++) {
    const j = r - c.from;
    const row: CsvValue[] = [csvDecimal(String(r))];
    for (let i = 0; i < nIn; i++) {
      const k = c.inputs[j * nIn + i] as bigint;
      row.push(csvDecimal(money[i] ? keyMoney(k) : keyPlain(k)));
    }
    for (let k = 0; k < metrics; k++) {
      const kind = layout.kinds[k];
      const s = layout.slot[k] as number;
      if (kind === 'period') {
        const p = c.periods[j * layout.periods + s] as number;
        row.push(p === NEVER ? null : csvText(labels[p] as string));
        continue;
      }
      const v = c.numbers[j * layout.numbers + s] as bigint;
      // the same plain form as JSON: money with two places, ratios with six
      row.push(v === EMPTY ? null : csvDecimal(kind === 'money' ? formatCents(v) : kind === 'ratio' ? keyRatio(v) : keyQuantity(v)));
    }
    rows.push(row);
  }
  return csvRows(rows);
}

/** Why a simulation is refused: what it would keep per run, and what to ask instead. */
function tooMuch(need: number, runs: number, metrics: number | undefined, cash: number, parties: number, periods: number): string {
  const kept = [
    ...(metrics === undefined ? [] : ['8 bytes a run for each money, ratio or GW metric']),
    ...(cash > 0 ? [`8 bytes a run for each party's cash at each period, ${cash} here (${parties} parties × ${periods} periods), for the percentiles of cash by period`] : []),
  ];
  const what = metrics === undefined ? `${runs} runs of each party's cash by period` : `${runs} runs of ${metrics} metrics`;
  const instead =
    metrics === undefined
      ? 'ask for fewer --runs'
      : cash > 0
        ? 'ask for fewer --runs or --metric, or use --format table without --chart (no cash by period) or --format csv, which keeps nothing per run'
        : 'ask for fewer --runs or --metric, or use --format csv, which keeps nothing per run';
  return `${what} would need about ${gb(need)} (the summaries keep ${kept.join(', and ')}), above simulate's budget of ${gb(memoryBudget())}: ${instead}`;
}

/** A progress bar on stderr, only on a terminal and only for long runs. */
function progressBar(total: number, enabled: boolean): { update: (done: number) => void; end: () => void } {
  if (!enabled) return { update: () => undefined, end: () => undefined };
  let last = 0;
  const draw = (done: number): void => {
    const width = 30;
    const filled = Math.round((done / total) * width); // number-ok: a bar length
    writeFd(2, `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs`);
  };
  return {
    update: (done) => {
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        draw(done);
      }
    },
    end: () => writeFd(2, '\r\x1b[2K'),
  };
}

export async function simulateCommand(file: string, opts: SimulateOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const chart = chartWanted(opts, format);
  const what = opts.what ?? 'runs';
  if (opts.what !== undefined && format !== 'csv') throw new CliError(`--what chooses what --format csv writes; ${format} holds the summaries and (json, html) the cash percentiles by period`, 2);
  if (!(SIMULATE_CSV as readonly string[]).includes(what)) throw new CliError(`--what must be one of ${SIMULATE_CSV.join(', ')}; got "${what}"`, 2);
  const fans = what === 'cash';
  if (fans && opts.metric?.length) throw new CliError('--metric has no use with --what cash, which writes only the percentiles of each party\'s cash by period', 2);
  const runs = parseCount(opts.runs, '--runs', 1, MAX_RUNS, 1000);
  if (opts.seed !== undefined && !/^\d{1,19}$/.test(opts.seed)) throw new CliError(`--seed takes a whole number (up to 19 digits); got "${opts.seed}"`, 2);
  const seed = BigInt(opts.seed ?? '1');
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  if (base.model.uncertain.length === 0) throw new CliError(`${file} has no uncertain block: simulate draws the inputs it lists (see docs/format.md, "uncertain")`, 1);
  const defaults = [...base.model.parties.flatMap((p) => [`${p.id}.min_cash`, `${p.id}.runway_end`]), ...exposurePairs(base.model).flatMap((x) => [`${x}.peak`, `${x}.circular_share`])];
  const addresses = addressesFor(opts.metric?.length ? opts.metric : defaults, base.model);
  const asked = (t: string): boolean => addresses.some((a) => a.text === t);
  // when a party can default: its default_period and the loss of each pair it owes, for the default tables and
  // as columns of the per-run CSV (after the metrics asked for); a scenario where none can has neither
  const defaultTexts = defaultMetricTexts(base.model).filter((t) => !asked(t));
  // runway_end of every party is read too, for the odds of running out of cash
  const runwayTexts = base.model.parties.map((p) => `${p.id}.runway_end`).filter((t) => !asked(t));
  // --what cash reads no metric: only each party's cash by period
  const all = fans ? [] : [...addresses, ...addressesFor(defaultTexts, base.model), ...addressesFor(runwayTexts, base.model)];
  const columns = addresses.length + defaultTexts.length;
  const cores = availableParallelism();
  const workers = parseCount(opts.workers, '--workers', 1, 256, Math.max(1, Math.min(cores, Math.floor(runs / RUNS_PER_WORKER)))); // number-ok: counts
  const labels = base.model.timeline.labels;
  const inputs = base.model.uncertain.map((u) => u.path);
  const layout = layoutOf(all);
  // the per-run CSV is written as the runs finish and kept nowhere; the summaries keep what they need
  const csv = format === 'csv' && !fans;
  // each party's cash at the end of each period, for the fans: kept only for an output that shows them
  const keepCash = fans || format === 'json' || format === 'html' || chart;
  const cash = keepCash ? cashValues(base.model) : 0;
  const chunk = chunkRuns(layout, csv ? inputs.length : 0, cash);
  const need = memoryNeeded({ runs, layout, inputs: csv ? inputs.length : 0, threads: workers, chunkRuns: chunk, summaries: !csv && !fans, cash, model: base.model });
  if (need > memoryBudget()) throw new CliError(tooMuch(need, runs, fans ? undefined : addresses.length, cash, base.model.parties.length, labels.length), 2);
  if (!csv) checkOutTarget(opts); // the summaries are written at the end: a file in the way is said before the runs
  const money = csv ? moneyInputs(base.tree, base.model.uncertain) : [];
  const summary = csv ? undefined : new RunSummary(runs, layout, labels, keepCash ? base.model.parties.length : 0);
  const out = csv ? openOutputStream(opts) : undefined;
  let started = false;
  const onChunk = (c: RunChunk): void => {
    summary?.add(c);
    if (!out) return;
    // the header goes with the first rows: a run that fails at once prints nothing
    out.write(`${started ? '' : toCsv(['run', ...inputs, ...all.slice(0, columns).map((a) => a.text)], [])}${csvChunk(c, money, layout, columns, labels)}`);
    started = true;
  };
  const showBar = terminal(2).isTTY && runs >= 2000 && opts.quiet !== true;
  const bar = progressBar(runs, showBar);
  try {
    if (workers === 1) {
      const ev = evaluatorFor(base, file, all);
      for (let from = 0; from < runs; from += chunk) {
        onChunk(simulateRange(ev, base.model.uncertain, seed, from, Math.min(runs, from + chunk), (done) => bar.update(from + done), { inputs: csv, cash: keepCash }));
        await new Promise(setImmediate); // a signal (Ctrl-C) is handled between chunks
      }
    } else {
      await runPool({ tree: base.tree, file, addresses: all, seed: seed.toString(), inputs: csv, cash: keepCash, progress: showBar }, runs, chunk, workers, onChunk, bar.update);
    }
    out?.commit();
  } catch (e) {
    out?.abort();
    if (e instanceof SimulationError || (e as { simulation?: boolean }).simulation) throw new CliError((e as Error).message, 1);
    throw e;
  } finally {
    bar.end();
  }
  if (!summary) return 0; // csv: the rows are written
  const fan = keepCash ? summary.cashPercentiles() : undefined;
  if (fans) {
    const { header, rows } = cashCsv(base.model, fan ?? []);
    writeResult(toCsv(header, rows), opts);
    return 0;
  }
  const metrics = summary.metrics(addresses);
  // the histograms only for a format that draws them (html): each sorts its metric's values again
  const histograms = RENDERERS[format].charts ? addresses.map((a, k) => histogram(a.kind, summary.distribution(k))) : undefined;
  const odds = summary.runwayOdds(base.model.parties.map((p) => ({ party: p.id, column: all.findIndex((a) => a.text === `${p.id}.runway_end`) })));
  const defaulted = defaultSummary(summary, all, base.model);
  await writeReport(simulateReport(base.model, file, { runs, seed, inputs, metrics, odds, ...(defaulted ? { defaults: defaulted } : {}), ...(histograms ? { histograms } : {}), ...(fan ? { cash: fan } : {}) }), format, opts);
  return 0;
}
