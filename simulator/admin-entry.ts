// The simulator's stand-in for opening an embedded app from Shopify admin
// (admin.shopify.com/store/{store}/apps/{handle}/...): Shopify loads the app's URL with
// embedded=1, shop, host and a fresh session token (id_token). Here
//   GET /admin/{shop}/apps/{handle}[/path]
// redirects the browser to {app url}[/path]?embedded=1&shop=...&host=...&id_token=...
// with a token minted now, so a bookmarked admin URL keeps working. The app's page then
// loads App Bridge's stand-in from the simulator (app-bridge-stub.ts), which fetches new
// tokens from {simulator}/__sim/session-token as real App Bridge gets them from the admin.
// (A redirect rather than an iframe: the app's frame-ancestors policy, rightly, allows
// only Shopify's admin to frame it.)

import { mintSessionToken } from "./app-bridge-stub.js";

export const ADMIN_ENTRY_PATH = /^\/admin\/([a-z0-9][a-z0-9-]*\.myshopify\.com)\/apps\/[^/]+(\/.*)?$/;

/** The URL Shopify's admin loads the embedded app with: shop, host and a fresh id_token. */
export function embeddedAdminUrl(
  appUrl: string,
  shop: string,
  pathname: string,
  app: { apiKey: string; secret: string },
  now = Date.now(),
): string {
  const url = new URL(pathname, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", mintSessionToken(shop, app.apiKey, app.secret, { now }));
  return url.toString();
}

/** The simulator's admin URL of the app for a shop: {simulator}/admin/{shop}/apps/{handle}. */
export function simulatorAdminUrl(simulatorUrl: string, shop: string, handle: string, path = ""): string {
  return `${simulatorUrl}/admin/${shop}/apps/${handle}${path}`;
}
