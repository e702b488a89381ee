import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { Banner, InlineError, BlockStack, InlineGrid, InlineStack, Layout, Page } from "@shopify/polaris";
import { adminContext } from "../admin/context.server";
import { getDashboard } from "../admin/dashboard.server";
import { parseRangeSelection } from "../admin/date-range";
import { storefrontSetup } from "../admin/storefront.server";
import { DashboardEmptyState } from "../components/DashboardEmptyState";
import { DashboardMetrics } from "../components/DashboardMetrics";
import { DateRangeControl } from "../components/DateRangeControl";
import { CurrencyChangeBanner } from "../components/CurrencyChangeBanner";
import { Onboarding } from "../components/Onboarding";
import { StorefrontSurfacesCard } from "../components/StorefrontSurfacesCard";
import { ReferralsChart } from "../components/ReferralsChart";
import { TopAdvocatesCard } from "../components/TopAdvocatesCard";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";
import type { LocalMessage } from "../i18n/translate";
import { activateProgram } from "../referrals/friend-discount.server";
import { getProgramSettings } from "../referrals/program-settings.server";
import { acknowledgeCurrencyChange, shopCurrencyFor, unacknowledgedCurrencyChange } from "../shops/currency.server";
import { shopTimeZone } from "../shops/time-zone.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];
export const meta = pageTitle("nav.dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  // First, so the page shows amounts in the shop's currency and any change of it.
  await shopCurrencyFor(shop);
  const settings = await getProgramSettings(shop);
  const storefront = await storefrontSetup(shop, settings.friendOfferType === "none");
  // A shop that never turned the program on (no friend discount yet) gets onboarding.
  if (!settings.enabled && !settings.friendDiscountId) {
    const offer = {
      friendOfferType: settings.friendOfferType,
      friendPercent: settings.friendPercent,
      friendAmountMinor: settings.friendAmountMinor,
      rewardType: settings.rewardType,
      rewardAmountMinor: settings.rewardAmountMinor,
      rewardPercent: settings.rewardPercent,
      currencyCode: settings.currencyCode,
    };
    return { mode: "onboarding" as const, offer, storefront };
  }
  const range = parseRangeSelection(new URL(request.url).searchParams, new Date(), await shopTimeZone(shop));
  const dashboard = await getDashboard(shop, range);
  return {
    mode: "dashboard" as const,
    enabled: settings.enabled,
    currency: settings.currencyCode,
    currencyChange: await unacknowledgedCurrencyChange(shop),
    range,
    dashboard,
    storefront,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await adminContext(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "acknowledge_currency_change") {
    await acknowledgeCurrencyChange(shop, String(form.get("changedAt") ?? ""));
    return { error: null as LocalMessage | null };
  }
  if (intent !== "activate") return data({ error: { key: "errors.unknownAction" } as LocalMessage }, { status: 400 });
  try {
    await activateProgram(shop);
  } catch (error) {
    // Shopify refused or was unreachable: nothing is half-done on our side (the
    // program stays off), and the owner can simply try again.
    console.error("activateProgram failed", shop, error);
    const reason = error instanceof Error ? error.message : "unknown error";
    return data({ error: { key: "onboarding.activateFailed", vars: { reason } } as LocalMessage }, { status: 502 });
  }
  return { error: null as LocalMessage | null };
}

export default function DashboardPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, tm } = useI18n();
  if (loaded.mode === "onboarding") {
    return (
      <Onboarding
        offer={loaded.offer}
        storefront={loaded.storefront}
        error={actionData?.error ? tm(actionData.error) : null}
      />
    );
  }
  const { dashboard, range, currency } = loaded;
  return (
    <Page fullWidth>
      <TitleBar title={t("dashboard.title")} />
      <BlockStack gap="400">
        {/* One banner at a time (Built for Shopify): a changed currency (amounts to review)
            matters more than a paused program, which matters more than the queue. */}
        {loaded.currencyChange ? (
          <CurrencyChangeBanner change={loaded.currencyChange} />
        ) : !loaded.enabled ? (
          <Banner
            tone="warning"
            title={t("dashboard.pausedTitle")}
            action={{ content: t("dashboard.openSettings"), url: "/app/settings" }}
          >
            <p>{t("dashboard.pausedBody")}</p>
          </Banner>
        ) : dashboard.heldCount > 0 ? (
          <Banner
            tone="info"
            title={t("dashboard.heldTitle", { count: dashboard.heldCount })}
            action={{ content: t("dashboard.openReview"), url: "/app/review" }}
          >
            <p>{t("dashboard.heldBody")}</p>
          </Banner>
        ) : null}
        <StorefrontSurfacesCard setup={loaded.storefront} />
        <InlineStack align="space-between" blockAlign="end">
          <DateRangeControl
            key={`${range.preset}:${range.current.from}:${range.current.to}`}
            preset={range.preset}
            from={range.current.from}
            to={range.current.to}
          />
        </InlineStack>
        {range.error ? (
          // The range's own message, next to the range, not one more banner.
          <InlineError message={tm(range.error)} fieldID="date-range" />
        ) : null}
        {!dashboard.hasAnyActivity ? (
          <DashboardEmptyState accounts={loaded.storefront.accounts} />
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
