import { redactCustomer, redactShop, recordDataRequest } from "../privacy/privacy.server";
import { recordShopCurrency } from "../shops/currency.server";
import { onShopUninstalled, onScopesUpdated } from "../shops/shop-lifecycle.server";
import { wakeWorker } from "../jobs/worker.server";
import { log } from "../lib/log.server";
import { ORDER_TOPICS, recordDelivery, type IncomingDelivery } from "./inbox.server";
import { privacyPayloadProblem } from "./payload-check";

/** The mandatory privacy topics: each names its shop in the payload as well as the header. */
const PRIVACY_TOPICS = new Set(["CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT"]);

/** Routes a verified delivery by topic. Order events are queued; the rest are quick. */
export async function handleWebhook(delivery: IncomingDelivery): Promise<Response> {
  const { shop, topic, payload, eventId } = delivery;
  if (ORDER_TOPICS.has(topic)) {
    const fresh = await recordDelivery(delivery);
    if (fresh) wakeWorker();
    return new Response(null, { status: 200 });
  }
  if (PRIVACY_TOPICS.has(topic)) {
    // Erasure is irreversible: act only when the payload itself says it is for this
    // shop. Otherwise acknowledge (a retry would carry the same body) and leave a trace.
    const problem = privacyPayloadProblem(shop, payload);
    if (problem) {
      log.warn(`webhook: ignored ${topic} for ${shop}: ${problem}`);
      return new Response(null, { status: 200 });
    }
  }
  switch (topic) {
    case "APP_UNINSTALLED":
      await onShopUninstalled(shop);
      break;
    case "APP_SCOPES_UPDATE":
      await onScopesUpdated(shop, payload);
      break;
    case "SHOP_UPDATE":
      // payloadProblem checked that `currency` is a currency code and the payload is this shop's.
      await recordShopCurrency(shop, (payload as { currency: string }).currency, new Date());
      break;
    case "CUSTOMERS_DATA_REQUEST":
      await recordDataRequest(shop, payload, eventId);
      break;
    case "CUSTOMERS_REDACT":
      await redactCustomer(shop, payload);
      break;
    case "SHOP_REDACT":
      await redactShop(shop);
      break;
    default:
      // Signed by Shopify but not a topic this app subscribes to: acknowledge so it is
      // not retried, and leave a trace.
      console.warn(`webhook: ignored topic ${topic.slice(0, 60)} for ${shop}`);
  }
  return new Response(null, { status: 200 });
}
