// Shopify's app proxy, as the storefront side sees it: a request to
// https://{shop}/{prefix}/{subpath}/rest?query goes to {proxy url}/rest with the visitor's
// query plus shop, logged_in_customer_id (empty when nobody is logged in), path_prefix
// and timestamp, and a `signature` over all of them. Anything the visitor sent under one
// of those names is dropped first: only the storefront session says who is logged in.
//
// The signature (https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies):
// HMAC-SHA256, hex, keyed with the app's secret, over the parameters except `signature`,
// each written `key=value` (several values of one key joined with ","), sorted by key and
// concatenated with no separator. This is byte for byte what @shopify/shopify-api's
// validateHmac(query, { signator: "appProxy" }) recomputes (keys sorted with localeCompare).

import crypto from "node:crypto";

/** The parameter names Shopify sets on a proxied request; a visitor's own are removed. */
export const APP_PROXY_PARAMS = [
  "shop",
  "logged_in_customer_id",
  "path_prefix",
  "timestamp",
  "signature",
  "hmac",
] as const;

export interface AppProxyConfig {
  /** "apps" (shopify.app.toml [app_proxy] prefix) */
  prefix: string;
  /** "referrals" (shopify.app.toml [app_proxy] subpath) */
  subpath: string;
  /** the app's proxy URL, e.g. https://app.example/proxy (shopify.app.toml [app_proxy] url) */
  url: string;
}

/** The string Shopify signs: sorted `key=value` pairs, repeated keys joined with ",". */
export function appProxySigningString(params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  return [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
}

export function signAppProxyParams(params: URLSearchParams, secret: string): string {
  return crypto.createHmac("sha256", secret).update(appProxySigningString(params)).digest("hex");
}

/**
 * The URL Shopify forwards a storefront request to: the visitor's query without the
 * reserved names, then shop, logged_in_customer_id, path_prefix, timestamp, signature.
 */
export function appProxyTarget(
  config: AppProxyConfig,
  rest: string,
  visitorQuery: URLSearchParams,
  opts: { shop: string; customerId: string | null; secret: string; now?: number },
): URL {
  const target = new URL(config.url.replace(/\/+$/, "") + rest);
  const params = new URLSearchParams();
  for (const [key, value] of visitorQuery) {
    if (!(APP_PROXY_PARAMS as readonly string[]).includes(key)) params.append(key, value);
  }
  params.set("shop", opts.shop);
  params.set("logged_in_customer_id", opts.customerId ?? "");
  params.set("path_prefix", `/${config.prefix}/${config.subpath}`);
  params.set("timestamp", String(Math.floor((opts.now ?? Date.now()) / 1000)));
  params.set("signature", signAppProxyParams(params, opts.secret));
  target.search = params.toString();
  return target;
}
