import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { AdminI18nData } from "./i18n/I18nProvider";
import { ADMIN_LAYOUT_ROUTE_ID } from "./i18n/meta";

// The document around every page. On admin pages it carries the App Bridge script and
// says the language the admin asked for.
export default function App() {
  const admin = useRouteLoaderData(ADMIN_LAYOUT_ROUTE_ID) as
    { i18n?: AdminI18nData; apiKey?: string; appBridgeUrl?: string } | undefined;
  return (
    <html lang={admin?.i18n?.locale ?? "en"}>
      <head>
        {/* Built for Shopify: App Bridge is the first script in <head>, loaded synchronously. */}
        {admin?.appBridgeUrl ? <script src={admin.appBridgeUrl} data-api-key={admin.apiKey} /> : null}
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
