/**
 * `stargate simulate FILE --runs N --seed S [--metric ADDR...]`: Monte Carlo
 * over the scenario's `uncertain` block, on all cores.
 */
import { availableParallelism } from 'node:os';
import { parseFormat, type CommonOptions } from '../common.js';
import { CliError, terminal, writeFd, writeResult } from '../io.js';
import { addressesFor, evaluatorFor, loadBase } from '../analysis-common.js';
import { moneyInputs, PERCENTILES, runwayOdds, simulateRange, summarize, SimulationError, type RunRow } from '../../analysis/simulate.js';
import { exposurePairs } from '../../analysis/address.js';
import { csvDecimal, csvText, toCsv } from '../../report/csv.js';
import { plainValue } from '../../analysis/present.js';
import { Dec, formatMoney } from '../../money/decimal.js';
import { text, type Cell, type Report } from '../../report/tables.js';
import { json, renderReport } from './render.js';
import { runPool } from '../sim-pool.js';

export interface SimulateOptions extends CommonOptions {
  runs?: string;
  seed?: string;
  metric?: string[];
  workers?: string;
}

export const MAX_RUNS = 10_000_000;
/**
 * Runs per worker thread. A worker takes a few hundred milliseconds to start
 * and warm up; measured on the 2-core machine this project targets, two
 * workers were slower than one at 10,000 runs and 1.2× faster at 40,000.
 */
const RUNS_PER_WORKER = 20_000;

function parseCount(text: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(`${name} takes a whole number from ${min} to ${max}; got "${text}"`, 2); // number-ok: a count
  return Number(text); // number-ok: a count
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
  const runs = parseCount(opts.runs, '--runs', 1, MAX_RUNS, 1000);
  if (opts.seed !== undefined && !/^\d{1,19}$/.test(opts.seed)) throw new CliError(`--seed takes a whole number (up to 19 digits); got "${opts.seed}"`, 2);
  const seed = BigInt(opts.seed ?? '1');
  const base = loadBase(file, opts.set ?? [], opts.quiet === true);
  if (base.model.uncertain.length === 0) throw new CliError(`${file} has no uncertain block: simulate draws the inputs it lists (see docs/format.md, "uncertain")`, 1);
  const defaults = [...base.model.parties.flatMap((p) => [`${p.id}.min_cash`, `${p.id}.runway_end`]), ...exposurePairs(base.model).flatMap((x) => [`${x}.peak`, `${x}.circular_share`])];
  const addresses = addressesFor(opts.metric?.length ? opts.metric : defaults, base.model);
  // runway_end of every party is read too, for the odds of running out of cash
  const runwayTexts = base.model.parties.map((p) => `${p.id}.runway_end`).filter((t) => !addresses.some((a) => a.text === t));
  const all = [...addresses, ...addressesFor(runwayTexts, base.model)];
  const cores = availableParallelism();
  const workers = parseCount(opts.workers, '--workers', 1, 256, Math.max(1, Math.min(cores, Math.floor(runs / RUNS_PER_WORKER)))); // number-ok: counts
  const bar = progressBar(runs, terminal(2).isTTY && runs >= 2000 && opts.quiet !== true);
  let rows: RunRow[];
  try {
    if (workers === 1) {
      rows = simulateRange(evaluatorFor(base, file, all), base.model.uncertain, seed, 0, runs, bar.update);
    } else {
      rows = await runPool({ tree: base.tree, file, addresses: all, seed: seed.toString() }, runs, workers, bar.update);
    }
  } catch (e) {
    if (e instanceof SimulationError || (e as { simulation?: boolean }).simulation) throw new CliError((e as Error).message, 1);
    throw e;
  } finally {
    bar.end();
  }
  const labels = base.model.timeline.labels;
  const summary = summarize(rows, addresses, labels);
  const odds = runwayOdds(rows, base.model.parties.map((p) => ({ party: p.id, column: all.findIndex((a) => a.text === `${p.id}.runway_end`) })), labels);
  const inputs = base.model.uncertain.map((u) => u.path);
  let out: string;
  if (format === 'csv') {
    // money is printed to the cent everywhere; a draw keeps 15 digits, which for money go below the cent
    const money = moneyInputs(base.tree, base.model.uncertain);
    out = toCsv(['run', ...inputs, ...addresses.map((a) => a.text)], rows.map((r) => [
      csvDecimal(String(r.run)),
      ...r.inputs.map((v, i) => csvDecimal(money[i] ? formatMoney(new Dec(v)) : v)),
      ...addresses.map((a, i) => {
        const v = r.values[i] ?? null;
        if (v === null) return null;
        // the same plain form as JSON: money with two places, ratios with six
        return a.kind === 'period' ? csvText(v) : csvDecimal(plainValue({ kind: a.kind, value: new Dec(v), period: null }, labels));
      }),
    ]));
  } else if (format === 'json') {
    out = json({
      format: 'stargate-simulate/1',
      scenario: { name: base.model.name, file },
      runs: String(runs),
      seed: seed.toString(),
      inputs,
      metrics: summary.map((m) => ({ metric: m.metric, mean: m.mean, ...Object.fromEntries(PERCENTILES.map((p, i) => [`p${p}`, m.percentiles[i] ?? null])), empty: String(m.empty) })),
      runway: odds.parties.map((p) => ({ party: p.party, before: Object.fromEntries(odds.years.map((y, i) => [y, p.before[i] ?? null])) })),
    });
  } else {
    const report: Report = {
      heading: [`Simulation: ${base.model.name}`, `${runs} runs, seed ${seed} · ${file} · uncertain: ${inputs.join(', ')}`],
      tables: [
        {
          title: 'Metrics over the runs',
          columns: ['metric', 'mean', 'P5', 'P25', 'P50', 'P75', 'P95', 'empty'],
          rows: summary.map((m) => [text(m.metric), { kind: m.kind, value: m.mean }, ...m.percentiles.map((v): Cell => ({ kind: m.kind === 'period' ? 'text' : m.kind, value: v })), text(String(m.empty))]),
        },
        {
          title: 'Chance that cash first goes below zero before the start of each year',
          columns: ['before', ...base.model.parties.map((p) => p.name)],
          rows: odds.years.map((y, i) => [text(y), ...odds.parties.map((p): Cell => ({ kind: 'ratio', value: p.before[i] ?? null }))]),
        },
      ],
      notes: [],
    };
    out = renderReport(report, format, opts);
  }
  writeResult(out, opts);
  return 0;
}
