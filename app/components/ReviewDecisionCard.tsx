import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { ReasonView } from "../admin/reasons";
import { ReasonsList } from "./ReasonsList";
import { useResultToast, type ResultMessage } from "./useResultToast";

/** Keyed, so the answer outlives this card (it disappears once the referral is decided). */
export const REVIEW_FETCHER_KEY = "review-decision";

/** The decision's toast, shown by the page, which stays when the card goes. */
export function useReviewDecisionToast() {
  const fetcher = useFetcher<ResultMessage>({ key: REVIEW_FETCHER_KEY });
  useResultToast(fetcher.state, fetcher.data);
}

/** A held referral's reasons and the owner's decision on it. */
export function ReviewDecisionCard({ reasons }: { reasons: ReasonView[] }) {
  const fetcher = useFetcher<ResultMessage>({ key: REVIEW_FETCHER_KEY });
  const [note, setNote] = useState("");
  const busy = fetcher.state !== "idle";
  const pending = fetcher.formData?.get("intent");
  const decide = (intent: "approve" | "reject") => fetcher.submit({ intent, note }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Held for review
        </Text>
        <Text as="p">The engine held this referral instead of accepting it because:</Text>
        <ReasonsList reasons={reasons} />
        {fetcher.data && !fetcher.data.ok ? <Banner tone="critical">{fetcher.data.message}</Banner> : null}
        <TextField
          label="Note (optional, kept in the history when rejecting)"
          value={note}
          onChange={setNote}
          autoComplete="off"
          maxLength={500}
        />
        <InlineStack gap="200">
          <Button
            variant="primary"
            onClick={() => decide("approve")}
            loading={busy && pending === "approve"}
            disabled={busy}
          >
            Approve referral
          </Button>
          <Button
            tone="critical"
            onClick={() => decide("reject")}
            loading={busy && pending === "reject"}
            disabled={busy}
          >
            Reject referral
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
