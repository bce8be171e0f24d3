/**
 * Sharing the runs of `simulate` among worker threads. The runs are cut into
 * chunks handed out in order, one at a time to each idle worker; a worker
 * sends back a chunk's typed arrays (transferred, not copied), and the chunks
 * are passed on strictly in run order, so the output is the same for any
 * number of workers. A chunk that finishes before an earlier one waits, and
 * no chunk is handed out more than `2 × workers` chunks ahead of the next one
 * due: the waiting chunks are bounded whatever a slow worker does.
 */
import { Worker } from 'node:worker_threads';
import type { TNode } from '../scenario/tree.js';
import type { Address } from '../analysis/address.js';
import type { RunChunk } from '../analysis/simulate.js';

/** What every worker is started with. */
export interface SimJob {
  readonly tree: TNode;
  readonly file: string;
  readonly addresses: readonly Address[];
  readonly seed: string;
  /** keep the drawn inputs (for the per-run CSV) */
  readonly inputs: boolean;
  /** keep each party's cash by period (for the percentiles of cash by period) */
  readonly cash: boolean;
  /** send the runs done now and then within a chunk (only a progress bar reads them: a message costs the worker time) */
  readonly progress: boolean;
}

/** Messages from a worker. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'chunk'; readonly chunk: RunChunk }
  | { readonly type: 'error'; readonly message: string; readonly simulation: boolean };

/**
 * Run [0, runs) in chunks of `chunkRuns` on `workers` threads; `onChunk` gets
 * the chunks in run order (it may throw: the pool then stops), `progress` the
 * runs done so far. On a failing run, the chunks before its chunk are still
 * passed on and the error is the earliest run's, as with one thread.
 */
export function runPool(job: SimJob, runs: number, chunkRuns: number, workers: number, onChunk: (chunk: RunChunk) => void, progress: (done: number) => void): Promise<void> {
  const chunks = Math.ceil(runs / chunkRuns);
  const window = 2 * workers;
  return new Promise<void>((resolve, reject) => {
    const threads: Worker[] = [];
    const busy = new Map<Worker, number>(); // worker → the chunk it runs
    const partial = new Map<Worker, number>(); // worker → runs done in that chunk
    const waiting = new Map<number, RunChunk>();
    let next = 0; // next chunk to hand out
    let due = 0; // next chunk to pass on
    let doneRuns = 0;
    let failure: { chunk: number; error: Error } | undefined;
    let finished = false;

    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      for (const w of threads) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const report = (): void => progress(doneRuns + [...partial.values()].reduce((a, b) => a + b, 0));
    const handOut = (w: Worker): void => {
      if (failure || next >= chunks || next >= due + window) return;
      const from = next * chunkRuns;
      busy.set(w, next++);
      partial.set(w, 0);
      w.postMessage({ from, to: Math.min(runs, from + chunkRuns) });
    };
    const settle = (): void => {
      // pass on every chunk now due, in order
      try {
        for (let c = waiting.get(due); c; c = waiting.get(due)) {
          waiting.delete(due++);
          onChunk(c);
        }
      } catch (e) {
        finish(e as Error);
        return;
      }
      if (failure) {
        // the error is the earliest run's: wait for the chunks before the failing one
        if (due >= failure.chunk || ![...busy.values()].some((c) => c < failure!.chunk)) finish(failure.error);
        return;
      }
      if (due === chunks) {
        finish();
        return;
      }
      for (const w of threads) if (!busy.has(w)) handOut(w);
    };

    for (let i = 0; i < Math.min(workers, chunks); i++) {
      // a larger young generation: the runs allocate many short-lived decimals
      const w = new Worker(new URL('./sim-worker.js', import.meta.url), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      threads.push(w);
      w.on('message', (m: WorkerMessage) => {
        if (finished) return;
        if (m.type === 'progress') {
          partial.set(w, m.done);
          report();
          return;
        }
        const index = busy.get(w) as number;
        busy.delete(w);
        partial.delete(w);
        if (m.type === 'chunk') {
          doneRuns += m.chunk.to - m.chunk.from;
          report();
          waiting.set(index, m.chunk);
        } else if (!failure || index < failure.chunk) {
          failure = { chunk: index, error: Object.assign(new Error(m.message), { simulation: m.simulation }) };
        }
        settle();
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!finished) finish(new Error(`a simulate worker stopped (exit code ${code})`));
      });
      handOut(w);
    }
  });
}
