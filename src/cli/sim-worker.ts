/** A worker thread of `simulate`: runs a range of runs and sends the rows back. */
import { parentPort, workerData } from 'node:worker_threads';
import { Evaluator } from '../analysis/evaluate.js';
import { simulateRange, SimulationError } from '../analysis/simulate.js';
import type { SimJob } from './sim-pool.js';

const job = workerData as SimJob;
try {
  const ev = new Evaluator(job.tree, job.file, job.addresses);
  const rows = simulateRange(ev, ev.model.uncertain, BigInt(job.seed), job.from, job.to, (done) => parentPort!.postMessage({ type: 'progress', done }));
  parentPort!.postMessage({ type: 'done', rows });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: e instanceof SimulationError ? e.message : `${(e as Error).message}`, simulation: e instanceof SimulationError });
}
