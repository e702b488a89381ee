import { Link } from "@remix-run/react";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { TopAdvocate } from "../admin/dashboard.server";
import { useI18n } from "../i18n/I18nProvider";

/** The few advocates who bring most referrals (all time), to thank or reward further. */
export function TopAdvocatesCard({ advocates, currency }: { advocates: TopAdvocate[]; currency: string }) {
  const { t, format } = useI18n();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dashboard.top.title")}
        </Text>
        {advocates.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("dashboard.top.empty")}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric"]}
            headings={[
              t("dashboard.top.advocate"),
              t("dashboard.top.code"),
              t("dashboard.top.referrals"),
              t("dashboard.top.earned"),
            ]}
            rows={advocates.map((a) => [
              <Link key={a.id} to={`/app/advocates/${a.id}`}>
                {a.name || a.email || a.code}
              </Link>,
              a.code,
              format.number(a.qualifiedCount),
              format.money(a.earnedMinor, currency),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
