import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/I18nProvider";

interface MetricCardProps {
  title: string;
  value: string;
  /** relative change against the previous period */
  change: number | null;
  previous: string;
  /** for costs a rise is bad news */
  higherIsBetter?: boolean;
  help?: string;
}

/** One headline figure with its change against the previous period. */
export function MetricCard({ title, value, change, previous, higherIsBetter = true, help }: MetricCardProps) {
  const { t, format } = useI18n();
  const label = format.change(change);
  const good = change !== null && (higherIsBetter ? change > 0 : change < 0);
  const bad = change !== null && (higherIsBetter ? change < 0 : change > 0);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <InlineStack gap="200" blockAlign="center">
          <Text as="p" variant="headingLg">
            {value}
          </Text>
          {label ? <Badge tone={good ? "success" : bad ? "critical" : undefined}>{label}</Badge> : null}
        </InlineStack>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("dashboard.metrics.previous", { value: previous })}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
