/** `stargate init [FILE]`: a commented starter scenario that validates as written. */
import { CliError, writeFd, writeResult } from '../io.js';

export const STARTER = `# A stargate scenario (format 1). Check it with: stargate validate FILE
# Amounts: 14B, "$1,250.50", -3.5M, 100_000. Ratios: 6% or 0.06. Periods: 2026, 2026-H2, 2026-Q3, 2026-07.
stargate: 1
name: "Vendor credit for a 2 GW build-out"
description: "A chip vendor lends its customer money earmarked for the vendor's own hardware."
sources:
  - "Write where each figure comes from; mark assumptions as such."

timeline:
  start: 2026-Q1
  end: 2028-Q4
  step: quarter          # month | quarter | year

discount_rate: 10%       # default annual rate for every party's NPV

parties:
  vendor:
    name: Vendor
    cash: 60B            # opening cash
    gross_margin: 75%    # the rest of each sale is cost of sales, paid to market
  lab:
    name: Lab
    cash: 15B
    valuation: {2026-Q1: 500B}   # post-money value of the company (a level)
    recovery_rate: 40%           # what lenders recover if it defaults

buildouts:
  campus:
    operator: lab
    gw: {2026-H2: 1, 2027: 1}    # GW added (a flow: totals per period, split evenly)
    capex_per_gw: 50B
    suppliers: {vendor: 70%}     # share of capex paid to each supplier; the rest to market
    opex_per_gw_year: 1.2B       # power and operations, paid to market

operations:
  lab:
    revenue: {2026: 12B, 2027: 20B, 2028: 30B}
    costs: {2026: 20B, 2027: 26B, 2028: 32B}

deals:
  - id: vendor-credit
    type: credit_line
    lender: vendor
    borrower: lab
    limit: 20B
    draws: {buildout: campus, per_gw: 10B}   # or a flow such as {2026: 5B, 2027: 10B}
    use_of_proceeds: vendor                  # earmarked for the vendor's hardware: circular
    rate: 6%
    interest: capitalize                     # pay | capitalize
    repayment: {type: bullet, at: 2028-Q4}   # or {type: amortizing, start: 2028-Q1, periods: 4}
  - id: vendor-stake
    type: equity
    investor: vendor
    issuer: lab
    amount: 2B
    date: 2026-Q1
    post_money: 500B
`;

export function initCommand(file: string | undefined, opts: { force?: boolean }): number {
  const target = file ?? 'scenario.yaml';
  if (target === '') throw new CliError('init needs a file name (or - for stdout)', 2);
  writeResult(STARTER, { out: target, force: opts.force });
  if (target !== '-') writeFd(2, `wrote ${target}; try: stargate validate ${target}\n`);
  return 0;
}
