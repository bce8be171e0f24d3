/**
 * backstop: a guarantor buys the capacity a beneficiary could not sell, up to
 * a cap, until a period (instruments.md, "backstop"). What is left of the cap
 * is a contingent commitment, shown beside the exposure but not in it.
 */
import { periodIndex } from '../scenario/periods.js';
import { cents, roundDiv, toCents, type Ratio } from '../money/decimal.js';
import { amount, oneOf, opt, period, ratio, ref, req, series } from '../scenario/decode.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule } from './types.js';

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['backstop'] as const), 'backstop'),
  guarantor: req(ref('party'), 'party that buys the unsold capacity'),
  beneficiary: req(ref('party'), 'party whose unsold capacity is bought'),
  cap: req(amount({ min: 'positive' }), 'the most the guarantor pays over the whole backstop'),
  until: opt(period(), 'last period the backstop covers (through its last step-period); default: the end of the timeline'),
  capacity_value: req(series(amount({ min: 'zero' })), 'yearly value of the capacity covered, level'),
  utilization: req(series(ratio({ min: 'zero', maxOne: true })), 'share of the capacity the beneficiary sells itself, level'),
};

export interface BackstopM extends CompiledDeal<'backstop'> {
  readonly guarantor: number;
  readonly beneficiary: number;
  readonly cap: bigint;
  /** the last period covered (may lie after the timeline's end) */
  readonly until: number;
  /** per period: round(capacity_value / ppy × (1 − utilization)), before the cap; zero after `until` */
  readonly unsold: readonly bigint[];
}

type Context = Parameters<DealModule<'backstop', typeof fields, BackstopM>['compile']>[1];

function compile(d: DealIn<'backstop', typeof fields>, cx: Context): BackstopM | undefined {
  const { c } = cx;
  const [guarantor, beneficiary] = cx.twoParties(d.guarantor, d.beneficiary, 'guarantor and beneficiary');
  const n = c.tl.count;
  let until = n - 1;
  if (d.until) {
    const u = d.until.value;
    // the step-period that holds the label's last month: `until: 2032` covers all of 2032
    until = periodIndex(c.tl, u.first + u.months - 1);
    if (until < 0) c.terror(d.until.loc, d.until.path, `${u.label} is before the timeline starts (${c.tl.labels[0]}); the backstop would cover nothing`);
  }
  const value = c.level(d.capacity_value);
  const used = c.level(d.utilization);
  if (!value || !used || guarantor < 0 || beneficiary < 0 || until < 0) return undefined;
  const v = c.ratios(value);
  const u = c.ratios(used);
  const ppy = BigInt(c.tl.ppy);
  const unsold = new Array<bigint>(n).fill(0n);
  for (let t = 0; t <= until && t < n; t++) {
    const a = v[t] as Ratio;
    const b = u[t] as Ratio;
    unsold[t] = roundDiv(a.num * 100n * (b.den - b.num), a.den * b.den * ppy);
  }
  return { kind: 'backstop', id: d.id.value, guarantor, beneficiary, cap: toCents(d.cap.value), until, unsold };
}

export const backstop = {
  type: 'backstop',
  doc: 'a guarantor buys the beneficiary\'s unsold capacity, up to a cap, until a period',
  fields,
  whole: ['capacity_value', 'utilization'],
  compile,
  pairs: (m) => [[m.guarantor, m.beneficiary]],
  earmark: () => -1,
  metrics: {
    pair: [
      { name: 'contingent_end', kind: 'money', label: 'backstop left at end', doc: "a backstop's cap not yet paid at the end; zero once it has ended (`until` passed, or either party defaulted); not in `exposure`", group: 'exposure' },
      { name: 'backstop_paid', kind: 'money', label: 'backstop paid', doc: "what the guarantor paid the beneficiary under backstops for its unsold capacity", group: 'together' },
    ],
    pairSeries: [
      { name: 'contingent', aggregate: 'level', doc: "a backstop's cap not yet paid at the end of the period; zero once it has ended; not in `exposure`" },
    ],
  },
  start(m, deal, rt) {
    const contingent = new Array<bigint>(rt.periods).fill(0n);
    let left = m.cap;
    let paid = 0n;
    let ended = false;
    return {
      trade(t) {
        // the backstop ends with `until` or with the default of either party: nothing can flow any more
        if (ended || t > m.until || rt.silent(m.guarantor, t) || rt.silent(m.beneficiary, t)) {
          ended = true;
          return;
        }
        const want = m.unsold[t] as bigint;
        const a = want < left ? want : left;
        rt.pay(t, m.guarantor, m.beneficiary, a, K.backstop, deal);
        if (a > 0n) {
          left -= a;
          paid += a;
        }
        contingent[t] = left;
      },
      values: () => [
        { scope: 'pair', holder: m.guarantor, obligor: m.beneficiary, name: 'backstop_paid', value: cents(paid) },
        { scope: 'pair', holder: m.guarantor, obligor: m.beneficiary, name: 'contingent_end', value: cents(contingent[rt.periods - 1] as bigint) },
      ],
      series: () => [{ holder: m.guarantor, obligor: m.beneficiary, name: 'contingent', values: contingent }],
    };
  },
} as const satisfies DealModule<'backstop', typeof fields, BackstopM>;
