/** purchase: a contract to buy goods or services outside a build-out; a sale of the seller's, with its cost of sales. */
import { amount, oneOf, ref, req, series } from '../scenario/decode.js';
import { K } from '../engine/ledger.js';
import type { CompiledDeal, DealIn, DealModule } from './types.js';

const fields = {
  id: req(ref('deal'), 'unique deal id'),
  type: req(oneOf(['purchase'] as const), 'purchase'),
  buyer: req(ref('party'), 'party that pays'),
  seller: req(ref('party'), 'party that is paid'),
  amount: req(series(amount({ min: 'zero' })), 'flow: money paid'),
};

export interface PurchaseM extends CompiledDeal<'purchase'> {
  readonly buyer: number;
  readonly seller: number;
  readonly amount: readonly bigint[];
}

type Context = Parameters<DealModule<'purchase', typeof fields, PurchaseM>['compile']>[1];

function compile(d: DealIn<'purchase', typeof fields>, cx: Context): PurchaseM | undefined {
  const [buyer, seller] = cx.twoParties(d.buyer, d.seller, 'buyer and seller');
  const amount = cx.c.moneyFlow(d.amount);
  if (buyer < 0 || seller < 0) return undefined;
  return { kind: 'purchase', id: d.id.value, buyer, seller, amount };
}

export const purchase = {
  type: 'purchase',
  doc: 'a buyer pays a seller an amount flow (cloud capacity, chips)',
  fields,
  whole: ['amount'],
  compile,
  pairs: () => [],
  earmark: () => -1,
  start: (m, deal, rt) => ({
    trade(t) {
      if (rt.silent(m.buyer, t) || rt.silent(m.seller, t)) return;
      rt.sell(t, m.buyer, m.seller, m.amount[t] as bigint, K.purchase, deal);
    },
  }),
} as const satisfies DealModule<'purchase', typeof fields, PurchaseM>;
