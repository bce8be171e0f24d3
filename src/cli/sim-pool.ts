/**
 * Sharing the runs of `simulate` among worker threads: contiguous ranges,
 * merged back in run order, so the rows are the same for any number of workers.
 */
import { Worker } from 'node:worker_threads';
import type { TNode } from '../scenario/tree.js';
import type { Address } from '../analysis/address.js';
import type { RunRow } from '../analysis/simulate.js';

export interface SimJob {
  readonly tree: TNode;
  readonly file: string;
  readonly addresses: readonly Address[];
  readonly seed: string;
  readonly from: number;
  readonly to: number;
}

/** Run [0, runs) on `workers` threads; `progress` gets the total of runs done. */
export function runPool(base: Omit<SimJob, 'from' | 'to'>, runs: number, workers: number, progress: (done: number) => void): Promise<RunRow[]> {
  const share = Math.ceil(runs / workers);
  const jobs: SimJob[] = [];
  for (let from = 0; from < runs; from += share) jobs.push({ ...base, from, to: Math.min(runs, from + share) });
  const done = jobs.map(() => 0);
  return Promise.all(
    jobs.map(
      (job, i) =>
        new Promise<RunRow[]>((resolve, reject) => {
          // a larger young generation: the runs allocate many short-lived decimals
          const w = new Worker(new URL('./sim-worker.js', import.meta.url), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
          w.on('message', (m: { type: string; done?: number; rows?: RunRow[]; message?: string; simulation?: boolean }) => {
            if (m.type === 'progress') {
              done[i] = m.done ?? 0;
              progress(done.reduce((a, b) => a + b, 0));
            } else if (m.type === 'done') {
              resolve(m.rows ?? []);
              void w.terminate();
            } else {
              reject(Object.assign(new Error(m.message), { simulation: m.simulation }));
              void w.terminate();
            }
          });
          w.on('error', reject);
        }),
    ),
  ).then((parts) => parts.flat());
}
