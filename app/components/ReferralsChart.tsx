import { BlockStack, Card, InlineStack, Select, SkeletonBodyText, Text } from "@shopify/polaris";
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { useState } from "react";
import type { SeriesPoint } from "../admin/dashboard.server";
import { useI18n } from "../i18n/I18nProvider";
import { formatMinor } from "../lib/money";
import { ClientOnly } from "./ClientOnly";

type ChartMetric = "referredOrders" | "clicks" | "referredRevenueMinor";

const METRICS: { key: string; value: ChartMetric }[] = [
  { key: "dashboard.metrics.referredOrders", value: "referredOrders" },
  { key: "dashboard.metrics.clicks", value: "clicks" },
  { key: "dashboard.metrics.referredRevenue", value: "referredRevenueMinor" },
];

/**
 * The chosen figure per day (or week) over the range as bars, with the previous period's
 * bars beside them. Bars, not a smoothed line: daily counts are small whole numbers, and
 * a curve through 0, 1, 0 draws waves that never happened. Revenue is charted in major
 * units (a number for the axis only; the exact amounts are in the cards).
 */
export function ReferralsChart({
  series,
  previousSeries,
  currency,
  bucketDays,
}: {
  series: SeriesPoint[];
  previousSeries: SeriesPoint[];
  currency: string;
  bucketDays: number;
}) {
  const { t, format } = useI18n();
  const [metric, setMetric] = useState<ChartMetric>("referredOrders");
  const options = METRICS.map((m) => ({ label: t(m.key), value: m.value }));
  const label = options.find((m) => m.value === metric)!.label;
  const value = (p: SeriesPoint) =>
    metric === "referredRevenueMinor" ? Number(formatMinor(p.referredRevenueMinor, currency)) : p[metric];
  const data = [
    { name: label, data: series.map((p) => ({ key: p.day, value: value(p) })) },
    {
      name: t("dashboard.chart.previous"),
      color: "rgba(138, 138, 138, 0.45)",
      data: series.map((p, i) => ({ key: p.day, value: previousSeries[i] ? value(previousSeries[i]) : null })),
    },
  ];
  const yLabel = (v: number | string | null) =>
    metric === "referredRevenueMinor" ? format.moneyAxis(Number(v ?? 0), currency) : format.number(Number(v ?? 0));
  const xLabel = (v: number | string | null) =>
    bucketDays === 7 ? t("dashboard.chart.weekOf", { day: format.shortDay(String(v)) }) : format.shortDay(String(v));
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {bucketDays === 7 ? t("dashboard.chart.byWeek") : t("dashboard.chart.byDay")}
          </Text>
          <div style={{ minWidth: 200 }}>
            <Select
              label={t("dashboard.chart.label")}
              labelInline
              options={options}
              value={metric}
              onChange={(v) => setMetric(v as ChartMetric)}
            />
          </div>
        </InlineStack>
        <div style={{ height: 280 }} data-testid="referrals-chart">
          <ClientOnly fallback={<SkeletonBodyText lines={8} />}>
            {() => (
              <PolarisVizProvider>
                <BarChart
                  isAnimated={false}
                  data={data}
                  theme="Light"
                  xAxisOptions={{ labelFormatter: xLabel }}
                  yAxisOptions={{ labelFormatter: yLabel, integersOnly: metric !== "referredRevenueMinor" }}
                />
              </PolarisVizProvider>
            )}
          </ClientOnly>
        </div>
      </BlockStack>
    </Card>
  );
}
