import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { config } from "../config.server";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { Banner, BlockStack, InlineGrid, InlineStack, Layout, Page } from "@shopify/polaris";
import { adminContext } from "../admin/context.server";
import { getDashboard } from "../admin/dashboard.server";
import { parseRangeSelection } from "../admin/date-range";
import { ownerSummary } from "../admin/offer-text";
import { themeEditorLinks } from "../admin/theme-editor";
import { DashboardEmptyState } from "../components/DashboardEmptyState";
import { DashboardMetrics } from "../components/DashboardMetrics";
import { DateRangeControl } from "../components/DateRangeControl";
import { Onboarding } from "../components/Onboarding";
import { ReferralsChart } from "../components/ReferralsChart";
import { TopAdvocatesCard } from "../components/TopAdvocatesCard";
import { activateProgram } from "../referrals/friend-discount.server";
import { getProgramSettings } from "../referrals/program-settings.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const settings = await getProgramSettings(shop);
  const themeEditor = themeEditorLinks(shop, config().shopify.apiKey);
  const oneSided = settings.friendOfferType === "none";
  // A shop that never turned the program on (no friend discount yet) gets onboarding.
  if (!settings.enabled && !settings.friendDiscountId) {
    const summary = ownerSummary(settings);
    return { mode: "onboarding" as const, summary, themeEditor, oneSided };
  }
  const range = parseRangeSelection(new URL(request.url).searchParams);
  const dashboard = await getDashboard(shop, range);
  return {
    mode: "dashboard" as const,
    enabled: settings.enabled,
    currency: settings.currencyCode,
    range,
    dashboard,
    themeEditor,
    oneSided,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await adminContext(request);
  const form = await request.formData();
  if (form.get("intent") !== "activate") return data({ error: "Unknown action." }, { status: 400 });
  try {
    await activateProgram(shop);
  } catch (error) {
    // Shopify refused or was unreachable: nothing is half-done on our side (the
    // program stays off), and the owner can simply try again.
    console.error("activateProgram failed", shop, error);
    return data(
      {
        error: `Shopify did not accept the friend discount: ${error instanceof Error ? error.message : "unknown error"}. Try again in a moment.`,
      },
      { status: 502 },
    );
  }
  return { error: null };
}

export default function DashboardPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (loaded.mode === "onboarding") {
    return (
      <Onboarding
        offerSummary={loaded.summary.offer}
        rewardSummary={loaded.summary.reward}
        themeEditor={loaded.themeEditor}
        oneSided={loaded.oneSided}
        error={actionData?.error ?? null}
      />
    );
  }
  const { dashboard, range, currency } = loaded;
  return (
    <Page fullWidth>
      <TitleBar title="Referral dashboard" />
      <BlockStack gap="400">
        {!loaded.enabled ? (
          <Banner
            tone="warning"
            title="The program is paused"
            action={{ content: "Open settings", url: "/app/settings" }}
          >
            <p>New orders with referral codes are not credited while the program is off.</p>
          </Banner>
        ) : null}
        {dashboard.heldCount > 0 ? (
          <Banner
            tone="info"
            title={`${dashboard.heldCount} referral${dashboard.heldCount === 1 ? "" : "s"} waiting for your review`}
            action={{ content: "Open review queue", url: "/app/review" }}
          >
            <p>Suspicious referrals are held until you approve or reject them.</p>
          </Banner>
        ) : null}
        {range.error ? <Banner tone="warning">{range.error}</Banner> : null}
        <InlineStack align="space-between" blockAlign="end">
          <DateRangeControl
            key={`${range.preset}:${range.current.from}:${range.current.to}`}
            preset={range.preset}
            from={range.current.from}
            to={range.current.to}
          />
        </InlineStack>
        {!dashboard.hasAnyActivity ? (
          <DashboardEmptyState themeEditor={loaded.themeEditor} oneSided={loaded.oneSided} />
        ) : (
          <Layout>
            <Layout.Section>
              <DashboardMetrics dashboard={dashboard} currency={currency} />
            </Layout.Section>
            <Layout.Section>
              <ReferralsChart
                series={dashboard.series}
                previousSeries={dashboard.previousSeries}
                currency={currency}
                bucketDays={dashboard.bucketDays}
              />
            </Layout.Section>
            <Layout.Section>
              <InlineGrid columns={1}>
                <TopAdvocatesCard advocates={dashboard.topAdvocates} currency={currency} />
              </InlineGrid>
            </Layout.Section>
          </Layout>
        )}
      </BlockStack>
    </Page>
  );
}
