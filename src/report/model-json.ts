/**
 * The `model --format json` document (stargate-result/1): the run and its
 * metrics serialised, every value a string or null, never a JSON number.
 */
import { formatCents, formatMoney, formatQuantity, formatRatio } from '../money/decimal.js';
import { KINDS } from '../engine/ledger.js';
import type { RunResult } from '../engine/engine.js';
import type { Metrics } from '../metrics/metrics.js';

export type Json = string | null | Json[] | { [k: string]: Json };

const money = (xs: readonly bigint[]): string[] => xs.map(formatCents);

/** The model result as the documented JSON value. */
export function modelJson(r: RunResult, m: Metrics, options: { ledger?: boolean; warnings?: readonly string[] } = {}): { [k: string]: Json } {
  const { model } = r;
  const tl = model.timeline;
  const partyId = (i: number): string => (i < 0 ? 'market' : (model.parties[i]?.id as string));
  const parties: { [k: string]: Json } = {};
  for (const p of m.parties) {
    parties[p.id] = {
      name: p.name,
      opening_cash: formatCents(p.opening_cash),
      ending_cash: formatCents(p.ending_cash),
      cash_in: formatCents(p.cash_in),
      cash_out: formatCents(p.cash_out),
      net: formatCents(p.net),
      min_cash: formatCents(p.min_cash),
      min_cash_period: tl.labels[p.min_cash_period] as string,
      runway_end: p.runway_end === null ? null : (tl.labels[p.runway_end] as string),
      funding_gap: formatCents(p.funding_gap),
      npv: p.npv && formatMoney(p.npv),
      ownership_sold: formatRatio(p.ownership_sold),
      debt_end: formatCents(p.debt_end),
      gw_online_end: formatQuantity(p.gw_online_end),
      series: { cash_in: money(p.series.cash_in), cash_out: money(p.series.cash_out), net: money(p.series.net), cash: money(p.series.cash) },
    };
  }
  const exposures: Json[] = m.exposures.map((x) => ({
    holder: x.holder,
    obligor: x.obligor,
    loans_end: formatCents(x.loans_end),
    equity_cost_end: formatCents(x.equity_cost_end),
    exposure_end: formatCents(x.exposure_end),
    peak: formatCents(x.peak),
    peak_period: tl.labels[x.peak_period] as string,
    lgd_peak: formatMoney(x.lgd_peak),
    stake_end: formatRatio(x.stake_end),
    equity_value_end: x.equity_value_end && formatMoney(x.equity_value_end),
    revenue: formatCents(x.revenue),
    financed_revenue: formatCents(x.financed_revenue),
    circular_share: x.circular_share && formatRatio(x.circular_share),
    net_cash: formatCents(x.net_cash),
    npv: x.npv && formatMoney(x.npv),
    irr: x.irr && formatRatio(x.irr),
    series: { loans: money(x.series.loans), equity_cost: money(x.series.equity_cost), exposure: money(x.series.exposure), net_cash: money(x.series.net_cash) },
  }));
  const out: { [k: string]: Json } = {
    format: 'stargate-result/1',
    scenario: {
      name: model.name,
      file: model.file,
      timeline: { start: tl.labels[0] as string, end: tl.labels[tl.count - 1] as string, step: tl.step, periods: [...tl.labels] },
    },
    parties,
    exposures,
  };
  if (options.ledger !== false) {
    out.ledger = r.entries.map((e) => ({
      period: tl.labels[e.period] as string,
      from: partyId(e.from),
      to: partyId(e.to),
      amount: formatCents(e.amount),
      kind: KINDS[e.kind] as string,
      source: e.source,
    }));
  }
  out.notes = [...(options.warnings ?? []), ...m.notes];
  return out;
}
