/**
 * lease: a lessor puts equipment of a given cost at a lessee's disposal for a
 * term, against level payments in arrears at an annual yield, the equipment
 * coming back worth its residual at the end (instruments.md, "lease"). The
 * payment and the balance are worked out exactly, in fractions of cents, and
 * rounded to the cent only where they become money or a claim.
 */
import { ratioOf, roundDiv, toCents, type Dec } from '../money/decimal.js';
import { amount, oneOf, opt, period, quantity, ratio, ref, req } from '../scenario/decode.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule } from './types.js';

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['lease'] as const), 'lease'),
  lessor: req(ref('party'), 'party that owns the equipment and is paid'),
  lessee: req(ref('party'), 'party that uses the equipment and pays'),
  cost: req(amount({ min: 'positive' }), 'cost of the equipment put at the lessee\'s disposal in `start`'),
  start: req(period(), 'period in which the lease begins (its first step-period); the first payment is at the end of the next step-period'),
  term_years: req(quantity({ min: 'positive' }), 'length of the lease in years: term_years × step-periods a year payments, a whole number'),
  yield: req(ratio({ min: 'zero' }), 'annual nominal yield of the lease: the rate per step-period is yield / step-periods a year'),
  residual: opt(ratio({ min: 'zero', maxOne: true }), 'value of the equipment when it comes back at the end, as a share of cost (default 0%)'),
};

/** At most a century of payments: the fractions behind the balance grow with the number of payments. */
const MAX_TERM_YEARS = 100;

export interface LeaseM extends CompiledDeal<'lease'> {
  readonly lessor: number;
  readonly lessee: number;
  readonly cost: bigint;
  /** the period it begins in */
  readonly start: number;
  /** number of payments, one per step-period after `start` */
  readonly payments: number;
  /** the level payment, in cents */
  readonly payment: bigint;
  /** round(b_k) for k = 0 .. (the payments the timeline holds, at most payments − 1): the claim after k payments */
  readonly balances: readonly bigint[];
  /** round(residual × cost): what the lessor holds once the term is over */
  readonly residual: bigint;
}

type Context = Parameters<DealModule<'lease', typeof fields, LeaseM>['compile']>[1];

function compile(d: DealIn<'lease', typeof fields>, cx: Context): LeaseM | undefined {
  const { c } = cx;
  const [lessor, lessee] = cx.twoParties(d.lessor, d.lessee, 'lessor and lessee');
  const n = c.tl.count;
  const start = c.index(d.start);
  let ok = lessor >= 0 && lessee >= 0;
  if (start < 0 || start >= n) {
    c.terror(d.start.loc, d.start.path, `${d.start.value.label} is outside the timeline (${c.tl.labels[0]} to ${c.tl.labels[n - 1]})`);
    ok = false;
  }
  const term = d.term_years.value;
  const payments = term.times(c.tl.ppy);
  if (term.greaterThan(MAX_TERM_YEARS)) {
    c.error(d.term_years.loc, d.term_years.path, `a term of ${term.toString()} years is too long; at most ${MAX_TERM_YEARS} years are allowed`);
    ok = false;
  } else if (!payments.isInteger()) {
    c.terror(d.term_years.loc, d.term_years.path, `${term.toString()} years are ${payments.toString()} ${c.tl.step} periods; a lease pays once per step-period, so its term must be a whole number of them`);
    ok = false;
  }
  if (!ok) return undefined;
  const cost = toCents(d.cost.value);
  const k = payments.toNumber(); // number-ok: a count of payments, at most 1200
  const held = Math.max(0, Math.min(k, n - start)); // number-ok: the balances the timeline shows
  const s = schedule(cost, d.yield.value, d.residual?.value, c.tl.ppy, k, held);
  return { kind: 'lease', id: d.id.value, lessor, lessee, cost, start, payments: k, ...s };
}

/**
 * The payment and the balances, exactly. With i = yield / ppy = a / D and
 * Q = D + a (so 1 + i = Q / D), and residual r = rn / rd of cost C:
 *   payment = (C − C·r / (1 + i)^n) × i / (1 − (1 + i)^−n)
 *           = C·a·(rd·Q^n − rn·D^n) / (rd·D·(Q^n − D^n)),
 * rounded half-even to the cent; with a zero yield, the limit (C − C·r) / n.
 * The balance b_k = b_(k−1)·(1 + i) − payment is N_k / D^k, where
 * N_0 = C and N_k = N_(k−1)·Q − payment·D^k, all in whole numbers.
 */
function schedule(cost: bigint, yieldRate: Dec, residual: Dec | undefined, ppy: number, n: number, held: number): { payment: bigint; balances: bigint[]; residual: bigint } {
  const y = ratioOf(yieldRate);
  const r = residual ? ratioOf(residual) : { num: 0n, den: 1n };
  const N = BigInt(n);
  const a = y.num;
  const D = y.den * BigInt(ppy);
  const Q = D + a;
  let payment: bigint;
  if (a === 0n) payment = roundDiv(cost * (r.den - r.num), r.den * N);
  else {
    const qn = Q ** N;
    const dn = D ** N;
    payment = roundDiv(cost * a * (r.den * qn - r.num * dn), r.den * D * (qn - dn));
  }
  const balances = new Array<bigint>(held);
  let num = cost;
  let den = 1n;
  for (let k = 0; k < held; k++) {
    if (k > 0) {
      den *= D;
      num = num * Q - payment * den;
    }
    balances[k] = roundDiv(num, den);
  }
  return { payment, balances, residual: roundDiv(cost * r.num, r.den) };
}

export const lease = {
  type: 'lease',
  doc: 'a lessor leases equipment to a lessee: level payments at a yield, the residual back at the end',
  fields,
  whole: [],
  compile,
  pairs: (m) => [[m.lessor, m.lessee]],
  earmark: () => -1,
  claimKind: 'lease',
  start(m, deal, rt) {
    const claims = new Array<bigint>(rt.periods).fill(0n);
    // what the lessee owes at the end of the last period stepped: the claim after the payments made so far
    let balance = 0n;
    let made = 0;
    let begun = false;
    let over = false;
    return {
      claims,
      finance(t) {
        // a defaulted lessee's balance was written off; a defaulted lessor's claim stays frozen on its books
        if (t < m.start || rt.silent(m.lessee, t) || rt.silent(m.lessor, t) || over) {
          claims[t] = balance;
          return;
        }
        if (t === m.start) {
          begun = true;
          rt.position(t, m.lessor, m.lessee, -m.cost);
          balance = m.balances[0] as bigint;
        } else if (begun) {
          rt.pay(t, m.lessee, m.lessor, m.payment, K.lease, deal);
          made++;
          // after the last payment nothing is owed: the equipment, worth the residual, is back with the lessor
          over = made === m.payments;
          balance = over ? 0n : (m.balances[made] as bigint);
        }
        claims[t] = balance;
      },
      writeOff() {
        const owed = balance;
        balance = 0n;
        over = true;
        return owed;
      },
      // the returned equipment, once every payment was made; a term still running is in the claim
      terminal: () => (over && made === m.payments ? m.residual : 0n),
    };
  },
} as const satisfies DealModule<'lease', typeof fields, LeaseM>;
