import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { RewardView } from "../admin/referrals.server";
import { formatDate } from "./format";
import { RewardActions, useRewardActionToast } from "./RewardActions";
import { rewardKind, rewardValue } from "./reward-text";
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
  useRewardActionToast();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Rewards
        </Text>
        {rewards.length === 0 ? (
          <Text as="p" tone="subdued">
            {emptyText}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text", "text"]}
            headings={["Kind", "Value", "State", "Code", "Due / issued", ""]}
            rows={rewards.map((r) => [
              rewardKind(r),
              rewardValue(r),
              <StatusBadge key="s" status={r.state} />,
              r.state === "issued" ? r.code : "—",
              r.usedAt
                ? `Used ${formatDate(r.usedAt)}`
                : r.issuedAt
                  ? `Issued ${formatDate(r.issuedAt)}`
                  : `Due ${formatDate(r.dueAt)}`,
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
