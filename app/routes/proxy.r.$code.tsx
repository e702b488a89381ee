import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterResponse } from "../lib/after-response.server";
import { clickLandingPath, clickRecorder } from "../storefront/click-landing.server";
import { clientIp, verifyAppProxy } from "../storefront/proxy-request.server";
import { storefrontRateLimit } from "../storefront/rate-limit.server";

/**
 * GET /apps/referrals/r/CODE: redirects to where the shop's referral links land
 * (referrals/links: Shopify's /discount/CODE link in a two-sided program, the home page
 * with ?referral_code=CODE in a one-sided one), the same for a known or unknown code, so
 * the answer says nothing about whether it exists (storefront/clicks). Before answering
 * it does the same work for every code; the click of a known code is counted (no raw IP
 * is stored) after the answer, so neither can the time it takes. Limited per customer
 * and per IP (429), known code or not.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { shop, customerId } = await verifyAppProxy(request);
  const ip = clientIp(request, context, "shopify-proxy");
  const limited = await storefrontRateLimit({ shop, customerId, ip });
  if (limited) return limited;
  const code = params.code ?? "";
  const location = await clickLandingPath(shop, code);
  const visitor = { ip, userAgent: request.headers.get("user-agent") };
  const at = new Date();
  afterResponse("counting a click", () => clickRecorder.record(shop, code, visitor, at));
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store" } });
}
