import { config } from "../config.server";
import db from "../db.server";
import { MAX_REWARD_DELAY_DAYS } from "../referrals/program-settings";
import type { RewardState } from "../states";

/**
 * How long order webhooks are kept whole. A Shopify order payload names the buyer
 * (name, email, phone, addresses, browser IP, notes); the engine reads it once, when the
 * delivery is processed, and afterwards needs only a few facts of it: an order's
 * cancellation and each refund's id and amounts (reconcileOrderOutcome re-reads them when
 * the next refund arrives), and the row itself to recognise Shopify's retries by event id.
 *
 * So a processed (or failed) delivery keeps its full payload for
 * WEBHOOK_PAYLOAD_RETENTION_DAYS after it arrived (default 30), and longer while the
 * order's referral still waits for its reward (held; accepted and not yet paid; or its
 * reward neither issued nor voided: the reward delay), though never longer than the
 * longest reward delay (MAX_REWARD_DELAY_DAYS, 365) past the retention period, so an
 * order never paid does not keep its payload forever. Then the payload is cut down to
 * ORDER_KEEPS / REFUND_KEEPS: ids, dates, status, currency and amounts; no customer,
 * email, address, IP, note, line item or payment detail. The worker does this once an
 * hour (stripExpiredPayloads). Deliveries not processed yet (received, parked) keep
 * theirs until they are. shop/redact deletes every delivery of the shop; customers/redact
 * erases the customer's at once.
 */

/** What is left of an order payload (orders/create, orders/paid, orders/cancelled). */
const ORDER_KEEPS = [
  "id",
  "name",
  "created_at",
  "cancelled_at",
  "financial_status",
  "currency",
  "presentment_currency",
  "subtotal_price",
  "current_subtotal_price",
  "total_price",
  "current_total_price",
  "subtotal_price_set",
  "current_subtotal_price_set",
  "total_price_set",
  "current_total_price_set",
] as const;

/** What is left of a refund (refunds/create) and of each of its lines. */
const REFUND_KEEPS = ["id", "order_id", "created_at", "processed_at"] as const;
const REFUND_LINE_KEEPS = [
  "id",
  "line_item_id",
  "quantity",
  "subtotal",
  "subtotal_set",
  "total_tax",
  "total_tax_set",
] as const;

/** ... and of its money movements, without payment details or receipts. */
const REFUND_TRANSACTION_KEEPS = ["id", "kind", "status", "amount", "currency"] as const;
const REFUND_ADJUSTMENT_KEEPS = ["id", "kind", "amount", "amount_set", "tax_amount", "tax_amount_set"] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function pick(source: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** The part of a delivery's payload the engine still reads once it is processed. */
export function strippedPayload(topic: string, payload: unknown): Json {
  if (!isObject(payload)) return {};
  if (topic === "REFUNDS_CREATE") {
    const each = (key: string, keeps: readonly string[]) =>
      (Array.isArray(payload[key]) ? (payload[key] as unknown[]) : []).filter(isObject).map((x) => pick(x, keeps));
    return {
      ...pick(payload, REFUND_KEEPS),
      refund_line_items: each("refund_line_items", REFUND_LINE_KEEPS),
      transactions: each("transactions", REFUND_TRANSACTION_KEEPS),
      order_adjustments: each("order_adjustments", REFUND_ADJUSTMENT_KEEPS),
    };
  }
  return pick(payload, ORDER_KEEPS);
}

/** A reward in these states may still be issued: its referral still waits for it. */
const REWARD_NOT_SETTLED = ["pending", "held", "issuing", "failed", "parked"] as const satisfies readonly RewardState[];

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * Cuts down the payloads whose time is up; returns how many. Idempotent and safe to run
 * in several workers at once: a row is cut down once (payloadStrippedAt), from the
 * payload it has.
 */
export async function stripExpiredPayloads(now = new Date()): Promise<number> {
  const retentionDays = config().webhooks.payloadRetentionDays;
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  // Past this, a referral still waiting for its reward no longer keeps the payload whole.
  const hardCutoff = new Date(now.getTime() - (retentionDays + MAX_REWARD_DELAY_DAYS) * DAY_MS);
  let stripped = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await db.webhookDelivery.findMany({
      where: {
        payloadStrippedAt: null,
        receivedAt: { lt: cutoff },
        status: { in: ["processed", "failed"] },
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, shop: true, topic: true, orderId: true, payload: true, receivedAt: true },
    });
    if (rows.length === 0) return stripped;
    after = rows[rows.length - 1].id;
    const waiting = await ordersAwaitingReward(rows);
    for (const row of rows) {
      if (row.receivedAt >= hardCutoff && row.orderId && waiting.has(`${row.shop}\n${row.orderId}`)) continue;
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        payload = null;
      }
      const { count } = await db.webhookDelivery.updateMany({
        where: { id: row.id, payloadStrippedAt: null },
        data: { payload: JSON.stringify(strippedPayload(row.topic, payload)), payloadStrippedAt: now },
      });
      stripped += count;
    }
  }
}

/** Of these deliveries' orders, those whose referral still waits for its reward ("shop\norderId"). */
async function ordersAwaitingReward(rows: { shop: string; orderId: string | null }[]): Promise<Set<string>> {
  const byShop = new Map<string, string[]>();
  for (const r of rows) if (r.orderId) byShop.set(r.shop, [...(byShop.get(r.shop) ?? []), r.orderId]);
  if (byShop.size === 0) return new Set();
  const referrals = await db.referral.findMany({
    where: {
      OR: [...byShop].map(([shop, orderIds]) => ({ shop, orderId: { in: [...new Set(orderIds)] } })),
      AND: [
        {
          OR: [
            { status: "held" },
            { status: "accepted", qualifiedAt: null },
            { status: "accepted", rewards: { some: { state: { in: [...REWARD_NOT_SETTLED] } } } },
          ],
        },
      ],
    },
    select: { shop: true, orderId: true },
  });
  return new Set(referrals.map((r) => `${r.shop}\n${r.orderId}`));
}
