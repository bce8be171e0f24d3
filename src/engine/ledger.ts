/**
 * Section 6: ledger entries and their kinds, in the order the spec sorts them.
 */

/** Kinds in ledger order within a period. */
export const KINDS = ['equity', 'interest', 'loan_draw', 'repayment', 'capex', 'cost_of_sales', 'opex', 'purchase', 'revenue', 'costs', 'net'] as const;
export type Kind = (typeof KINDS)[number];
export const K = {
  equity: 0, interest: 1, loan_draw: 2, repayment: 3, capex: 4, cost_of_sales: 5, opex: 6, purchase: 7, revenue: 8, costs: 9, net: 10,
} as const satisfies Record<Kind, number>;

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
