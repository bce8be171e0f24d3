// financing-and-default.md section 4: `stargate stress FILE --default PARTY@PERIOD
// [--recovery R]` runs the scenario as written (A) and with those defaults added
// (B), and prints per holder the loss, the recoveries, the sales lost and the
// change in all-in, then the metric diff of `diff`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, model } from './helpers.js';
import { addDefaults } from '../src/scenario/add-defaults.js';
import { parseDefaultOption, parseRecoveryOption, type DefaultOption } from '../src/scenario/stress-options.js';
import { modelResult } from '../src/metrics/result.js';
import { defaultImpact } from '../src/metrics/impact.js';
import { KINDS } from '../src/engine/ledger.js';
import type { Model } from '../src/scenario/compile.js';

const VL = 'test/stress/vendor-lab.yaml';
const C = 'scenarios/circular-100b.yaml';
const E = 'scenarios/equity-20b.yaml';
const B = 1_000_000_000n * 100n; // $1B in cents

/** Cents from the plain money text of the JSON outputs (test-side only). */
const cents = (s: string): bigint => {
  const [w, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(w!) * 100n + BigInt(f.padEnd(2, '0'));
  return s.startsWith('-') ? -v : v;
};
const text = (c: bigint): string => {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};
/** a × num / den rounded half to even, worked out here rather than with the engine's helper. */
const halfEven = (a: bigint, num: bigint, den: bigint): bigint => {
  const q = (a * num) / den;
  const r2 = ((a * num) % den) * 2n;
  return r2 > den || (r2 === den && q % 2n === 1n) ? q + 1n : q;
};

const json = (args: string[]) => {
  const r = cli(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
};

function option(m: Model, text: string, index = 1): DefaultOption {
  const o = parseDefaultOption(text, index, m);
  if (!o.ok) throw new Error(o.message);
  return o.value;
}

describe('hand-computed: a vendor that lends and sells to a lab, a fund, a bank, a chip supplier', () => {
  // The scenario (yearly, 2026-2029): the lab builds 1 GW a year at $10B a GW,
  // 60% of it bought from the vendor and 10% from chips; it loses $3B a year.
  // vendor-credit: $5B drawn per GW, 10% a year, interest capitalized.
  // bank-credit: $4B drawn in 2026, 5% a year, interest paid.
  // fund: $8B of lab equity in 2026. The lab defaults at the start of 2028.
  //
  // Claims at the end of 2027 (t − 1):
  //   vendor: 2026 draws 5 → 5; 2027 interest 5 × 10% = 0.5 capitalized, draw 5 → 10.5B
  //   bank:   2026 draws 4 → 4; 2027 interest 0.2 paid → 4B
  // recovery = round(claim × 25%): vendor 2.625B, bank 1B (3.625B in all)
  // write-offs: vendor 10.5 − 2.625 = 7.875B; bank 4 − 1 = 3B; fund's equity at cost 8B
  // the lab's cash at the end of 2027: 5 opening
  //   2026: + 4 bank + 8 fund + 5 vendor − 10 capex − 3 = 9
  //   2027: − 0.2 interest + 5 vendor − 10 capex − 3 = 0.8
  // so the asset sale is 3.625 − 0.8 = 2.825B
  // sales lost: vendor 6B a year in 2028 and 2029 = 12B; chips 1B a year = 2B
  // all-in (gross profit + position inflows + terminal value − outflows):
  //   vendor A: 24 × 50% = 12 + 0 + 23.205 (10.5 → 2028: +1.05 +5 = 16.55 → 2029: +1.655 +5 = 23.205) − 20 = 15.205
  //   vendor B: 12 × 50% = 6 + 2.625 + 0 − 10 = −1.375          Δ = −16.58B
  //   bank   A: 0 + 0.2 × 3 + 4 − 4 = 0.6;  B: 0 + 0.2 + 1 + 0 − 4 = −2.8   Δ = −3.4B
  //   fund   A: 0 + 0 + 8 (at cost, no valuation) − 8 = 0;  B: −8      Δ = −8B
  const written = model(readFileSync(join(ROOT, VL), 'utf8'));

  it('the impact in JSON, every field', () => {
    const j = json(['stress', VL, '--default', 'lab@2028', '--format', 'json']);
    expect(j.format).toBe('stargate-stress/1');
    expect(j.scenario).toEqual({ name: 'Vendor, lab, fund, bank, chips', file: VL });
    expect(j.added).toEqual([{ party: 'lab', period: '2028' }]);
    expect(j.recovery).toBeNull();
    expect(j.defaults).toEqual([{ party: 'lab', period: '2028', cause: 'option' }]);
    const zero = '0.00';
    expect(j.impact).toEqual([
      {
        holder: 'vendor', obligor: 'lab', default_period: '2028',
        loss_loan: '7875000000.00', loss_equity: zero, loss: '7875000000.00', recoveries: '2625000000.00',
        sales_lost: '12000000000.00', all_in_delta: '-16580000000.00',
        a: { loss_loan: zero, loss_equity: zero, recoveries: zero, sales: '24000000000.00', all_in: '15205000000.00' },
        b: { loss_loan: '7875000000.00', loss_equity: zero, recoveries: '2625000000.00', sales: '12000000000.00', all_in: '-1375000000.00' },
      },
      {
        holder: 'fund', obligor: 'lab', default_period: '2028',
        loss_loan: zero, loss_equity: '8000000000.00', loss: '8000000000.00', recoveries: zero,
        sales_lost: zero, all_in_delta: '-8000000000.00',
        a: { loss_loan: zero, loss_equity: zero, recoveries: zero, sales: zero, all_in: zero },
        b: { loss_loan: zero, loss_equity: '8000000000.00', recoveries: zero, sales: zero, all_in: '-8000000000.00' },
      },
      {
        holder: 'bank', obligor: 'lab', default_period: '2028',
        loss_loan: '3000000000.00', loss_equity: zero, loss: '3000000000.00', recoveries: '1000000000.00',
        sales_lost: zero, all_in_delta: '-3400000000.00',
        a: { loss_loan: zero, loss_equity: zero, recoveries: zero, sales: zero, all_in: '600000000.00' },
        b: { loss_loan: '3000000000.00', loss_equity: zero, recoveries: '1000000000.00', sales: zero, all_in: '-2800000000.00' },
      },
      // chips has no pair: its sales come from the ledgers (capex lab → chips), and it has no all-in
      {
        holder: 'chips', obligor: 'lab', default_period: '2028',
        loss_loan: zero, loss_equity: zero, loss: zero, recoveries: zero,
        sales_lost: '2000000000.00', all_in_delta: null,
        a: { loss_loan: zero, loss_equity: zero, recoveries: zero, sales: '4000000000.00', all_in: null },
        b: { loss_loan: zero, loss_equity: zero, recoveries: zero, sales: '2000000000.00', all_in: null },
      },
    ]);
    // loans (deal file order) before equity
    expect(j.losses).toEqual([
      { holder: 'vendor', obligor: 'lab', period: '2028', amount: '7875000000.00', kind: 'loan' },
      { holder: 'bank', obligor: 'lab', period: '2028', amount: '3000000000.00', kind: 'loan' },
      { holder: 'fund', obligor: 'lab', period: '2028', amount: '8000000000.00', kind: 'equity' },
    ]);
    // the diff is diff's own document: A as written, B stressed
    expect(j.diff.format).toBe('stargate-diff/1');
    expect(j.diff.inputs).toEqual([{ path: 'events', a: null, b: '[{type: default, party: lab, at: 2028}]' }]);
    const m = (scope: string, metric: string) => j.diff.metrics.find((x: any) => x.scope === scope && x.metric === metric);
    expect(m('lab', 'default_period')).toEqual({ scope: 'lab', metric: 'default_period', a: null, b: '2028', delta: null, delta_pct: null });
    expect(m('vendor->lab', 'all_in')).toMatchObject({ a: '15205000000.00', b: '-1375000000.00', delta: '-16580000000.00' });
  });

  it('the ledger of B: the asset sale covers what the cash does not, then a recovery per credit line', () => {
    const b = modelResult(addDefaults(written, [option(written, 'lab@2028')], null).model);
    const at2028 = b.ledger.filter((e) => b.model.timeline.labels[e.period] === '2028' && (KINDS[e.kind] === 'asset_sale' || KINDS[e.kind] === 'recovery'));
    expect(at2028.map((e) => [KINDS[e.kind], e.source, e.amount])).toEqual([
      ['asset_sale', 'lab', 2_825_000_000n * 100n], // 3.625B − 0.8B of cash
      ['recovery', 'vendor-credit', 2_625_000_000n * 100n],
      ['recovery', 'bank-credit', 1n * B],
    ]);
  });

  it('--recovery replaces the defaulter\'s rate: 40% of 10.5B and of 4B', () => {
    const j = json(['stress', VL, '--default', 'lab@2028', '--recovery', '40%', '--format', 'json']);
    expect(j.recovery).toEqual({ rate: '0.400000', parties: ['lab'] });
    const row = (h: string) => j.impact.find((x: any) => x.holder === h);
    // vendor: 10.5 × 40% = 4.2 recovered, 6.3 written off; bank: 1.6 and 2.4
    expect([row('vendor').recoveries, row('vendor').loss_loan]).toEqual(['4200000000.00', '6300000000.00']);
    expect([row('bank').recoveries, row('bank').loss_loan]).toEqual(['1600000000.00', '2400000000.00']);
    expect(j.diff.inputs).toEqual([
      { path: 'events', a: null, b: '[{type: default, party: lab, at: 2028}]' },
      { path: 'parties.lab.recovery_rate', a: '25%', b: '40%' },
    ]);
    // 0.4 is the same ratio, read exactly
    const k = json(['stress', VL, '--default', 'lab@2028', '--recovery', '0.4', '--format', 'json']);
    expect(k.impact).toEqual(j.impact);
    // the asset sale is then 5.8B − 0.8B
    const b = modelResult(addDefaults(written, [option(written, 'lab@2028')], parseRecovery('40%')).model);
    expect(b.ledger.find((e) => KINDS[e.kind] === 'asset_sale')?.amount).toBe(5n * B);
  });

  it('a pair\'s sales lost is the drop in its revenue, the same as the ledgers give', () => {
    const a = modelResult(written);
    const b = modelResult(addDefaults(written, [option(written, 'lab@2028')], null).model);
    const sales = (r: typeof a, to: string) =>
      r.ledger.filter((e) => r.model.parties[e.from]?.id === 'lab' && r.model.parties[e.to]?.id === to && ['capex', 'purchase'].includes(KINDS[e.kind]!)).reduce((s, e) => s + e.amount, 0n);
    const vendor = defaultImpact(a, b).find((x) => a.model.parties[x.holder]!.id === 'vendor')!;
    expect(vendor.a.sales - vendor.b.sales).toBe(sales(a, 'vendor') - sales(b, 'vendor'));
    expect(vendor.a.sales - vendor.b.sales).toBe(12n * B);
  });

  it('the table: one row per holder and supplier, to the cent with --exact', () => {
    const r = cli(['stress', VL, '--default', 'lab@2028', '--exact']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Stress: Vendor, lab, fund, bank, chips (test/stress/vendor-lab.yaml)',
      'A = as written; B = with --default lab@2028',
      'Defaults in B: lab in 2028 (--default)',
    ]);
    const row = (h: string) => lines.find((l) => l.startsWith(`│ ${h} `))!.split('│').slice(1, -1).map((c) => c.trim());
    expect(row('Vendor')).toEqual(['Vendor', 'Lab', '2028', '$7,875,000,000.00', '$0.00', '$2,625,000,000.00', '$12,000,000,000.00', '-$16,580,000,000.00']);
    expect(row('Chips')).toEqual(['Chips', 'Lab', '2028', '$0.00', '$0.00', '$0.00', '$2,000,000,000.00', '—']);
  });

  it('the sample in docs/cli.md is what it prints', () => {
    const sample = /\$ stargate stress test\/stress\/vendor-lab\.yaml --default lab@2028\n([\s\S]*?)\n\.\.\.\n/.exec(readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8'));
    expect(sample).not.toBeNull();
    expect(cli(['stress', VL, '--default', 'lab@2028']).stdout.startsWith(`${sample![1]}\n`)).toBe(true);
  });

  it('CSV: diff\'s columns, the impact first (A, B, Δ of each figure), then diff\'s rows', () => {
    const r = cli(['stress', VL, '--default', 'lab@2028', '--format', 'csv']);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\r\n');
    expect(rows.slice(0, 5)).toEqual([
      'scope,metric,a,b,delta,delta_pct',
      'vendor->lab,stress.loss_loan,0.00,7875000000.00,7875000000.00,',
      'vendor->lab,stress.loss_equity,0.00,0.00,0.00,',
      'vendor->lab,stress.recoveries,0.00,2625000000.00,2625000000.00,',
      'vendor->lab,stress.sales,24000000000.00,12000000000.00,-12000000000.00,-0.500000',
    ]);
    expect(rows).toContain('chips->lab,stress.sales,4000000000.00,2000000000.00,-2000000000.00,-0.500000');
    // then exactly diff's rows
    const diffRows = cli(['diff', VL, VL, '--set-b', 'events=[{type: default, party: lab, at: 2028}]', '--format', 'csv']).stdout.split('\r\n').slice(1);
    expect(rows.slice(rows.length - diffRows.length)).toEqual(diffRows);
  });

  it('--party keeps the rows of those parties', () => {
    const j = json(['stress', VL, '--default', 'lab@2028', '--party', 'chips', '--format', 'json']);
    expect(j.impact.map((x: any) => x.holder)).toEqual(['chips']);
    expect(j.losses).toEqual([]);
    expect([...new Set(j.diff.metrics.map((x: any) => x.scope))]).toEqual(['chips']);
  });
});

function parseRecovery(t: string) {
  const r = parseRecoveryOption(t);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('addDefaults: the defaults merged with the events of the file', () => {
  const base = readFileSync(join(ROOT, VL), 'utf8');
  const eventAt = (label: string) => model(`${base}events:\n  - {type: default, party: lab, at: ${label}}\n`);
  const withEvent = eventAt('2029');
  // the event's item: two lines below the file's last
  const where = `s.yaml:${base.split('\n').length + 1}:5`;

  it('a --default earlier than the file\'s event replaces it, with a warning at the event', () => {
    const s = addDefaults(withEvent, [option(withEvent, 'lab@2028')], null);
    expect(s.model.events.map((e) => [e.party, e.at])).toEqual([[1, 2]]);
    expect(s.applied.map((o) => o.text)).toEqual(['lab@2028']);
    expect(s.warnings.map((w) => `${w.loc.file}:${w.loc.line}:${w.loc.col}: ${w.path}: ${w.message}`)).toEqual([
      `${where}: events[0]: lab defaults in 2028 by --default lab@2028; a party defaults at most once (the earliest counts), so this event (2029) is ignored`,
    ]);
    // the model given is left as it was
    expect(withEvent.events.map((e) => e.at)).toEqual([3]);
  });

  it('a --default at or after the file\'s event is ignored, with a warning at the option', () => {
    const m = eventAt('2028');
    for (const t of ['lab@2028', 'lab@2029']) {
      const s = addDefaults(m, [option(m, t, 2)], null);
      expect(s.model.events.map((e) => e.at)).toEqual([2]);
      expect(s.applied).toEqual([]);
      expect(s.warnings.map((w) => [w.loc, w.message])).toEqual([
        [{ file: '--default', line: 2, col: 1 }, `lab defaults in 2028 by its event at ${where}; a party defaults at most once (the earliest counts), so --default ${t} is ignored`],
      ]);
    }
  });

  it('between --default options the earliest counts, the first given at a tie', () => {
    const s = addDefaults(written(), [option(written(), 'lab@2029', 1), option(written(), 'lab@2027', 2), option(written(), 'lab@2027', 3)], null);
    expect(s.model.events.map((e) => e.at)).toEqual([1]);
    expect(s.applied.map((o) => o.index)).toEqual([2]);
    expect(s.warnings.map((w) => w.loc.line)).toEqual([1, 3]);
  });

  it('--recovery replaces the rate of the parties named, in every period, and no other', () => {
    const m = written();
    const s = addDefaults(m, [option(m, 'lab@2028')], parseRecovery('40%'));
    const r = s.model.parties[1]!.recovery;
    expect(r.length).toBe(4);
    for (const x of r) expect(x.num * 5n).toBe(x.den * 2n); // 2/5 in every period
    expect(s.model.parties[0]!.recovery).toBe(m.parties[0]!.recovery);
    const before = m.parties[1]!.recovery[0]!;
    expect(before.num * 4n).toBe(before.den); // still 25%
  });

  function written(): Model {
    return model(base);
  }
});

describe('the options read exactly', () => {
  const m = model(readFileSync(join(ROOT, VL), 'utf8'));
  it('a label coarser than the step is its first step-period; a finer one the step-period holding it', () => {
    const q = model(readFileSync(join(ROOT, VL), 'utf8'), ['timeline.step=quarter']);
    expect(option(q, 'lab@2028').at).toBe(8);
    expect(option(q, 'lab@2028-H2').at).toBe(10);
    expect(option(q, 'lab@2028-08').at).toBe(10);
    expect(option(m, 'lab@2028-Q3').at).toBe(2);
  });
  it('--recovery: N% is N/100, a plain number a fraction, both exact', () => {
    expect(parseRecovery('40%').toFixed()).toBe('0.4');
    expect(parseRecovery('0.4').toFixed()).toBe('0.4');
    expect(parseRecovery('33.333333333333333333%').toFixed()).toBe('0.33333333333333333333');
    expect(parseRecovery('0%').toFixed()).toBe('0');
    expect(parseRecovery('100%').toFixed()).toBe('1');
  });
});

describe('stress on the bundled scenarios', () => {
  // Figures computed from the unstressed run's own JSON, so that they hold
  // whatever the scenarios are calibrated to. --recovery 40% pins the rate.
  const at = (j: any, label: string): number => j.scenario.timeline.periods.indexOf(label); // number-ok: an index
  const pair = (j: any, h: string, o: string) => j.exposures.find((x: any) => x.holder === h && x.obligor === o);

  it('the $100B credit: NVIDIA loses the 2027-Q4 balance less 40% of it, recovers 40%, and loses the sales from 2028-Q1 on', () => {
    const a = json(['model', C, '--format', 'json']);
    const s = json(['stress', C, '--default', 'openai@2028-Q1', '--recovery', '40%', '--format', 'json']);
    const x = pair(a, 'nvidia', 'openai');
    const claim = cents(x.series.loans[at(a, '2027-Q4')]);
    const recovered = halfEven(claim, 40n, 100n);
    const row = s.impact.find((r: any) => r.holder === 'nvidia' && r.obligor === 'openai');
    expect(row.recoveries).toBe(text(recovered));
    expect(row.loss_loan).toBe(text(claim - recovered));
    expect(row.loss_equity).toBe('0.00');
    // the sales before the default are untouched: what is lost is every sale from 2028-Q1 on
    const lost = (x.series.revenue as string[]).slice(at(a, '2028-Q1')).reduce((t, v) => t + cents(v), 0n);
    expect(row.sales_lost).toBe(text(lost));
    expect(row.all_in_delta).toBe(text(cents(row.b.all_in) - cents(x.all_in)));
    expect(row.a.all_in).toBe(x.all_in);
  });

  it('the $20B stake: each holder of OpenAI equity loses what it paid in, and no loan', () => {
    const a = json(['model', E, '--format', 'json']);
    const s = json(['stress', E, '--default', 'openai@2028-Q1', '--format', 'json']);
    const holders = a.exposures.filter((x: any) => x.obligor === 'openai');
    expect(holders.length).toBeGreaterThan(0);
    for (const x of holders) {
      const row = s.impact.find((r: any) => r.holder === x.holder && r.obligor === 'openai');
      expect(row.loss_equity).toBe(x.series.equity_cost[at(a, '2027-Q4')]);
      expect(row.loss_loan).toBe('0.00');
    }
    // as the scenario is written today, NVIDIA's stake is $20B
    expect(s.impact.find((r: any) => r.holder === 'nvidia').loss_equity).toBe(pair(a, 'nvidia', 'openai').equity_cost_end);
  });
});

describe('errors: one line, exit 2, nothing on stdout', () => {
  const cases: [string[], string][] = [
    [['stress', C], 'stargate: stress needs at least one --default PARTY@PERIOD, such as --default openai@2028-Q1\n'],
    [['stress', C, '--default', 'openi@2028-Q1'], 'stargate: --default openi@2028-Q1: there is no party "openi"; did you mean "openai"? The parties are nvidia, openai, oracle, microsoft, amazon, coreweave\n'],
    [['stress', C, '--default', 'zzz@2028-Q1'], 'stargate: --default zzz@2028-Q1: there is no party "zzz"; the parties are nvidia, openai, oracle, microsoft, amazon, coreweave\n'],
    [['stress', C, '--default', 'market@2028-Q1'], 'stargate: --default market@2028-Q1: "market" is the implicit outside party; it cannot default. The parties are nvidia, openai, oracle, microsoft, amazon, coreweave\n'],
    [['stress', C, '--default', 'openai@2031-Q1'], 'stargate: --default openai@2031-Q1: 2031-Q1 is outside the timeline; the timeline is 2026-Q1 to 2030-Q4, by quarter\n'],
    [['stress', C, '--default', 'openai@2025'], 'stargate: --default openai@2025: 2025 is outside the timeline; the timeline is 2026-Q1 to 2030-Q4, by quarter\n'],
    [['stress', C, '--default', 'openai@2026', '--set', 'timeline.start=2026-Q3'], 'stargate: --default openai@2026: 2026 starts before the timeline does (a default is at the start of the label\'s first quarter); the timeline is 2026-Q3 to 2030-Q4, by quarter, so name 2026-Q3 or later\n'],
    [['stress', C, '--default', 'openai'], 'stargate: --default "openai": expected PARTY@PERIOD, such as openai@2028-Q1\n'],
    [['stress', C, '--default', 'openai@2028Q1'], 'stargate: --default openai@2028Q1: expected a period label: YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM, years 1900 to 2200 (e.g. 2026, 2026-H2, 2026-Q3, 2026-07) after @\n'],
    [['stress', C, '--default', 'openai@2028-Q1', '--recovery', '140%'], 'stargate: --recovery must be a ratio from 0% to 100%, such as 40% or 0.4; got "140%"\n'],
    [['stress', C, '--default', 'openai@2028-Q1', '--recovery', '40'], 'stargate: --recovery must be a ratio from 0% to 100%, such as 40% or 0.4; got "40" (for 40% write the % sign)\n'],
    [['stress', C, '--default', 'openai@2028-Q1', '--recovery', '-0.1'], 'stargate: --recovery must be a ratio from 0% to 100%, such as 40% or 0.4; got "-0.1"\n'],
    [['stress', C, '--default', 'openai@2028-Q1', '--recovery', 'forty'], 'stargate: --recovery must be a ratio from 0% to 100%, such as 40% or 0.4; got "forty"\n'],
  ];
  it.each(cases)('%j', (args, stderr) => {
    expect(cli(args)).toEqual({ status: 2, stdout: '', stderr });
  });

  it('a usage error comes before the scenario\'s own problems', () => {
    expect(cli(['stress', 'nope.yaml', '--default', 'x'])).toMatchObject({ status: 2, stdout: '' });
    expect(cli(['stress', 'nope.yaml', '--default', 'x@2028'])).toEqual({ status: 1, stdout: '', stderr: 'nope.yaml:1:1: cannot read nope.yaml: no such file\n' });
  });

  it('a default left out is a warning on stderr, as the loader\'s; --quiet drops it', () => {
    const set = ['--set', 'events=[{type: default, party: lab, at: 2027}]'];
    const r = cli(['stress', VL, ...set, '--default', 'lab@2028', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('--default:1:1: warning: lab defaults in 2027 by its event at --set:1:9; a party defaults at most once (the earliest counts), so --default lab@2028 is ignored\n');
    const j = JSON.parse(r.stdout);
    expect(j.added).toEqual([]);
    expect(j.defaults).toEqual([{ party: 'lab', period: '2027', cause: 'event' }]);
    expect(cli(['stress', VL, ...set, '--default', 'lab@2028', '--quiet', '--format', 'json']).stderr).toBe('');
  });
});
