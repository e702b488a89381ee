import { Link } from "@remix-run/react";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { TopAdvocate } from "../admin/dashboard.server";
import { displayMoney } from "../lib/money";

/** The few advocates who bring most referrals (all time), to thank or reward further. */
export function TopAdvocatesCard({ advocates, currency }: { advocates: TopAdvocate[]; currency: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Top advocates
        </Text>
        {advocates.length === 0 ? (
          <Text as="p" tone="subdued">
            No advocate has a successful referral yet. Once friends order with a code, the customers who bring the most
            appear here.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric"]}
            headings={["Advocate", "Code", "Successful referrals", "Earned"]}
            rows={advocates.map((a) => [
              <Link key={a.id} to={`/app/advocates/${a.id}`}>
                {a.name || a.email || a.code}
              </Link>,
              a.code,
              a.qualifiedCount,
              displayMoney(a.earnedMinor, currency),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
