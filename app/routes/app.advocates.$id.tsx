import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, DescriptionList, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { isDomainError, isPlausibleId } from "../admin/action-result";
import { getAdvocateDetail } from "../admin/advocates.server";
import { adminContext } from "../admin/context.server";
import { banAdvocate, banVoidedRewards, restoreBanVoidedRewards, unbanAdvocate } from "../referrals/advocates.server";
import { getProgramSettings } from "../referrals/program-settings.server";
import { formatDate } from "../components/format";
import { ReferralsTable } from "../components/ReferralsTable";
import { RewardsCard } from "../components/RewardsCard";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { StatusBadge } from "../components/StatusBadge";
import { useResultToast, type ResultMessage } from "../components/useResultToast";
import { displayMoney } from "../lib/money";
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
  return { advocate, currency: settings.currencyCode, banVoided };
}

const INTENTS = ["ban", "unban", "restore_rewards"] as const;

// Ban (disqualifies their pending rewards and held referrals), unban, or restore the
// rewards a ban voided, via the engine.
export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  if (!isPlausibleId(params.id)) throw new Response("Advocate not found", { status: 404 });
  const intent = oneOf(INTENTS, String((await request.formData()).get("intent") ?? ""));
  if (!intent) return data<ResultMessage>({ ok: false, message: "Choose ban or unban." }, { status: 400 });
  try {
    return data<ResultMessage>({ ok: true, message: await runAdvocateCommand(shop, params.id, actor, intent) });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.status === 404) throw new Response("Advocate not found", { status: 404 });
    return data<ResultMessage>({ ok: false, message: error.message }, { status: error.status });
  }
}

async function runAdvocateCommand(shop: string, id: string, actor: string, intent: (typeof INTENTS)[number]) {
  if (intent === "ban") {
    await banAdvocate(shop, id, actor);
    return "Advocate banned; their pending rewards were voided and their code no longer works.";
  }
  if (intent === "unban") {
    const { voided } = await unbanAdvocate(shop, id, actor);
    return voided
      ? `Advocate unbanned. The ban voided ${plural(voided, "reward")}; they stay voided unless you restore them.`
      : "Advocate unbanned.";
  }
  const restored = await restoreBanVoidedRewards(shop, id, actor);
  return `${plural(restored, "reward")} restored; they will be issued when due.`;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export default function AdvocateDetailPage() {
  const { advocate: a, currency, banVoided } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ResultMessage>();
  useResultToast(fetcher.state, fetcher.data);
  const banned = a.status === "banned";
  // Banning rejects held referrals and voids unissued rewards: ask once more first.
  const [confirming, setConfirming] = useState(false);
  // Restoring issues rewards the ban voided: also asked twice.
  const [confirmingRestore, setConfirmingRestore] = useState(false);
  const submit = (intent: (typeof INTENTS)[number]) => {
    setConfirming(false);
    setConfirmingRestore(false);
    fetcher.submit({ intent }, { method: "post" });
  };
  const title = a.name || a.email || a.code;
  return (
    <Page
      titleMetadata={<StatusBadge status={a.status} />}
      primaryAction={{
        content: banned ? "Unban advocate" : "Ban advocate",
        destructive: !banned,
        loading: fetcher.state !== "idle",
        onAction: () => (banned ? submit("unban") : setConfirming(true)),
      }}
    >
      <TitleBar title={title}>
        <a variant="breadcrumb" href="/app/advocates">
          Advocates
        </a>
      </TitleBar>
      <Layout>
        {confirming ? (
          <Layout.Section>
            <Banner
              tone="critical"
              title={`Ban ${title}?`}
              action={{ content: "Ban advocate", onAction: () => submit("ban") }}
              secondaryAction={{ content: "Cancel", onAction: () => setConfirming(false) }}
            >
              <p>
                Their referrals waiting for review are rejected, rewards not yet issued are voided, and their code stops
                giving friends the welcome discount. Reward codes already issued keep working.
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {banVoided && banVoided.restorable > 0 ? (
          <Layout.Section>
            <BanVoidedBanner
              summary={banVoided}
              amount={displayMoney(banVoided.restorableMinor, currency)}
              confirming={confirmingRestore}
              busy={fetcher.state !== "idle"}
              onRestore={() => (confirmingRestore ? submit("restore_rewards") : setConfirmingRestore(true))}
              onCancel={() => setConfirmingRestore(false)}
            />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Advocate
                </Text>
              </InlineStack>
              <DescriptionList
                items={[
                  { term: "Code", description: a.code },
                  { term: "Email", description: a.email ?? "—" },
                  { term: "Clicks", description: String(a.clicks) },
                  { term: "Friends referred", description: String(a.referredCount) },
                  { term: "Successful referrals", description: String(a.qualifiedCount) },
                  { term: "Earned", description: displayMoney(a.earnedMinor, currency) },
                  { term: "Advocate since", description: formatDate(a.createdAt) },
                ]}
              />
              {banned ? (
                <Text as="p" tone="critical">
                  Banned: the code no longer gives friends a discount, new referrals with it are blocked and no new
                  rewards are issued.
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
                  Referrals
                </Text>
              </div>
              <ReferralsTable
                rows={a.referrals}
                emptyState={
                  <Text as="p" tone="subdued">
                    No referrals yet.
                  </Text>
                }
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <RewardsCard
            rewards={a.rewards}
            emptyText="No rewards yet."
            footer={a.moreRewards ? "Showing the newest 50 rewards; see all on the Rewards page." : undefined}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage backUrl="/app/advocates" backLabel="Advocates" what="Advocate" />;
}

/** After an unban: what the ban did to the advocate's rewards, and the offer to restore them. */
function BanVoidedBanner(props: {
  summary: { voided: number; restorable: number };
  amount: string;
  confirming: boolean;
  busy: boolean;
  onRestore: () => void;
  onCancel: () => void;
}) {
  const { summary, amount, confirming, busy } = props;
  const lost = summary.voided - summary.restorable;
  return (
    <Banner
      tone="warning"
      title={
        confirming
          ? `Restore ${plural(summary.restorable, "reward")} (${amount})?`
          : `The ban voided ${plural(summary.voided, "reward")}`
      }
      action={
        summary.restorable > 0
          ? { content: confirming ? "Restore and issue" : "Restore rewards", onAction: props.onRestore, loading: busy }
          : undefined
      }
      secondaryAction={confirming ? { content: "Cancel", onAction: props.onCancel } : undefined}
    >
      <p>
        {confirming
          ? "They are issued to the advocate as if the ban had not voided them: codes or store credit go out when due."
          : `When this advocate was banned, rewards not yet issued were voided. They stay voided unless you restore them${
              summary.restorable > 0 ? ` (${plural(summary.restorable, "reward")}, ${amount})` : ""
            }.`}
        {lost > 0 ? ` ${plural(lost, "reward")} cannot be restored: the order was cancelled or refunded since.` : ""}
      </p>
    </Banner>
  );
}
