import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, DescriptionList, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { isDomainError, isPlausibleId } from "../admin/action-result";
import { getAdvocateDetail } from "../admin/advocates.server";
import { adminContext } from "../admin/context.server";
import { banAdvocate, unbanAdvocate } from "../referrals/advocates.server";
import { getProgramSettings } from "../referrals/program-settings.server";
import { formatDate } from "../components/format";
import { ReferralsTable } from "../components/ReferralsTable";
import { RewardsCard } from "../components/RewardsCard";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { StatusBadge } from "../components/StatusBadge";
import { useResultToast, type ResultMessage } from "../components/useResultToast";
import { displayMoney } from "../lib/money";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.advocates");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const advocate = isPlausibleId(params.id) ? await getAdvocateDetail(shop, params.id) : null;
  if (!advocate) throw new Response("Advocate not found", { status: 404 });
  const settings = await getProgramSettings(shop);
  return { advocate, currency: settings.currencyCode };
}

// Ban (disqualifies their pending rewards and held referrals) or unban, via the engine.
export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  if (!isPlausibleId(params.id)) throw new Response("Advocate not found", { status: 404 });
  const intent = (await request.formData()).get("intent");
  if (intent !== "ban" && intent !== "unban")
    return data<ResultMessage>({ ok: false, message: "Choose ban or unban." }, { status: 400 });
  try {
    if (intent === "ban") await banAdvocate(shop, params.id, actor);
    else await unbanAdvocate(shop, params.id, actor);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.status === 404) throw new Response("Advocate not found", { status: 404 });
    return data<ResultMessage>({ ok: false, message: error.message }, { status: error.status });
  }
  return data<ResultMessage>({
    ok: true,
    message:
      intent === "ban"
        ? "Advocate banned; their pending rewards were voided and their code no longer works."
        : "Advocate unbanned.",
  });
}

export default function AdvocateDetailPage() {
  const { advocate: a, currency } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<ResultMessage>();
  useResultToast(fetcher.state, fetcher.data);
  const banned = a.status === "banned";
  // Banning rejects held referrals and voids unissued rewards: ask once more first.
  const [confirming, setConfirming] = useState(false);
  const submit = (intent: "ban" | "unban") => {
    setConfirming(false);
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
