import type { LoaderFunctionArgs } from "@remix-run/node";
import { advocateView } from "../storefront/advocate-view.server";
import { clientIp, verifyAppProxy } from "../storefront/proxy-request.server";
import { storefrontRateLimit } from "../storefront/rate-limit.server";

/**
 * GET /apps/referrals/api/me through Shopify's app proxy. The signature is verified
 * (401 otherwise); the customer comes only from the signed logged_in_customer_id, never
 * from anything else the browser sends. Limited per customer and per IP (429).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop, customerId } = await verifyAppProxy(request);
  const limited = await storefrontRateLimit({ shop, customerId, ip: clientIp(request, context, "shopify-proxy") });
  if (limited) return limited;
  const view = await advocateView(shop, customerId);
  return Response.json(view, { headers: { "Cache-Control": "private, no-store" } });
}
