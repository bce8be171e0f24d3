// The metric registry is the one list of metrics: the docs' tables, the JSON result's keys
// and the analysis addresses all come from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDealMetric, metricDocTable, PAIR_METRICS, PAIR_TABLE_ORDER, PARTY_METRICS } from '../src/metrics/registry.js';
import { ROOT, cli } from './helpers.js';

describe('metric registry', () => {
  it('is what docs/metrics.md lists, table for table', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'metrics.md'), 'utf8');
    expect(docs).toContain(metricDocTable('party'));
    expect(docs).toContain(metricDocTable('pair'));
  });

  it('names each metric once per scope, and orders the pair table over exactly the pair metrics', () => {
    const party = PARTY_METRICS.map((m) => m.name);
    const pair = PAIR_METRICS.map((m) => m.name);
    expect(new Set(party).size).toBe(party.length);
    expect(new Set(pair).size).toBe(pair.length);
    expect([...PAIR_TABLE_ORDER].sort()).toEqual([...pair].sort());
  });

  it('gives the JSON result its keys, in registry order', () => {
    const r = cli(['model', 'test/examples/vendor-financing.yaml', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    const party = Object.values(json.parties)[0] as Record<string, unknown>;
    expect(Object.keys(party).filter((k) => k !== 'name' && k !== 'series')).toEqual(PARTY_METRICS.map((m) => m.name).filter((m) => !isDealMetric(m)));
    expect(Object.keys(json.exposures[0]).filter((k) => k !== 'holder' && k !== 'obligor' && k !== 'series')).toEqual(PAIR_METRICS.map((m) => m.name).filter((m) => !isDealMetric(m)));
  });
});
