import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { config } from "../config.server";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { appBridgeScriptUrl } from "../admin/app-bridge-url.server";
import { authenticate } from "../shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

// The embedded admin's layout: authenticates every document request (and so every page
// below it) and loads App Bridge, the real one or, against the simulator, its stand-in.
export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return { apiKey: config().shopify.apiKey, appBridgeUrl: appBridgeScriptUrl() };
}

export default function AdminLayout() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} __APP_BRIDGE_URL={appBridgeUrl}>
      <NavMenu>
        <Link to="/app" rel="home">
          Dashboard
        </Link>
        <Link to="/app/referrals">Referrals</Link>
        <Link to="/app/review">Review queue</Link>
        <Link to="/app/advocates">Advocates</Link>
        <Link to="/app/rewards">Rewards</Link>
        <Link to="/app/export">Export</Link>
        <Link to="/app/privacy">Privacy</Link>
        <Link to="/app/settings">Settings</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify's boundary turns the auth library's thrown responses (bounce to get a session
// token, exit the iframe) into what App Bridge expects; anything else is a real error.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
