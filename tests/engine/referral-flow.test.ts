import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
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

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ANNA = { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" };

async function friendOrder(
  shop: string,
  code: string,
  friend = {
    email: `friend-${Math.random().toString(36).slice(2)}@example.org`,
    firstName: "Boris",
    lastName: "Petrov",
  },
  extra: Record<string, unknown> = {},
) {
  return world.sim.placeOrder(shop, {
    customer: friend,
    subtotal: "50.00",
    discountCodes: [code],
    browserIp: "203.0.113.7",
    financialStatus: "paid",
    ...extra,
  });
}

describe("referral engine through signed webhooks and the simulator", () => {
  it("credits the advocate once: one referral, one reward, one Shopify code only they can use", async () => {
    const shop = await installShop(world.sim);
    const { customer, advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    // The advocate's code is a redeem code on the friend discount in Shopify.
    expect(world.sim.codeDiscountByCode(shop, advocate.code.toLowerCase())).not.toBeNull();

    const placed = await friendOrder(shop, advocate.code);
    expect(placed.deliveries.map((d) => d.status)).toEqual([200, 200]);
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 0 });

    await drain(15 * DAY); // past the reward delay
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    const codes = rewardDiscounts(world.sim, shop);
    expect(codes).toHaveLength(1);
    expect(codes[0].usageLimit).toBe(1);
    expect(codes[0].customerSelection).toEqual({ all: false, customerIds: [customer.id] });
  });

  it("blocks self-referral and existing customers, and counts nothing for them", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    await friendOrder(shop, advocate.code, { email: "Anna+2@example.com", firstName: "A", lastName: "K" });
    const regular = { email: "regular@example.org", firstName: "Reg", lastName: "Ular" };
    await world.sim.placeOrder(shop, { customer: regular, subtotal: "20.00", financialStatus: "paid" });
    await friendOrder(shop, advocate.code, regular);
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { blocked: 2 }, rewards: 0, issued: 0 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);
  });

  it("treats the same delivery sent three times as one", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    const placed = await world.sim.placeOrder(
      shop,
      {
        customer: { email: "f@example.org", firstName: "F", lastName: "G" },
        subtotal: "50.00",
        discountCodes: [advocate.code],
        financialStatus: "paid",
      },
      { deliver: false },
    );
    for (let i = 0; i < 3; i++) {
      const result = await world.sim.sendWebhook(shop, "orders/create", placed.payload, { eventId: "evt-same-1" });
      expect(result.status).toBe(200);
    }
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("survives ten concurrent deliveries of one order, and orders/paid before orders/create", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    const placed = await world.sim.placeOrder(
      shop,
      {
        customer: { email: "f@example.org", firstName: "F", lastName: "G" },
        subtotal: "50.00",
        discountCodes: [advocate.code],
        financialStatus: "paid",
      },
      { deliver: false },
    );
    await world.sim.sendWebhook(shop, "orders/paid", placed.payload);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => world.sim.sendWebhook(shop, "orders/create", placed.payload)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    await Promise.all([drain(15 * DAY), drain(15 * DAY)]); // two workers at once
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("voids the reward of a refund before issuance, and deactivates the unused code of a refund after", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    const early = await friendOrder(shop, advocate.code);
    await drain();
    await world.sim.refundOrder(shop, early.order.id);
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { voided: 1 }, rewards: 1, issued: 0 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);

    const late = await friendOrder(shop, advocate.code);
    await drain(15 * DAY);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
    await world.sim.refundOrder(shop, late.order.id);
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { voided: 2 }, rewards: 2, issued: 0 });
    const [code] = rewardDiscounts(world.sim, shop);
    expect(code.status).not.toBe("ACTIVE");
  });

  it("counts a refund delivered again under a new event id once, and sums distinct refunds", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const placed = await friendOrder(shop, advocate.code, undefined, {
      subtotal: undefined,
      lineItems: [{ price: "60.00" }, { price: "48.00" }],
      discountCodes: [{ code: advocate.code, amount: "0.00" }],
    });
    await drain();
    const [first, second] = placed.payload.line_items as { id: number }[];
    const refund = await world.sim.refundOrder(shop, placed.order.id, {
      lineItems: [{ lineItemId: first.id, quantity: 1 }],
    });
    // Shopify sends the same refund again, as a new event.
    const again = await world.sim.sendWebhook(shop, "refunds/create", refund.payload, { eventId: "evt-refund-again" });
    expect(again.status).toBe(200);
    await drain();
    const referral = () =>
      db.referral.findFirstOrThrow({ where: { shop, orderId: String(placed.order.legacyResourceId) } });
    expect(await referral()).toMatchObject({ subtotalMinor: 10800, refundedMinor: 6000, status: "accepted" });
    expect(await db.reward.findMany({ where: { shop }, select: { state: true } })).toEqual([{ state: "pending" }]);

    // A second, different refund of the rest: the order is refunded in full and the reward voided.
    await world.sim.refundOrder(shop, placed.order.id, { lineItems: [{ lineItemId: second.id, quantity: 1 }] });
    await drain();
    expect(await referral()).toMatchObject({ refundedMinor: 10800, status: "voided" });
    expect(await db.reward.findMany({ where: { shop }, select: { state: true } })).toEqual([{ state: "voided" }]);
  });

  it("issues through throttling and 5xx from Shopify without a duplicate", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    for (let i = 0; i < 5; i++)
      await friendOrder(
        shop,
        advocate.code,
        { email: `f${i}@example.org`, firstName: `F${i}`, lastName: "Friend" },
        { browserIp: `198.51.100.${i}` },
      );
    await drain();
    world.sim.faults.add({ kind: "status", status: 503, count: 2, shop, rootField: "discountCodeBasicCreate" });
    world.sim.faults.add({ kind: "throttle", count: 2, shop, rootField: "discountCodeBasicCreate" });
    await drain(15 * DAY);
    await drain(16 * DAY); // backoff of failed attempts
    expect(await counts(shop)).toEqual({ referrals: { accepted: 5 }, rewards: 5, issued: 5 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(5);
  });

  it("adopts the code an interrupted attempt created instead of creating a second", async () => {
    const { default: db } = await import("../../app/db.server");
    const { issueReward } = await import("../../app/jobs/issue-reward.server");
    const { claim, rewards } = await import("../../app/jobs/queue.server");
    const { adminApiFor } = await import("../../app/shopify/admin-client.server");
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    await friendOrder(shop, advocate.code);
    await drain();
    const later = new Date(Date.now() + 15 * DAY);
    const [claimed] = await claim(rewards, 1, later, shop);
    // The process dies right after Shopify created the code, before it was recorded.
    const admin = await adminApiFor(shop);
    const dying = {
      shop,
      request: async <T>(q: string, v?: Record<string, unknown>) => {
        await admin.request<T>(q, v);
        throw new Error("process killed");
      },
    };
    await issueReward(dying, claimed, later).catch(() => undefined);
    // What a killed worker leaves behind: the reward claimed, its lease running out.
    await db.reward.update({
      where: { id: claimed.id },
      data: {
        state: "issuing",
        leaseOwner: "killed-worker",
        leaseUntil: new Date(Date.now() - 1000),
        nextAttemptAt: null,
      },
    });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
    await drain(16 * DAY); // the lease has expired: another worker takes over
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("keeps two shops with the same customer ids apart", async () => {
    const a = await installShop(world.sim);
    const b = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, a, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    // The code of shop A used in shop B is nobody's code there.
    await world.sim.placeOrder(b, {
      customer: { email: "f@example.org", firstName: "F", lastName: "G" },
      subtotal: "50.00",
      discountCodes: [{ code: advocate.code, amount: "5.00" }],
      financialStatus: "paid",
      enforceDiscountRules: false,
    });
    await drain(15 * DAY);
    expect(await counts(b)).toEqual({ referrals: {}, rewards: 0, issued: 0 });
    expect(await counts(a)).toEqual({ referrals: {}, rewards: 0, issued: 0 });
  });
});
