import { describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { recordClick } from "../../app/storefront/clicks.server";

/**
 * Clicks on a referral link: one visitor (IP and user agent) counts once per code and
 * UTC day, on the advocate, in the day's figures and in the Click rows, and no raw IP
 * is stored anywhere.
 */

const SHOP = "clicks-once.myshopify.com";
const CODE = "ANNA-CLK12345";
const IP = "203.0.113.42";
const UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0";

async function figures(advocateId: string) {
  const [advocate, days, rows] = await Promise.all([
    db.advocate.findUniqueOrThrow({ where: { id: advocateId } }),
    db.dailyStat.findMany({ where: { shop: SHOP }, orderBy: { day: "asc" } }),
    db.click.findMany({ where: { advocateId } }),
  ]);
  return { clicks: advocate.clicks, days: days.map((d) => [d.day, d.clicks]), rows };
}

describe("click counting", () => {
  it("counts a visitor once per code and day, however often they reload", async () => {
    const advocate = await db.advocate.create({ data: { shop: SHOP, customerId: "7001", code: CODE } });
    const day1 = new Date("2026-03-10T08:00:00Z");
    const later = new Date("2026-03-10T23:59:00Z");
    const day2 = new Date("2026-03-11T00:01:00Z");

    const results = await Promise.all(
      Array.from({ length: 42 }, (_, i) => recordClick(SHOP, CODE, { ip: IP, userAgent: UA }, i % 2 ? later : day1)),
    );
    expect(new Set(results).size).toBe(1); // every reload still lands where the link goes
    expect((await figures(advocate.id)).clicks).toBe(1);

    await recordClick(SHOP, CODE.toLowerCase(), { ip: IP, userAgent: UA }, later); // same code, typed in lower case
    await recordClick(SHOP, CODE, { ip: IP, userAgent: "Mozilla/5.0 (iPhone) Safari/605.1" }, later); // another device
    await recordClick(SHOP, CODE, { ip: "198.51.100.7", userAgent: UA }, later); // another network
    await recordClick(SHOP, CODE, { ip: IP, userAgent: UA }, day2); // the next day
    await recordClick(SHOP, CODE, { ip: IP, userAgent: UA }, day2);

    const f = await figures(advocate.id);
    expect(f.clicks).toBe(4);
    expect(f.days.reduce((sum, [, n]) => sum + Number(n), 0)).toBe(4); // the daily figures agree
    expect(f.rows).toHaveLength(4);
    // The same visitor's keys differ from one day to the next, and none holds the IP.
    const keys = f.rows.map((r) => r.visitorKey);
    expect(new Set(keys).size).toBe(4);
    for (const row of f.rows) expect(JSON.stringify(row)).not.toContain(IP);
  });
});
