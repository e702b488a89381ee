import { InvalidShopError } from "@shopify/shopify-api";
import { authenticate } from "../shopify.server";
import { config } from "../config.server";

/**
 * What the app proxy endpoints may believe about a request, and nothing else.
 *
 * Shopify signs every query parameter of a proxied request (shop, logged_in_customer_id,
 * path_prefix, timestamp) with the app secret. authenticate.public.appProxy (shopify-api)
 * checks that signature and refuses a timestamp more than 90 seconds from now, so a
 * captured URL stops working quickly; it answers 400, which is turned into a 401 with an
 * empty body here, so a caller learns nothing about why. A signed request for a shop
 * the app is not installed on gets an empty 404 and writes nothing: the shop's offline
 * session, which appProxy loads anyway, is the proof of installation (app/uninstalled
 * deletes it in the same transaction that marks the shop uninstalled). A signed request
 * whose `shop` is not a shop domain at all gets the empty 401.
 */
export interface ProxyCaller {
  shop: string;
  /** the signed logged_in_customer_id; headers, cookies and other params never count */
  customerId: string | null;
}

const unauthorized = () => new Response(null, { status: 401, headers: { "Cache-Control": "no-store" } });

export async function verifyAppProxy(request: Request): Promise<ProxyCaller> {
  let installed: boolean;
  try {
    installed = !!(await authenticate.public.appProxy(request)).session;
  } catch (error) {
    if (error instanceof Response && error.status < 500) throw unauthorized();
    // Correctly signed, but `shop` is not a shop domain (the library refuses to load a
    // session for it): no shop of ours can be meant.
    if (error instanceof InvalidShopError) throw unauthorized();
    throw error;
  }
  const params = new URL(request.url).searchParams;
  const shop = params.get("shop");
  if (!shop) throw unauthorized();
  if (!installed) throw new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
  const ids = params.getAll("logged_in_customer_id");
  const customerId = ids.length === 1 && /^\d{1,20}$/.test(ids[0]) ? ids[0] : null;
  return { shop, customerId };
}

/**
 * The visitor's IP address, from X-Forwarded-For. Each proxy appends the address it
 * received the request from, so only entries added by proxies we trust are believable,
 * counted from the right; anything further left may have been written by the visitor.
 * Shopify's app proxy is the first trusted hop: it appends the visitor's address.
 * TRUSTED_PROXY_HOPS is the number of proxies of your own hosting between Shopify and
 * the app that append to the header (a load balancer: 1); default 0, the app is reached
 * directly. Null when the header has too few entries.
 */
export function clientIp(request: Request): string | null {
  const header = request.headers.get("x-forwarded-for");
  if (!header) return null;
  const entries = header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const index = entries.length - 1 - config().storefront.trustedProxyHops;
  const ip = entries[index];
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
