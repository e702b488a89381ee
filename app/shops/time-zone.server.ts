import db from "../db.server";
import { safeTimeZone } from "../i18n/time-zone";
import { adminApiFor, type AdminApi } from "../shopify/admin-client.server";
import { readShopTimeZone } from "../shopify/shop.server";

/**
 * The shop's time zone (Shopify's `shop.ianaTimezone`): the owner's calendar days in the
 * dashboard, the daily figures, the lists and the CSV are days there, not UTC days.
 * Shopify is asked at most once a day per shop, on an admin visit; the answer is kept on
 * the Shop row, so every app instance and the worker share it. Writers of daily figures
 * read it from the row (never from Shopify, inside a transaction), through a short
 * per-process cache. Unknown (never answered): UTC.
 */

export const TIME_ZONE_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a process trusts its copy of the row before reading it again. */
const PROCESS_CACHE_MS = 5 * 60 * 1000;
/** After a failed read, this process waits this long before asking Shopify again. */
const RETRY_AFTER_FAILURE_MS = 60 * 1000;

const known = new Map<string, { zone: string; at: number }>();
const failedAt = new Map<string, number>();
const inFlight = new Map<string, Promise<string>>();

type ShopReader = Pick<typeof db, "shop">;

/** The zone as last read from Shopify (the Shop row), for code that must not call Shopify. */
export async function storedTimeZone(shop: string, reader: ShopReader = db, now = Date.now()): Promise<string> {
  const hit = known.get(shop);
  if (hit && now - hit.at < PROCESS_CACHE_MS) return hit.zone;
  const row = await reader.shop.findUnique({ where: { domain: shop }, select: { ianaTimezone: true } });
  const zone = safeTimeZone(row?.ianaTimezone);
  known.set(shop, { zone, at: now });
  return zone;
}

export interface TimeZoneOptions {
  now?: () => number;
  /** the Admin API to ask (tests); the shop's offline token otherwise */
  admin?: AdminApi;
}

/** The shop's zone for an admin page: refreshed from Shopify when a day old; UTC if never known. */
export async function shopTimeZone(shop: string, options: TimeZoneOptions = {}): Promise<string> {
  const now = options.now?.() ?? Date.now();
  const row = await db.shop.findUnique({
    where: { domain: shop },
    select: { ianaTimezone: true, timeZoneCheckedAt: true },
  });
  const cached = safeTimeZone(row?.ianaTimezone);
  if (row?.timeZoneCheckedAt && now - row.timeZoneCheckedAt.getTime() < TIME_ZONE_TTL_MS) return cached;
  const lastFailure = failedAt.get(shop);
  if (lastFailure !== undefined && now - lastFailure < RETRY_AFTER_FAILURE_MS) return cached;
  // Pages of one admin visit load together: one question to Shopify serves them all.
  let pending = inFlight.get(shop);
  if (!pending) {
    pending = refresh(shop, now, cached, options.admin).finally(() => inFlight.delete(shop));
    inFlight.set(shop, pending);
  }
  return pending;
}

async function refresh(shop: string, now: number, cached: string, admin?: AdminApi): Promise<string> {
  try {
    // A page waits on this: one quick try, not the engine's patient retries.
    const api = admin ?? (await adminApiFor(shop, { maxAttempts: 1, timeoutMs: 5_000 }));
    const reported = await readShopTimeZone(api);
    const zone = reported ? safeTimeZone(reported) : null;
    await db.shop.updateMany({
      where: { domain: shop },
      data: { ianaTimezone: zone, timeZoneCheckedAt: new Date(now) },
    });
    failedAt.delete(shop);
    known.set(shop, { zone: zone ?? "UTC", at: now });
    return zone ?? "UTC";
  } catch (error) {
    failedAt.set(shop, now);
    console.warn("reading the shop's time zone failed", shop, (error as Error).message);
    return cached;
  }
}

/** Forgets this process's copies and backoff (tests). */
export function resetTimeZoneCache() {
  known.clear();
  failedAt.clear();
}
