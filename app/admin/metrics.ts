/**
 * The dashboard's figures from summed DailyStat rows. Pure, so the arithmetic (ratios
 * with a zero denominator, changes against an empty previous period) is tested alone.
 */

export interface StatTotals {
  clicks: number;
  referrals: number;
  accepted: number;
  held: number;
  blocked: number;
  voided: number;
  referredRevenueMinor: number;
  rewardsIssued: number;
  rewardCostMinor: number;
}

export const EMPTY_TOTALS: StatTotals = {
  clicks: 0,
  referrals: 0,
  accepted: 0,
  held: 0,
  blocked: 0,
  voided: 0,
  referredRevenueMinor: 0,
  rewardsIssued: 0,
  rewardCostMinor: 0,
};

export function addTotals(a: StatTotals, b: Partial<StatTotals>): StatTotals {
  const out = { ...a };
  for (const key of Object.keys(EMPTY_TOTALS) as (keyof StatTotals)[]) out[key] += b[key] ?? 0;
  return out;
}

export interface Metrics {
  clicks: number;
  /** referred orders that count: accepted referrals (held ones are not yet decided) */
  referredOrders: number;
  /** referred orders / clicks; null when there were no clicks */
  conversionRate: number | null;
  referredRevenueMinor: number;
  rewardCostMinor: number;
  /** referred revenue per unit of reward cost (4 means 4× the spend); null with no cost */
  returnOnRewardSpend: number | null;
  /** accepted referrals per 7 days over the range */
  velocityPerWeek: number;
  held: number;
  blocked: number;
}

export function metricsFrom(t: StatTotals, days: number): Metrics {
  return {
    clicks: t.clicks,
    referredOrders: t.accepted,
    conversionRate: t.clicks > 0 ? t.accepted / t.clicks : null,
    referredRevenueMinor: t.referredRevenueMinor,
    rewardCostMinor: t.rewardCostMinor,
    returnOnRewardSpend: t.rewardCostMinor > 0 ? t.referredRevenueMinor / t.rewardCostMinor : null,
    velocityPerWeek: days > 0 ? (t.accepted * 7) / days : 0,
    held: t.held,
    blocked: t.blocked,
  };
}

/** Relative change from the previous period: 0.25 is +25%; null when there is no base. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
