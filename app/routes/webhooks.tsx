import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handleWebhook } from "../webhooks/dispatch.server";

/**
 * Every webhook topic in shopify.app.toml is delivered here. authenticate.webhook
 * verifies the HMAC (401 when wrong, 400 when headers are missing) before anything is
 * read; a verified delivery is recorded and answered at once, and the work happens in
 * the background worker, well inside Shopify's 5-second limit.
 */
export async function action({ request }: ActionFunctionArgs) {
  let context;
  try {
    context = await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    // A correctly signed body that is not JSON: acknowledge so Shopify stops retrying
    // something that can never succeed, and say why.
    console.warn("webhook: unreadable body", error instanceof Error ? error.message : error);
    return new Response("Unreadable webhook body", { status: 400 });
  }
  return handleWebhook({
    shop: context.shop,
    topic: String(context.topic),
    eventId: ("eventId" in context && context.eventId) || context.webhookId,
    payload: context.payload,
  });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
