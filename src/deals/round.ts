/**
 * round: one priced round, several investors at one price (instruments.md,
 * "round"). With total A and post-money P = pre + A, investor i pays a_i and
 * gets a_i / P; the issuer's earlier holders are diluted once, by pre / P.
 */
import { centsToDec, Dec, toCents } from '../money/decimal.js';
import { amount, idMap, oneOf, opt, period, ref, req, type At } from '../scenario/decode.js';
import { K } from '../engine/ledger.js';
import type { CompileContext, CompiledDeal, DealIn, DealModule } from './types.js';

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['round'] as const), 'round'),
  issuer: req(ref('party'), 'party that issues shares'),
  date: req(period(), 'period in which the cash moves (its first step-period)'),
  investors: req(idMap(amount({ min: 'positive' }), 'party'), 'party: cash it invests, in the order written (the order of the ledger entries)'),
  pre_money: opt(amount({ min: 'positive' }), 'pre-money valuation; post = pre + the total invested'),
  post_money: opt(amount({ min: 'positive' }), 'post-money valuation; pre = post − the total invested, so it must exceed the total'),
  use_of_proceeds: opt(idMap(ref('party'), 'party'), 'investor: the party its money is earmarked for buying from'),
};

export interface RoundM extends CompiledDeal<'round'> {
  readonly issuer: number;
  /** the period the round closes in */
  readonly at: number;
  /** in the order written: each investor, its cents, and the party its money is earmarked for (or −1) */
  readonly investors: readonly { readonly party: number; readonly amount: bigint; readonly earmark: number }[];
  /** the pre-money value, in dollars (given, or the post-money less the total) */
  readonly pre: Dec;
}

function compile(d: DealIn<'round', typeof fields>, cx: CompileContext): RoundM | undefined {
  const { c } = cx;
  const path = d.path;
  let ok = true;
  const issuer = cx.party(d.issuer);
  if (issuer < 0) ok = false;
  const investors: { party: number; amount: bigint; earmark: number }[] = [];
  if (d.investors.value.length === 0) {
    c.error(d.investors.loc, d.investors.path, 'a round needs at least one investor');
    ok = false;
  }
  for (const inv of d.investors.value) {
    const at: At<string> = { value: inv.id, loc: inv.idLoc, path: `${d.investors.path}.${inv.id}` };
    const p = cx.party(at);
    if (p < 0) ok = false;
    else if (p === issuer) {
      c.error(inv.idLoc, at.path, `the issuer ("${inv.id}") cannot invest in its own round`);
      ok = false;
    }
    investors.push({ party: p, amount: toCents(inv.value.value), earmark: -1 });
  }
  for (const e of d.use_of_proceeds?.value ?? []) {
    const at: At<string> = { value: e.id, loc: e.idLoc, path: `${d.use_of_proceeds!.path}.${e.id}` };
    const to = cx.party(e.value);
    if (to < 0) ok = false;
    const i = d.investors.value.findIndex((x) => x.id === e.id);
    if (i >= 0) investors[i]!.earmark = to;
    else if (!d.investors.allIds.includes(e.id)) {
      // an investor whose amount is wrong was reported there already
      c.error(e.idLoc, at.path, `"${e.id}" is not an investor of this round; the investors are ${d.investors.allIds.join(', ') || 'none'}`);
      ok = false;
    }
  }

  const n = c.tl.count;
  const idx = c.index(d.date);
  if (idx < 0 || idx >= n) {
    c.terror(d.date.loc, d.date.path, `${d.date.value.label} is outside the timeline (${c.tl.labels[0]} to ${c.tl.labels[n - 1]})`);
    ok = false;
  }

  const total = investors.reduce((s, i) => s + i.amount, 0n);
  let pre: Dec | undefined;
  if ((d.pre_money === undefined) === (d.post_money === undefined)) {
    c.error(d.loc, path, d.pre_money ? 'give exactly one of pre_money or post_money, not both' : 'give exactly one of pre_money or post_money');
  } else if (d.pre_money) {
    pre = d.pre_money.value;
  } else {
    const post = d.post_money!;
    pre = post.value.minus(centsToDec(total));
    if (!pre.isPositive() || pre.isZero()) {
      c.error(post.loc, post.path, `the post-money value ${post.value.toFixed()} is not above the round's total ${centsToDec(total).toFixed()}; the pre-money value would be ${pre.isZero() ? 'zero' : 'below zero'}`);
      pre = undefined;
    }
  }
  if (!ok || !pre) return undefined;
  return { kind: 'round', id: d.id.value, issuer, at: idx, investors, pre };
}

export const round = {
  type: 'round',
  doc: 'one priced round: several investors buy shares of an issuer at one price',
  fields,
  whole: ['investors', 'use_of_proceeds'],
  compile,
  pairs: (m) => m.investors.map((i) => [i.party, m.issuer] as const),
  earmark: (m, payer) => m.investors.find((i) => i.party === payer)?.earmark ?? -1,
  start(m, deal, rt) {
    return {
      finance(t) {
        // a defaulted issuer holds no round; a defaulted investor drops out, and the others buy at the same price
        if (t !== m.at || rt.silent(m.issuer, t)) return;
        const paying = m.investors.filter((i) => !rt.silent(i.party, t));
        if (paying.length === 0) return;
        const total = paying.reduce((s, i) => s + i.amount, 0n);
        for (const i of paying) rt.pay(t, i.party, m.issuer, i.amount, K.equity, deal);
        // the post-money of what was paid, worked out once and only when the stakes are read
        let post: Dec | undefined;
        const price = (): Dec => (post ??= m.pre.plus(centsToDec(total)));
        rt.issueRound(m.issuer, paying.map((i) => [i.party, () => centsToDec(i.amount).div(price())] as const));
      },
    };
  },
} as const satisfies DealModule<'round', typeof fields, RoundM>;
