// Section "simulate at scale": the per-run CSV, money inputs to the cent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const C = 'scenarios/circular-100b.yaml';
/**
 * 200 runs of circular-100b, seed 42, as simulate printed them before the
 * runs were streamed, with the drawn money inputs (capex_per_gw, the two
 * revenues, OpenAI's cash) rounded half-even to the cent by decimal.js, and
 * nothing else changed: the rate keeps its digits.
 */
const GOLDEN = 'test/golden/simulate-circular-seed42.csv';

describe('simulate --format csv', () => {
  it('prints drawn money inputs to the cent, ratios as drawn', () => {
    const r = cli(['simulate', C, '--runs', '200', '--seed', '42', '--format', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
