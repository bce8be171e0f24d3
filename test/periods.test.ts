// Sections 2 and 3: period labels, timelines, and series laid on them.
import { describe, expect, it } from 'vitest';
import { makeTimeline, parsePeriod, type Step } from '../src/scenario/periods.js';
import { model, problems } from './helpers.js';
import { formatCents } from '../src/money/decimal.js';

describe('period labels', () => {
  it.each([
    ['2026', 2026 * 12, 12],
    ['2026-H2', 2026 * 12 + 6, 6],
    ['2026-Q3', 2026 * 12 + 6, 3],
    ['2026-07', 2026 * 12 + 6, 1],
    ['2026-12', 2026 * 12 + 11, 1],
  ])('%s starts at month %i and lasts %i months', (label, first, months) => {
    expect(parsePeriod(label)).toEqual({ label, first, months });
  });
  it.each(['2026-H3', '2026-Q0', '2026-Q5', '2026-13', '2026-00', '2026-7', '26', '2026-q1', '2026Q1', '2026-W01', ' 2026'])('rejects %s', (label) => {
    expect(parsePeriod(label)).toBeUndefined();
  });
});

describe('timelines', () => {
  const tl = (start: string, end: string, step: Step) => {
    const r = makeTimeline(parsePeriod(start)!, parsePeriod(end)!, step);
    return r.ok ? r.timeline.labels : r.message;
  };
  it('snaps start to its first month and end to its last', () => {
    expect(tl('2026', '2027', 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    expect(tl('2026-08', '2026-H2', 'quarter')).toEqual(['2026-Q3', '2026-Q4']);
    expect(tl('2026-Q2', '2027-Q1', 'year')).toEqual(['2026', '2027']);
    expect(tl('2026-H2', '2026', 'month')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });
  it('rejects an end before the start and more than 1,200 periods', () => {
    expect(tl('2027', '2026', 'year')).toBe('the timeline ends (2026) before it starts (2027)');
    expect(tl('2026-01', '2125-12', 'month')).toHaveLength(1200);
    expect(tl('2026-01', '2126-01', 'month')).toBe('the timeline has 1201 month periods; at most 1200 are allowed');
  });
});

const head = (timeline: string) => `stargate: 1\nname: t\ntimeline: ${timeline}\nparties: {a: {name: A}}\n`;
const netOf = (timeline: string, net: string, extra = '') => model(`${head(timeline)}${extra}operations:\n  a: {net: ${net}}\n`).operations[0]!.net!.map(formatCents);

describe('flows', () => {
  it('splits a scalar per year over the step-periods, cent-exactly', () => {
    // 100.00 a year over 12 months: 8.34 × 4 then 8.33 × 8 (10000 = 833 × 12 + 4)
    expect(netOf('{start: 2026-01, end: 2026-12, step: month}', '100')).toEqual(['8.34', '8.34', '8.34', '8.34', ...Array(8).fill('8.33')]);
  });
  it('keeps the share of a year inside a timeline that starts mid-year', () => {
    // 12B a year, quarterly, from 2026-Q3: 3B in each of Q3 and Q4; 2027 gets its four quarters
    expect(netOf('{start: 2026-Q3, end: 2027-Q2, step: quarter}', '12B')).toEqual(['3000000000.00', '3000000000.00', '3000000000.00', '3000000000.00']);
  });
  it('splits coarser keys and adds finer keys into their step-period', () => {
    // 2026-H2: 1.00 over Q3, Q4 = 0.50 each; 2027-01 and 2027-03 both fall in 2027-Q1
    expect(netOf('{start: 2026-Q1, end: 2027-Q1, step: quarter}', '{2026-H2: 1, 2027-01: 0.1, 2027-03: 0.2}')).toEqual(['0.00', '0.00', '0.50', '0.50', '0.30']);
  });
  it('rounds each total to cents before splitting, and splits the remainder to the first parts', () => {
    // 0.005 rounds half-even to 0.00; 0.015 → 0.02 split over 2 quarters = 0.01 + 0.01; -0.05 over 3 = -0.02, -0.02, -0.01
    expect(netOf('{start: 2026-Q1, end: 2026-Q4, step: quarter}', '{2026-Q1: 0.005, 2026-Q2: 0.015}')).toEqual(['0.00', '0.02', '0.00', '0.00']);
    expect(netOf('{start: 2026-01, end: 2026-03, step: month}', '{2026-Q1: -0.05}')).toEqual(['-0.02', '-0.02', '-0.01']);
  });
  it('ignores keys outside the timeline with a warning', async () => {
    const { loadScenario } = await import('../src/scenario/load.js');
    const { memReader } = await import('./helpers.js');
    const r = loadScenario('s.yaml', memReader({ 's.yaml': `${head('{start: 2026, end: 2026, step: year}')}operations:\n  a: {net: {2026: 1B, 2031: 5B}}\n` }));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => `${w.loc.line}:${w.loc.col} ${w.path}: ${w.message}`)).toEqual(['6:23 operations.a.net.2031: 2031 is outside the timeline (2026 to 2026); ignored']);
  });
  it('splits quantities by exact division', () => {
    const m = model(`${head('{start: 2026-01, end: 2026-12, step: month}')}buildouts:\n  b: {operator: a, gw: {2026: 1}, capex_per_gw: 1B}\n`);
    const sum = m.buildouts[0]!.added.reduce((x, y) => x.plus(y));
    expect(m.buildouts[0]!.added[0]!.toFixed()).toBe('0.08333333333333333333333333333333333333333');
    expect(sum.toDecimalPlaces(30).toFixed()).toBe('1');
  });
  it('rejects overlapping keys', () => {
    expect(problems(`${head('{start: 2026, end: 2027, step: year}')}operations:\n  a: {net: {2027-Q2: 1, 2027-H1: 2}}\n`)).toEqual([
      's.yaml:6:25: operations.a.net: the keys 2027-H1 and 2027-Q2 overlap; give each stretch of time once',
    ]);
  });
});

describe('levels', () => {
  it('holds each value from its key until the next', () => {
    const m = model(`stargate: 1\nname: t\ntimeline: {start: 2026-Q1, end: 2027-Q2, step: quarter}\nparties: {a: {name: A, valuation: {2025: 1B, 2026-Q3: 2B, 2027-05: 3B}}}\n`);
    expect(m.parties[0]!.valuation!.map((d) => d.toFixed())).toEqual(['1000000000', '1000000000', '2000000000', '2000000000', '2000000000', '3000000000']);
  });
  it('needs a value at the start', () => {
    expect(problems(`stargate: 1\nname: t\ntimeline: {start: 2026-Q1, end: 2027-Q2, step: quarter}\nparties: {a: {name: A, valuation: {2026-Q2: 1B}}}\n`)).toEqual([
      's.yaml:4:35: parties.a.valuation: has no value at the start of the timeline (2026-Q1): its first key is 2026-Q2; a level holds from its key on, so give a key at or before 2026-Q1',
    ]);
  });
});
