import { Link } from "@remix-run/react";
import { BlockStack, Card, DescriptionList, InlineStack, Text } from "@shopify/polaris";
import type { ReferralDetail } from "../admin/referrals.server";
import { adminCustomerUrl, adminOrderUrl } from "../admin/shopify-admin-links";
import { useI18n } from "../i18n/I18nProvider";
import { AdminLink } from "./AdminLink";
import { PersonCell } from "./PersonCell";
import { ReasonsList } from "./ReasonsList";
import { StatusBadge } from "./StatusBadge";

/** Who invited whom, with which code, on which order, and what the engine decided. */
export function ReferralSummaryCard({ referral: r }: { referral: ReferralDetail }) {
  const { t, format } = useI18n();
  const orderText = t("referrals.summary.orderPlaced", {
    order: r.orderName || "—",
    date: format.dateTime(r.orderCreatedAt),
  });
  const orderUrl = adminOrderUrl(r.orderId);
  const friendUrl = adminCustomerUrl(r.friendCustomerId);
  const subtotal = format.money(r.subtotalMinor, r.currencyCode);
  const friend = <PersonCell name={r.friendName} email={r.friendEmail} />;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("referrals.summary.heading")}
          </Text>
          <StatusBadge status={r.status} />
        </InlineStack>
        <DescriptionList
          items={[
            {
              term: t("referrals.summary.order"),
              description: orderUrl ? (
                <AdminLink href={orderUrl} label={t("referrals.summary.openOrder")}>
                  {orderText}
                </AdminLink>
              ) : (
                orderText
              ),
            },
            {
              term: t("referrals.summary.subtotal"),
              description: r.refundedMinor
                ? t("referrals.summary.refunded", {
                    amount: subtotal,
                    refunded: format.money(r.refundedMinor, r.currencyCode),
                  })
                : subtotal,
            },
            { term: t("referrals.summary.codeUsed"), description: r.codeUsed },
            {
              term: t("referrals.summary.advocate"),
              description: (
                <Link to={`/app/advocates/${r.advocateId}`}>
                  <PersonCell name={r.advocateName} email={r.advocateEmail} fallback={r.advocateCode} />
                </Link>
              ),
            },
            {
              term: t("referrals.summary.friend"),
              description: friendUrl ? (
                <AdminLink href={friendUrl} label={t("referrals.summary.openCustomer")}>
                  {friend}
                </AdminLink>
              ) : (
                friend
              ),
            },
            { term: t("referrals.summary.paid"), description: format.dateTime(r.paidAt) },
            { term: t("referrals.summary.decided"), description: format.dateTime(r.decidedAt) },
            { term: t("referrals.summary.reasons"), description: <ReasonsList reasons={r.reasons} /> },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
