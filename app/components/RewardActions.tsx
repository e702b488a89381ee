import { useFetcher } from "@remix-run/react";
import { Button, InlineStack } from "@shopify/polaris";
import { useResultToast, type ResultMessage } from "./useResultToast";

/**
 * Retry a failed reward or void an issued one. Both post to the rewards page's action,
 * wherever the reward is shown; the engine decides whether the change is still allowed
 * (a used code cannot be voided).
 */
/** One fetcher for every reward button, so its answer outlives the row (see useRewardActionToast). */
export const REWARD_FETCHER_KEY = "reward-action";

/**
 * The toast for a reward action, shown by the page or card that lists the rewards: the
 * row that was clicked may be gone once the list reloads (a retried reward leaves the
 * "Failed" tab), and with it any effect it ran.
 */
export function useRewardActionToast() {
  const fetcher = useFetcher<ResultMessage>({ key: REWARD_FETCHER_KEY });
  useResultToast(fetcher.state, fetcher.data);
}

export function RewardActions({ rewardId, state, used = false }: { rewardId: string; state: string; used?: boolean }) {
  const fetcher = useFetcher<ResultMessage>({ key: REWARD_FETCHER_KEY });
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("id") === rewardId;
  const post = (intent: "retry" | "void") =>
    fetcher.submit({ intent, id: rewardId }, { method: "post", action: "/app/rewards" });
  if (state !== "failed" && !(state === "issued" && !used)) return null;
  return (
    <InlineStack gap="200">
      {state === "failed" ? (
        <Button size="slim" onClick={() => post("retry")} loading={busy} accessibilityLabel="Retry issuing this reward">
          Retry
        </Button>
      ) : null}
      {state === "issued" && !used ? (
        <Button
          size="slim"
          tone="critical"
          onClick={() => post("void")}
          loading={busy}
          accessibilityLabel="Void this reward"
        >
          Void
        </Button>
      ) : null}
    </InlineStack>
  );
}
