// Seeded bad-input fuzzing: mutants of the bundled scenarios and the examples
// (keys deleted or renamed to built-in property names, values of the wrong type,
// garbage text, deep nesting) must end in located problems or a model, never
// in an exception that is not one of ours. Most mutants run in process; a few
// dozen go through the built CLI, which must exit 0, 1 or 2, never print
// "internal error", and print nothing on stdout when it exits 1.
// FUZZ_SEED=N picks another seed; a failure names the seed and the mutant file.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, Scalar, type Node as YNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { loadScenario } from '../src/scenario/load.js';
import { fsReader } from '../src/cli/reader.js';
import { formatProblem } from '../src/scenario/problems.js';
import { ProblemsError } from '../src/errors.js';
import { modelResult } from '../src/metrics/result.js';
import { modelReport } from '../src/report/model-report.js';
import { render } from '../src/report/renderers.js';
import { defaultBy, groupPeriods, type PeriodGroup } from '../src/report/rollup.js';
import { cli, EXAMPLES, ROOT } from './helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129); // number-ok: a seed
const IN_PROCESS = 400;
const BY_CLI = 30;

/** mulberry32: a small seeded generator, so that every run makes the same mutants. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BUILT_INS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'isPrototypeOf', '__defineGetter__'];
const VALUES: unknown[] = [
  0, -1, 1.5, '1e400', '-0', 'NaN', '.inf', '0x10', 'lots', '', '14b', '$', '1,25', '12%%', '5%', '-5%', '1000%', '0998', '2201', '2026-Q5', '2026-13',
  true, null, [], [1, 2], {}, { a: 1 }, { constructor: 1 }, { 2026: '1B', 2030: 'x' }, 'constructor', '__proto__', '~', 'bullet', 'purchase', 'openai', 'nvidia',
  '9'.repeat(40), `${'9'.repeat(30)}T`, '0.000000000000000000001',
];
const GARBAGE = ['\u0000', '\u001b[2J', '\r', '\r\n', '\t', '\u2028', '\u202e', '---\n', '...\n', '%YAML 1.1\n', '&a ', '*a', '*nope', '!!binary ', '? ', '- ', ': ', '{', '}', '[', ']', '"', "'", '#', '|', '>', '\uFEFF', 'é', '😀', '\\', '<<: *a\n'];

type Coll = YAMLMap | YAMLSeq;

/** Every map and list under `top`, itself first. */
function collections(top: unknown): Coll[] {
  const out: Coll[] = [];
  const walk = (n: unknown): void => {
    if (isMap(n) || isSeq(n)) {
      out.push(n);
      for (const it of n.items) {
        if (isMap(n)) walk((it as Pair).value);
        else walk(it);
      }
    }
  };
  walk(top);
  return out;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function garbage(r: () => number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += pick(r, GARBAGE);
  return s;
}

/** One mutant of `text`: one to three mutations of its YAML tree, then now and then raw garbage in the text. */
function mutate(text: string, r: () => number): string {
  const doc = parseDocument(text);
  let deep = 0;
  const times = 1 + Math.floor(r() * 3);
  for (let k = 0; k < times; k++) {
    const cs = collections(doc.contents);
    const c = pick(r, cs);
    if (c.items.length === 0) continue;
    const i = Math.floor(r() * c.items.length);
    const op = Math.floor(r() * 6);
    const setValue = (v: YNode): void => {
      if (isMap(c)) (c.items[i] as Pair).value = v;
      else c.items[i] = v;
    };
    if (op === 0) c.items.splice(i, 1);
    else if (op === 1) setValue(doc.createNode(pick(r, VALUES)) as YNode);
    else if (op === 2 && isMap(c)) (c.items[i] as Pair).key = new Scalar(pick(r, BUILT_INS));
    else if (op === 3) setValue(new Scalar(garbage(r)));
    else if (op === 4) {
      deep = pick(r, [50, 199, 201, 400, 3000]);
      setValue(new Scalar('__DEEP__'));
    } else if (op === 5 && isMap(c)) {
      // a key moved to another map: a field where it does not belong
      const pair = c.items[i] as Pair;
      const inside = collections(pair.value);
      const other = pick(r, cs.filter((x) => !inside.includes(x))); // never into itself: no cycles
      c.items.splice(i, 1);
      if (isMap(other)) other.items.push(pair);
      else other.items.push(pair.value as YNode);
    } else setValue(new Scalar(pick(r, BUILT_INS)));
  }
  let out = doc.toString({ lineWidth: 0 });
  if (deep) out = out.replace('__DEEP__', `${'['.repeat(deep)}${']'.repeat(deep)}`);
  if (r() < 0.3) {
    const at = Math.floor(r() * out.length);
    out = out.slice(0, at) + garbage(r) + out.slice(at);
  }
  return out;
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe(`bad-input fuzzing (seed ${SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'stargate-fuzz-'));
  // the bundled scenarios extend base-buildout.yaml: the mutants sit beside a copy of it
  cpSync(join(ROOT, 'scenarios'), dir, { recursive: true });
  const sources = [
    ...readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(ROOT, 'scenarios', f), 'utf8')),
    ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(EXAMPLES, f), 'utf8')),
  ];
  const r = prng(SEED);
  const files: string[] = [];
  for (let k = 0; k < IN_PROCESS; k++) {
    const file = join(dir, `mutant-${k}.yaml`);
    writeFileSync(file, mutate(pick(r, sources), r));
    files.push(file);
  }

  it(`${IN_PROCESS} mutants load to located problems or run, in process`, async () => {
    let valid = 0;
    for (const file of files) {
      const where = `seed ${SEED}, ${file}`;
      try {
        const loaded = loadScenario(file, fsReader);
        if (!loaded.ok) {
          expect(loaded.problems.length, where).toBeGreaterThan(0);
          for (const p of loaded.problems) {
            const line = formatProblem(p);
            expect(line, where).toMatch(/^[^\n]+:\d+:\d+: /);
            expect(line, where).not.toMatch(RAW_CONTROL);
          }
          continue;
        }
        valid++;
        const result = modelResult(loaded.value);
        const tl = loaded.value.timeline;
        const by = defaultBy(tl.count, tl.step);
        const groups = groupPeriods(tl.labels, tl.step, by) as PeriodGroup[];
        const report = modelReport(result, { by, groups, byDefault: true });
        for (const format of ['table', 'md', 'csv', 'json'] as const) await render(report, format, { exact: false, color: false, width: undefined });
      } catch (e) {
        if (e instanceof ProblemsError) continue; // EvaluationError is one too
        throw new Error(`${where}: ${(e as Error).stack ?? String(e)}`);
      }
    }
    // the mutations are not all fatal: some mutants still run
    expect(valid).toBeGreaterThan(0);
  });

  it(`the CLI ends every mutant with exit 0, 1 or 2 and no internal error`, () => {
    const check = (args: string[], label: string): void => {
      const res = cli(args, { timeout: 20_000 });
      const where = `seed ${SEED}: stargate ${label}`;
      expect([0, 1, 2], `${where}: exit ${res.status}\n${res.stderr}`).toContain(res.status);
      expect(res.stderr, where).not.toContain('internal error');
      expect(res.stderr, where).not.toMatch(RAW_CONTROL);
      // validate prints an ok line for each valid file, even when another is not
      if (args[0] === 'validate') for (const l of res.stdout.split('\n').filter(Boolean)) expect(l, where).toMatch(/^ok: /);
      else if (res.status === 1) expect(res.stdout, where).toBe('');
    };
    // one process checks the first hundred mutants together
    check(['validate', ...files.slice(0, 100)], 'validate (100 mutants)');
    const formats = ['table', 'json', 'csv', 'md'];
    for (let k = 0; k < BY_CLI - 1; k++) {
      const file = files[100 + k * 7] as string;
      check(['model', file, '--format', formats[k % formats.length] as string], `model ${file}`);
    }
  });
});
