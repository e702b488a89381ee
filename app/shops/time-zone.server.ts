import db from "../db.server";
import { safeTimeZone } from "../i18n/time-zone";
import { readShopTimeZone } from "../shopify/shop.server";
import { shopFactReader, type ShopFactOptions } from "./shop-fact.server";

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

const known = new Map<string, { zone: string; at: number }>();

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

const timeZone = shopFactReader<string>({
  name: "time zone",
  ttlMs: TIME_ZONE_TTL_MS,
  async load(shop) {
    const row = await db.shop.findUnique({
      where: { domain: shop },
      select: { ianaTimezone: true, timeZoneCheckedAt: true },
    });
    return { value: safeTimeZone(row?.ianaTimezone), checkedAt: row?.timeZoneCheckedAt ?? null };
  },
  async refresh(shop, api, at) {
    const reported = await readShopTimeZone(api);
    const zone = reported ? safeTimeZone(reported) : null;
    await db.shop.updateMany({ where: { domain: shop }, data: { ianaTimezone: zone, timeZoneCheckedAt: at } });
    known.set(shop, { zone: zone ?? "UTC", at: at.getTime() });
    return zone ?? "UTC";
  },
});

/** The shop's zone for an admin page: refreshed from Shopify when a day old; UTC if never known. */
export function shopTimeZone(shop: string, options: ShopFactOptions = {}): Promise<string> {
  return timeZone.read(shop, options);
}

/** Forgets this process's copies and backoff (tests). */
export function resetTimeZoneCache() {
  known.clear();
  timeZone.resetBackoff();
}
