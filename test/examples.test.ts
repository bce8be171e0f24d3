// Golden tests: `model --format json` on ../shared/examples equals the
// independently computed .expected.json beside each file, field by field.
// The expected files are of stargate-result/1; result/2 adds fields and
// redefines a pair's npv and irr as those of the holder's financing position
// (docs/metrics.md), so those two are checked against the hand figures below
// and every other field of the expected files as it stands.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, SHARED, cli } from './helpers.js';

const NAMES = ['equity-basic', 'vendor-financing', 'progressive-equity', 'amortizing-loan'];

/** [npv, irr, terminal_value, moic, all_in] of the first pair's position, by hand. */
const POSITION: Record<string, (string | null)[]> = {
  // stake 20/500 = 4%, then 5/(595+5) = 1/120: 4% × 119/120 + 1/120 = 4.8%; value 4.8% × 600B = 28.8B.
  // Flows −20B (2026), 0, −5B + 28.8B = 23.8B (2028), discounted at 10% from each year's end:
  // −20/1.1 + 23.8/1.331 = −18,181,818,181.818 + 17,881,292,261.457 = −300,525,920.36.
  // IRR: (1+r)² = 23.8/20 = 1.19, r = 0.0908712. MOIC 28.8/25 = 1.152; all-in 28.8 − 25 = 3.8B.
  'equity-basic': ['-300525920.36', '0.090871', '28800000000.00', '1.152000', '3800000000.00'],
  // a loan at 6% a year capitalized quarterly (1.5%), repaid whole at 2027-Q4: IRR 1.015⁴ − 1 = 0.0613636.
  // Draws 10B per GW, 0.5 GW a quarter in 2026-H2 and 0.25 a quarter in 2027, capped at 15B: 5B, 5B, 2.5B,
  // 2.5B. Balance with interest rounded each quarter: 5B; 10.075B; 12.726125B; 15.417016875B;
  // 15,648,272,128.12; 15,882,996,210.04 repaid. MOIC 15,882,996,210.04 / 15B = 1.058866. All-in: gross
  // profit on the vendor's sales, 70% × 2 GW × 50B = 70B at its 75% margin = 52.5B, plus the interest
  // 882,996,210.04 = 53,382,996,210.04. NPV at 9% a year, each
  // quarter discounted by 1.09^(q/4): −347,353,632.68 (a 6% loan is worth less at 9%).
  'vendor-financing': ['-347353632.68', '0.061364', '0.00', '1.058866', '53382996210.04'],
  // tranches 10B (1 GW, 2026), 20B (2027), 10B (2028: the 40B limit); stakes 10/500, 20/510, 10/770:
  // (2% × 490/510 + 20/510) × 760/770 + 10/770 = 7.0659536541...%; × 800B = 56,527,629,233.51.
  // NPV at 10%: −10/1.1 − 20/1.21 − 10/1.331 + 56.5276292335/1.4641 = 5,476,148,646.62.
  'progressive-equity': ['5476148646.62', '0.184528', '56527629233.51', '1.413191', '139027629233.51'],
  // unchanged from result/1: a loan's position flows are all its flows
  'amortizing-loan': ['__expected__'],
};

describe.each(NAMES)('%s', (name) => {
  const file = join(EXAMPLES, `${name}.yaml`);
  const expected = JSON.parse(readFileSync(file.replace(/\.yaml$/, '.expected.json'), 'utf8'));
  const r = cli(['model', file, '--format', 'json']);
  const got = JSON.parse(r.stdout || '{}');

  it('runs cleanly', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(got.format).toBe('stargate-result/2');
  });
  it('has the expected timeline', () => expect(got.scenario.timeline).toEqual(expected.timeline));
  it('has the expected ledger', () => expect(got.ledger).toEqual(expected.ledger));
  it.each(Object.keys(expected.parties))('has the expected metrics for party %s', (id) => {
    const { default_period, funding_raised, ...v1 } = got.parties[id];
    expect(v1).toEqual(expected.parties[id]);
    // no policy, no event: result/2's party fields say so
    expect([default_period, funding_raised]).toEqual([null, '0.00']);
  });
  it('has the expected exposures, npv and irr aside', () => {
    expect(got.exposures.length).toBe(expected.exposures.length);
    expected.exposures.forEach((e: Record<string, unknown>, i: number) => {
      const g = got.exposures[i];
      for (const k of Object.keys(e)) {
        if (k === 'npv' || k === 'irr') continue;
        if (k === 'series') for (const s of Object.keys(e.series as object)) expect(g.series[s], `series.${s}`).toEqual((e.series as any)[s]);
        else expect(g[k], k).toEqual(e[k]);
      }
    });
  });
  it('has the position npv and irr computed by hand', () => {
    const x = got.exposures[0];
    if (POSITION[name]![0] === '__expected__') expect([x.npv, x.irr]).toEqual([expected.exposures[0].npv, expected.exposures[0].irr]);
    else expect([x.npv, x.irr, x.terminal_value, x.moic, x.all_in]).toEqual(POSITION[name]);
  });
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
    // result/1's note (its all-flows IRR never changed sign) is gone: the position's flows do change sign
    expect(got.notes).toEqual([]);
    const loan = JSON.parse(cli(['model', join(EXAMPLES, 'amortizing-loan.yaml'), '--format', 'json']).stdout);
    expect(loan.notes).toEqual([]);
  });
});
