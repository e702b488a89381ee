import type { ActionFunctionArgs } from "@remix-run/node";
import { config } from "../config.server";
import { authenticate } from "../shopify.server";

/**
 * Baseline for `npm run bench` (bench/ingest.ts): verifies the webhook HMAC exactly as
 * /webhooks does, then does nothing. Comparing the real route with this one on the same
 * server in the same run gives a ratio that holds on a noisy shared machine, where an
 * absolute time alone does not.
 *
 * It must be a real route to be in the production build the bench measures, but it has
 * no business in a real deployment: unless BENCH_ROUTES=1 it answers 404, as if absent.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (!config().server.benchRoutes) return new Response("Not Found", { status: 404 });
  await authenticate.webhook(request);
  return new Response(null, { status: 200 });
}

export function loader() {
  return new Response("Not Found", { status: 404 });
}
