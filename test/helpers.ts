/** Test helpers: scenarios from strings, through the real loader, engine and metrics. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, normalize } from 'node:path';
import { loadScenario, type Reader } from '../src/scenario/load.js';
import type { Model } from '../src/scenario/compile.js';
import { formatProblem, type Problem } from '../src/scenario/problems.js';
import { modelResult } from '../src/metrics/result.js';
import { modelJson } from '../src/report/model-json.js';
import { expect } from 'vitest';
import { MARKET } from '../src/engine/ledger.js';
import type { RunResult } from '../src/engine/engine.js';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));
/** The shared examples, copied into the repo so that a fresh clone can test on its own. */
export const EXAMPLES = join(ROOT, 'test', 'examples');
/** ../shared beside the repo, when present (the team's checkout and CI). */
export const SHARED = join(ROOT, '..', 'shared');

/** A reader over in-memory files. */
export function memReader(files: Record<string, string>): Reader {
  return {
    read(file) {
      const text = files[file];
      return text === undefined ? { error: `cannot read ${file}: no such file` } : new TextEncoder().encode(text);
    },
    resolve(from, rel) {
      return normalize(join(dirname(from), rel));
    },
  };
}

/** Load a scenario given as text; throws with the formatted problems if invalid. */
export function model(text: string, sets: string[] = [], files: Record<string, string> = {}): Model {
  const r = loadScenario('s.yaml', memReader({ ...files, 's.yaml': text }), { sets });
  if (!r.ok) throw new Error(r.problems.map((p) => formatProblem(p)).join('\n'));
  return r.value;
}

/** The problems of an invalid scenario given as text, formatted as the CLI prints them. */
export function problems(text: string, sets: string[] = [], files: Record<string, string> = {}): string[] {
  const r = loadScenario('s.yaml', memReader({ ...files, 's.yaml': text }), { sets });
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.problems.map((p: Problem) => formatProblem(p));
}

/** The full JSON result of a scenario given as text. */
export function result(text: string, sets: string[] = []): ReturnType<typeof modelJson> & Record<string, any> {
  return modelJson(modelResult(model(text, sets))) as any;
}

/** Run the built CLI (bin/stargate.js) as a user would. */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'stargate.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    input: options.input,
    ...(options.timeout ? { timeout: options.timeout, killSignal: 'SIGKILL' as const } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Every period's flows, the parties' and the market's, sum to zero; no entry is empty or to itself;
 * and the cash each party's run reads (cashIn, cashOut) is the ledger's.
 */
export function conserved(r: RunResult): void {
  const n = r.model.timeline.count;
  const parties = new Array<bigint>(n).fill(0n);
  const market = new Array<bigint>(n).fill(0n);
  const ins = r.model.parties.map(() => new Array<bigint>(n).fill(0n));
  const outs = r.model.parties.map(() => new Array<bigint>(n).fill(0n));
  for (const e of r.entries) {
    expect(e.amount > 0n && e.from !== e.to).toBe(true);
    if (e.from === MARKET) market[e.period]! -= e.amount;
    else {
      parties[e.period]! -= e.amount;
      outs[e.from]![e.period]! += e.amount;
    }
    if (e.to === MARKET) market[e.period]! += e.amount;
    else {
      parties[e.period]! += e.amount;
      ins[e.to]![e.period]! += e.amount;
    }
  }
  for (let t = 0; t < n; t++) expect(parties[t]! + market[t]!).toBe(0n);
  r.model.parties.forEach((_, p) => expect([ins[p], outs[p]]).toEqual([r.cashIn[p], r.cashOut[p]]));
}
