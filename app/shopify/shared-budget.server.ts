import db, { databaseTarget } from "../db.server";
import type { ThrottleStatus } from "./throttle";

/**
 * Shopify's Admin API rate limit for a shop, shared by every process that sends calls for
 * it (web instances, any number of workers): the bucket lives in the database
 * (ShopifyBudget), and each call reserves its cost there in one statement before it is
 * sent. Reservations queue: the bucket may go below zero, and a caller then waits until
 * the refill has paid for its place in the queue, so callers in all processes together
 * never ask Shopify for more than the bucket holds, without polling.
 *
 * Never call Shopify from here: this only keeps the books.
 */

/** Until a response reports the shop's bucket: a Standard plan bucket, refilling at half its rate. */
export const DEFAULT_THROTTLE_STATUS: ThrottleStatus = {
  maximumAvailable: 1000,
  currentlyAvailable: 1000,
  restoreRate: 50,
};

/**
 * The books hold less than Shopify's maximum by what refills in this long. A call is
 * charged in the books when it is reserved but by Shopify when it arrives; while the
 * bucket is full, Shopify's refill in between is lost at its maximum, and the books,
 * refilling to the maximum too, would run ahead of it. The margin covers calls that
 * arrive up to this long after their reservation. Only bursts lose it, not the rate.
 */
const ARRIVAL_MARGIN_S = 1;

/** The most the books let callers use at once, for Shopify's figures. */
export function usableMaximum(status: Pick<ThrottleStatus, "maximumAvailable" | "restoreRate">): number {
  return status.maximumAvailable - Math.min(status.restoreRate * ARRIVAL_MARGIN_S, status.maximumAvailable / 2);
}

export interface BudgetLevel {
  /** points left just after this reservation (negative: calls queued ahead) */
  available: number;
  /** the most the books hold (usableMaximum) */
  maximumAvailable: number;
  restoreRate: number;
  /** when the figures were read, by this process's clock (ms) */
  at: number;
}

const pg = databaseTarget.provider === "postgresql";
/** The n-th parameter of a raw statement, in the provider's placeholder syntax. */
const p = (n: number) => (pg ? `$${n}` : `?${n}`);
const num = (n: number) => `CAST(${p(n)} AS DOUBLE PRECISION)`;
const col = (name: string) => `"ShopifyBudget"."${name}"`;

/** The stored level brought up to time parameter `now` (never above the maximum). */
const refilled = (now: string) =>
  `(CASE WHEN ${col("available")} + ${col("restoreRate")} * (${now} - ${col("refilledAtMs")}) / 1000.0 > ${col("maximum")}
     THEN ${col("maximum")}
     ELSE ${col("available")} + ${col("restoreRate")} * (CASE WHEN ${now} > ${col("refilledAtMs")} THEN ${now} - ${col("refilledAtMs")} ELSE 0 END) / 1000.0 END)`;
const later = (now: string) =>
  `(CASE WHEN ${now} > ${col("refilledAtMs")} THEN ${now} ELSE ${col("refilledAtMs")} END)`;

// $1 shop, $2 cost, $3 points given back (charged earlier, not spent), $4 now (ms),
// $5 default maximum, $6 default restore rate.
const RESERVE = `INSERT INTO "ShopifyBudget" ("shop", "available", "maximum", "restoreRate", "refilledAtMs")
  VALUES (${p(1)}, ${num(5)} - ${num(2)}, ${num(5)}, ${num(6)}, ${num(4)})
  ON CONFLICT ("shop") DO UPDATE SET
    "available" = (CASE WHEN ${refilled(num(4))} + ${num(3)} > ${col("maximum")} THEN ${col("maximum")} ELSE ${refilled(num(4))} + ${num(3)} END) - ${num(2)},
    "refilledAtMs" = ${later(num(4))}
  RETURNING "available", "maximum", "restoreRate"`;

// $1 shop, $2 reported currentlyAvailable, $3 usable maximum, $4 reported restore rate, $5 now.
// Shopify's maximum (less the margin) and restore rate replace ours. Its level can only lower the stored
// one: reservations made since Shopify counted (calls of every process queued or in
// flight) are in the stored level and not yet in Shopify's figure. So the books never
// promise more than Shopify has, and defaults above the real bucket are corrected by
// the first response.
const OBSERVE = `UPDATE "ShopifyBudget" SET
    "available" = CASE WHEN ${refilled(num(5))} < ${num(2)} THEN ${refilled(num(5))} ELSE ${num(2)} END,
    "maximum" = ${num(3)},
    "restoreRate" = ${num(4)},
    "refilledAtMs" = ${later(num(5))}
  WHERE "shop" = ${p(1)}`;

/**
 * Reserves `cost` points of the shop's bucket (giving back `giveBack` points reserved
 * earlier but not spent) and says how long to wait before sending: 0 when the points are
 * there, otherwise until the refill reaches this call's place in the queue.
 */
export async function reserveBudget(
  shop: string,
  cost: number,
  giveBack = 0,
): Promise<{ waitMs: number; level: BudgetLevel }> {
  const now = Date.now();
  const rows = await db.$queryRawUnsafe<{ available: number; maximum: number; restoreRate: number }[]>(
    RESERVE,
    shop,
    cost,
    giveBack,
    now,
    usableMaximum(DEFAULT_THROTTLE_STATUS),
    DEFAULT_THROTTLE_STATUS.restoreRate,
  );
  const row = rows[0];
  const level: BudgetLevel = {
    available: Number(row.available),
    maximumAvailable: Number(row.maximum),
    restoreRate: Number(row.restoreRate),
    at: now,
  };
  const waitMs = level.available >= 0 ? 0 : Math.ceil((-level.available / level.restoreRate) * 1000);
  return { waitMs, level };
}

/** Records what a Shopify response reported about the shop's bucket (see OBSERVE). */
export async function observeBudget(shop: string, status: ThrottleStatus): Promise<void> {
  await db.$executeRawUnsafe(
    OBSERVE,
    shop,
    Math.min(status.currentlyAvailable, usableMaximum(status)),
    usableMaximum(status),
    status.restoreRate,
    Date.now(),
  );
}

/** The stored buckets of these shops, refilled to now (shops never seen are left out). */
export async function readBudgets(shops: string[]): Promise<Map<string, BudgetLevel>> {
  if (shops.length === 0) return new Map();
  const rows = await db.shopifyBudget.findMany({ where: { shop: { in: shops } } });
  const now = Date.now();
  return new Map(
    rows.map((r) => [
      r.shop,
      {
        available: Math.min(r.maximum, r.available + (r.restoreRate * Math.max(0, now - r.refilledAtMs)) / 1000),
        maximumAvailable: r.maximum,
        restoreRate: r.restoreRate,
        at: now,
      },
    ]),
  );
}
