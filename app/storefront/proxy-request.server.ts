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
  // A Shopify id is written without leading zeros: "07000000002" is not another
  // spelling of customer 7000000002 to be believed, so it counts as no customer at all.
  const customerId = ids.length === 1 && /^[1-9]\d{0,19}$/.test(ids[0]) ? ids[0] : null;
  return { shop, customerId };
}

/**
 * The visitor's IP address, for the per-IP limits.
 *
 * Each proxy appends to X-Forwarded-For the address it received the request from, so
 * only the entries added by proxies we trust are believable, counted from the right;
 * anything further left may have been written by the visitor. The trusted proxies are
 * TRUSTED_PROXY_HOPS of your own hosting (a load balancer: 1; default 0, the app is
 * reached directly) plus, on app-proxy routes (`via: "shopify-proxy"`), Shopify's app
 * proxy, which appends the visitor's address. The visitor is the entry the outermost
 * trusted proxy appended. With no trusted proxy (an extension calling the app directly),
 * or when the header is missing or has fewer entries than trusted proxies (the request
 * did not come the way it should), it is the address of the connection itself (the
 * nearest hop), so every request is limited by some address.
 * The connection's peer address comes in the load context (`clientAddress`), where
 * server.mjs (and the tests' server) put it.
 */
export function clientIp(request: Request, context: unknown, via: "shopify-proxy" | "direct"): string | null {
  const trusted = config().storefront.trustedProxyHops + (via === "shopify-proxy" ? 1 : 0);
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const forwarded = trusted > 0 ? entries[entries.length - trusted] : undefined;
  const socket = (context as { clientAddress?: unknown } | null)?.clientAddress;
  return (
    plausibleIp(forwarded) ?? plausibleIp(typeof socket === "string" ? socket.replace(/^::ffff:(?=\d+\.)/, "") : null)
  );
}

const plausibleIp = (ip: string | null | undefined) => (ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null);
