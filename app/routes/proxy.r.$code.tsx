import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordClick } from "../storefront/clicks.server";
import { clientIp, verifyAppProxy } from "../storefront/proxy-request.server";
import { storefrontRateLimit } from "../storefront/rate-limit.server";

/**
 * GET /apps/referrals/r/CODE: counts the click of a known code (no raw IP is stored) and
 * redirects to where the shop's referral links land (referrals/links: Shopify's
 * /discount/CODE link in a two-sided program, the home page with ?referral_code=CODE in a
 * one-sided one), the same for a known or unknown code, so the answer says nothing about
 * whether it exists (storefront/clicks). Limited per customer and per IP (429), known
 * code or not.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { shop, customerId } = await verifyAppProxy(request);
  const ip = clientIp(request, context, "shopify-proxy");
  const limited = await storefrontRateLimit({ shop, customerId, ip });
  if (limited) return limited;
  const location = await recordClick(shop, params.code ?? "", { ip, userAgent: request.headers.get("user-agent") });
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store" } });
}
