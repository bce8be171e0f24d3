// instruments.md, "contract": a take-or-pay commitment paid like a purchase, its backlog, and the
// termination fee a defaulting buyer owes, recovered and written off as any claim. Worked by hand.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, model, problems, result } from './helpers.js';

/** The CLI on a scenario given as text, written to a file of its own (s.yaml). */
const DIR = mkdtempSync(join(tmpdir(), 'contract-'));
const cliOn = (text: string, args: string[]) => {
  writeFileSync(join(DIR, 's.yaml'), text);
  return cli([args[0]!, 's.yaml', ...args.slice(1)], { cwd: DIR });
};

const entries = (r: any, from = '') => r.ledger.map((e: any) => `${e.period} ${e.from}->${e.to} ${e.amount} ${e.kind} ${e.source}`).filter((e: string) => e >= from);
const pair = (r: any, holder: string, obligor: string) => r.exposures.find((x: any) => x.holder === holder && x.obligor === obligor);

// Lab is committed to buy 10, 20, 30, 40 of Cloud's compute in 2026-2029, with a 25% termination fee.
// Cloud's margin is 60%: its cost of sales is 40% of each payment. Lab recovers 40% of a claim on it.
const BASE = `stargate: 1
name: contract
timeline: {start: 2026, end: 2029, step: year}
parties:
  cloud: {name: Cloud, gross_margin: 60%}
  lab: {name: Lab, cash: 50, recovery_rate: 40%}
deals:
  - {id: compute, type: contract, buyer: lab, seller: cloud, amount: {2026: 10, 2027: 20, 2028: 30, 2029: 40}, termination_fee: 25%}
`;
const defaults = (...ds: string[]) => `${BASE}events:\n${ds.map((d) => `  - {type: default, party: ${d.split('@')[0]}, at: ${d.split('@')[1]}}`).join('\n')}\n`;

describe('contract without a default', () => {
  const r = result(BASE);

  it('is paid like a purchase, kind contract, with the seller\'s cost of sales', () => {
    // cost of sales 40%: 4, 8, 12, 16
    expect(entries(r)).toEqual([
      '2026 cloud->market 4.00 cost_of_sales compute',
      '2026 lab->cloud 10.00 contract compute',
      '2027 cloud->market 8.00 cost_of_sales compute',
      '2027 lab->cloud 20.00 contract compute',
      '2028 cloud->market 12.00 cost_of_sales compute',
      '2028 lab->cloud 30.00 contract compute',
      '2029 cloud->market 16.00 cost_of_sales compute',
      '2029 lab->cloud 40.00 contract compute',
    ]);
    // lab: 50 − 10 = 40, − 20 = 20, − 30 = −10, − 40 = −50 (on_shortfall: allow)
    expect(r.parties.lab.series.cash).toEqual(['40.00', '20.00', '-10.00', '-50.00']);
    expect(r.losses).toEqual([]);
  });

  it('opens the pair seller → buyer: its backlog, its sales, and no claim before a default', () => {
    const x = pair(r, 'cloud', 'lab');
    // backlog at the end of each year: what is still to come, 20 + 30 + 40 = 90, 30 + 40 = 70, 40, 0
    expect(x.series.backlog).toEqual(['90.00', '70.00', '40.00', '0.00']);
    expect([x.backlog_start, x.sales_lost]).toEqual(['100.00', '0.00']);
    // revenue 100, cost of sales 40: gross profit 60; nothing put in, nothing owed
    expect([x.revenue, x.gross_profit, x.all_in, x.net_cash]).toEqual(['100.00', '60.00', '60.00', '100.00']);
    expect(x.series.loans).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect([x.exposure_end, x.peak, x.lgd_peak, x.loss, x.terminal_value]).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect([x.npv, x.irr, x.moic]).toEqual([null, null, null]);
    expect(r.parties.lab.debt_end).toBe('0.00');
  });

  it('gives its metrics only to the pairs with a contract (null elsewhere, the row hidden in tables)', () => {
    const other = result(`${BASE}  - {id: loan, type: credit_line, lender: lab, borrower: cloud, limit: 5, draws: {2026: 5}, rate: 0%}\n`);
    const x = pair(other, 'lab', 'cloud');
    expect([x.backlog_start, x.sales_lost]).toEqual([null, null]);
    expect(x.series.backlog).toEqual(['0.00', '0.00', '0.00', '0.00']);
    const plain = cliOn('stargate: 1\nname: x\ntimeline: {start: 2026, end: 2026, step: year}\nparties: {a: {name: A}, b: {name: B}}\ndeals:\n  - {id: l, type: credit_line, lender: a, borrower: b, limit: 1, draws: {2026: 1}, rate: 0%}\n', ['model']);
    expect(plain.stdout).toContain('loans at end');
    expect(plain.stdout).not.toContain('backlog');
    expect(cliOn(BASE, ['model']).stdout).toMatch(/contract backlog at start +│ +\$100\.00/);
  });

  it('reads its backlog at a coarser period as a level, at the period\'s end', () => {
    const q = BASE.replace('step: year', 'step: quarter');
    // quarterly: 2027's 20 is 5 a quarter; at the end of 2026-Q4 the backlog is 90, at 2027-Q2 it is 70 + 5 + 5 = 80
    const r2 = cliOn(q, ['model', '--metric', 'cloud->lab.backlog@2026', '--metric', 'cloud->lab.backlog@2027-Q2', '--metric', 'cloud->lab.backlog_start']);
    expect(r2.stderr).toBe('');
    expect(r2.stdout).toMatch(/backlog@2026[│\s]+\$90\.00/);
    expect(r2.stdout).toMatch(/backlog@2027-Q2[│\s]+\$80\.00/);
    expect(r2.stdout).toMatch(/backlog_start[│\s]+\$100\.00/);
  });
});

describe('contract under a default of its buyer', () => {
  // Lab defaults at the start of 2028. Its cash: 50 − 10 − 20 = 20 at the end of 2027.
  // Backlog at the end of 2027: 30 + 40 = 70; Cloud's claim: round(25% × 70) = 17.50.
  // Recovered: round(17.50 × 40%) = 7.00, paid from Lab's cash (20 ≥ 7): no asset sale.
  // Written off: 17.50 − 7.00 = 10.50, kind contract. Then silence: no 2028 or 2029 payment.
  const r = result(defaults('lab@2028'));

  it('recovers part of the termination fee and writes off the rest', () => {
    expect(entries(r, '2028')).toEqual(['2028 lab->cloud 7.00 recovery compute']);
    expect(r.losses).toEqual([{ holder: 'cloud', obligor: 'lab', period: '2028', amount: '10.50', kind: 'contract' }]);
    // lab: 40, 20, 20 − 7 = 13, 13. cloud: 10 − 4 = 6, + 20 − 8 = 18, + 7 = 25, 25
    expect(r.parties.lab.series.cash).toEqual(['40.00', '20.00', '13.00', '13.00']);
    expect(r.parties.cloud.series.cash).toEqual(['6.00', '18.00', '25.00', '25.00']);
  });

  it('gives the pair its lost sales, the recovery as a position flow, and no claim before the default', () => {
    const x = pair(r, 'cloud', 'lab');
    expect(x.series.backlog).toEqual(['90.00', '70.00', '0.00', '0.00']);
    // sales lost: the amounts from 2028 on, 30 + 40 = 70 (the backlog at the end of 2027)
    expect([x.backlog_start, x.sales_lost]).toEqual(['100.00', '70.00']);
    // revenue 10 + 20 = 30, cost 12, gross profit 18; all-in 18 + 7 recovered = 25
    expect([x.revenue, x.gross_profit, x.all_in, x.loss, x.terminal_value]).toEqual(['30.00', '18.00', '25.00', '10.50', '0.00']);
    expect(x.series.position_flows).toEqual(['0.00', '0.00', '7.00', '0.00']);
    expect(x.series.revenue).toEqual(['10.00', '20.00', '0.00', '0.00']);
    // the fee is owed only from the default: never in loans, exposure or LGD
    expect(x.series.loans).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect([x.peak, x.lgd_peak, x.moic]).toEqual(['0.00', '0.00', null]);
  });

  it('sells the defaulter\'s assets for what its cash cannot pay', () => {
    // Lab starts with 30: 20, then 0 at the end of 2027; the 7.00 recovered is all an asset sale
    const r2 = result(defaults('lab@2028').replace('cash: 50', 'cash: 30'));
    expect(entries(r2, '2028')).toEqual(['2028 market->lab 7.00 asset_sale lab', '2028 lab->cloud 7.00 recovery compute']);
    expect(r2.parties.lab.series.cash).toEqual(['20.00', '0.00', '0.00', '0.00']);
  });

  it('is the same when the buyer\'s funding policy defaults it', () => {
    // Lab starts with 25 and may not go below zero: 15 at the end of 2026, 15 − 20 = −5 in 2027, so it
    // defaults at the start of 2027. Claim round(25% × (20 + 30 + 40)) = 22.50; recovered 40%: 9.00 from
    // its 15 of cash; written off 13.50. Sales lost 90; revenue 10.
    const r2 = result(BASE.replace('cash: 50, recovery_rate: 40%', 'cash: 25, recovery_rate: 40%, on_shortfall: default'));
    expect(r2.parties.lab.default_period).toBe('2027');
    expect(entries(r2, '2027')).toEqual(['2027 lab->cloud 9.00 recovery compute']);
    expect(r2.losses).toEqual([{ holder: 'cloud', obligor: 'lab', period: '2027', amount: '13.50', kind: 'contract' }]);
    expect(r2.parties.lab.series.cash).toEqual(['15.00', '6.00', '6.00', '6.00']);
    const x = pair(r2, 'cloud', 'lab');
    expect([x.revenue, x.sales_lost, x.loss]).toEqual(['10.00', '90.00', '13.50']);
    expect(x.series.backlog).toEqual(['90.00', '0.00', '0.00', '0.00']);
  });

  it('owes the whole commitment\'s fee on a default in the first period', () => {
    // the backlog before the first period is the whole commitment, 100: claim 25, recovered 10 from
    // Lab's 50, written off 15; nothing is ever paid
    const r2 = result(defaults('lab@2026'));
    expect(entries(r2)).toEqual(['2026 lab->cloud 10.00 recovery compute']);
    expect(r2.losses).toEqual([{ holder: 'cloud', obligor: 'lab', period: '2026', amount: '15.00', kind: 'contract' }]);
    const x = pair(r2, 'cloud', 'lab');
    expect([x.revenue, x.backlog_start, x.sales_lost]).toEqual(['0.00', '100.00', '100.00']);
    expect(x.series.backlog).toEqual(['0.00', '0.00', '0.00', '0.00']);
  });

  it('owes nothing without a fee (or with a fee of 0%), and loses the same sales', () => {
    for (const text of [defaults('lab@2028').replace(', termination_fee: 25%', ''), defaults('lab@2028').replace('termination_fee: 25%', 'termination_fee: 0%')]) {
      const r2 = result(text);
      expect(entries(r2, '2028')).toEqual([]);
      expect(r2.losses).toEqual([]);
      expect(r2.parties.lab.series.cash).toEqual(['40.00', '20.00', '20.00', '20.00']);
      const x = pair(r2, 'cloud', 'lab');
      expect([x.sales_lost, x.loss, x.all_in]).toEqual(['70.00', '0.00', '18.00']);
    }
  });

  it('rounds the fee and its recovery half-even to the cent', () => {
    // backlog at the end of 2027: 0.01 + 0.04 = 0.05; fee 50%: 2.5 cents, half-even 2 cents.
    // Recovered 40% of 0.02: 0.8 cents, 1 cent; written off 0.01.
    const text = defaults('lab@2028').replace('{2026: 10, 2027: 20, 2028: 30, 2029: 40}, termination_fee: 25%', '{2028: 0.01, 2029: 0.04}, termination_fee: 50%');
    const r2 = result(text);
    expect(entries(r2, '2028')).toEqual(['2028 lab->cloud 0.01 recovery compute']);
    expect(r2.losses).toEqual([{ holder: 'cloud', obligor: 'lab', period: '2028', amount: '0.01', kind: 'contract' }]);
  });

  it('lists its write-off with the loans, in deal file order, and keeps the fee out of the pair\'s loans', () => {
    // Cloud also lends Lab 20 in 2026 at 0%, written after the contract. At the end of 2027 the loan's
    // balance is 20 (recovered 8, written off 12) and the fee 17.50 (recovered 7, written off 10.50).
    // Lab's cash: 50 + 20 − 10 = 60, − 20 = 40; it pays the 15 recovered from it: 25.
    const r2 = result(defaults('lab@2028').replace('events:', '  - {id: cloudloan, type: credit_line, lender: cloud, borrower: lab, limit: 20, draws: {2026: 20}, rate: 0%}\nevents:'));
    expect(entries(r2, '2028')).toEqual(['2028 lab->cloud 7.00 recovery compute', '2028 lab->cloud 8.00 recovery cloudloan']);
    expect(r2.losses).toEqual([
      { holder: 'cloud', obligor: 'lab', period: '2028', amount: '10.50', kind: 'contract' },
      { holder: 'cloud', obligor: 'lab', period: '2028', amount: '12.00', kind: 'loan' },
    ]);
    expect(r2.parties.lab.series.cash).toEqual(['60.00', '40.00', '25.00', '25.00']);
    const x = pair(r2, 'cloud', 'lab');
    // loans: the credit line alone; LGD at its peak 20 × (1 − 40%) = 12; loss 10.50 + 12 = 22.50
    expect(x.series.loans).toEqual(['20.00', '20.00', '0.00', '0.00']);
    expect([x.lgd_peak, x.loss]).toEqual(['12.00', '22.50']);
    // position: −20 drawn, then 7 + 8 recovered; all-in 18 + 15 − 20 = 13
    expect(x.series.position_flows).toEqual(['-20.00', '0.00', '15.00', '0.00']);
    expect(x.all_in).toBe('13.00');
  });
});

describe('contract under a default of its seller', () => {
  it('stops the buyer\'s payments and creates nothing else', () => {
    // Cloud defaults at the start of 2028: no payment from then on, no fee, no write-off.
    // Lab keeps its 20; Cloud's cash stays at 18. The contract's backlog ends with it: sales lost 70.
    const r = result(defaults('cloud@2028'));
    expect(entries(r, '2028')).toEqual([]);
    expect(r.losses).toEqual([]);
    expect(r.parties.lab.series.cash).toEqual(['40.00', '20.00', '20.00', '20.00']);
    expect(r.parties.cloud.series.cash).toEqual(['6.00', '18.00', '18.00', '18.00']);
    const x = pair(r, 'cloud', 'lab');
    expect(x.series.backlog).toEqual(['90.00', '70.00', '0.00', '0.00']);
    expect([x.revenue, x.sales_lost, x.loss]).toEqual(['30.00', '70.00', '0.00']);
  });

  it('leaves no fee to claim when the buyer defaults after the seller', () => {
    // Cloud defaults in 2027, so the contract ended then; Lab's default in 2028 owes nothing under it
    const r = result(defaults('cloud@2027', 'lab@2028'));
    expect(entries(r, '2027')).toEqual([]);
    expect(r.losses).toEqual([]);
    const x = pair(r, 'cloud', 'lab');
    expect([x.revenue, x.sales_lost]).toEqual(['10.00', '90.00']);
    expect(x.series.backlog).toEqual(['90.00', '0.00', '0.00', '0.00']);
  });

  it('still gives the fee to a seller that defaults in the same period as the buyer', () => {
    // both at the start of 2028 (Cloud settled first, in party order, owed nothing); the claim on Lab is
    // 17.50 and Cloud recovers 7.00, the one entry a defaulter may still receive
    const r = result(defaults('cloud@2028', 'lab@2028'));
    expect(entries(r, '2028')).toEqual(['2028 lab->cloud 7.00 recovery compute']);
    expect(r.losses).toEqual([{ holder: 'cloud', obligor: 'lab', period: '2028', amount: '10.50', kind: 'contract' }]);
  });
});

describe('contracts with other deals', () => {
  it('come after purchases in a period\'s ledger; their costs of sales follow the file order; a pair\'s contracts add up', () => {
    // a second contract and a purchase on the same pair, written before the first contract
    const text = BASE.replace(
      'deals:\n',
      'deals:\n  - {id: extra, type: contract, buyer: lab, seller: cloud, amount: {2029: 8}, termination_fee: 50%}\n  - {id: spot, type: purchase, buyer: lab, seller: cloud, amount: {2026: 1}}\n',
    );
    const r = result(text);
    // 2026: the purchase (1, cost 0.40) and the contract (10, cost 4): sales in the order made, by file
    expect(entries(r).filter((e: string) => e.startsWith('2026'))).toEqual([
      '2026 cloud->market 0.40 cost_of_sales spot',
      '2026 cloud->market 4.00 cost_of_sales compute',
      '2026 lab->cloud 1.00 purchase spot',
      '2026 lab->cloud 10.00 contract compute',
    ]);
    // (rule) costs of sales follow the sales in the order the deals are written: a purchase written after
    // the contract has its cost of sales after the contract's, while its payment still comes first (kind order)
    const after = result(`${BASE}  - {id: spot, type: purchase, buyer: lab, seller: cloud, amount: {2026: 1}}\n`);
    expect(entries(after).filter((e: string) => e.startsWith('2026'))).toEqual([
      '2026 cloud->market 4.00 cost_of_sales compute',
      '2026 cloud->market 0.40 cost_of_sales spot',
      '2026 lab->cloud 1.00 purchase spot',
      '2026 lab->cloud 10.00 contract compute',
    ]);
    const x = pair(r, 'cloud', 'lab');
    // backlogs add up: 90 + 8, 70 + 8, 40 + 8, 0; commitments 100 + 8
    expect(x.series.backlog).toEqual(['98.00', '78.00', '48.00', '0.00']);
    expect([x.backlog_start, x.revenue]).toEqual(['108.00', '109.00']);
    // Lab defaults in 2029: fees round(50% × 8) = 4 (extra, first in the file) and round(25% × 40) = 10
    const d = result(`${text}events:\n  - {type: default, party: lab, at: 2029}\n`);
    expect(d.losses.map((l: any) => `${l.amount} ${l.kind}`)).toEqual(['2.40 contract', '6.00 contract']);
    // Lab's cash at the end of 2028: 50 − 11 − 20 − 30 = −11, so the 1.60 + 4.00 recovered are an asset sale
    expect(entries(d, '2029')).toEqual(['2029 market->lab 5.60 asset_sale lab', '2029 lab->cloud 1.60 recovery extra', '2029 lab->cloud 4.00 recovery compute']);
    expect(pair(d, 'cloud', 'lab').sales_lost).toBe('48.00');
  });

  it('replaces its amount whole in a file that extends it, and merges the rest', () => {
    const m = model('stargate: 1\nextends: base.yaml\nname: Child\ndeals:\n  - {id: compute, amount: {2027: 5}}\n', [], { 'base.yaml': BASE });
    const d = m.deals[0]!;
    expect(d.kind).toBe('contract');
    if (d.kind !== 'contract') return;
    // only 2027's 5 is left of the amount map; the 25% fee stays
    expect(d.amount.map(String)).toEqual(['0', '500', '0', '0']);
    expect(d.fee).toEqual({ num: 25n, den: 100n });
  });
});

describe('contract errors', () => {
  const deal = (fields: string) => `stargate: 1\nname: x\ntimeline: {start: 2026, end: 2027, step: year}\nparties: {cloud: {name: Cloud}, lab: {name: Lab}}\ndeals:\n  - {id: c, type: contract, ${fields}}\n`;

  it('names the same party twice, an unknown party, a fee outside 0..100% and a negative amount', () => {
    expect(problems(deal('buyer: lab, seller: lab, amount: 1, termination_fee: 100%'))).toEqual(['s.yaml:6:49: deals.c.seller: the buyer and seller are the same party ("lab")']);
    expect(problems(deal('buyer: lab, seller: cloud, amount: 1, termination_fee: 101%'))).toEqual(['s.yaml:6:84: deals.c.termination_fee: must be at most 100%, got 101%']);
    expect(problems(deal('buyer: lab, seller: clod, amount: 1'))).toEqual(['s.yaml:6:49: deals.c.seller: there is no party "clod"; did you mean "cloud"?']);
    // values the decoder rejects are all reported at once (the deal's references are checked once its values are good)
    expect(problems(deal('buyer: lab, seller: clod, amount: {2026: -1}, termination_fee: -5%'))).toEqual([
      's.yaml:6:70: deals.c.amount.2026: must not be negative, got -1',
      's.yaml:6:92: deals.c.termination_fee: must not be negative, got -5%',
    ]);
  });

  it('warns of amounts outside the timeline, which are left out of the backlog', () => {
    const r = cliOn(deal('buyer: lab, seller: cloud, amount: {2027: 1, 2030: 9}'), ['model', '--metric', 'cloud->lab.backlog_start']);
    expect(r.stderr).toContain('s.yaml:6:74: deals.c.amount.2030: warning: 2030 is outside the timeline (2026 to 2027); ignored');
    expect(r.stdout).toMatch(/backlog_start[│\s]+\$1\.00/);
  });
});

describe('the worked contract of docs/format.md section 5 (docs/examples/contract-worked.yaml)', () => {
  // the same figures as the test above, in billions, as the text derives them
  const r = cli(['model', 'docs/examples/contract-worked.yaml', '--format', 'json']);
  const got = JSON.parse(r.stdout);
  const B = (x: string) => `${x}000000000.00`;

  it('runs cleanly', () => expect([r.status, r.stderr]).toEqual([0, '']));

  it('recovers 40% of 25% × 70B = 17.5B from Lab\'s cash and writes off 10.5B', () => {
    expect(entries(got, '2028')).toEqual([`2028 lab->cloud ${B('7')} recovery compute`]);
    expect(got.losses).toEqual([{ holder: 'cloud', obligor: 'lab', period: '2028', amount: '10500000000.00', kind: 'contract' }]);
    expect(got.parties.lab.series.cash).toEqual([B('40'), B('20'), B('13'), B('13')]);
    expect(got.parties.cloud.series.cash).toEqual([B('6'), B('18'), B('25'), B('25')]);
  });

  it('gives Cloud → Lab the backlog, the sales lost and the all-in of the text', () => {
    const x = pair(got, 'cloud', 'lab');
    expect(x.series.backlog).toEqual([B('90'), B('70'), '0.00', '0.00']);
    expect([x.backlog_start, x.sales_lost, x.revenue, x.gross_profit, x.loss, x.all_in]).toEqual([B('100'), B('70'), B('30'), B('18'), '10500000000.00', B('25')]);
    expect([x.npv, x.irr, x.moic, x.lgd_peak]).toEqual([null, null, null, '0.00']);
  });
});

describe('scenarios/openai-compute-contracts.yaml: a default of OpenAI in 2028-Q2', () => {
  // Worked in the file's header. Each backlog at the end of 2028-Q1 is the amounts of 2028-Q2 to 2030-Q4:
  //   Oracle 45 + 60 + 60 = 165B, fee 25% = 41.25B, recovered 40% = 16.5B, written off 24.75B
  //   Microsoft 15 + 30 + 40 = 85B, fee 10% = 8.5B, recovered 3.4B, written off 5.1B
  //   Amazon: 5428571428.57 a year is 1357142857.15 in a year's first quarter and 1357142857.14 in the
  //     others; 3 × 1357142857.14 + 2 × 5428571428.57 = 14928571428.56, fee 10% = 1492857142.856 → .86,
  //     recovered 40% = 597142857.144 → .14, written off 895714285.72
  //   CoreWeave 3 × 1.12 + 4.48 + 4.48 = 12.32B, fee 25% = 3.08B, recovered 1.232B, written off 1.848B
  // OpenAI is at its 5B floor at the end of 2028-Q1: the 21729142857.14 recovered are 5B of cash and an
  // asset sale of 16729142857.14.
  const FILE = 'scenarios/openai-compute-contracts.yaml';
  const stressed = JSON.parse(cli(['model', FILE, '--set', 'events=[{type: default, party: openai, at: 2028-Q2}]', '--format', 'json']).stdout);
  const plain = JSON.parse(cli(['model', FILE, '--format', 'json']).stdout);
  const SELLERS = ['oracle', 'microsoft', 'amazon', 'coreweave'];

  it('writes off the part of each termination fee not recovered, kind contract', () => {
    expect(stressed.losses.map((l: any) => `${l.holder} ${l.amount} ${l.kind}`)).toEqual([
      'oracle 24750000000.00 contract',
      'microsoft 5100000000.00 contract',
      'amazon 895714285.72 contract',
      'coreweave 1848000000.00 contract',
    ]);
    expect(entries(stressed, '2028-Q2').filter((e: string) => e.startsWith('2028-Q2 ') && /asset_sale|recovery/.test(e))).toEqual([
      '2028-Q2 market->openai 16729142857.14 asset_sale openai',
      '2028-Q2 openai->oracle 16500000000.00 recovery oracle-contract',
      '2028-Q2 openai->microsoft 3400000000.00 recovery azure-contract',
      '2028-Q2 openai->amazon 597142857.14 recovery aws-contract',
      '2028-Q2 openai->coreweave 1232000000.00 recovery coreweave-contract',
    ]);
  });

  it('loses each provider its backlog at the end of 2028-Q1', () => {
    expect(SELLERS.map((s) => pair(stressed, s, 'openai').sales_lost)).toEqual(['165000000000.00', '85000000000.00', '14928571428.56', '12320000000.00']);
    expect(SELLERS.map((s) => pair(stressed, s, 'openai').series.backlog[8])).toEqual(['165000000000.00', '85000000000.00', '14928571428.56', '12320000000.00']);
    // the whole commitments within 2026-2030: 210B, 100B, 5 × 5428571428.57, 5 × 4.48B
    expect(SELLERS.map((s) => pair(plain, s, 'openai').backlog_start)).toEqual(['210000000000.00', '100000000000.00', '27142857142.85', '22400000000.00']);
  });

  it('pays what the base\'s purchases pay: the same cash for every party', () => {
    const base = JSON.parse(cli(['model', 'scenarios/base-buildout.yaml', '--format', 'json']).stdout);
    for (const p of Object.keys(base.parties)) expect(plain.parties[p].series.cash).toEqual(base.parties[p].series.cash);
    expect(plain.ledger.filter((e: any) => e.kind === 'purchase')).toEqual([]);
    expect(plain.losses).toEqual([]);
  });
});

describe('stargate stress on the contracts', () => {
  it('gives each provider its loss, recoveries and sales lost (the figures above)', () => {
    const r = cli(['stress', 'scenarios/openai-compute-contracts.yaml', '--default', 'openai@2028-Q2', '--format', 'json']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const impact = JSON.parse(r.stdout).impact as any[];
    // loss = fee − recovered; sales lost = the backlog at the end of 2028-Q1
    expect(impact.filter((x) => x.holder !== 'nvidia').map((x) => [x.holder, x.loss, x.recoveries, x.sales_lost])).toEqual([
      ['oracle', '24750000000.00', '16500000000.00', '165000000000.00'],
      ['microsoft', '5100000000.00', '3400000000.00', '85000000000.00'],
      ['amazon', '895714285.72', '597142857.14', '14928571428.56'],
      ['coreweave', '1848000000.00', '1232000000.00', '12320000000.00'],
    ]);
  });
});
