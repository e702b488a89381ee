import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { ReasonView } from "../admin/reasons";
import { ReasonsList } from "./ReasonsList";
import { useResultToast, type ResultMessage } from "./useResultToast";

/** A held referral's reasons and the owner's decision on it. */
export function ReviewDecisionCard({ reasons }: { reasons: ReasonView[] }) {
  const fetcher = useFetcher<ResultMessage>();
  const [note, setNote] = useState("");
  useResultToast(fetcher.state, fetcher.data);
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
        <TextField label="Note (optional, kept in the history when rejecting)" value={note} onChange={setNote} autoComplete="off" maxLength={500} />
        <InlineStack gap="200">
          <Button variant="primary" onClick={() => decide("approve")} loading={busy && pending === "approve"} disabled={busy}>
            Approve referral
          </Button>
          <Button tone="critical" onClick={() => decide("reject")} loading={busy && pending === "reject"} disabled={busy}>
            Reject referral
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
