// npm run bench: scenario runs per second, for the shared examples and a large
// synthetic scenario. A benchmark, not a test: it prints figures and never fails on them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../dist/scenario/load.js';
import { run } from '../dist/engine/engine.js';
import { computeMetrics } from '../dist/metrics/metrics.js';
import { syntheticScenario } from './synthetic.js';

const here = dirname(fileURLToPath(import.meta.url));
const reader = (files) => ({
  read: (f) => (f in files ? new TextEncoder().encode(files[f]) : { error: `no ${f}` }),
  resolve: (_from, rel) => rel,
});

function load(name, text) {
  const r = loadScenario(name, reader({ [name]: text }));
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.value;
}

/** Time `fn` repeatedly for at least `seconds`; returns runs per second and ms per run. */
function measure(fn, seconds) {
  for (let i = 0; i < 3; i++) fn(); // warm up
  let runs = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < seconds * 1000) {
    fn();
    runs++;
    t = performance.now();
  }
  const ms = (t - t0) / runs;
  return { perSecond: 1000 / ms, ms };
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rows = [];
function bench(name, text, seconds) {
  const model = load(name, text);
  const engine = measure(() => computeMetrics(run(model)), seconds);
  const full = measure(() => computeMetrics(run(load(name, text))), seconds);
  const entries = run(model).entries.length;
  rows.push([name, model.timeline.count, model.deals.length, entries, engine, full]);
}

const quick = process.argv.includes('--quick');
const secs = quick ? 0.3 : 2;
for (const n of ['equity-basic', 'vendor-financing', 'progressive-equity', 'amortizing-loan']) {
  bench(`${n}.yaml`, readFileSync(join(here, '..', 'test', 'examples', `${n}.yaml`), 'utf8'), secs);
}
bench('synthetic 30y monthly, 50 parties, 200 deals, 20 build-outs', syntheticScenario(), secs * 2);
// the same scenario at a quarter of the periods, to show how cost grows with periods × deals
bench('synthetic 30y quarterly (1/3 the periods)', syntheticScenario({ step: 'quarter' }), secs);
bench('synthetic 30y monthly, 100 deals (1/2 the deals)', syntheticScenario({ deals: 100 }), secs);

console.log(`node ${process.version}, ${quick ? 'quick run' : `${secs}s per figure`}`);
console.log('scenario | periods | deals | ledger entries | engine+metrics runs/s (ms/run) | load+engine+metrics runs/s (ms/run)');
for (const [name, periods, deals, entries, e, f] of rows) {
  console.log(`${name} | ${periods} | ${deals} | ${entries} | ${fmt(e.perSecond)} (${fmt(e.ms)} ms) | ${fmt(f.perSecond)} (${fmt(f.ms)} ms)`);
}
