// The committed JSON Schema is what editors use: it must accept every bundled
// scenario and example, and reject what the loader rejects for its shape.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT } from './helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'scenario.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

// an extending file is partial; the schema describes whole scenarios
const files = [
  ...readdirSync(join(ROOT, 'test', 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => join('test', 'examples', f)),
  'scenarios/base-buildout.yaml',
];

describe('JSON Schema', () => {
  it.each(files)('accepts %s', (f) => {
    const ok = validate(parse(readFileSync(join(ROOT, f), 'utf8')));
    expect(validate.errors ?? [], f).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects an unknown field, a bad amount and a lower-case suffix', () => {
    const doc = parse(readFileSync(join(ROOT, 'test', 'examples', 'equity-basic.yaml'), 'utf8'));
    expect(validate({ ...doc, dicount_rate: '10%' })).toBe(false);
    expect(validate({ ...doc, parties: { ...doc.parties, vendor: { name: 'V', cash: '14b' } } })).toBe(false);
    const deal = { id: 'x', type: 'equity', investor: 'vendor', issuer: 'lab', amount: '1B', date: 2026, stake: '2%' };
    expect(validate({ ...doc, deals: [deal] })).toBe(true);
    expect(validate({ ...doc, deals: [{ ...deal, extra: 1 }] })).toBe(false);
    expect(validate({ ...doc, deals: [{ ...deal, type: 'equty' }] })).toBe(false);
  });
});
