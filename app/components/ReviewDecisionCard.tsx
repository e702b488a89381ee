import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { ReasonView } from "../admin/reasons";
import { useI18n } from "../i18n/I18nProvider";
import { ActionErrorBanner } from "./ActionErrorBanner";
import { ConfirmModal } from "./ConfirmModal";
import { ReasonsList } from "./ReasonsList";
import { useResultToast, type ActionResult } from "./useResultToast";

/** Keyed, so the answer outlives this card (it disappears once the referral is decided). */
export const REVIEW_FETCHER_KEY = "review-decision";

/** The decision's toast, shown by the page, which stays when the card goes. */
export function useReviewDecisionToast() {
  const fetcher = useFetcher<ActionResult>({ key: REVIEW_FETCHER_KEY });
  useResultToast(fetcher.state, fetcher.data);
}

/** A held referral's reasons and the owner's decision on it; rejecting asks first. */
export function ReviewDecisionCard({ reasons }: { reasons: ReasonView[] }) {
  const { t } = useI18n();
  const fetcher = useFetcher<ActionResult>({ key: REVIEW_FETCHER_KEY });
  const [note, setNote] = useState("");
  const [confirmingReject, setConfirmingReject] = useState(false);
  const busy = fetcher.state !== "idle";
  const pending = fetcher.formData?.get("intent");
  const decide = (intent: "approve" | "reject") => {
    setConfirmingReject(false);
    fetcher.submit({ intent, note }, { method: "post" });
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("review.heldHeading")}
        </Text>
        <Text as="p">{t("review.heldIntro")}</Text>
        <ReasonsList reasons={reasons} />
        <ActionErrorBanner result={fetcher.data} state={fetcher.state} title={t("review.failedTitle")} />
        <TextField label={t("review.note")} value={note} onChange={setNote} autoComplete="off" maxLength={500} />
        <InlineStack gap="200">
          <Button
            variant="primary"
            onClick={() => decide("approve")}
            loading={busy && pending === "approve"}
            disabled={busy}
          >
            {t("review.approveOne")}
          </Button>
          <Button
            tone="critical"
            onClick={() => setConfirmingReject(true)}
            loading={busy && pending === "reject"}
            disabled={busy}
          >
            {t("review.rejectOne")}
          </Button>
        </InlineStack>
        <ConfirmModal
          open={confirmingReject}
          title={t("review.confirmRejectOneTitle")}
          body={t("review.confirmRejectOneBody")}
          confirmLabel={t("review.rejectOne")}
          onConfirm={() => decide("reject")}
          onClose={() => setConfirmingReject(false)}
        />
      </BlockStack>
    </Card>
  );
}
