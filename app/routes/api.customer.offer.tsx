import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { advocateView } from "../storefront/advocate-view.server";
import { verifyExtensionOfferRequest, withCors, type ExtensionSurface } from "../storefront/extension-request.server";
import { clientIp } from "../storefront/proxy-request.server";
import { storefrontRateLimit } from "../storefront/rate-limit.server";

/**
 * GET /api/customer/offer for the app's UI extensions, with `Authorization: Bearer
 * <session token>`: the program's public offer (what a friend gets, what an advocate
 * earns, the rules) for a buyer the token does not name, such as a guest on the thank-you
 * page (?surface=checkout). The read model of a visitor, as the app proxy's /api/me
 * answers it: `{ loggedIn: false, program, advocate: null }`. Nobody is looked up or
 * enrolled. Limited per IP (429).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    const surface: ExtensionSurface =
      new URL(request.url).searchParams.get("surface") === "checkout" ? "checkout" : "customer-account";
    const { shop } = await verifyExtensionOfferRequest(request, surface);
    const limited = await storefrontRateLimit({ shop, customerId: null, ip: clientIp(request, context, "direct") });
    if (limited) return withCors(limited);
    const view = await advocateView(shop, null);
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
