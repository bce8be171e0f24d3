/** A worker thread of `simulate`: runs the chunks it is sent, one at a time, and sends each back as typed arrays. */
import { parentPort, workerData } from 'node:worker_threads';
import { Evaluator } from '../analysis/evaluate.js';
import { simulateRange } from '../analysis/simulate.js';
import { SimulationError } from '../errors.js';
import type { SimJob, WorkerMessage } from './sim-pool.js';

const job = workerData as SimJob;
const port = parentPort!;
const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
let ev: Evaluator | undefined;
// one function for every chunk: a new one per chunk would throw away the optimized run loop, which calls it
const progress = job.progress ? (done: number): void => send({ type: 'progress', done }) : undefined;
port.on('message', ({ from, to }: { from: number; to: number }) => {
  try {
    ev ??= new Evaluator(job.tree, job.file, job.addresses);
    const chunk = simulateRange(ev, ev.model.uncertain, BigInt(job.seed), from, to, progress, { inputs: job.inputs, cash: job.cash });
    // transferred, not copied: the worker keeps nothing of a chunk once it is sent
    send({ type: 'chunk', chunk }, [chunk.inputs.buffer, chunk.numbers.buffer, chunk.periods.buffer, chunk.cash.buffer] as ArrayBuffer[]);
  } catch (e) {
    send({ type: 'error', message: (e as Error).message, simulation: e instanceof SimulationError });
  }
});
