/**
 * warrant: the issuer grants the holder shares at a strike, vesting in
 * tranches on conditions (GW online in a build-out, the issuer's share price)
 * and exercised at vesting or at a date (instruments.md, "warrant"). An
 * exercise pays the strike, issues a stake diluting the issuer's earlier
 * holders, and counts its dilution cost as money the issuer put toward the
 * holder's purchases from it.
 */
import { addDecimalRatios, Dec, mulRatiosToCents, ratioOf, roundDiv, type Cents, type Ratio } from '../money/decimal.js';
import { amount, count, list, object, oneOf, opt, period, quantity, ref, req, type At, type Decoder, type ObjectOut } from '../scenario/decode.js';
import { PERIOD_HINT, type Period } from '../scenario/periods.js';
import { suggest } from '../scenario/problems.js';
import { describe } from '../scenario/tree.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule, DealValue } from './types.js';

const when = object({
  buildout: opt(ref('build-out'), 'the build-out whose GW online gw_online reads'),
  gw_online: opt(quantity({ min: 'positive' }), 'GW online in that build-out at the end of the period, at least'),
  share_price: opt(amount({ min: 'positive' }), "the issuer's share price in the period, at least"),
});

const tranche = object({
  shares: req(count({ min: 'positive' }), 'shares that vest: 26.67M'),
  when: req(when, 'conditions, all of which must hold in a period: {buildout, gw_online} and/or share_price'),
});

/** `exercise`: the word at_vesting, or a period label. */
type ExerciseIn = { readonly kind: 'at_vesting'; readonly value: At<'at_vesting'> } | { readonly kind: 'period'; readonly value: At<Period> };
const atVesting = oneOf(['at_vesting'] as const);
const exercisePeriod = period();
const exercise: Decoder<ExerciseIn> = {
  decode(n, path, cx) {
    if (n.t === 'scalar' && n.type === 'string' && n.text === 'at_vesting') return { kind: 'at_vesting', value: { value: 'at_vesting', loc: n.loc, path } };
    // a label is a number or text that starts with its year; anything else is read as a misspelt at_vesting
    if (n.t !== 'scalar' || !(n.type === 'number' || (n.type === 'string' && /^[0-9]/.test(n.text)))) {
      const near = n.t === 'scalar' && n.type === 'string' ? suggest(n.text, ['at_vesting']) : undefined;
      cx.error(n.loc, path, `expected at_vesting or ${PERIOD_HINT}, got ${describe(n)}${near ? `; did you mean "${near}"?` : ''}`);
      return undefined;
    }
    const v = exercisePeriod.decode(n, path, cx);
    return v && { kind: 'period', value: v };
  },
  schema: () => ({ anyOf: [atVesting.schema(), exercisePeriod.schema()] }),
};

/** The tranches: at least one written (one that fails to decode is reported, and the others are still checked). */
const trancheList = list(tranche);
const vesting: Decoder<At<ObjectOut<typeof tranche.fields>[]>> = {
  decode(n, path, cx) {
    if (n.t === 'seq' && n.items.length === 0) {
      cx.error(n.loc, path, 'give at least one tranche: {shares, when: {...}}');
      return undefined;
    }
    return trancheList.decode(n, path, cx);
  },
  schema: () => ({ ...trancheList.schema(), minItems: 1 }),
};

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['warrant'] as const), 'warrant'),
  issuer: req(ref('party'), 'party that grants the shares; it needs share_price and shares_outstanding'),
  holder: req(ref('party'), 'party that receives them'),
  strike: req(amount({ min: 'zero' }), 'amount paid per share at exercise'),
  vesting: req(vesting, 'the tranches: each vests in the first period in which all its conditions hold'),
  exercise: opt(exercise, 'at_vesting (default), or a period: every tranche vested by then is exercised then, later ones at vesting'),
};

/** One tranche, checked: its conditions as exact fractions. */
export interface TrancheM {
  readonly shares: Ratio;
  /** index into the deal's `buildouts`, or −1 without a GW condition */
  readonly buildout: number;
  readonly gwOnline: Ratio | null;
  readonly sharePrice: Ratio | null;
}

export interface WarrantM extends CompiledDeal<'warrant'> {
  readonly issuer: number;
  readonly holder: number;
  readonly strike: Ratio;
  readonly tranches: readonly TrancheM[];
  /** the build-outs the tranches read: the model's index and the GW each adds per period */
  readonly buildouts: readonly { readonly index: number; readonly added: readonly Ratio[] }[];
  /** the period of a dated exercise, or −1: each tranche at its vesting */
  readonly exerciseAt: number;
  /** the issuer's levels, per period */
  readonly price: readonly Ratio[];
  readonly priceDec: readonly Dec[];
  readonly sharesOutstanding: readonly Dec[];
}

type Context = Parameters<DealModule<'warrant', typeof fields, WarrantM>['compile']>[1];

function compile(d: DealIn<'warrant', typeof fields>, cx: Context): WarrantM | undefined {
  const { c } = cx;
  const [issuer, holder] = cx.twoParties(d.issuer, d.holder, 'issuer and holder');
  let ok = issuer >= 0 && holder >= 0;

  // the issuer's share price and count: the conditions, the exercise and the valuation read them
  let price: readonly Dec[] | null = null;
  let outstanding: readonly Dec[] | null = null;
  if (issuer >= 0) {
    const p = cx.levels(issuer);
    price = p.sharePrice;
    outstanding = p.sharesOutstanding;
    const missing = [price ? '' : 'share_price', outstanding ? '' : 'shares_outstanding'].filter((x) => x);
    if (missing.length > 0) {
      c.error(d.issuer.loc, d.issuer.path, `the issuer ${p.id} has no ${missing.join(' and no ')}; a warrant needs its share_price (amount per share) and shares_outstanding (a count): give parties.${p.id}.${missing[0]}`);
      ok = false;
    }
  }

  const tranches: TrancheM[] = [];
  const buildouts: { index: number; added: readonly Ratio[] }[] = [];
  for (const tr of d.vesting.value) {
    const w = tr.when;
    const at = w.path;
    let b = -1;
    if (!w.buildout && !w.gw_online && !w.share_price) {
      c.error(w.loc, at, 'give at least one condition: {buildout, gw_online} (GW online in a build-out) and/or share_price (the issuer\'s price)');
      ok = false;
    }
    if (w.gw_online && !w.buildout) {
      c.error(w.gw_online.loc, w.gw_online.path, 'gw_online needs the build-out it counts: give buildout too');
      ok = false;
    }
    if (w.buildout && !w.gw_online) {
      c.error(w.buildout.loc, w.buildout.path, 'a build-out is a condition with gw_online, the GW it must have online: give gw_online too');
      ok = false;
    }
    if (w.buildout) {
      const found = cx.buildout(w.buildout);
      if (!found) ok = false;
      else {
        b = buildouts.findIndex((x) => x.index === found.index);
        if (b < 0) {
          b = buildouts.length;
          buildouts.push({ index: found.index, added: c.ratios(found.added) });
        }
      }
    }
    tranches.push({
      shares: ratioOf(tr.shares.value),
      buildout: b,
      gwOnline: w.gw_online ? ratioOf(w.gw_online.value) : null,
      sharePrice: w.share_price ? ratioOf(w.share_price.value) : null,
    });
  }

  let exerciseAt = -1;
  const ex = d.exercise;
  if (ex?.kind === 'period') {
    const idx = c.index(ex.value);
    if (idx < 0 || idx >= c.tl.count) {
      c.terror(ex.value.loc, ex.value.path, `${ex.value.value.label} is outside the timeline (${c.tl.labels[0]} to ${c.tl.labels[c.tl.count - 1]})`);
      ok = false;
    }
    exerciseAt = idx;
  }
  if (!ok || !price || !outstanding) return undefined;
  return {
    kind: 'warrant', id: d.id.value, issuer, holder, strike: ratioOf(d.strike.value), tranches, buildouts, exerciseAt,
    price: c.ratios(price), priceDec: price, sharesOutstanding: outstanding,
  };
}

const ZERO_R: Ratio = { num: 0n, den: 1n };
/** a ≥ b, exactly (denominators are positive) */
const atLeast = (a: Ratio, b: Ratio): boolean => a.num * b.den >= b.num * a.den;
const decOf = (r: Ratio): Dec => new Dec(r.num.toString()).div(r.den.toString());
/** round(n × (price − strike)) in cents, half-even: negative when the price is below the strike */
const spreadCents = (n: Ratio, price: Ratio, strike: Ratio): bigint =>
  roundDiv(n.num * (price.num * strike.den - strike.num * price.den) * 100n, n.den * price.den * strike.den);

/** What the warrants of one issuer share in a run: the shares issued under them so far. */
interface Issued {
  shares: Ratio;
}

export const warrant = {
  type: 'warrant',
  doc: 'the issuer grants the holder shares at a strike, vesting in tranches on GW online and share price',
  fields,
  whole: ['vesting'],
  compile,
  // holder → issuer: the stake, paid at the strike; issuer → holder: the dilution cost toward the holder's purchases
  pairs: (m) => [[m.holder, m.issuer], [m.issuer, m.holder]],
  earmark: () => -1,
  metrics: {
    pair: [
      {
        name: 'warrant_value_end', kind: 'money', label: 'warrant shares at end', group: 'exposure',
        doc: "warrants: the shares the holder exercised × the obligor's `share_price(end)`; zero once the obligor has defaulted; null without a warrant",
      },
      {
        name: 'unvested_value_end', kind: 'money', label: 'unexercised warrants at end', group: 'exposure',
        doc: "warrants: the shares not yet exercised × `max(0, share_price(end) − strike)`; zero once the obligor or the holder has defaulted; null without a warrant",
      },
    ],
    party: [
      {
        name: 'dilution_cost', kind: 'money', label: 'warrant dilution cost',
        doc: 'warrants it issued: Σ over the exercises of `round(n × (share_price(t) − strike))`, what the shares were worth above what the holder paid; null without a warrant',
      },
    ],
  },
  start(m, deal, rt) {
    const key = `warrant.issued.${m.issuer}`;
    let issued = rt.shared.get(key) as Issued | undefined;
    if (!issued) rt.shared.set(key, (issued = { shares: ZERO_R }));
    const shared = issued;
    const last = rt.periods - 1;
    // GW online at the end of the period so far, per build-out read: only what was added while it was building
    const online = m.buildouts.map(() => ZERO_R);
    const vested = m.tranches.map(() => false);
    const done = m.tranches.map(() => false);
    let exercised = ZERO_R;
    let dilution = 0n;
    const holds = (tr: TrancheM, t: number): boolean =>
      (tr.gwOnline === null || atLeast(online[tr.buildout] as Ratio, tr.gwOnline)) && (tr.sharePrice === null || atLeast(m.price[t] as Ratio, tr.sharePrice));
    return {
      // after the period's equity: the exercise is priced on the stakes the period's rounds left
      late(t) {
        m.buildouts.forEach((b, i) => {
          const a = b.added[t] as Ratio;
          if (a.num !== 0n && rt.building(b.index, t)) online[i] = addDecimalRatios(online[i] as Ratio, a);
        });
        if (rt.silent(m.holder, t) || rt.silent(m.issuer, t)) return;
        m.tranches.forEach((tr, i) => {
          if (!vested[i] && holds(tr, t)) vested[i] = true;
        });
        if (t < m.exerciseAt) return;
        let n = ZERO_R;
        m.tranches.forEach((tr, i) => {
          if (vested[i] && !done[i]) {
            done[i] = true;
            n = addDecimalRatios(n, tr.shares);
          }
        });
        if (n.num === 0n) return;
        rt.pay(t, m.holder, m.issuer, mulRatiosToCents(n, m.strike), K.warrant_exercise, deal);
        const before = decOf(shared.shares);
        shared.shares = addDecimalRatios(shared.shares, n);
        exercised = addDecimalRatios(exercised, n);
        const so = m.sharesOutstanding[t] as Dec;
        const shares = decOf(n);
        rt.issue(m.issuer, m.holder, () => shares.div(so.plus(before).plus(shares)));
        const cost = spreadCents(n, m.price[t] as Ratio, m.strike);
        dilution += cost;
        rt.earmark(t, m.issuer, m.holder, cost);
      },
      valuation: () => ({ party: m.issuer, value: (m.priceDec[last] as Dec).times((m.sharesOutstanding[last] as Dec).plus(decOf(shared.shares))) }),
      values(): DealValue[] {
        const issuerDown = rt.silent(m.issuer, last);
        const price = m.price[last] as Ratio;
        const total = m.tranches.reduce((s, tr) => addDecimalRatios(s, tr.shares), ZERO_R);
        const left = { num: total.num * exercised.den - exercised.num * total.den, den: total.den * exercised.den };
        const spread = spreadCents(left, price, m.strike);
        const value = issuerDown ? 0n : mulRatiosToCents(exercised, price);
        const unvested = issuerDown || rt.silent(m.holder, last) || spread < 0n ? 0n : spread;
        return [
          { scope: 'pair', holder: m.holder, obligor: m.issuer, name: 'warrant_value_end', value: value as Cents },
          { scope: 'pair', holder: m.holder, obligor: m.issuer, name: 'unvested_value_end', value: unvested as Cents },
          { scope: 'party', party: m.issuer, name: 'dilution_cost', value: dilution as Cents },
        ];
      },
    };
  },
} as const satisfies DealModule<'warrant', typeof fields, WarrantM>;
