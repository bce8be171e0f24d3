// The bundled scenarios against the public figures they are calibrated to
// (scenarios/base-buildout.yaml works the calibration out in its header). The
// expected figures are computed here by hand from the file's inputs, not
// copied from the program's output.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const BASE = 'scenarios/base-buildout.yaml';
const json = (args: string[]) => {
  const r = cli(args);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
};
const byYear = (file: string, sets: string[] = []) => json(['export', file, '--what', 'periods', '--by', 'year', '--format', 'json', ...sets]).rows as Record<string, string>[];
/** The burn is before financing: the base without its funding policy, its cash let go negative. */
const NO_POLICY = ['--set', 'parties.openai.funding=[]', '--set', 'parties.openai.on_shortfall=allow'];
const cents = (amount: string): bigint => BigInt(amount.replace('.', ''));
const B = 100_000_000_000n; // $1B in cents

describe('base-buildout: OpenAI burns what its forecast says', () => {
  // net = revenue - Microsoft's share - costs - AWS - CoreWeave - Oracle - Azure - capex - opex, in $B
  // (the share, 20% of revenue until $38B: 6, 12, 20, 0, 0, is what the costs had before it was named):
  // AWS 38 / 7 = 5.42857142857 a year (written to the cent), CoreWeave 4.48 a year;
  // owned GW 0.4 (2026-H2), 0.5, 0.6, 0.5, 1 at $50B each; opex 0.9 / 4 = 0.225 per GW online a quarter:
  //   2026: online Q3 0.2, Q4 0.4                      -> 0.6 x 0.225 = 0.135
  //         30 - 6 - 10.96 - 5.42857142857 - 4.48 - 0 - 0 - 20 - 0.135        = -17.00357142857
  //   2027: online 0.525, 0.65, 0.775, 0.9 = 2.85      -> 0.64125
  //         60 - 12 - 7.45 - 5.42857142857 - 4.48 - 30 - 10 - 25 - 0.64125     = -34.99982142857
  //   2028: online 1.05, 1.2, 1.35, 1.5 = 5.1          -> 1.1475
  //         100 - 20 - 3.94 - 5.42857142857 - 4.48 - 60 - 20 - 30 - 1.1475     = -44.99607142857
  //   2029: online 1.625, 1.75, 1.875, 2 = 7.25        -> 1.63125
  //         145 - 0 - 28.46 - 5.42857142857 - 4.48 - 60 - 30 - 25 - 1.63125   =  -9.99982142857
  //   2030: online 2.25, 2.5, 2.75, 3 = 10.5           -> 2.3625
  //         200 - 0 - 37.73 - 5.42857142857 - 4.48 - 60 - 40 - 50 - 2.3625    =  -0.00107142857
  const expected: Record<string, string> = {
    '2026': '-17003571428.57',
    '2027': '-34999821428.57',
    '2028': '-44996071428.57',
    '2029': '-9999821428.57',
    '2030': '-1071428.57',
  };
  const rows = byYear(BASE, NO_POLICY);

  it('has the net flow worked out in the file, year by year', () => {
    expect(Object.fromEntries(rows.map((r) => [r.period, r['openai.net']]))).toEqual(expected);
  });

  it('is within $5M of the sourced burn each year: 17, 35, 45, then 115 - 8 (2025) - 97 = 10 in 2029', () => {
    const sourced: Record<string, bigint> = { '2026': 17n * B, '2027': 35n * B, '2028': 45n * B, '2029': 10n * B, '2030': 0n };
    for (const r of rows) {
      const off = -cents(r['openai.net']!) - sourced[r.period!]!;
      expect(off < 0n ? -off : off, r.period).toBeLessThanOrEqual(500_000_000n);
    }
  });

  it('starts 2026 with $42B (17.5 - 5.5 + 30) and pays NVIDIA 0.7 x 50 x 3 = $105B for the 3 GW it owns', () => {
    const m = json(['model', BASE, '--format', 'json']);
    expect(m.parties.openai.opening_cash).toBe('42000000000.00');
    expect(m.parties.openai.gw_online_end).toBe('3');
    expect(m.parties.nvidia.cash_in).toBe('105000000000.00');
    // rented by 2030: Oracle 30 + 60 x 3 = 210, Azure 10 + 20 + 30 + 40 = 100 (and Microsoft's 38 of revenue share), AWS 5 x 5428571428.57, CoreWeave 5 x 4.48
    expect([m.parties.oracle.cash_in, m.parties.microsoft.cash_in, m.parties.amazon.cash_in, m.parties.coreweave.cash_in]).toEqual([
      '210000000000.00',
      '138000000000.00',
      '27142857142.85',
      '22400000000.00',
    ]);
  });
});

describe("base-buildout: Microsoft's revenue share", () => {
  it('pays 20% of each quarter until the $38B cap: 30, 60 and 100 a year give 6 + 12 + 20 = 38 by 2028-Q4, nothing after', () => {
    const rows = byYear(BASE);
    // Microsoft's net each year: Azure (0, 10, 20, 30, 40) + the share (6, 12, 20, 0, 0)
    expect(rows.map((r) => r['microsoft.net'])).toEqual(['6000000000.00', '22000000000.00', '40000000000.00', '30000000000.00', '40000000000.00']);
    const m = json(['model', BASE, '--format', 'json']);
    const pair = m.exposures.find((e: { holder: string; obligor: string }) => e.holder === 'microsoft' && e.obligor === 'openai');
    // the pair Microsoft -> OpenAI: Azure sales 100 (no gross margin given: all gross profit) + the share 38 as position inflows
    expect([pair.revenue, pair.gross_profit, pair.all_in, pair.net_cash, pair.peak]).toEqual(['100000000000.00', '100000000000.00', '138000000000.00', '138000000000.00', '0.00']);
    expect(pair.series.position_flows.slice(11, 13)).toEqual(['5000000000.00', '0.00']);
  });

  it('stops at an OpenAI default: in market-closes (2028-Q2) Microsoft gets 6 + 12 + 5 (2028-Q1) = 23 of it', () => {
    const m = json(['model', 'scenarios/market-closes.yaml', '--format', 'json']);
    const paid = m.ledger.filter((e: { kind: string }) => e.kind === 'revenue_share').reduce((a: bigint, e: { amount: string }) => a + cents(e.amount), 0n);
    expect(paid).toBe(23n * B);
    expect(m.losses.filter((l: { holder: string }) => l.holder === 'microsoft')).toEqual([]);
  });
});

describe('circular-100b: $10B per GW OpenAI buys', () => {
  it('draws 10 x 3 = $30B by 2030, 30 / 105 = 28.57% of what NVIDIA sells OpenAI', () => {
    const m = json(['model', 'scenarios/circular-100b.yaml', '--format', 'json']);
    const pair = m.exposures.find((e: { holder: string; obligor: string }) => e.holder === 'nvidia' && e.obligor === 'openai');
    expect([pair.revenue, pair.financed_revenue, pair.circular_share]).toEqual(['105000000000.00', '30000000000.00', '0.285714']);
  });
});

describe('the funding policy: equity from the market at the valuation, to keep $5B', () => {
  it('raises, in the base, what the burn takes below $5B: 5 - 42 + 107.00035714285 = $70.00035714285B', () => {
    const m = json(['model', BASE, '--format', 'json']);
    expect([m.parties.openai.funding_raised, m.parties.openai.ending_cash, m.parties.openai.default_period]).toEqual(['70000357142.85', '5000000000.00', null]);
  });

  it('raises less beside the credit: its draws to 2029, 4 + 5 + 6 + 5 = 20, come first: 5 - 42 + 106.99928571428 - 20', () => {
    const m = json(['model', 'scenarios/circular-100b.yaml', '--format', 'json']);
    expect(m.parties.openai.funding_raised).toBe('49999285714.28');
  });
});

describe('market-closes: the cap at $20B makes OpenAI default', () => {
  const m = json(['model', 'scenarios/market-closes.yaml', '--format', 'json']);
  it('defaults in 2028-Q2, after raising 5 - 42 + 52.00339285714 (2026-27) + 11.19839285715 (2028-Q1) - 10.5 drawn', () => {
    // 2028-Q1: 25 - 5.985 (Microsoft's share 5 + costs 0.985) - 1.35714285715 (AWS, the first quarter has the odd cent) - 1.12 - 15 - 5 - 7.5 (0.15 GW) - 0.23625 (1.05 GW online)
    // 2028-Q2 needs 9.73B, more than the 20 - 15.70178571429 = 4.29821428571 left: it defaults at the start of 2028-Q2
    expect([m.parties.openai.default_period, m.parties.openai.funding_raised]).toEqual(['2028-Q2', '15701785714.29']);
  });

  it('costs NVIDIA 60% of the credit drawn by 2028-Q1, 4 + 5 + 1.5 at 6% capitalized quarterly', () => {
    // balance: 2 (2026-Q3); 2 x 1.015 + 2 = 4.03; then x 1.015 + 1.25 four times (2027): 9.39092432777;
    // x 1.015 + 1.5 (2028-Q1) = 11.03178819269 (interest rounded to the cent each quarter: 11,031,788,192.69)
    // recovery round(0.4 x 11,031,788,192.69) = 4,412,715,277.08, paid from OpenAI's 5B of cash; the rest is lost
    expect(m.losses).toEqual([{ holder: 'nvidia', obligor: 'openai', period: '2028-Q2', amount: '6619072915.61', kind: 'loan' }]);
    expect(m.parties.openai.ending_cash).toBe('587284722.92'); // 5B - 4,412,715,277.08
    // and its sales stop: 14 (2026) + 17.5 (2027) + 0.15 x 50 x 0.7 (2028-Q1) = 36.75 of the 105
    const pair = m.exposures.find((e: { holder: string; obligor: string }) => e.holder === 'nvidia' && e.obligor === 'openai');
    expect(pair.revenue).toBe('36750000000.00');
  });
});
