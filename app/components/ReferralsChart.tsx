import { BlockStack, Card, InlineStack, Select, SkeletonBodyText, Text } from "@shopify/polaris";
import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { useState } from "react";
import type { SeriesPoint } from "../admin/dashboard.server";
import { formatMinor } from "../lib/money";
import { ClientOnly } from "./ClientOnly";
import { formatShortDay } from "./format";

type ChartMetric = "referredOrders" | "clicks" | "referredRevenueMinor";

const METRICS: { label: string; value: ChartMetric }[] = [
  { label: "Referred orders", value: "referredOrders" },
  { label: "Clicks", value: "clicks" },
  { label: "Referred revenue", value: "referredRevenueMinor" },
];

/**
 * The chosen figure per day over the range, with the previous period drawn as a
 * comparison line on the same days. Revenue is charted in major units (a number for the
 * axis only; the exact amounts are in the cards).
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
  const [metric, setMetric] = useState<ChartMetric>("referredOrders");
  const label = METRICS.find((m) => m.value === metric)!.label;
  const value = (p: SeriesPoint) =>
    metric === "referredRevenueMinor" ? Number(formatMinor(p.referredRevenueMinor, currency)) : p[metric];
  const data = [
    { name: label, data: series.map((p) => ({ key: p.day, value: value(p) })) },
    {
      name: "Previous period",
      isComparison: true,
      data: series.map((p, i) => ({ key: p.day, value: previousSeries[i] ? value(previousSeries[i]) : null })),
    },
  ];
  const axisMoney = new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 });
  const yLabel = (v: number | string | null) =>
    metric === "referredRevenueMinor" ? axisMoney.format(Number(v ?? 0)) : String(v ?? "");
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {bucketDays === 7 ? "Week by week" : "Day by day"}
          </Text>
          <div style={{ minWidth: 200 }}>
            <Select
              label="Chart"
              labelInline
              options={METRICS}
              value={metric}
              onChange={(v) => setMetric(v as ChartMetric)}
            />
          </div>
        </InlineStack>
        <div style={{ height: 280 }} data-testid="referrals-chart">
          <ClientOnly fallback={<SkeletonBodyText lines={8} />}>
            {() => (
              <PolarisVizProvider>
                <LineChart
                  data={data}
                  theme="Light"
                  xAxisOptions={{
                    labelFormatter: (v) =>
                      bucketDays === 7 ? `Week of ${formatShortDay(String(v))}` : formatShortDay(String(v)),
                  }}
                  yAxisOptions={{ labelFormatter: yLabel }}
                />
              </PolarisVizProvider>
            )}
          </ClientOnly>
        </div>
      </BlockStack>
    </Card>
  );
}
