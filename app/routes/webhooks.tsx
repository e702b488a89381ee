import crypto from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { config } from "../config.server";
import { BodyTooLargeError, maxWebhookBodyBytes, payloadTooLarge, readBodyWithLimit } from "../lib/body-limit.server";
import { log } from "../lib/log.server";
import { authenticate } from "../shopify.server";
import { isKnownShop } from "../shops/shop-lifecycle.server";
import { handleWebhook } from "../webhooks/dispatch.server";
import { jsonNestedDeeperThan, MAX_JSON_DEPTH, payloadProblem } from "../webhooks/payload-check";

/**
 * Every webhook topic in shopify.app.toml is delivered here. A verified delivery is
 * recorded and answered at once; the work happens in the background worker, well inside
 * Shopify's 5-second limit. What each kind of request gets:
 * - body over WEBHOOK_MAX_BODY_BYTES: 413, refused before it is buffered (lib/body-limit);
 * - not signed with the app secret (no HMAC header, a wrong one, or an empty body): 401,
 *   checked here before anything else; authenticate.webhook alone would answer 400 to
 *   a request without the header;
 * - correctly signed but without Shopify's other headers (topic, shop, ...): 400;
 * - authentic (correctly signed) but unusable: malformed JSON, JSON nested deeper than
 *   any Shopify payload (MAX_JSON_DEPTH, measured before parsing), a payload of the wrong
 *   shape or with absurd amounts, a shop the app has never been installed on, or a topic
 *   it does not handle: logged and acknowledged with 200, recording nothing. Shopify
 *   retries every non-2xx answer with the identical body (8 times over 4 hours) and
 *   counts the failures against the subscription, so refusing what can never succeed
 *   would only bring it back and put the app's real subscriptions at risk.
 * Log lines name the shop, topic and reason, never the payload (it holds emails).
 */
export async function action({ request }: ActionFunctionArgs) {
  const limit = maxWebhookBodyBytes();
  let rawBody: string;
  try {
    rawBody = await readBodyWithLimit(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      log.warn(
        `webhook: refused a body over ${limit} bytes (${request.headers.get("x-shopify-topic")?.slice(0, 60) ?? "no topic"})`,
      );
      return payloadTooLarge(limit);
    }
    throw error;
  }
  if (!signedWithAppSecret(rawBody, request.headers.get("x-shopify-hmac-sha256"))) {
    return new Response(null, { status: 401 });
  }
  if (jsonNestedDeeperThan(rawBody)) {
    log.warn(
      `webhook: ignored a body nested deeper than ${MAX_JSON_DEPTH} levels (${request.headers.get("x-shopify-topic")?.slice(0, 60) ?? "no topic"})`,
    );
    return acknowledged();
  }
  const buffered = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.method === "POST" ? rawBody : undefined,
  });

  let context;
  try {
    context = await authenticate.webhook(buffered);
  } catch (error) {
    if (error instanceof Response) throw error;
    // Signed (the HMAC was checked first) but not JSON.
    log.warn("webhook: ignored an unreadable body", error instanceof Error ? error.name : "");
    return acknowledged();
  }
  const topic = String(context.topic);
  const shop = context.shop;
  const ignore = (why: string) => {
    log.warn(`webhook: ignored ${topic.slice(0, 60)} for ${shop}: ${why}`);
    return acknowledged();
  };
  // A shop with no record was never installed (or was already redacted): nothing to do.
  if (!(await isKnownShop(shop))) return ignore("unknown shop");
  const problem = payloadProblem(topic, context.payload, shop);
  if (problem) return ignore(problem);
  return handleWebhook({
    shop,
    topic,
    eventId: ("eventId" in context && context.eventId) || context.webhookId,
    payload: context.payload,
  });
}

/** Shopify's webhook signature: base64 HMAC-SHA256 of the raw body with the app secret. */
function signedWithAppSecret(rawBody: string, hmac: string | null): boolean {
  if (!hmac || !rawBody) return false;
  const expected = crypto.createHmac("sha256", config().shopify.apiSecret).update(rawBody, "utf8").digest();
  const given = Buffer.from(hmac, "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const acknowledged = () => new Response(null, { status: 200 });

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
