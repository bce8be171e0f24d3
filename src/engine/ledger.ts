/**
 * Section 6: ledger entries and their kinds, in the order the spec sorts
 * them, each with the role the metrics read it by.
 */

/** Kinds in ledger order within a period. */
export const KINDS = [
  'equity', 'warrant_exercise', 'interest', 'loan_draw', 'repayment', 'lease', 'capex', 'cost_of_sales', 'opex', 'purchase', 'contract', 'revenue_share', 'backstop',
  'revenue', 'costs', 'net', 'asset_sale', 'recovery',
] as const;
export type Kind = (typeof KINDS)[number];
/** Each kind's index in KINDS, which entries carry: derived, so that a kind added to KINDS cannot be misnumbered. */
export const K = Object.fromEntries(KINDS.map((k, i) => [k, i])) as { readonly [P in Kind]: number };

/**
 * What an entry between two parties means to the pair: a sale (the seller's
 * revenue from its customer), money put into the obligor's equity, money lent
 * (both count as financing when earmarked for the holder), or anything else.
 */
export type Role = 'sale' | 'equity' | 'lending' | 'other';
const ROLE: Readonly<Record<Kind, Role>> = {
  equity: 'equity', warrant_exercise: 'equity', interest: 'other', loan_draw: 'lending', repayment: 'other', lease: 'other', capex: 'sale', cost_of_sales: 'other', opex: 'other',
  purchase: 'sale', contract: 'sale', revenue_share: 'other', backstop: 'other', revenue: 'other', costs: 'other', net: 'other', asset_sale: 'other', recovery: 'other',
};
/** ROLE by kind index. */
export const ROLE_OF: readonly Role[] = KINDS.map((k) => ROLE[k]);

/**
 * What an entry between holder and obligor does to the holder's financing
 * position: money put in (equity paid, a warrant's strike, loans drawn, paid
 * holder → obligor) is −1, money coming back (interest, repayments, lease
 * payments and recoveries, paid obligor → holder) is +1, anything else (sales
 * above all) 0.
 */
const POSITION: Readonly<Record<Kind, -1 | 0 | 1>> = {
  equity: -1, warrant_exercise: -1, interest: 1, loan_draw: -1, repayment: 1, lease: 1, capex: 0, cost_of_sales: 0, opex: 0, purchase: 0, contract: 0, revenue_share: 0, backstop: 0,
  revenue: 0, costs: 0, net: 0, asset_sale: 0, recovery: 1,
};
/** POSITION by kind index. */
export const POSITION_OF: readonly (-1 | 0 | 1)[] = KINDS.map((k) => POSITION[k]);

/** The party index of market, the implicit party outside the scenario. */
export const MARKET = -1;

/** One movement of money: `amount` cents (> 0) from one party to another. */
export interface Entry {
  readonly period: number;
  readonly from: number;
  readonly to: number;
  readonly amount: bigint;
  readonly kind: number;
  /** deal id, build-out id, or "operations" */
  readonly source: string;
  /** index of the deal in the model, or -1 when the source is not a deal */
  readonly deal: number;
}
