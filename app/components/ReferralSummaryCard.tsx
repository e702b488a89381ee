import { Link } from "@remix-run/react";
import { BlockStack, Card, DescriptionList, InlineStack, Text } from "@shopify/polaris";
import type { ReferralDetail } from "../admin/referrals.server";
import { displayMoney } from "../lib/money";
import { formatDateTime } from "./format";
import { ReasonsList } from "./ReasonsList";
import { StatusBadge } from "./StatusBadge";

/** Who invited whom, with which code, on which order, and what the engine decided. */
export function ReferralSummaryCard({ referral: r }: { referral: ReferralDetail }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Referral
          </Text>
          <StatusBadge status={r.status} />
        </InlineStack>
        <DescriptionList
          items={[
            { term: "Order", description: `${r.orderName || "—"} (placed ${formatDateTime(r.orderCreatedAt)})` },
            {
              term: "Subtotal",
              description: `${displayMoney(r.subtotalMinor, r.currencyCode)}${r.refundedMinor ? `, ${displayMoney(r.refundedMinor, r.currencyCode)} refunded` : ""}`,
            },
            { term: "Code used", description: r.codeUsed },
            {
              term: "Advocate",
              description: (
                <Link to={`/app/advocates/${r.advocateId}`}>
                  {[r.advocateName, r.advocateEmail].filter(Boolean).join(" · ") || r.advocateCode}
                </Link>
              ),
            },
            { term: "Friend", description: [r.friendName, r.friendEmail].filter(Boolean).join(" · ") || "—" },
            { term: "Paid", description: formatDateTime(r.paidAt) },
            { term: "Decided", description: formatDateTime(r.decidedAt) },
            { term: "Reasons", description: <ReasonsList reasons={r.reasons} /> },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
