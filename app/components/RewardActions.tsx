import { useFetcher } from "@remix-run/react";
import { Button, InlineStack } from "@shopify/polaris";
import { useResultToast, type ResultMessage } from "./useResultToast";

/**
 * Retry a failed reward or void an issued one. Both post to the rewards page's action,
 * wherever the reward is shown; the engine decides whether the change is still allowed
 * (a used code cannot be voided).
 */
export function RewardActions({ rewardId, state, used = false }: { rewardId: string; state: string; used?: boolean }) {
  const fetcher = useFetcher<ResultMessage>();
  useResultToast(fetcher.state, fetcher.data);
  const busy = fetcher.state !== "idle";
  const post = (intent: "retry" | "void") => fetcher.submit({ intent, id: rewardId }, { method: "post", action: "/app/rewards" });
  if (state !== "failed" && !(state === "issued" && !used)) return null;
  return (
    <InlineStack gap="200">
      {state === "failed" ? (
        <Button size="slim" onClick={() => post("retry")} loading={busy} accessibilityLabel="Retry issuing this reward">
          Retry
        </Button>
      ) : null}
      {state === "issued" && !used ? (
        <Button size="slim" tone="critical" onClick={() => post("void")} loading={busy} accessibilityLabel="Void this reward">
          Void
        </Button>
      ) : null}
    </InlineStack>
  );
}
