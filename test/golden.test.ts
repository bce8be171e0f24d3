// Golden tests: whole CLI outputs for every command and format, on the bundled
// scenarios and the shared examples. Each expected output is a file in
// test/golden/; run `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` to
// rewrite them after a deliberate change, and review the diff. A missing
// golden file fails the test (CI must never pass on a golden it just wrote).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

const V = 'test/examples/vendor-financing.yaml';
const A = 'test/examples/amortizing-loan.yaml';
const P = 'test/examples/progressive-equity.yaml';
const C = 'scenarios/circular-100b.yaml';
const E = 'scenarios/equity-20b.yaml';
const M = 'scenarios/multi-vendor.yaml';
const L = 'scenarios/loi-progressive.yaml';
// circular-100b with an OpenAI funding policy that defaults in a fair share of runs: a copy kept under test/,
// so that the bundled scenarios can be recalibrated without moving these goldens
const CP = 'test/simulate/circular-policy.yaml';

const CASES: [string, string[]][] = [
  ['model-vendor.txt', ['model', V]],
  ['model-vendor.csv', ['model', V, '--format', 'csv']],
  ['model-vendor.md', ['model', V, '--format', 'md']],
  ['model-amortizing-exact-quarter.txt', ['model', A, '--exact', '--by', 'quarter']],
  ['model-progressive.json', ['model', P, '--format', 'json']],
  ['model-circular.txt', ['model', C]],
  ['model-circular-by-year.md', ['model', C, '--format', 'md', '--by', 'year']],
  ['model-circular.json', ['model', C, '--format', 'json']],
  ['model-equity-party-amazon.txt', ['model', E, '--party', 'amazon']],
  ['model-equity-party-softbank.json', ['model', E, '--format', 'json', '--party', 'softbank']],
  ['model-loi.csv', ['model', L, '--format', 'csv']],
  ['model-market-closes.txt', ['model', 'scenarios/market-closes.yaml', '--by', 'year']],
  ['compare.txt', ['compare', C, E]],
  ['compare-four.md', ['compare', C, E, M, L, '--format', 'md']],
  ['compare.csv', ['compare', C, E, M, L, '--format', 'csv']],
  ['compare.json', ['compare', C, E, '--format', 'json']],
  ['diff-circular-multi.txt', ['diff', C, M]],
  ['diff-circular-equity.md', ['diff', C, E, '--format', 'md', '--by', 'year']],
  ['diff-circular-equity.csv', ['diff', C, E, '--format', 'csv']],
  ['diff-circular-equity.json', ['diff', C, E, '--format', 'json']],
  ['diff-set-b.txt', ['diff', C, C, '--set-b', 'deals.nvidia-credit.rate=8%', '--by', 'year']],
  ['stress-circular.txt', ['stress', C, '--default', 'openai@2028-Q1']],
  ['stress-circular.json', ['stress', C, '--default', 'openai@2028-Q1', '--format', 'json']],
  ['stress-circular-recovery-by-year.md', ['stress', C, '--default', 'openai@2028-Q1', '--recovery', '25%', '--format', 'md', '--by', 'year']],
  ['stress-equity.txt', ['stress', E, '--default', 'openai@2028-Q1']],
  ['stress-equity.json', ['stress', E, '--default', 'openai@2028-Q1', '--format', 'json']],
  ['stress-equity.csv', ['stress', E, '--default', 'openai@2028-Q1', '--format', 'csv']],
  ['export-ledger-vendor.csv', ['export', V]],
  ['export-ledger-vendor.json', ['export', V, '--format', 'json']],
  ['export-periods-circular-year.csv', ['export', C, '--what', 'periods', '--by', 'year']],
  ['export-periods-amortizing.json', ['export', A, '--what', 'periods', '--format', 'json']],
  ['export-summary-equity.csv', ['export', E, '--what', 'summary']],
  ['export-summary-vendor.json', ['export', V, '--what', 'summary', '--format', 'json']],
  ['sweep-circular-rate.txt', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=2%..10%:5', '--metric', 'nvidia->openai.peak', '--metric', 'openai.runway_end']],
  ['sweep-circular-grid.csv', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=4%,8%', '--vary', 'parties.openai.cash=10B,20B', '--metric', 'openai.min_cash', '--format', 'csv']],
  ['sweep-circular-npv.json', ['sweep', C, '--vary', 'deals.nvidia-credit.rate=3%,6%', '--metric', 'nvidia->openai.npv', '--metric', 'nvidia->openai.irr', '--metric', 'nvidia.npv', '--format', 'json']],
  ['tornado-circular.txt', ['tornado', C, '--metric', 'nvidia->openai.circular_share']],
  ['tornado-circular.json', ['tornado', C, '--metric', 'openai.min_cash', '--format', 'json']],
  ['solve-circular.txt', ['solve', C, '--vary', 'deals.nvidia-credit.limit', '--between', '10B', '100B', '--target', 'nvidia->openai.peak=20B']],
  ['solve-circular.json', ['solve', C, '--vary', 'deals.nvidia-credit.rate', '--between', '0%', '20%', '--target', 'nvidia->openai.loans_end=35B', '--format', 'json']],
  ['simulate-circular.txt', ['simulate', C, '--runs', '300', '--seed', '7']],
  ['simulate-circular.json', ['simulate', C, '--runs', '200', '--seed', '3', '--format', 'json']],
  ['simulate-circular-runs.csv', ['simulate', C, '--runs', '50', '--seed', '11', '--format', 'csv', '--metric', 'openai.min_cash', '--metric', 'nvidia->openai.irr']],
  ['simulate-policy.txt', ['simulate', CP, '--runs', '300', '--seed', '7']],
  ['simulate-policy.md', ['simulate', CP, '--runs', '300', '--seed', '7', '--format', 'md']],
  ['simulate-policy.json', ['simulate', CP, '--runs', '200', '--seed', '3', '--format', 'json']],
  ['simulate-policy-runs.csv', ['simulate', CP, '--runs', '50', '--seed', '11', '--format', 'csv', '--metric', 'openai.min_cash', '--metric', 'openai.funding_raised']],
];

describe('golden outputs', () => {
  it.each(CASES)('%s', (name, args) => {
    const r = cli(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const file = join(ROOT, 'test', 'golden', name);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, r.stdout);
    if (!existsSync(file)) throw new Error(`no golden file ${name}: run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts and review it`);
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  });
});
