/**
 * revenue_share: the payer pays the payee a share of its `operations` revenue
 * each period, up to `until`, until the payments reach `cap` (instruments.md,
 * "revenue_share"). The payee holds a claim on the payer's future revenue, so
 * the pair payee → payer exists: the payments are its position's inflows, and
 * they stop with either party's default (no balance to recover or write off).
 */
import { capCents, mulRatio, toCents } from '../money/decimal.js';
import { mapped } from '../arrays.js';
import { amount, oneOf, opt, period, ratio, ref, req, series } from '../scenario/decode.js';
import { periodIndex } from '../scenario/periods.js';
import { K } from '../engine/ledger.js';
import type { CompileContext, CompiledDeal, DealIn, DealModule } from './types.js';

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['revenue_share'] as const), 'revenue_share'),
  payer: req(ref('party'), 'party that pays a share of its operations revenue'),
  payee: req(ref('party'), 'party that receives it'),
  share: req(series(ratio({ min: 'zero', maxOne: true })), 'share of the revenue of each period, level'),
  until: opt(period(), 'last period paid (its last step-period); none: to the end'),
  cap: opt(amount({ min: 'positive' }), 'the payments stop when they reach it; the last one is cut to it'),
};

export interface RevenueShareM extends CompiledDeal<'revenue_share'> {
  readonly payer: number;
  readonly payee: number;
  /** cents due each period: round(share × revenue) up to `until`, cut so that the total never passes the cap */
  readonly amounts: readonly bigint[];
}

function compile(d: DealIn<'revenue_share', typeof fields>, cx: CompileContext): RevenueShareM | undefined {
  const { c } = cx;
  const [payer, payee] = cx.twoParties(d.payer, d.payee, 'payer and payee');
  const share = c.level(d.share);
  const revenue = payer >= 0 ? cx.revenue(payer) : undefined;
  if (payer >= 0 && !revenue) c.error(d.payer.loc, d.payer.path, `${d.payer.value} has no operations revenue to share; give operations.${d.payer.value}.revenue`);
  const n = c.tl.count;
  let last = n - 1;
  if (d.until) {
    const p = d.until.value;
    last = Math.min(n - 1, periodIndex(c.tl, p.first + p.months - 1)); // number-ok: period indexes
    if (last < 0) c.terror(d.until.loc, d.until.path, `${p.label} is before the timeline starts (${c.tl.labels[0]}); the share would never be paid`);
  }
  if (payer < 0 || payee < 0 || !revenue || !share || last < 0) return undefined;
  const shares = c.ratios(share);
  const due = mapped(revenue, (r, t) => (t <= last ? mulRatio(r, shares[t]!) : 0n));
  const amounts = d.cap ? capCents(due, toCents(d.cap.value)) : due;
  return { kind: 'revenue_share', id: d.id.value, payer, payee, amounts };
}

export const revenueShare = {
  type: 'revenue_share',
  doc: 'the payer pays the payee a share of its operations revenue, up to a date and a cap',
  fields,
  whole: ['share'],
  compile,
  pairs: (m) => [[m.payee, m.payer]],
  earmark: () => -1,
  start(m, deal, rt) {
    return {
      trade(t) {
        // nothing flows from the period either party defaults in (the payer's revenue stops then anyway)
        const a = m.amounts[t] as bigint;
        if (a <= 0n || rt.silent(m.payer, t) || rt.silent(m.payee, t)) return;
        rt.pay(t, m.payer, m.payee, a, K.revenue_share, deal);
        // the ledger kind moves no position; the payee's claim is paid back by it, so it is an inflow of the pair's position
        rt.position(t, m.payee, m.payer, a);
      },
    };
  },
} as const satisfies DealModule<'revenue_share', typeof fields, RevenueShareM>;
