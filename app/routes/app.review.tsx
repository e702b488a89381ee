import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Card, EmptyState, Page, Text, useIndexResourceState } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { isMessage, parseIds, type ActionResult } from "../admin/action-result";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { listHeldReferrals } from "../admin/review-queue.server";
import { decideReferrals, parseDecision } from "../admin/review-actions.server";
import { ActionErrorBanner } from "../components/ActionErrorBanner";
import { ConfirmModal } from "../components/ConfirmModal";
import { EMPTY_ILLUSTRATION } from "../components/empty-illustration";
import { usePagination } from "../components/list-navigation";
import { ReferralsTable } from "../components/ReferralsTable";
import { useResultToast } from "../components/useResultToast";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.review");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const { rows, pageInfo } = await listHeldReferrals(shop, pageRequestFrom(new URL(request.url).searchParams));
  return { rows, pageInfo };
}

// Approve or reject one or many held referrals; each goes through the engine on its own.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  const form = await request.formData();
  const decision = parseDecision(form);
  if (isMessage(decision)) return data<ActionResult>({ ok: false, messages: [decision] }, { status: 400 });
  const ids = parseIds(form);
  if (isMessage(ids)) return data<ActionResult>({ ok: false, messages: [ids] }, { status: 400 });
  const result = await decideReferrals(shop, actor, decision, ids);
  const ok = result.failed.length === 0 && result.notFound.length === 0;
  // Every id unknown to this shop: nothing of ours was addressed at all.
  const status = result.done.length === 0 && result.notFound.length === ids.length ? 404 : ok ? 200 : 409;
  return data<ActionResult>({ ok, messages: result.messages }, { status });
}

type Intent = "approve" | "reject";

export default function ReviewQueuePage() {
  const { rows, pageInfo } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const pagination = usePagination(pageInfo);
  const fetcher = useFetcher<ActionResult>();
  const selection = useIndexResourceState(rows);
  const [confirming, setConfirming] = useState<Intent | null>(null);
  useResultToast(fetcher.state, fetcher.data);
  const busy = fetcher.state !== "idle";
  const count = selection.selectedResources.length;

  // Decided referrals leave the queue; drop them from the selection too.
  const { clearSelection } = selection;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) clearSelection();
  }, [fetcher.state, fetcher.data, clearSelection]);

  const decide = (intent: Intent) => {
    setConfirming(null);
    const form = new FormData();
    form.set("intent", intent);
    for (const id of selection.selectedResources) form.append("ids", id);
    fetcher.submit(form, { method: "post" });
  };

  return (
    <Page fullWidth>
      <TitleBar title={t("nav.review")} />
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {t("review.intro")}
        </Text>
        <ActionErrorBanner result={fetcher.data} state={fetcher.state} title={t("review.failedTitle")} />
        <Card padding="0">
          <ReferralsTable
            rows={rows}
            pagination={pagination}
            selection={selection}
            showReasons
            promotedBulkActions={[
              {
                content: busy ? t("review.working") : t("review.approve"),
                onAction: () => setConfirming("approve"),
                disabled: busy,
              },
              { content: t("review.reject"), onAction: () => setConfirming("reject"), disabled: busy },
            ]}
            emptyState={
              <EmptyState heading={t("review.emptyTitle")} image={EMPTY_ILLUSTRATION}>
                <p>{t("review.emptyBody")}</p>
              </EmptyState>
            }
          />
        </Card>
      </BlockStack>
      <ConfirmModal
        open={confirming === "reject"}
        title={t("review.confirmRejectTitle", { count })}
        body={t("review.confirmRejectBody")}
        confirmLabel={t("review.confirmRejectButton", { count })}
        onConfirm={() => decide("reject")}
        onClose={() => setConfirming(null)}
      />
      <ConfirmModal
        open={confirming === "approve"}
        destructive={false}
        title={t("review.confirmApproveTitle", { count })}
        body={t("review.confirmApproveBody")}
        confirmLabel={t("review.confirmApproveButton", { count })}
        onConfirm={() => decide("approve")}
        onClose={() => setConfirming(null)}
      />
    </Page>
  );
}
