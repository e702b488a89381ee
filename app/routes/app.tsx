import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError, type ShouldRevalidateFunction } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { appBridgeScriptUrl } from "../admin/app-bridge-url.server";
import { config } from "../config.server";
import { adminI18nData, polarisTranslations } from "../i18n/catalogue.server";
import { NavigationFeedback, useWebVitalsLog } from "../components/AdminChrome";
import { I18nProvider, useI18n } from "../i18n/I18nProvider";
import { shopTimeZone } from "../shops/time-zone.server";
import { authenticate } from "../shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

// The embedded admin's layout: authenticates every document request (and so every page
// below it), loads App Bridge (the real one or, against the simulator, its stand-in), and
// picks the admin's language from the `locale` Shopify puts on the document's URL.
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const i18n = adminI18nData(request, await shopTimeZone(session.shop));
  return {
    apiKey: config().shopify.apiKey,
    appBridgeUrl: appBridgeScriptUrl(),
    i18n,
    polaris: polarisTranslations(i18n.locale),
  };
}

// Shopify passes `locale` on the document URL only; in-app navigation drops it. The
// layout's data (language, zone, App Bridge) is fixed for the document, so it is not
// reloaded, and every page below keeps the language the admin asked for.
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export default function AdminLayout() {
  const { apiKey, i18n, polaris } = useLoaderData<typeof loader>();
  return (
    // isEmbeddedApp={false}: the App Bridge script is already in <head> (root.tsx), where
    // Built for Shopify wants it; the provider would otherwise add it again in the body.
    <AppProvider isEmbeddedApp={false} apiKey={apiKey} i18n={polaris}>
      <I18nProvider value={i18n}>
        <AdminNav />
        <WebVitalsLog />
        <NavigationFeedback>
          <Outlet />
        </NavigationFeedback>
      </I18nProvider>
    </AppProvider>
  );
}

function WebVitalsLog() {
  useWebVitalsLog();
  return null;
}

function AdminNav() {
  const { t } = useI18n();
  return (
    <NavMenu>
      <Link to="/app" rel="home">
        {t("nav.dashboard")}
      </Link>
      <Link to="/app/referrals">{t("nav.referrals")}</Link>
      <Link to="/app/review">{t("nav.review")}</Link>
      <Link to="/app/advocates">{t("nav.advocates")}</Link>
      <Link to="/app/rewards">{t("nav.rewards")}</Link>
      <Link to="/app/export">{t("nav.export")}</Link>
      <Link to="/app/privacy">{t("nav.privacy")}</Link>
      <Link to="/app/settings">{t("nav.settings")}</Link>
      <Link to="/app/help">{t("nav.help")}</Link>
    </NavMenu>
  );
}

// Shopify's boundary turns the auth library's thrown responses (bounce to get a session
// token, exit the iframe) into what App Bridge expects; anything else is a real error.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
