import { BlockStack, InlineGrid, Text } from "@shopify/polaris";
import type { Dashboard } from "../admin/dashboard.server";
import { relativeChange } from "../admin/metrics";
import { useI18n } from "../i18n/I18nProvider";
import { MetricCard } from "./MetricCard";

/** The headline figures of the range, each against the previous period. */
export function DashboardMetrics({ dashboard, currency }: { dashboard: Dashboard; currency: string }) {
  const { t, format, timeZone } = useI18n();
  const { current: c, previous: p, changes } = dashboard;
  const money = (minor: number) => format.money(minor, currency);
  const perWeek = (n: number) => t("dashboard.metrics.perWeek", { value: format.number(n, 1) });
  const repeat = dashboard.repeatPurchase;
  const prevRepeat = dashboard.previousRepeatPurchase;
  return (
    <BlockStack gap="300">
      <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
        <MetricCard
          title={t("dashboard.metrics.clicks")}
          value={format.number(c.clicks)}
          change={changes.clicks}
          previous={format.number(p.clicks)}
        />
        <MetricCard
          title={t("dashboard.metrics.referredOrders")}
          value={format.number(c.referredOrders)}
          change={changes.referredOrders}
          previous={format.number(p.referredOrders)}
          help={c.held ? t("dashboard.metrics.heldMore", { count: c.held }) : undefined}
        />
        <MetricCard
          title={t("dashboard.metrics.conversionRate")}
          value={format.percent(c.conversionRate)}
          change={changes.conversionRate}
          previous={format.percent(p.conversionRate)}
          help={t("dashboard.metrics.conversionHelp")}
        />
        <MetricCard
          title={t("dashboard.metrics.referredRevenue")}
          value={money(c.referredRevenueMinor)}
          change={changes.referredRevenueMinor}
          previous={money(p.referredRevenueMinor)}
        />
        <MetricCard
          title={t("dashboard.metrics.rewardCost")}
          value={money(c.rewardCostMinor)}
          change={changes.rewardCostMinor}
          previous={money(p.rewardCostMinor)}
          higherIsBetter={false}
        />
        <MetricCard
          title={t("dashboard.metrics.returnOnSpend")}
          value={format.multiple(c.returnOnRewardSpend)}
          change={changes.returnOnRewardSpend}
          previous={format.multiple(p.returnOnRewardSpend)}
          help={t("dashboard.metrics.returnOnSpendHelp")}
        />
        <MetricCard
          title={t("dashboard.metrics.velocity")}
          value={perWeek(c.velocityPerWeek)}
          change={changes.velocityPerWeek}
          previous={perWeek(p.velocityPerWeek)}
          help={t("dashboard.metrics.velocityHelp")}
        />
        <MetricCard
          title={t("dashboard.metrics.repeatRate")}
          value={format.percent(repeat.rate)}
          change={relativeChange(repeat.rate, prevRepeat.rate)}
          previous={format.percent(prevRepeat.rate)}
          help={t(repeat.sampled ? "dashboard.metrics.repeatSampled" : "dashboard.metrics.repeatHelp", {
            repeaters: repeat.repeaters,
            friends: repeat.friends,
            sample: repeat.sampleSize,
          })}
        />
      </InlineGrid>
      <Text as="p" variant="bodySm" tone="subdued">
        {t("dashboard.daysNote", { timeZone })}
      </Text>
    </BlockStack>
  );
}
