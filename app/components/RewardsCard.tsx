import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { RewardView } from "../admin/referrals.server";
import { useI18n } from "../i18n/I18nProvider";
import { RewardActionBanner, RewardActions, useRewardActionToast } from "./RewardActions";
import { rewardKind, rewardValue, rewardWhen } from "./reward-text";
import { StatusBadge } from "./StatusBadge";

/** The rewards of one referral or advocate, with retry/void where allowed. */
export function RewardsCard({
  rewards,
  emptyText,
  footer,
}: {
  rewards: RewardView[];
  emptyText: string;
  footer?: string;
}) {
  const { t, format } = useI18n();
  useRewardActionToast();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("rewards.heading")}
        </Text>
        <RewardActionBanner />
        {rewards.length === 0 ? (
          <Text as="p" tone="subdued">
            {emptyText}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text", "text"]}
            headings={[
              t("rewards.table.kind"),
              t("rewards.table.value"),
              t("rewards.table.state"),
              t("rewards.table.code"),
              t("rewards.table.due"),
              "",
            ]}
            rows={rewards.map((r) => [
              rewardKind(r, t),
              rewardValue(r, t, format),
              <StatusBadge key="s" status={r.state} />,
              r.state === "issued" ? r.code : "—",
              rewardWhen(r, t, format),
              <RewardActions key="a" rewardId={r.id} state={r.state} used={Boolean(r.usedAt)} />,
            ])}
          />
        )}
        {footer ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {footer}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
