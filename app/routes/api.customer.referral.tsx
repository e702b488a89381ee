import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { advocateView } from "../storefront/advocate-view.server";
import { verifyExtensionRequest, withCors, type ExtensionSurface } from "../storefront/extension-request.server";
import { clientIp } from "../storefront/proxy-request.server";
import { storefrontRateLimit } from "../storefront/rate-limit.server";

/**
 * GET /api/customer/referral for the app's UI extensions (customer account page and
 * blocks, the thank-you page), with `Authorization: Bearer <session token>`. Answers the
 * same read model as the app proxy's /api/me, for the customer the token names; the
 * thank-you block passes ?surface=checkout. Limited per customer and per IP (429).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    const surface: ExtensionSurface =
      new URL(request.url).searchParams.get("surface") === "checkout" ? "checkout" : "customer-account";
    const { shop, customerId } = await verifyExtensionRequest(request, surface);
    const limited = await storefrontRateLimit({ shop, customerId, ip: clientIp(request, context, "direct") });
    if (limited) return withCors(limited);
    const view = await advocateView(shop, customerId, surface === "checkout" ? "thank_you" : "customer_account");
    return withCors(Response.json(view, { headers: { "Cache-Control": "private, no-store", Vary: "Authorization" } }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The CORS preflight (OPTIONS) reaches the action; any other method is refused. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return loader({ request, params: {}, context });
  return withCors(new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } }));
}
