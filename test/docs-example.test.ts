// The worked default of docs/format.md section 7 (docs/examples/default-worked.yaml):
// the figures the text derives by hand are what the program prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

const FILE = join(ROOT, 'docs', 'examples', 'default-worked.yaml');

describe('the worked default of docs/format.md', () => {
  const r = cli(['model', FILE, '--format', 'json']);
  const got = JSON.parse(r.stdout);
  const pair = (h: string) => got.exposures.find((x: { holder: string }) => x.holder === h);

  it('runs cleanly', () => expect([r.status, r.stderr]).toEqual([0, '']));

  it('raises 0.3B in 2027 and defaults in 2028, its 4.7B raise of 2028 undone', () => {
    // 2027: 12 − 0.3 interest − 10 capex = 1.7B, 0.3B short of the 2B floor; 2028 would need 16.3B
    expect(got.parties.lab.funding_raised).toBe('300000000.00');
    expect(got.parties.lab.default_period).toBe('2028');
    expect(got.parties.lab.series.cash).toEqual(['12000000000.00', '2000000000.00', '0.00']);
    // 1 − (1 − 5%) × 100/100.3 = 1 − 95/100.3 = 0.0528414…
    expect(got.parties.lab.ownership_sold).toBe('0.052841');
  });

  it('recovers 40% of the 6B claim: 2B of cash and a 0.4B asset sale', () => {
    const y2028 = got.ledger.filter((e: { period: string }) => e.period === '2028');
    expect(y2028).toEqual([
      { period: '2028', from: 'market', to: 'lab', amount: '400000000.00', kind: 'asset_sale', source: 'lab' },
      { period: '2028', from: 'lab', to: 'vendor', amount: '2400000000.00', kind: 'recovery', source: 'vendor-loan' },
    ]);
  });

  it('writes off the loan not recovered, then the equity at cost', () => {
    expect(got.losses).toEqual([
      { holder: 'vendor', obligor: 'lab', period: '2028', amount: '3600000000.00', kind: 'loan' },
      { holder: 'fund', obligor: 'lab', period: '2028', amount: '4000000000.00', kind: 'equity' },
    ]);
  });

  it("gives Vendor's position and sales as the text derives them", () => {
    const v = pair('vendor');
    // MOIC 2.7/6; 2.4x² + 0.3x − 6 = 0, x = (−0.3 + √57.69)/4.8 = 1.5198736…, r = 1/x − 1 = −0.3420506…
    expect([v.moic, v.irr, v.loss, v.terminal_value]).toEqual(['0.450000', '-0.342051', '3600000000.00', '0.00']);
    // 12B of sales at a 75% margin: 9B; all-in 9 + 2.7 − 6 = 5.7B
    expect([v.revenue, v.gross_profit, v.all_in]).toEqual(['12000000000.00', '9000000000.00', '5700000000.00']);
    expect(v.series.position_flows).toEqual(['-6000000000.00', '300000000.00', '2400000000.00']);
  });

  it("gives Fund's written-off stake", () => {
    const f = pair('fund');
    expect([f.moic, f.irr, f.loss, f.all_in, f.equity_cost_end, f.exposure_end]).toEqual(['0.000000', null, '4000000000.00', '-4000000000.00', '0.00', '0.00']);
    // 5% × 100/100.3, stakes stay as recorded
    expect(f.stake_end).toBe('0.049850');
    expect(got.notes).toEqual(['fund->lab: IRR is empty because its cash flows never change sign']);
  });

  it('exports the losses as CSV, and a header alone without a default', () => {
    expect(cli(['export', FILE, '--what', 'losses']).stdout).toBe(
      'period,holder,obligor,kind,amount\r\n2028,vendor,lab,loan,3600000000.00\r\n2028,fund,lab,equity,4000000000.00\r\n',
    );
    const none = cli(['export', FILE, '--what', 'losses', '--set', 'parties.lab.on_shortfall=allow']);
    expect([none.status, none.stdout]).toEqual([0, 'period,holder,obligor,kind,amount\r\n']);
  });
});

describe('a party that must not go below zero', () => {
  it('cannot start below zero', () => {
    const r = cli(['validate', FILE, '--set', 'parties.lab.cash=-1B']);
    expect([r.status, r.stderr]).toEqual([
      1,
      '--set:1:18: parties.lab.cash: lab starts with negative cash and on_shortfall: default; it could never end a period at or above zero (give opening cash of zero or more, or on_shortfall: allow)\n',
    ]);
  });
});

describe("the README's samples of defaults", () => {
  // each ```sh block of one stargate command followed by a ```text block: the text is part of what it prints
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## What a default does'), readme.indexOf('## Using it'));
  const pairs = [...section.matchAll(/```sh\nstargate ([^\n]+)\n```\n\n```text\n([\s\S]*?)\n```/g)].map((m) => ({ args: m[1]!.split(' '), text: m[2]! }));

  it('has the three samples', () => expect(pairs.length).toBe(3));
  it.each(pairs.map((p) => [p.args.join(' '), p] as const))('%s prints its sample', (_, p) => {
    const r = cli(p.args);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(p.text);
  });
});

describe("the README's terminal chart", () => {
  // the ```sh command of the section and the ```text it prints after its tables, piped at the default 80 columns
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Charts in the terminal'), readme.indexOf('## Writing a scenario'));
  const m = /```sh\nstargate ([^\n]+)\n```\n\n```text\n([\s\S]*?)\n```/.exec(section);

  it('is what the command prints', () => {
    expect(m).not.toBeNull();
    const r = cli(m![1]!.split(' '), { env: { COLUMNS: '' } });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.endsWith(`\n\n${m![2]!}\n`)).toBe(true);
  });
});
