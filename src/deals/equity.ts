/**
 * equity: an investor buys shares of an issuer, once (amount and date) or
 * per GW a build-out adds (tranches), priced by post-money, pre-money or
 * stake. Each round dilutes the issuer's earlier holders (section 5).
 */
import { capCents, centsToDec, Dec, formatCents, toCents } from '../money/decimal.js';
import { amount, object, oneOf, opt, period, ratio, ref, req, series, type At } from '../scenario/decode.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule } from './types.js';

const tranches = object({
  buildout: req(ref('build-out'), 'build-out whose added GW trigger each tranche'),
  per_gw: req(amount({ min: 'positive' }), 'amount invested per GW added'),
});

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['equity'] as const), 'equity'),
  investor: req(ref('party'), 'party that buys shares'),
  issuer: req(ref('party'), 'party that issues shares'),
  amount: opt(amount({ min: 'positive' }), 'cash invested (with date)'),
  date: opt(period(), 'period in which the cash moves (its first step-period)'),
  tranches: opt(tranches, 'progressive equity: invest per GW added, instead of amount and date'),
  limit: opt(amount({ min: 'positive' }), 'total cap on tranches'),
  post_money: opt(series(amount({ min: 'positive' })), 'post-money valuation (a level with tranches)'),
  pre_money: opt(series(amount({ min: 'positive' })), 'pre-money valuation; post = pre + amount'),
  stake: opt(ratio({ min: 'positive', maxOne: true }), 'share of the issuer bought'),
  use_of_proceeds: opt(ref('party'), 'the money is earmarked for buying from this party'),
};

export type Pricing =
  | { readonly kind: 'post_money'; readonly value: readonly Dec[] }
  | { readonly kind: 'pre_money'; readonly value: readonly Dec[] }
  | { readonly kind: 'stake'; readonly value: Dec };

export interface EquityM extends CompiledDeal<'equity'> {
  readonly investor: number;
  readonly issuer: number;
  readonly useOfProceeds: number;
  readonly pricing: Pricing;
  /** cents invested in each period: one period for a single investment; per GW added for tranches, until the limit */
  readonly amounts: readonly bigint[];
  /** the build-out whose GW trigger the tranches, or −1 */
  readonly buildout: number;
}

function compile(d: DealIn<'equity', typeof fields>, cx: Parameters<DealModule<'equity', typeof fields, EquityM>['compile']>[1]): EquityM | undefined {
  const { c } = cx;
  const [investor, issuer] = cx.twoParties(d.investor, d.issuer, 'investor and issuer');
  const use = d.use_of_proceeds ? cx.party(d.use_of_proceeds) : -1;
  const path = d.path;
  const given = (['post_money', 'pre_money', 'stake'] as const).filter((k) => d[k] !== undefined);
  if (given.length !== 1) {
    c.error(d.loc, path, given.length === 0 ? 'give exactly one of post_money, pre_money or stake' : `give exactly one of post_money, pre_money or stake, not ${given.join(' and ')}`);
    return undefined;
  }
  const n = c.tl.count;
  let wants: readonly bigint[];
  let single: { period: number; amount: At<Dec> } | undefined;
  let buildout = -1;
  if (d.tranches) {
    for (const k of ['amount', 'date', 'stake'] as const) {
      const v = d[k];
      if (v) c.error(v.loc, `${path}.${k}`, `a deal with tranches invests per GW; ${k} is not allowed with tranches`);
    }
    const b = cx.buildout(d.tranches.buildout);
    if (!b) return undefined;
    buildout = b.index;
    const perGw = d.tranches.per_gw.value;
    wants = c.perGw(b.added, perGw);
  } else {
    if (d.limit) c.error(d.limit.loc, `${path}.limit`, 'limit caps tranches; a single investment has no limit');
    if (!d.amount || !d.date) {
      c.error(d.loc, path, 'give amount and date for a single investment, or tranches: {buildout, per_gw} for progressive equity');
      return undefined;
    }
    const idx = c.index(d.date);
    if (idx < 0 || idx >= n) {
      c.terror(d.date.loc, d.date.path, `${d.date.value.label} is outside the timeline (${c.tl.labels[0]} to ${c.tl.labels[n - 1]})`);
      return undefined;
    }
    single = { period: idx, amount: d.amount };
    const once = new Array<bigint>(n).fill(0n);
    once[idx] = toCents(d.amount.value);
    wants = once;
  }
  const amounts = d.limit ? capCents(wants, toCents(d.limit.value)) : wants;
  let pricing: Pricing | undefined;
  if (d.stake) pricing = { kind: 'stake', value: d.stake.value };
  else {
    const kind = d.post_money ? 'post_money' : 'pre_money';
    const s = (d.post_money ?? d.pre_money)!;
    const lv = c.level(s);
    if (lv) pricing = { kind, value: lv };
    if (lv && c.timeKnown && kind === 'post_money' && single) {
      const post = lv[single.period] as Dec;
      if (post.lessThan(single.amount.value)) c.error(s.loc, s.path, `the post-money value ${post.toFixed()} is below the amount invested ${single.amount.value.toFixed()}; the stake would be above 100%`);
    } else if (lv && c.timeKnown && kind === 'post_money') {
      // each tranche against the post-money of its period
      for (let t = 0; t < n; t++) {
        const a = amounts[t] as bigint;
        if (a <= 0n) continue;
        const post = lv[t] as Dec;
        if (post.lessThan(centsToDec(a))) {
          c.error(s.loc, s.path, `in ${c.tl.labels[t]} the tranche of ${formatCents(a)} is above the post-money value ${post.toFixed()}; the stake would be above 100%`);
          break;
        }
      }
    }
  }
  if (!pricing || investor < 0 || issuer < 0 || (d.use_of_proceeds && use < 0)) return undefined;
  return { kind: 'equity', id: d.id.value, investor, issuer, useOfProceeds: use, pricing, amounts, buildout };
}


export const equity = {
  type: 'equity',
  doc: 'an investor buys shares of an issuer, once or per GW added',
  fields,
  whole: ['amount', 'post_money', 'pre_money', 'tranches'],
  compile,
  pairs: (m) => [[m.investor, m.issuer]],
  earmark: (m) => m.useOfProceeds,
  start(m, deal, rt) {
    return {
      finance(t) {
        const a = m.amounts[t] as bigint;
        if (a <= 0n || rt.silent(m.investor, t) || rt.silent(m.issuer, t) || (m.buildout >= 0 && !rt.building(m.buildout, t))) return;
        rt.pay(t, m.investor, m.issuer, a, K.equity, deal);
        const p = m.pricing;
        rt.issue(m.issuer, m.investor, () => {
          const cash = new Dec(a.toString()).div(100);
          return p.kind === 'stake' ? p.value : p.kind === 'post_money' ? cash.div(p.value[t] as Dec) : cash.div((p.value[t] as Dec).plus(cash));
        });
      },
    };
  },
} as const satisfies DealModule<'equity', typeof fields, EquityM>;
