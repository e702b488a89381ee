import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { advocateView } from "../storefront/advocate-view.server";

/**
 * GET /apps/referrals/api/me through Shopify's app proxy. authenticate.public.appProxy
 * verifies Shopify's signature (401 otherwise); the customer comes only from the signed
 * logged_in_customer_id, never from anything else the browser sends.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop")!;
  const customerId = url.searchParams.get("logged_in_customer_id") || null;
  const view = await advocateView(shop, customerId && /^\d{1,20}$/.test(customerId) ? customerId : null);
  return Response.json(view, { headers: { "Cache-Control": "private, no-store" } });
}
