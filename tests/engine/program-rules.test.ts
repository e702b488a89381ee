import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DAY,
  counts,
  drain,
  enrollCustomer,
  installShop,
  rewardDiscounts,
  startWorld,
  type World,
} from "../support/world";

/**
 * The program settings of PRODUCT.md through signed webhooks and the simulator:
 * minimum subtotal, milestone bonuses, the cap per advocate, the reward delay, a
 * percentage reward and a one-sided program; each test counts referrals, rewards and
 * the reward codes that exist in Shopify.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ANNA = { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" };
let seq = 0;
function friend() {
  seq++;
  const names = ["Boris", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana", "Ivo"];
  return { email: `friend${seq}@example.org`, firstName: names[seq % names.length], lastName: `Petrov${seq}` };
}

async function order(shop: string, code: string, extra: Record<string, unknown> = {}) {
  return world.sim.placeOrder(shop, {
    customer: friend(),
    subtotal: "50.00",
    discountCodes: [code],
    browserIp: `198.51.100.${++seq % 250}`,
    financialStatus: "paid",
    ...extra,
  });
}

async function rewards(shop: string) {
  const { default: db } = await import("../../app/db.server");
  return db.reward.findMany({
    where: { shop },
    orderBy: [{ kind: "asc" }, { milestone: "asc" }, { createdAt: "asc" }],
  });
}

/** Reward code amounts in Shopify, as decimal strings, sorted. */
function codeAmounts(shop: string) {
  return rewardDiscounts(world.sim, shop)
    .map((d) => (d.value.type === "fixed_amount" ? Number(d.value.amount).toFixed(2) : `${d.value.percentage}%`))
    .sort();
}

describe("program settings", () => {
  it("minimum order subtotal: a smaller order earns nothing", async () => {
    const shop = await installShop(world.sim, { minimumSubtotal: "40.00", rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code, { subtotal: "40.00" }); // 36.00 after the friend's 10%
    await order(shop, advocate.code, { subtotal: "45.00" }); // 40.50
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { blocked: 1, accepted: 1 }, rewards: 1, issued: 1 });
    const { default: db } = await import("../../app/db.server");
    const blocked = await db.referral.findFirstOrThrow({ where: { shop, status: "blocked" } });
    expect(JSON.parse(blocked.reasons)).toEqual([expect.objectContaining({ rule: "below_minimum" })]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("milestone bonuses are issued once each, however often the webhooks arrive", async () => {
    const shop = await installShop(world.sim, { milestones: "2:5.00, 3:7.50", rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    for (let i = 0; i < 3; i++) {
      const placed = await order(shop, advocate.code);
      // Redeliveries and re-sends of both topics, some at once.
      await Promise.all([
        world.sim.sendWebhook(shop, "orders/paid", placed.payload),
        world.sim.sendWebhook(shop, "orders/create", placed.payload),
        world.sim.sendWebhook(shop, "orders/paid", placed.payload, { eventId: `evt-paid-${i}` }),
        world.sim.sendWebhook(shop, "orders/paid", placed.payload, { eventId: `evt-paid-${i}` }),
      ]);
      await Promise.all([drain(), drain()]);
    }
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 3 }, rewards: 5, issued: 5 });
    expect((await rewards(shop)).map((r) => [r.kind, r.milestone, r.amountMinor])).toEqual([
      ["milestone", 2, 500],
      ["milestone", 3, 750],
      ["referral", 0, 1000],
      ["referral", 0, 1000],
      ["referral", 0, 1000],
    ]);
    expect(codeAmounts(shop)).toEqual(["10.00", "10.00", "10.00", "5.00", "7.50"]);

    // A fourth referral reaches no new milestone.
    await order(shop, advocate.code);
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 4 }, rewards: 6, issued: 6 });
  });

  it("the cap on referral rewards per advocate", async () => {
    const shop = await installShop(world.sim, { maxRewardsPerAdvocate: "2", rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    for (let i = 0; i < 3; i++) await order(shop, advocate.code);
    await drain();
    // The third referral still counts, but earns no reward.
    expect(await counts(shop)).toEqual({ referrals: { accepted: 3 }, rewards: 2, issued: 2 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(2);
    const { default: db } = await import("../../app/db.server");
    expect(await db.ledgerEvent.count({ where: { shop, type: "reward_not_created" } })).toBe(1);
  });

  it("the reward waits out the delay: not issued before it is due, issued after", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "7" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code);
    await drain();
    await drain(6 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 0 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);
    await drain(7 * DAY + 60_000);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("a percentage reward is that share of the referred order's subtotal, exact to the cent", async () => {
    const shop = await installShop(world.sim, {
      rewardType: "percentage",
      rewardPercent: "15",
      rewardAmount: "",
      rewardDelayDays: "0",
    });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code, { subtotal: "33.33" }); // 30.00 after the friend's 10%: 15% is 4.50
    await order(shop, advocate.code, { subtotal: "61.10" }); // 54.99: 15% is 8.2485, rounded to 8.25
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 2 }, rewards: 2, issued: 2 });
    expect((await rewards(shop)).map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([450, 825]);
    expect(codeAmounts(shop)).toEqual(["4.50", "8.25"]);
    // The share is kept on the reward: the rewards page and the CSV show it next to the amount.
    const { rewardValue } = await import("../../app/components/reward-text");
    const { translatorFor } = await import("../../app/i18n/catalogue.server");
    const { createFormatters } = await import("../../app/i18n/format");
    const { rewardsCsv } = await import("../../app/admin/csv-export.server");
    const stored = await rewards(shop);
    expect(stored.map((r) => r.percent)).toEqual([15, 15]);
    const en = [translatorFor("en"), createFormatters("en", "UTC")] as const;
    expect(stored.map((r) => rewardValue(r, ...en)).sort()).toEqual(["15% ($4.50)", "15% ($8.25)"]);
    const csv = await new Response(rewardsCsv(shop, { from: "2000-01-01", to: "2999-12-31" })).text();
    const [header, ...rows] = csv
      .trim()
      .split("\r\n")
      .map((line) => line.split(","));
    const col = header.indexOf("percent");
    expect(rows.map((r) => r[col])).toEqual(["15", "15"]);
  });

  it("a one-sided program: no friend discount, friends come by link, the advocate still earns", async () => {
    const shop = await installShop(world.sim, { friendOfferType: "none", rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    // The code exists on the friend discount but the discount is off: checkout refuses it.
    expect(world.sim.codeDiscountByCode(shop, advocate.code)?.status).not.toBe("ACTIVE");
    await expect(order(shop, advocate.code)).rejects.toThrow();
    const placed = await order(shop, advocate.code, {
      discountCodes: [],
      noteAttributes: [{ name: "_referral_code", value: advocate.code }],
    });
    expect(placed.order.discountCodes).toEqual([]);
    expect(placed.order.subtotalPrice).toBe("50.00");
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    const { default: db } = await import("../../app/db.server");
    expect(await db.referral.findFirstOrThrow({ where: { shop } })).toMatchObject({
      subtotalMinor: 5000,
      codeUsed: advocate.code,
    });
    expect(codeAmounts(shop)).toEqual(["10.00"]);
  });
});
