import { BlockStack, InlineGrid, Text } from "@shopify/polaris";
import type { Dashboard } from "../admin/dashboard.server";
import { relativeChange } from "../admin/metrics";
import { displayMoney } from "../lib/money";
import { formatMultiple, formatNumber, formatPercent } from "./format";
import { MetricCard } from "./MetricCard";

/** The headline figures of the range, each against the previous period. */
export function DashboardMetrics({ dashboard, currency }: { dashboard: Dashboard; currency: string }) {
  const { current: c, previous: p, changes } = dashboard;
  const money = (minor: number) => displayMoney(minor, currency);
  const repeat = dashboard.repeatPurchase;
  const prevRepeat = dashboard.previousRepeatPurchase;
  return (
    <BlockStack gap="300">
      <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
        <MetricCard
          title="Clicks"
          value={formatNumber(c.clicks)}
          change={changes.clicks}
          previous={formatNumber(p.clicks)}
        />
        <MetricCard
          title="Referred orders"
          value={formatNumber(c.referredOrders)}
          change={changes.referredOrders}
          previous={formatNumber(p.referredOrders)}
          help={c.held ? `${c.held} more held for review` : undefined}
        />
        <MetricCard
          title="Conversion rate"
          value={formatPercent(c.conversionRate)}
          change={changes.conversionRate}
          previous={formatPercent(p.conversionRate)}
          help="Referred orders ÷ clicks"
        />
        <MetricCard
          title="Referred revenue"
          value={money(c.referredRevenueMinor)}
          change={changes.referredRevenueMinor}
          previous={money(p.referredRevenueMinor)}
        />
        <MetricCard
          title="Reward cost"
          value={money(c.rewardCostMinor)}
          change={changes.rewardCostMinor}
          previous={money(p.rewardCostMinor)}
          higherIsBetter={false}
        />
        <MetricCard
          title="Return on reward spend"
          value={formatMultiple(c.returnOnRewardSpend)}
          change={changes.returnOnRewardSpend}
          previous={formatMultiple(p.returnOnRewardSpend)}
          help="Referred revenue ÷ reward cost"
        />
        <MetricCard
          title="Referral velocity"
          value={`${formatNumber(c.velocityPerWeek, 1)} / week`}
          change={changes.velocityPerWeek}
          previous={`${formatNumber(p.velocityPerWeek, 1)} / week`}
          help="New successful referrals per week"
        />
        <MetricCard
          title="Repeat-purchase rate"
          value={formatPercent(repeat.rate)}
          change={relativeChange(repeat.rate, prevRepeat.rate)}
          previous={formatPercent(prevRepeat.rate)}
          help={`${repeat.repeaters} of ${repeat.friends} referred friends ordered again${repeat.sampled ? ` (newest ${formatNumber(repeat.sampleSize, 0)} referrals)` : ""}`}
        />
      </InlineGrid>
      <Text as="p" variant="bodySm" tone="subdued">
        Days are UTC calendar days; each figure is compared with the same number of days just before the range.
      </Text>
    </BlockStack>
  );
}
