/**
 * The shop's time zone (shop.ianaTimezone) decides the owner's days: read from Shopify on
 * an admin visit and kept a day on the Shop row, used by the daily figures as they are
 * counted, by the dashboard's range, and by the CSV's day boundaries.
 */
import { beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { parseRangeSelection, rangeInstants } from "../../app/admin/date-range";
import { referralsCsv } from "../../app/admin/csv-export.server";
import { bumpDailyStat } from "../../app/referrals/ledger.server";
import type { AdminApi } from "../../app/shopify/admin-client.server";
import { TIME_ZONE_TTL_MS, resetTimeZoneCache, shopTimeZone, storedTimeZone } from "../../app/shops/time-zone.server";
import { seedDemoShop } from "../../scripts/demo/seed";

const SHOP = "warsaw-days.myshopify.com";

function fakeShopify(zone: string | null) {
  const asked: string[] = [];
  const api: AdminApi = {
    shop: SHOP,
    async request<T>(query: string) {
      asked.push(query);
      return { shop: { ianaTimezone: zone } } as T;
    },
  };
  return { api, asked };
}

beforeAll(async () => {
  await seedDemoShop(db, { shop: SHOP, accessToken: "tok-tz", label: "tz" });
  resetTimeZoneCache();
});

describe("the shop's time zone", () => {
  it("is read from Shopify once, kept on the shop's row for a day, then read again", async () => {
    const start = Date.parse("2025-03-01T12:00:00Z");
    const warsaw = fakeShopify("Europe/Warsaw");
    expect(await shopTimeZone(SHOP, { admin: warsaw.api, now: () => start })).toBe("Europe/Warsaw");
    expect(await shopTimeZone(SHOP, { admin: warsaw.api, now: () => start + 60_000 })).toBe("Europe/Warsaw");
    expect(warsaw.asked).toHaveLength(1);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: SHOP } })).ianaTimezone).toBe("Europe/Warsaw");

    const sofia = fakeShopify("Europe/Sofia");
    expect(await shopTimeZone(SHOP, { admin: sofia.api, now: () => start + TIME_ZONE_TTL_MS + 1 })).toBe(
      "Europe/Sofia",
    );
    expect(sofia.asked).toHaveLength(1);
    // back to Warsaw for the tests below
    await shopTimeZone(SHOP, { admin: warsaw.api, now: () => start + 2 * TIME_ZONE_TTL_MS + 2 });
    resetTimeZoneCache();
    expect(await storedTimeZone(SHOP)).toBe("Europe/Warsaw");
  });

  it("counts a late-evening order on the shop's day, not the UTC day", async () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Warsaw
    await db.$transaction((tx) => bumpDailyStat(tx, SHOP, new Date("2025-03-01T23:30:00Z"), { referrals: 1 }));
    const row = await db.dailyStat.findUnique({ where: { shop_day: { shop: SHOP, day: "2025-03-02" } } });
    expect(row?.referrals).toBe(1);
    expect(await db.dailyStat.findUnique({ where: { shop_day: { shop: SHOP, day: "2025-03-01" } } })).toBeNull();
  });

  it("starts the dashboard's today and the CSV's days at the shop's midnight", async () => {
    const range = parseRangeSelection(
      new URLSearchParams({ range: "7d" }),
      new Date("2025-03-01T23:30:00Z"),
      "Europe/Warsaw",
    );
    expect(range.current.to).toBe("2025-03-02");
    expect(rangeInstants({ from: "2025-03-02", to: "2025-03-02" }, "Europe/Warsaw")).toEqual({
      gte: new Date("2025-03-01T23:00:00Z"),
      lt: new Date("2025-03-02T23:00:00Z"),
    });
    // summer time: the day starts at 22:00 UTC
    expect(rangeInstants({ from: "2025-07-01", to: "2025-07-01" }, "Europe/Warsaw").gte).toEqual(
      new Date("2025-06-30T22:00:00Z"),
    );

    const referral = await db.referral.findFirstOrThrow({ where: { shop: SHOP } });
    await db.referral.update({ where: { id: referral.id }, data: { createdAt: new Date("2025-03-01T23:30:00Z") } });
    const csv = (range: { from: string; to: string }) =>
      new Response(referralsCsv(SHOP, range, "Europe/Warsaw")).text();
    expect(await csv({ from: "2025-03-02", to: "2025-03-02" })).toContain(referral.id);
    expect(await csv({ from: "2025-03-01", to: "2025-03-01" })).not.toContain(referral.id);
  });
});
