import db from "../db.server";
import { isUniqueViolation } from "../lib/prisma-errors";

/** Topics whose deliveries go to the durable inbox and are processed by the worker. */
export const ORDER_TOPICS = new Set(["ORDERS_CREATE", "ORDERS_PAID", "ORDERS_CANCELLED", "REFUNDS_CREATE"]);

export interface IncomingDelivery {
  shop: string;
  topic: string;
  eventId: string;
  payload: unknown;
}

function orderIdOf(topic: string, payload: unknown): string | null {
  const p = payload as Record<string, unknown> | null;
  const raw = topic === "REFUNDS_CREATE" ? p?.order_id : p?.id;
  return typeof raw === "number" || (typeof raw === "string" && /^\d{1,20}$/.test(raw)) ? String(raw) : null;
}

/**
 * Records a verified delivery once. Shopify retries and sometimes sends the same event
 * twice; the (shop, eventId) key makes the second one a no-op. Returns false for a
 * duplicate.
 */
export async function recordDelivery(delivery: IncomingDelivery): Promise<boolean> {
  try {
    await db.webhookDelivery.create({
      data: {
        shop: delivery.shop,
        eventId: delivery.eventId.slice(0, 200),
        topic: delivery.topic,
        orderId: orderIdOf(delivery.topic, delivery.payload),
        payload: JSON.stringify(delivery.payload),
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
