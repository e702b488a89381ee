import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, EmptyState, Page, Text, useIndexResourceState } from "@shopify/polaris";
import { useEffect } from "react";
import { parseIds } from "../admin/action-result";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { listHeldReferrals } from "../admin/review-queue.server";
import { decideReferrals, parseDecision } from "../admin/review-actions.server";
import { usePagination } from "../components/list-navigation";
import { ReferralsTable } from "../components/ReferralsTable";
import { useResultToast, type ResultMessage } from "../components/useResultToast";
import { EMPTY_ILLUSTRATION } from "../components/empty-illustration";
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
  if (typeof decision === "string") return data<ResultMessage>({ ok: false, message: decision }, { status: 400 });
  const ids = parseIds(form);
  if (typeof ids === "string") return data<ResultMessage>({ ok: false, message: ids }, { status: 400 });
  const result = await decideReferrals(shop, actor, decision, ids);
  const ok = result.failed.length === 0 && result.notFound.length === 0;
  // Every id unknown to this shop: nothing of ours was addressed at all.
  const status = result.done.length === 0 && result.notFound.length === ids.length ? 404 : ok ? 200 : 409;
  return data<ResultMessage>({ ok, message: result.message }, { status });
}

export default function ReviewQueuePage() {
  const { rows, pageInfo } = useLoaderData<typeof loader>();
  const pagination = usePagination(pageInfo);
  const fetcher = useFetcher<ResultMessage>();
  const selection = useIndexResourceState(rows);
  useResultToast(fetcher.state, fetcher.data);
  const busy = fetcher.state !== "idle";

  // Decided referrals leave the queue; drop them from the selection too.
  const { clearSelection } = selection;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) clearSelection();
  }, [fetcher.state, fetcher.data, clearSelection]);

  const decide = (intent: "approve" | "reject") => {
    const form = new FormData();
    form.set("intent", intent);
    for (const id of selection.selectedResources) form.append("ids", id);
    fetcher.submit(form, { method: "post" });
  };

  return (
    <Page fullWidth>
      <TitleBar title="Review queue" />
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          Referrals the fraud rules held instead of accepting: similar names or emails, many orders from one address,
          bursts from one advocate. Approve to credit the advocate, reject to discard.
        </Text>
        {fetcher.data && !fetcher.data.ok && fetcher.state === "idle" ? (
          <Banner tone="warning">{fetcher.data.message}</Banner>
        ) : null}
        <Card padding="0">
          <ReferralsTable
            rows={rows}
            pagination={pagination}
            selection={selection}
            showReasons
            promotedBulkActions={[
              { content: busy ? "Working…" : "Approve", onAction: () => decide("approve"), disabled: busy },
              { content: "Reject", onAction: () => decide("reject"), disabled: busy },
            ]}
            emptyState={
              <EmptyState heading="Nothing to review" image={EMPTY_ILLUSTRATION}>
                <p>Held referrals appear here. Until then, every referral is decided automatically.</p>
              </EmptyState>
            }
          />
        </Card>
      </BlockStack>
    </Page>
  );
}
