// Golden tests: `model --format json` on ../shared/examples equals the
// independently computed .expected.json beside each file, field by field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, SHARED, cli } from './helpers.js';

const NAMES = ['equity-basic', 'vendor-financing', 'progressive-equity', 'amortizing-loan'];

describe.each(NAMES)('%s', (name) => {
  const file = join(EXAMPLES, `${name}.yaml`);
  const expected = JSON.parse(readFileSync(file.replace(/\.yaml$/, '.expected.json'), 'utf8'));
  const r = cli(['model', file, '--format', 'json']);
  const got = JSON.parse(r.stdout || '{}');

  it('runs cleanly', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(got.format).toBe('stargate-result/1');
  });
  it('has the expected timeline', () => expect(got.scenario.timeline).toEqual(expected.timeline));
  it('has the expected ledger', () => expect(got.ledger).toEqual(expected.ledger));
  it.each(Object.keys(expected.parties))('has the expected metrics for party %s', (id) => expect(got.parties[id]).toEqual(expected.parties[id]));
  it('has the expected exposures', () => expect(got.exposures).toEqual(expected.exposures));
  it('prints every value as a string or null', () => {
    const walk = (v: unknown): boolean => (v === null || typeof v === 'string' ? true : typeof v === 'object' ? Object.values(v as object).every(walk) : false);
    expect(walk(got)).toBe(true);
  });
});

describe('the copies in test/examples', () => {
  it.skipIf(!existsSync(join(SHARED, 'examples')))('are the same as ../shared/examples', () => {
    for (const f of readdirSync(join(SHARED, 'examples'))) {
      expect(readFileSync(join(EXAMPLES, f), 'utf8'), f).toBe(readFileSync(join(SHARED, 'examples', f), 'utf8'));
    }
  });
});

describe('notes', () => {
  it('explain an empty IRR', () => {
    const got = JSON.parse(cli(['model', join(EXAMPLES, 'vendor-financing.yaml'), '--format', 'json']).stdout);
    expect(got.notes).toEqual(['vendor->lab: IRR is empty because its cash flows never change sign']);
    const loan = JSON.parse(cli(['model', join(EXAMPLES, 'amortizing-loan.yaml'), '--format', 'json']).stdout);
    expect(loan.notes).toEqual([]);
  });
});
