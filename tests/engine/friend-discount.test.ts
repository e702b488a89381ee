import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, drain, prepareShop, startWorld, type World } from "../support/world";

/**
 * The friend discount is created once per shop, however many callers ask for it at the
 * same moment (the settings' sync task, Activate, a retry after a crash): Shopify
 * refuses a second discount with the same code, so a second creation must adopt the
 * first instead of failing.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const TITLE = "Referral program: friend's first order";

function friendDiscounts(shop: string) {
  return world.sim.discountCodes(shop).filter((d) => d.title === TITLE);
}

async function settingsOf(shop: string) {
  const { default: db } = await import("../../app/db.server");
  return db.programSettings.findUniqueOrThrow({ where: { shop } });
}

describe("the friend discount", () => {
  it("Activate, the settings' sync and direct syncs at once create one discount and all succeed", async () => {
    const { activateProgram, syncFriendDiscount } = await import("../../app/referrals/friend-discount.server");
    const shop = await prepareShop(world.sim);
    const admin = await adminOf(shop)();
    const results = await Promise.allSettled([
      activateProgram(shop, admin),
      syncFriendDiscount(admin, shop),
      syncFriendDiscount(admin, shop),
      drain(),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const discounts = friendDiscounts(shop);
    expect(discounts).toHaveLength(1);
    const settings = await settingsOf(shop);
    expect(settings).toMatchObject({ enabled: true, friendDiscountSynced: true });
    expect(settings.friendDiscountId).toMatch(new RegExp(`/${discounts[0].id.split("/").pop()}$`));
    expect(discounts[0].status).toBe("ACTIVE");
  });

  it("a discount created by a call that died before storing its id is adopted, not duplicated", async () => {
    const { syncFriendDiscount } = await import("../../app/referrals/friend-discount.server");
    const { default: db } = await import("../../app/db.server");
    const shop = await prepareShop(world.sim);
    const admin = await adminOf(shop)();
    const first = await syncFriendDiscount(admin, shop);
    await db.programSettings.update({ where: { shop }, data: { friendDiscountId: null } });
    expect(await syncFriendDiscount(admin, shop)).toBe(first);
    expect(friendDiscounts(shop)).toHaveLength(1);
    expect((await settingsOf(shop)).friendDiscountId).toBe(first);
  });
});
