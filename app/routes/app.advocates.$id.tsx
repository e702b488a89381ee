import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, DescriptionList, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { isDomainError, isPlausibleId, type ActionResult } from "../admin/action-result";
import { getAdvocateDetail } from "../admin/advocates.server";
import { adminContext } from "../admin/context.server";
import { adminCustomerUrl } from "../admin/shopify-admin-links";
import { banAdvocate, banVoidedRewards, restoreBanVoidedRewards, unbanAdvocate } from "../referrals/advocates.server";
import { getProgramSettings } from "../referrals/program-settings.server";
import { tierProgress } from "../referrals/tiers";
import { ActionErrorBanner } from "../components/ActionErrorBanner";
import { AdminLink } from "../components/AdminLink";
import { ConfirmModal } from "../components/ConfirmModal";
import { ReferralsTable } from "../components/ReferralsTable";
import { RewardsCard } from "../components/RewardsCard";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { StatusBadge } from "../components/StatusBadge";
import { useResultToast } from "../components/useResultToast";
import { useI18n } from "../i18n/I18nProvider";
import type { LocalMessage } from "../i18n/translate";
import { oneOf } from "../states";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.advocates");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const advocate = isPlausibleId(params.id) ? await getAdvocateDetail(shop, params.id) : null;
  if (!advocate) throw new Response("Advocate not found", { status: 404 });
  const settings = await getProgramSettings(shop);
  // After an unban: the rewards the ban voided, which the owner may restore.
  const banVoided = advocate.status === "active" ? await banVoidedRewards(shop, advocate.id) : null;
  // Tiers for top advocates: where this advocate stands (null when the program has none).
  const tier = settings.tiers.length > 0 ? tierProgress(settings, advocate.qualifiedCount) : null;
  return { advocate, currency: settings.currencyCode, rewardType: settings.rewardType, tier, banVoided };
}

const INTENTS = ["ban", "unban", "restore_rewards"] as const;

// Ban (disqualifies their pending rewards and held referrals), unban, or restore the
// rewards a ban voided, via the engine.
export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  if (!isPlausibleId(params.id)) throw new Response("Advocate not found", { status: 404 });
  const intent = oneOf(INTENTS, String((await request.formData()).get("intent") ?? ""));
  if (!intent)
    return data<ActionResult>({ ok: false, messages: [{ key: "advocates.errors.chooseIntent" }] }, { status: 400 });
  try {
    return data<ActionResult>({ ok: true, messages: [await runAdvocateCommand(shop, params.id, actor, intent)] });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.status === 404) throw new Response("Advocate not found", { status: 404 });
    return data<ActionResult>(
      { ok: false, messages: [{ key: "advocates.errors.conflict" }] },
      { status: error.status },
    );
  }
}

async function runAdvocateCommand(
  shop: string,
  id: string,
  actor: string,
  intent: (typeof INTENTS)[number],
): Promise<LocalMessage> {
  if (intent === "ban") {
    await banAdvocate(shop, id, actor);
    return { key: "advocates.banned" };
  }
  if (intent === "unban") {
    const { voided } = await unbanAdvocate(shop, id, actor);
    return voided ? { key: "advocates.unbannedVoided", vars: { count: voided } } : { key: "advocates.unbanned" };
  }
  const restored = await restoreBanVoidedRewards(shop, id, actor);
  return { key: "advocates.restored", vars: { count: restored } };
}

export default function AdvocateDetailPage() {
  const { advocate: a, currency, rewardType, tier, banVoided } = useLoaderData<typeof loader>();
  const { t, format } = useI18n();
  const perFriend = (r: { amountMinor: number; percent: number }) =>
    rewardType === "percentage" ? format.percent(r.percent / 100, 0) : format.money(r.amountMinor, currency);
  const fetcher = useFetcher<ActionResult>();
  useResultToast(fetcher.state, fetcher.data);
  const banned = a.status === "banned";
  const busy = fetcher.state !== "idle";
  // Banning rejects held referrals and voids unissued rewards; restoring issues rewards
  // the ban voided: both are asked once more in a modal.
  const [confirming, setConfirming] = useState<"ban" | "restore" | null>(null);
  const submit = (intent: (typeof INTENTS)[number]) => {
    setConfirming(null);
    fetcher.submit({ intent }, { method: "post" });
  };
  const title = a.name || a.email || a.code;
  const customerUrl = adminCustomerUrl(a.customerId);
  const restorable = banVoided?.restorable ?? 0;
  const restorableAmount = banVoided ? format.money(banVoided.restorableMinor, currency) : "";
  const failed = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok;
  return (
    <Page
      titleMetadata={<StatusBadge status={a.status} />}
      primaryAction={{
        content: banned ? t("advocates.unban") : t("advocates.ban"),
        destructive: !banned,
        loading: busy,
        onAction: () => (banned ? submit("unban") : setConfirming("ban")),
      }}
    >
      <TitleBar title={title}>
        <a variant="breadcrumb" href="/app/advocates">
          {t("nav.advocates")}
        </a>
      </TitleBar>
      <Layout>
        {failed ? (
          <Layout.Section>
            <ActionErrorBanner result={fetcher.data} state={fetcher.state} title={t("advocates.failedTitle")} />
          </Layout.Section>
        ) : banVoided && restorable > 0 ? (
          // One banner at a time: a failure replaces the restore offer until it is read.
          <Layout.Section>
            <Banner
              tone="warning"
              title={t("advocates.banVoidedTitle", { count: banVoided.voided })}
              action={{ content: t("advocates.restore"), onAction: () => setConfirming("restore"), loading: busy }}
            >
              <p>{t("advocates.banVoidedBody")}</p>
              <p>{t("advocates.banVoidedRestorable", { count: restorable, amount: restorableAmount })}</p>
              {banVoided.voided > restorable ? (
                <p>{t("advocates.banVoidedLost", { count: banVoided.voided - restorable })}</p>
              ) : null}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  {t("advocates.heading")}
                </Text>
              </InlineStack>
              <DescriptionList
                items={[
                  { term: t("advocates.name"), description: a.name || "—" },
                  {
                    term: t("advocates.email"),
                    description: customerUrl ? (
                      <AdminLink href={customerUrl} label={t("advocates.openCustomer")}>
                        {a.email ?? t("advocates.openCustomer")}
                      </AdminLink>
                    ) : (
                      (a.email ?? "—")
                    ),
                  },
                  { term: t("advocates.code"), description: a.code },
                  { term: t("advocates.clicks"), description: format.number(a.clicks) },
                  { term: t("advocates.friendsReferred"), description: format.number(a.referredCount) },
                  { term: t("advocates.successful"), description: format.number(a.qualifiedCount) },
                  ...(tier
                    ? [
                        {
                          term: t("advocates.tier"),
                          description: [
                            t("advocates.tierValue", {
                              level: tier.level,
                              levels: tier.levels,
                              reward: perFriend(tier.reward),
                            }),
                            tier.next
                              ? t("advocates.tierNext", {
                                  count: tier.next.remaining,
                                  level: tier.next.level,
                                  reward: perFriend(tier.next.reward),
                                })
                              : t("advocates.tierTop"),
                          ].join(" "),
                        },
                      ]
                    : []),
                  { term: t("advocates.earned"), description: format.money(a.earnedMinor, currency) },
                  { term: t("advocates.since"), description: format.date(a.createdAt) },
                ]}
              />
              {banned ? (
                <Text as="p" tone="critical">
                  {t("advocates.bannedNote")}
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <Text as="h2" variant="headingMd">
                  {t("advocates.referralsHeading")}
                </Text>
              </div>
              <ReferralsTable
                rows={a.referrals}
                emptyState={
                  <Text as="p" tone="subdued">
                    {t("advocates.noReferrals")}
                  </Text>
                }
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <RewardsCard
            rewards={a.rewards}
            emptyText={t("advocates.noRewards")}
            footer={a.moreRewards ? t("rewards.newest") : undefined}
          />
        </Layout.Section>
      </Layout>
      <ConfirmModal
        open={confirming === "ban"}
        title={t("advocates.banTitle", { name: title })}
        body={t("advocates.banBody")}
        confirmLabel={t("advocates.banConfirm")}
        onConfirm={() => submit("ban")}
        onClose={() => setConfirming(null)}
      />
      <ConfirmModal
        open={confirming === "restore"}
        destructive={false}
        title={t("advocates.restoreTitle", { count: restorable, amount: restorableAmount })}
        body={t("advocates.restoreBody")}
        confirmLabel={t("advocates.restoreConfirm")}
        onConfirm={() => submit("restore_rewards")}
        onClose={() => setConfirming(null)}
      />
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/advocates"
      backKey="nav.advocates"
      titleKey="advocates.notFoundTitle"
      headingKey="advocates.notFoundHeading"
    />
  );
}
