/**
 * credit_line: a lender finances a borrower (section 5). Each period, in this
 * order: interest on the balance at the end of the previous period (paid or
 * capitalized), the draw (capped by the limit), then the repayment.
 */
import { capCents, roundDiv, type Ratio } from '../money/decimal.js';
import { amount, integer, object, oneOf, opt, period, ratio, ref, req, series, type At, type Decoder, type ObjectOut, type SeriesIn } from '../scenario/decode.js';
import { tagged } from '../scenario/tagged.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule } from './types.js';

const perGwDraws = object({
  buildout: req(ref('build-out'), 'build-out whose added GW trigger draws'),
  per_gw: req(amount({ min: 'positive' }), 'amount drawn per GW added'),
});
type DrawsIn = { kind: 'per_gw'; value: ObjectOut<typeof perGwDraws.fields> } | { kind: 'flow'; value: SeriesIn } | { kind: 'on_demand'; value: At<'on_demand'> };
const flowDraws = series(amount({ min: 'zero' }));
const onDemand = oneOf(['on_demand'] as const);
const draws: Decoder<DrawsIn> = {
  decode(n, path, cx) {
    if (n.t === 'scalar' && n.type === 'string' && !/^[0-9.+-]/.test(n.text)) {
      const v = onDemand.decode(n, path, cx);
      return v && { kind: 'on_demand', value: v };
    }
    if (n.t === 'map' && (n.entries.has('buildout') || n.entries.has('per_gw'))) {
      const v = perGwDraws.decode(n, path, cx);
      return v && { kind: 'per_gw', value: v };
    }
    const v = flowDraws.decode(n, path, cx);
    return v && { kind: 'flow', value: v };
  },
  schema: () => ({ anyOf: [perGwDraws.schema(), flowDraws.schema(), onDemand.schema()] }),
};

const bullet = object({ type: req(oneOf(['bullet'] as const), 'bullet'), at: req(period(), 'period in which the whole balance is repaid') });
const amortizing = object({
  type: req(oneOf(['amortizing'] as const), 'amortizing'),
  start: req(period(), 'first repayment period'),
  periods: req(integer(1, 1200), 'number of equal installments, one per step-period'),
});
type RepaymentIn = ({ kind: 'bullet' } & ObjectOut<typeof bullet.fields>) | ({ kind: 'amortizing' } & ObjectOut<typeof amortizing.fields>);
const repayment = tagged({ bullet, amortizing }, 'repayment') as Decoder<RepaymentIn>;

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['credit_line'] as const), 'credit_line'),
  lender: req(ref('party'), 'party that lends'),
  borrower: req(ref('party'), 'party that borrows'),
  limit: req(amount({ min: 'positive' }), 'total draws never exceed it'),
  draws: req(draws, '{buildout, per_gw}, an amount flow, or on_demand (a revolver its borrower\'s funding policy draws on)'),
  use_of_proceeds: opt(ref('party'), 'draws pay for purchases from this party'),
  rate: req(series(ratio({ min: 'zero' })), 'annual nominal rate, level'),
  interest: opt(oneOf(['pay', 'capitalize'] as const), 'pay (default) | capitalize'),
  repayment: opt(repayment, '{type: bullet, at} or {type: amortizing, start, periods}; none: open at the end'),
};

export interface CreditLineM extends CompiledDeal<'credit_line'> {
  readonly lender: number;
  readonly borrower: number;
  readonly useOfProceeds: number;
  readonly limit: bigint;
  /** the draw of each period, after the limit (capitalized interest does not use it up); zeros for a revolver */
  readonly draws: readonly bigint[];
  /** a revolver: drawn by its borrower's funding policy, up to the limit */
  readonly onDemand: boolean;
  /** the build-out whose GW trigger the draws, or −1 */
  readonly buildout: number;
  readonly rate: readonly Ratio[];
  readonly capitalize: boolean;
  /** period indexes; may lie after the timeline's end (then nothing is repaid inside it) */
  readonly repayment: null | { readonly kind: 'bullet'; readonly at: number } | { readonly kind: 'amortizing'; readonly start: number; readonly periods: number };
}

type Context = Parameters<DealModule<'credit_line', typeof fields, CreditLineM>['compile']>[1];

function compile(d: DealIn<'credit_line', typeof fields>, cx: Context): CreditLineM | undefined {
  const { c } = cx;
  const [lender, borrower] = cx.twoParties(d.lender, d.borrower, 'lender and borrower');
  const use = d.use_of_proceeds ? cx.party(d.use_of_proceeds) : -1;
  const rate = c.level(d.rate);
  // Draws depend only on the schedule and the limit, so they are fixed here.
  let scheduled: readonly bigint[] | undefined;
  let buildout = -1;
  if (d.draws.kind === 'per_gw') {
    const b = cx.buildout(d.draws.value.buildout);
    const perGw = d.draws.value.per_gw.value;
    scheduled = b && c.perGw(b.added, perGw);
    buildout = b?.index ?? -1;
  } else if (d.draws.kind === 'on_demand') {
    scheduled = new Array<bigint>(c.tl.count).fill(0n);
  } else {
    scheduled = c.moneyFlow(d.draws.value);
  }
  const limit = c.toCents(d.limit.value);
  // the same schedule under the same limit in every run that changes neither (an analysis varying the rate, say);
  // a revolver's schedule is zeros, made anew each time: nothing to cap or remember
  const draws = d.draws.kind === 'on_demand' ? scheduled : scheduled && c.cache.derive(scheduled, d.limit.value, () => capCents(scheduled, limit));
  let repayment: CreditLineM['repayment'] = null;
  const r = d.repayment;
  if (r) {
    const p = r.kind === 'bullet' ? r.at : r.start;
    const idx = c.index(p);
    if (idx < 0) {
      c.terror(p.loc, p.path, `${p.value.label} is before the timeline starts (${c.tl.labels[0]})`);
    } else {
      repayment = r.kind === 'bullet' ? { kind: 'bullet', at: idx } : { kind: 'amortizing', start: idx, periods: r.periods.value };
      for (let i = idx; i < c.tl.count; i++) {
        if (draws && draws[i] !== 0n) {
          c.terror(d.draws.value.loc, `${d.path}.draws`, `deal ${d.id.value} has a draw scheduled in ${c.tl.labels[i]}, in or after its first repayment period (${c.tl.labels[idx]})`);
          break;
        }
      }
    }
  }
  if (!rate || !draws || lender < 0 || borrower < 0 || (d.use_of_proceeds && use < 0)) return undefined;
  return {
    kind: 'credit_line', id: d.id.value, lender, borrower, useOfProceeds: use, limit, draws, onDemand: d.draws.kind === 'on_demand', buildout,
    rate: c.ratios(rate), capitalize: d.interest?.value === 'capitalize', repayment,
  };
}

export const creditLine = {
  type: 'credit_line',
  doc: 'a lender finances a borrower: draws, interest, repayment',
  fields,
  whole: ['draws', 'rate', 'repayment'],
  compile,
  pairs: (m) => [[m.lender, m.borrower]],
  earmark: (m) => m.useOfProceeds,
  start(m, deal, rt) {
    const claims = new Array<bigint>(rt.periods);
    let balance = 0n;
    let installment = 0n;
    let drawn = 0n;
    const rp = m.repayment;
    const firstRepayment = rp ? (rp.kind === 'bullet' ? rp.at : rp.start) : rt.periods;
    return {
      claims,
      finance(t) {
        // a defaulted borrower's balance was written off; a defaulted lender's loan stays frozen on its books
        if (rt.silent(m.borrower, t) || rt.silent(m.lender, t)) {
          claims[t] = balance;
          return;
        }
        const r = m.rate[t] as Ratio;
        const interest = balance === 0n ? 0n : roundDiv(balance * r.num, r.den * rt.ppy);
        if (m.capitalize) balance += interest;
        else rt.pay(t, m.borrower, m.lender, interest, K.interest, deal);

        const draw = m.buildout >= 0 && !rt.building(m.buildout, t) ? 0n : (m.draws[t] as bigint);
        if (draw > 0n) {
          balance += draw;
          rt.pay(t, m.lender, m.borrower, draw, K.loan_draw, deal);
        }

        let pay = 0n;
        if (rp?.kind === 'bullet') {
          if (t === rp.at) pay = balance;
        } else if (rp?.kind === 'amortizing' && t >= rp.start && t < rp.start + rp.periods) {
          const k = t - rp.start;
          if (k === 0) installment = balance; // remembered: the balance at start, split below
          const n = BigInt(rp.periods);
          const base = installment / n;
          const rem = installment - base * n;
          pay = base + (BigInt(k) < rem ? 1n : 0n);
          // capitalized interest accrued during the schedule is cleared by the last installment
          if (k === rp.periods - 1 || pay > balance) pay = balance;
        }
        if (pay > 0n) {
          balance -= pay;
          rt.pay(t, m.borrower, m.lender, pay, K.repayment, deal);
        }
        claims[t] = balance;
      },
      writeOff() {
        const owed = balance;
        balance = 0n;
        return owed;
      },
      demand(t, want) {
        if (!m.onDemand || t >= firstRepayment || rt.silent(m.borrower, t) || rt.silent(m.lender, t)) return 0n;
        const room = m.limit - drawn;
        const a = want < room ? want : room;
        if (a <= 0n) return 0n;
        drawn += a;
        balance += a;
        rt.pay(t, m.lender, m.borrower, a, K.loan_draw, deal);
        claims[t] = balance;
        return a;
      },
    };
  },
} as const satisfies DealModule<'credit_line', typeof fields, CreditLineM>;
