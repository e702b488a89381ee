import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { recordClick } from "../storefront/clicks.server";

/**
 * GET /apps/referrals/r/CODE: counts the click (no raw IP is stored) and redirects to
 * Shopify's /discount/CODE link; an unknown code goes to the home page, which says
 * nothing about whether it exists.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const shop = new URL(request.url).searchParams.get("shop")!;
  const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  const location = await recordClick(shop, params.code ?? "", ip);
  return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store" } });
}
