import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drain, enrollCustomer, installShop, rewardDiscounts, startWorld, type World } from "../support/world";

/**
 * Tiers for top advocates through signed webhooks and the simulator: the reward per
 * friend follows the advocate's count of successful referrals, rewards can start from
 * a later referral, a tier change is in the advocate's history with its reason, and
 * rewards already created never change.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

let seq = 0;
async function order(shop: string, code: string, subtotal = "50.00") {
  seq++;
  return world.sim.placeOrder(shop, {
    customer: { email: `tier-friend${seq}@example.org`, firstName: "Friend", lastName: `Number${seq}` },
    subtotal,
    discountCodes: [code],
    browserIp: `203.0.113.${seq % 250}`,
    financialStatus: "paid",
  });
}

async function db() {
  return (await import("../../app/db.server")).default;
}

async function referralRewards(shop: string) {
  const rows = await (await db()).reward.findMany({ where: { shop, kind: "referral" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.amountMinor);
}

async function tierEvents(shop: string) {
  const rows = await (
    await db()
  ).ledgerEvent.findMany({ where: { shop, type: "advocate_tier_changed" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.reason);
}

async function view(shop: string, customerId: string) {
  const { advocateView } = await import("../../app/storefront/advocate-view.server");
  return (await advocateView(shop, customerId)).advocate!;
}

describe("tiers for top advocates", () => {
  it("pays the tier's reward from its referral on, records the step up, and shows how many friends to the next", async () => {
    const shop = await installShop(world.sim, { tiers: "3:15.00, 5:20.00", rewardDelayDays: "0" });
    const { customer, advocate } = await enrollCustomer(world.sim, shop, {
      email: "tiers-anna@example.com",
      firstName: "Anna",
      lastName: "Tiers",
    });
    const customerId = String(customer.legacyResourceId);
    expect((await view(shop, customerId)).tier).toEqual({
      level: 1,
      levels: 3,
      reward: { type: "fixed_amount", value: "10.00" },
      next: { level: 2, from: 3, remaining: 3, reward: { type: "fixed_amount", value: "15.00" } },
    });

    for (let i = 0; i < 3; i++) await order(shop, advocate.code);
    await drain();
    expect(await referralRewards(shop)).toEqual([1000, 1000, 1500]);
    const amounts = rewardDiscounts(world.sim, shop).map((d) =>
      d.value.type === "fixed_amount" ? Number(d.value.amount).toFixed(2) : `${d.value.percentage}%`,
    );
    expect(amounts.sort()).toEqual(["10.00", "10.00", "15.00"]);
    expect(await tierEvents(shop)).toEqual([
      expect.stringMatching(/^Up from tier 1 to tier 2 \(from the 3rd successful referral: 15\.00 USD per friend\)/),
    ]);
    const me = await view(shop, customerId);
    expect(me.tier).toMatchObject({ level: 2, next: { level: 3, from: 5, remaining: 2 } });

    for (let i = 0; i < 2; i++) await order(shop, advocate.code);
    await drain();
    expect(await referralRewards(shop)).toEqual([1000, 1000, 1500, 1500, 2000]);
    expect((await view(shop, customerId)).tier).toMatchObject({ level: 3, next: null });
    expect(await tierEvents(shop)).toHaveLength(2);
  });

  it("rewards from the Nth referral: nothing for the ones before, each with its reason", async () => {
    const shop = await installShop(world.sim, { rewardFromReferral: "3", rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "tiers-boris@example.com",
      firstName: "Boris",
      lastName: "Later",
    });
    for (let i = 0; i < 3; i++) await order(shop, advocate.code);
    await drain();
    expect(await referralRewards(shop)).toEqual([1000]);
    const skipped = await (await db()).ledgerEvent.findMany({ where: { shop, type: "reward_not_created" } });
    expect(skipped.map((e) => e.reason).sort()).toEqual([
      "Rewards start from the 3rd successful referral; this is the 1st.",
      "Rewards start from the 3rd successful referral; this is the 2nd.",
    ]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("a change of the tiers never changes rewards already created; a voided referral steps the tier down", async () => {
    const shop = await installShop(world.sim, { tiers: "2:15.00", rewardDelayDays: "30" });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "tiers-chen@example.com",
      firstName: "Chen",
      lastName: "Steps",
    });
    await order(shop, advocate.code);
    const second = await order(shop, advocate.code);
    await drain();
    expect(await referralRewards(shop)).toEqual([1000, 1500]);

    // The owner raises the tier: pending rewards keep the amount they were created with.
    const { getProgramSettings, saveProgramSettings } = await import("../../app/referrals/program-settings.server");
    const settings = await getProgramSettings(shop);
    const { shop: _shop, friendDiscountId: _id, ...update } = settings;
    await saveProgramSettings(shop, { ...update, tiers: [{ from: 2, amountMinor: 2500, percent: 0 }] });
    expect(await referralRewards(shop)).toEqual([1000, 1500]);

    // The second friend's order is cancelled: back to tier 1, with the order named.
    await world.sim.cancelOrder(shop, second.order.legacyResourceId);
    await drain();
    const events = await tierEvents(shop);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatch(/^Down from tier 2 to tier 1 .* at 1 successful referrals\. Order .* was cancelled\.$/);

    // The next friend is the 2nd successful referral again: the raised tier applies to it.
    await order(shop, advocate.code);
    await drain();
    const rows = await (
      await db()
    ).reward.findMany({ where: { shop, kind: "referral" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.amountMinor, r.state])).toEqual([
      [1000, "pending"],
      [1500, "voided"],
      [2500, "pending"],
    ]);
  });

  it("percentage rewards: a tier is a bigger share of the friend's order", async () => {
    const shop = await installShop(world.sim, {
      rewardType: "percentage",
      rewardPercent: "10",
      tiers: "2:20%",
      rewardDelayDays: "0",
    });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "tiers-dara@example.com",
      firstName: "Dara",
      lastName: "Share",
    });
    await order(shop, advocate.code, "100.00");
    await order(shop, advocate.code, "100.00");
    await drain();
    const rows = await (
      await db()
    ).reward.findMany({ where: { shop, kind: "referral" }, orderBy: { createdAt: "asc" } });
    // 10% and 20% of the subtotal after the friend's own 10% off (90.00)
    expect(rows.map((r) => [r.percent, r.amountMinor])).toEqual([
      [10, 900],
      [20, 1800],
    ]);
  });
});
