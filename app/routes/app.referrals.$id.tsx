import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Layout, Page } from "@shopify/polaris";
import { isMessage, isPlausibleId, type ActionResult } from "../admin/action-result";
import { adminContext } from "../admin/context.server";
import { getReferralDetail } from "../admin/referrals.server";
import { decideReferrals, parseDecision } from "../admin/review-actions.server";
import { HistoryTimeline } from "../components/HistoryTimeline";
import { ReferralSummaryCard } from "../components/ReferralSummaryCard";
import { ReviewDecisionCard, useReviewDecisionToast } from "../components/ReviewDecisionCard";
import { RewardsCard } from "../components/RewardsCard";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.referrals");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const referral = isPlausibleId(params.id) ? await getReferralDetail(shop, params.id) : null;
  if (!referral) throw new Response("Referral not found", { status: 404 });
  return { referral };
}

// Approve or reject this one referral (the same domain calls as the review queue).
export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  if (!isPlausibleId(params.id)) throw new Response("Referral not found", { status: 404 });
  const decision = parseDecision(await request.formData());
  if (isMessage(decision)) return data<ActionResult>({ ok: false, messages: [decision] }, { status: 400 });
  const result = await decideReferrals(shop, actor, decision, [params.id]);
  if (result.notFound.length) throw new Response("Referral not found", { status: 404 });
  return data<ActionResult>(
    { ok: result.failed.length === 0, messages: result.messages },
    { status: result.failed.length ? 409 : 200 },
  );
}

export default function ReferralDetailPage() {
  const { referral } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  useReviewDecisionToast();
  const title = t("referrals.detailTitle", { order: referral.orderName || referral.orderId });
  return (
    <Page>
      <TitleBar title={title}>
        <a variant="breadcrumb" href="/app/referrals">
          {t("nav.referrals")}
        </a>
      </TitleBar>
      <Layout>
        {referral.status === "held" ? (
          <Layout.Section>
            <ReviewDecisionCard reasons={referral.reasons} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <ReferralSummaryCard referral={referral} />
        </Layout.Section>
        <Layout.Section>
          <RewardsCard rewards={referral.rewards} emptyText={t("referrals.noRewards")} />
        </Layout.Section>
        <Layout.Section>
          <HistoryTimeline events={referral.events} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/referrals"
      backKey="nav.referrals"
      titleKey="referrals.notFoundTitle"
      headingKey="referrals.notFoundHeading"
    />
  );
}
