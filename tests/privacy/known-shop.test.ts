import { describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { redactShop } from "../../app/privacy/privacy.server";
import { isKnownShop } from "../../app/shops/shop-lifecycle.server";

// Every webhook asks whether the shop is known; a "yes" is remembered for 30 s.
const domain = () => `known-${Math.random().toString(36).slice(2, 10)}.myshopify.com`;

describe("isKnownShop", () => {
  it("answers from the shop's record, remembers a yes for 30 s and never remembers a no", async () => {
    const shop = domain();
    const t0 = Date.now();
    expect(await isKnownShop(shop, t0)).toBe(false);
    await db.shop.create({ data: { domain: shop } });
    expect(await isKnownShop(shop, t0)).toBe(true); // the earlier "no" was not kept

    // Deleted behind this process's back (another process's redact): believed for 30 s, then asked again.
    await db.shop.delete({ where: { domain: shop } });
    expect(await isKnownShop(shop, t0 + 29_000)).toBe(true);
    expect(await isKnownShop(shop, t0 + 31_000)).toBe(false);
  });

  it("forgets the shop the moment this process redacts it", async () => {
    const shop = domain();
    await db.shop.create({ data: { domain: shop } });
    expect(await isKnownShop(shop)).toBe(true);
    await redactShop(shop);
    expect(await isKnownShop(shop)).toBe(false);
  });
});
