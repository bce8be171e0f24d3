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

describe('xai-spv-lease: the SPV leases NVIDIA GPUs to xAI', () => {
  const F = 'scenarios/xai-spv-lease.yaml';
  const pairOf = (m: any, h: string, o: string) => m.exposures.find((e: { holder: string; obligor: string }) => e.holder === h && e.obligor === o);

  it('pays 1.23709115091B a quarter: (20 - 2 / 1.0275^20) x 0.0275 / (1 - 1.0275^-20), and returns 11% a quarter-compounded year to the SPV', () => {
    // 1.0275^20 = 1.720428…; 2 / 1.720428 = 1.162501…; 18.837499 x 0.0275 / 0.418750… = 1.23709115…
    const m = json(['model', F, '--format', 'json']);
    const lease = m.ledger.filter((e: any) => e.kind === 'lease');
    expect([lease.length, lease[0].period, lease[0].amount, lease[19].period]).toEqual([20, '2026-Q2', '1237091150.91', '2031-Q1']);
    // the position: -20, the 20 payments, and the GPUs back, worth 2 (terminal value); IRR (1 + 11%/4)^4 - 1 = 11.4621%
    const x = pairOf(m, 'spv', 'xai');
    expect([x.terminal_value, x.irr]).toEqual(['2000000000.00', '0.114621']);
  });

  it('gives NVIDIA a $20B sale, 10% of it paid with its own $2B of SPV equity', () => {
    // gross profit 20 x 71.1% = 14.22; stake 2 / 7.5 = 26.6667%
    const x = pairOf(json(['model', F, '--format', 'json']), 'nvidia', 'spv');
    expect([x.revenue, x.financed_revenue, x.circular_share, x.gross_profit, x.stake_end]).toEqual(['20000000000.00', '2000000000.00', '0.100000', '14220000000.00', '0.266667']);
  });

  it('under a default of xAI in 2027-Q1: the SPV loses the lease, then defaults in 2029-Q3, and NVIDIA loses its equity but not its sale', () => {
    // the header of the file works it out: b_3 = 17,881,521,914.637…, so the claim is 17,881,521,914.64;
    // 40% of it, 7,152,608,765.856, is recovered as 7,152,608,765.86; 10,728,913,148.78 is written off;
    // the SPV's lenders: 12.5 - 13 x 0.625 = 4.375, half recovered; NVIDIA 2 and the other investors 5.5 of equity
    const s = json(['stress', F, '--default', 'xai@2027-Q1', '--format', 'json']);
    const row = (h: string, o: string) => s.impact.find((r: any) => r.holder === h && r.obligor === o);
    expect(row('spv', 'xai').recoveries).toBe('7152608765.86');
    expect(row('lenders', 'spv').recoveries).toBe('2187500000.00');
    expect(row('lenders', 'spv').loss_loan).toBe('2187500000.00');
    expect([row('nvidia', 'spv').loss_equity, row('nvidia', 'spv').sales_lost, row('nvidia', 'spv').all_in_delta]).toEqual(['2000000000.00', '0.00', '-2000000000.00']);
    const m = json(['model', F, '--format', 'json', '--set', 'events=[{type: default, party: xai, at: 2027-Q1}]']);
    expect(m.parties.spv.default_period).toBe('2029-Q3');
    expect(m.losses.map((l: any) => `${l.holder}->${l.obligor} ${l.period} ${l.kind} ${l.amount}`)).toEqual([
      'spv->xai 2027-Q1 lease 10728913148.78',
      'lenders->spv 2029-Q3 loan 2187500000.00',
      'nvidia->spv 2029-Q3 equity 2000000000.00',
      'investors->spv 2029-Q3 equity 5500000000.00',
    ]);
  });
});

describe('coreweave-backstop: NVIDIA buys unsold CoreWeave capacity', () => {
  const F = 'scenarios/coreweave-backstop.yaml';

  it('pays 1.5 x (1 - 60%) = 0.6 a year through 2032, and 6.3 - 4.2 = 2.1 of the cap is never called', () => {
    const m = json(['model', F, '--format', 'json']);
    const x = m.exposures.find((e: any) => e.holder === 'nvidia' && e.obligor === 'coreweave');
    expect([x.backstop_paid, x.contingent_end]).toEqual(['4200000000.00', '2100000000.00']);
    expect(x.series.contingent).toEqual(['5700000000.00', '5100000000.00', '4500000000.00', '3900000000.00', '3300000000.00', '2700000000.00', '2100000000.00']);
    // not in the exposure: that is the $2B of equity alone
    expect(x.exposure_end).toBe('2000000000.00');
  });

  it('varies the utilization in tornado: at 30%, 7 x 1.05 = 7.35 passes the cap, nothing is left; at 90%, 7 x 0.15 = 1.05 paid, 5.25 left', () => {
    const t = json(['tornado', F, '--metric', 'nvidia->coreweave.contingent_end', '--format', 'json']);
    expect(t.inputs.map((i: any) => [i.path, i.at_low, i.at_high])).toEqual([['deals.cw-backstop.utilization', '0.00', '5250000000.00']]);
  });
});

describe('amd-openai-warrant: AMD pays part of 6 GW of GPUs in its own shares', () => {
  const FILE = 'scenarios/amd-openai-warrant.yaml';
  const m = json(['model', FILE, '--format', 'json']);
  const pair = (h: string, o: string) => m.exposures.find((e: { holder: string; obligor: string }) => e.holder === h && e.obligor === o);

  it('vests five of the six tranches as the GW come online and the price rises, as worked in the file', () => {
    // GW online at the quarters' ends: 0.5, 1 (2026-H2); +0.25 a quarter (2027); +0.375 (2028, 2029); +0.25 (2030).
    // 1 GW at 2026-Q4; 2 GW at 2027-Q4 ($270 ≥ 250); 3 GW at 2028-Q3 ($340 ≥ 325); 4 GW at 2029-Q2 ($420 ≥ 400);
    // 5 GW at 2029-Q4 but $500 only with 2030's $520: 2030-Q1; 6 GW at 2030-Q4, $520 < 600: never.
    const paid = m.ledger.filter((e: { kind: string }) => e.kind === 'warrant_exercise').map((e: { period: string; amount: string }) => `${e.period} ${e.amount}`);
    // 26.67M × $0.01 = $266,700; 26.66M × $0.01 = $266,600
    expect(paid).toEqual(['2026-Q4 266700.00', '2027-Q4 266700.00', '2028-Q3 266700.00', '2029-Q2 266700.00', '2030-Q1 266600.00']);
  });

  it("gives AMD's dilution cost and the discount it gave in its own stock", () => {
    // 26.67M × (219.99 + 269.99 + 339.99 + 419.99) + 26.66M × 519.99
    // = 5,867,133,300 + 7,200,633,300 + 9,067,533,300 + 11,201,133,300 + 13,862,933,400 = 47,199,366,600
    expect(m.parties.amd.dilution_cost).toBe('47199366600.00');
    // sales: 6 GW × $50B × 50% = $150B; 47.1993666 / 150 = 31.4662%
    const a = pair('amd', 'openai');
    expect([a.revenue, a.financed_revenue, a.circular_share, a.gross_profit]).toEqual(['150000000000.00', '47199366600.00', '0.314662', '75000000000.00']);
  });

  it("gives OpenAI's stake in AMD and what the warrant is worth at the end", () => {
    // 133.34M / (1.62B + 133.34M) = 7.6049%; AMD valued at 520 × 1,753.34M, so the stake is 133.34M × 520 = $69,336,800,000
    const o = pair('openai', 'amd');
    expect([o.stake_end, o.equity_value_end, o.warrant_value_end, o.equity_cost_end]).toEqual(['0.076049', '69336800000.00', '69336800000.00', '1333400.00']);
    // the $600 tranche, 26.66M × (520 − 0.01)
    expect(o.unvested_value_end).toBe('13862933400.00');
  });
});
