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

type DeliveryRow = { shop: string; eventId: string; topic: string; orderId: string | null; payload: string };
type Waiting = { row: DeliveryRow; resolve: (fresh: boolean) => void; reject: (error: unknown) => void };

/** Deliveries waiting for the next group commit, and whether one is being written. */
let waiting: Waiting[] = [];
let writing = false;
const MAX_GROUP = 200;

/**
 * Records a verified delivery once. Shopify retries and sometimes sends the same event
 * twice; the (shop, eventId) key makes the second one a no-op. Returns false for a
 * duplicate. Resolves only once the row is committed, so a 200 always means "stored".
 *
 * Group commit: deliveries arriving while a write is under way are written together by
 * the next one, in one multi-row INSERT (one commit, one disk sync) instead of one each.
 * Under a burst the groups grow by themselves; a lone delivery is written at once. See
 * BENCHMARKS.md (webhook ingest).
 */
export function recordDelivery(delivery: IncomingDelivery): Promise<boolean> {
  const row: DeliveryRow = {
    shop: delivery.shop,
    eventId: delivery.eventId.slice(0, 200),
    topic: delivery.topic,
    orderId: orderIdOf(delivery.topic, delivery.payload),
    payload: JSON.stringify(delivery.payload),
  };
  return new Promise((resolve, reject) => {
    waiting.push({ row, resolve, reject });
    if (!writing) {
      writing = true;
      // One turn of the event loop later, so the deliveries read in the same turn join
      // this group: on SQLite, whose driver answers synchronously, no write is ever
      // "under way" for later ones to join, and every delivery would pay its own commit.
      setImmediate(() => void writeGroups());
    }
  });
}

async function writeGroups() {
  try {
    while (waiting.length > 0) {
      const group = waiting.slice(0, MAX_GROUP);
      waiting = waiting.slice(group.length);
      await writeGroup(group);
    }
  } finally {
    writing = false;
  }
}

async function createOne(row: DeliveryRow): Promise<boolean> {
  try {
    await db.webhookDelivery.create({ data: row });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function writeGroup(group: Waiting[]) {
  if (group.length === 1) {
    const [w] = group;
    await createOne(w.row).then(w.resolve, w.reject);
    return;
  }
  try {
    // Duplicates within the group and of rows already stored are answered "not fresh".
    const key = (r: { shop: string; eventId: string }) => `${r.shop}\n${r.eventId}`;
    const stored = await db.webhookDelivery.findMany({
      where: {
        shop: { in: [...new Set(group.map((w) => w.row.shop))] },
        eventId: { in: group.map((w) => w.row.eventId) },
      },
      select: { shop: true, eventId: true },
    });
    const seen = new Set(stored.map(key));
    const fresh: Waiting[] = [];
    const dupes: Waiting[] = [];
    for (const w of group) {
      if (seen.has(key(w.row))) dupes.push(w);
      else {
        seen.add(key(w.row));
        fresh.push(w);
      }
    }
    try {
      if (fresh.length) await db.webhookDelivery.createMany({ data: fresh.map((w) => w.row) });
      for (const w of fresh) w.resolve(true);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another process stored one of them meanwhile: one at a time, each decides alone.
      for (const w of fresh) await createOne(w.row).then(w.resolve, w.reject);
    }
    for (const w of dupes) w.resolve(false);
  } catch (error) {
    for (const w of group) w.reject(error);
  }
}
