import type { LoaderFunctionArgs } from "@remix-run/node";
import { config } from "../config.server";
import { verifyAppProxy } from "../storefront/proxy-request.server";

/**
 * Baseline for `npm run bench` (bench/storefront.ts): verifies the app-proxy signature
 * (and that the shop is installed) exactly as /proxy/api/me does, then answers a constant. The ratio of the real
 * endpoint to this one, measured on the same server in the same run, holds on a noisy
 * shared machine where an absolute time alone does not.
 *
 * It must be a real route to be in the production build the bench measures, but it has
 * no business in a real deployment: unless BENCH_ROUTES=1 it answers 404, as if absent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!config().server.benchRoutes) return new Response("Not Found", { status: 404 });
  await verifyAppProxy(request);
  return Response.json({ ok: true }, { headers: { "Cache-Control": "private, no-store" } });
}
