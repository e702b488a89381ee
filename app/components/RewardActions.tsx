import { useFetcher } from "@remix-run/react";
import { Button, InlineStack } from "@shopify/polaris";
import { useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { ActionErrorBanner } from "./ActionErrorBanner";
import { ConfirmModal } from "./ConfirmModal";
import { useResultToast, type ActionResult } from "./useResultToast";

/**
 * Retry a failed reward or void an issued one. Both post to the rewards page's action,
 * wherever the reward is shown; the engine decides whether the change is still allowed
 * (a used code cannot be voided).
 */
/** One fetcher for every reward button, so its answer outlives the row (see useRewardActionToast). */
export const REWARD_FETCHER_KEY = "reward-action";

/**
 * The answer to a reward action, shown by the page or card that lists the rewards: the
 * row that was clicked may be gone once the list reloads (a retried reward leaves the
 * "Failed" tab), and with it any effect it ran. Success is a toast; the failure banner is
 * RewardActionBanner.
 */
export function useRewardActionToast() {
  const fetcher = useFetcher<ActionResult>({ key: REWARD_FETCHER_KEY });
  useResultToast(fetcher.state, fetcher.data);
}

/** A refused reward action, as a critical banner that stays. */
export function RewardActionBanner() {
  const { t } = useI18n();
  const fetcher = useFetcher<ActionResult>({ key: REWARD_FETCHER_KEY });
  return <ActionErrorBanner result={fetcher.data} state={fetcher.state} title={t("rewards.failedTitle")} />;
}

export function RewardActions({ rewardId, state, used = false }: { rewardId: string; state: string; used?: boolean }) {
  const { t } = useI18n();
  const fetcher = useFetcher<ActionResult>({ key: REWARD_FETCHER_KEY });
  const [confirmingVoid, setConfirmingVoid] = useState(false);
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("id") === rewardId;
  const post = (intent: "retry" | "void") => {
    setConfirmingVoid(false);
    fetcher.submit({ intent, id: rewardId }, { method: "post", action: "/app/rewards" });
  };
  if (state !== "failed" && !(state === "issued" && !used)) return null;
  return (
    <InlineStack gap="200">
      {state === "failed" ? (
        <Button size="slim" onClick={() => post("retry")} loading={busy} accessibilityLabel={t("rewards.retryLabel")}>
          {t("rewards.retry")}
        </Button>
      ) : null}
      {state === "issued" && !used ? (
        <>
          <Button
            size="slim"
            tone="critical"
            onClick={() => setConfirmingVoid(true)}
            loading={busy}
            accessibilityLabel={t("rewards.voidLabel")}
          >
            {t("rewards.void")}
          </Button>
          <ConfirmModal
            open={confirmingVoid}
            title={t("rewards.confirmVoidTitle")}
            body={t("rewards.confirmVoidBody")}
            confirmLabel={t("rewards.confirmVoidButton")}
            onConfirm={() => post("void")}
            onClose={() => setConfirmingVoid(false)}
          />
        </>
      ) : null}
    </InlineStack>
  );
}
