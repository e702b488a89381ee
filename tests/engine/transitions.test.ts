import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

/**
 * The transition functions (app/states.ts lists them), each checked for the counters it
 * moves and the ledger entry it writes: a review's reject and a ban's reject move the
 * same counts; unbanning reports what the ban voided and restores it on request; a
 * customer's erasure voids a reward whose code was being created and deactivates that code.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ANNA = { email: "anna.kowalska@example.com", firstName: "Anna", lastName: "Kowalska" };
let seq = 0;

async function order(shop: string, code: string, customer?: { email: string; firstName: string; lastName: string }) {
  seq++;
  return world.sim.placeOrder(shop, {
    customer: customer ?? { email: `friend${seq}@example.org`, firstName: "Boris", lastName: `Petrov${seq}` },
    subtotal: "50.00",
    discountCodes: [code],
    browserIp: `198.51.100.${seq % 250}`,
    financialStatus: "paid",
  });
}

/** A referral held for review: the friend's name looks like the advocate's. */
const lookalike = () => ({ email: `lookalike${++seq}@example.net`, firstName: "Anna", lastName: "Kowalski" });

async function figures(shop: string, advocateId: string) {
  const { default: db } = await import("../../app/db.server");
  const advocate = await db.advocate.findUniqueOrThrow({ where: { id: advocateId } });
  const days = await db.dailyStat.findMany({ where: { shop } });
  const sum = (k: "referrals" | "accepted" | "held" | "voided" | "referredRevenueMinor") =>
    days.reduce((n, d) => n + d[k], 0);
  return {
    referredCount: advocate.referredCount,
    qualifiedCount: advocate.qualifiedCount,
    earnedMinor: advocate.earnedMinor,
    held: sum("held"),
    accepted: sum("accepted"),
    referredRevenueMinor: sum("referredRevenueMinor"),
  };
}

async function ledger(shop: string, type: string) {
  const { default: db } = await import("../../app/db.server");
  return db.ledgerEvent.findMany({
    where: { shop, type },
    select: { type: true, fromState: true, toState: true, reason: true, actor: true },
  });
}

async function setUp() {
  const shop = await installShop(world.sim);
  const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
  await order(shop, advocate.code); // accepted, reward pending for 14 days
  await order(shop, advocate.code, lookalike()); // held
  await drain();
  const { default: db } = await import("../../app/db.server");
  const held = await db.referral.findFirstOrThrow({ where: { shop, status: "held" } });
  return { shop, advocate, held, db };
}

describe("referral transitions", () => {
  it("reject: held -> rejected takes the referral off the advocate's friends and the day's held", async () => {
    const { rejectReferral } = await import("../../app/referrals/review.server");
    const { shop, advocate, held } = await setUp();
    const before = await figures(shop, advocate.id);
    await rejectReferral(shop, held.id, "staff@example.com", "Looks like the same person.");
    expect(await figures(shop, advocate.id)).toEqual({
      ...before,
      referredCount: before.referredCount - 1,
      held: before.held - 1,
      // an undecided referral's order was never in referred revenue (referrals/figures)
      referredRevenueMinor: before.referredRevenueMinor,
    });
    expect(await ledger(shop, "referral_rejected")).toEqual([
      {
        type: "referral_rejected",
        fromState: "held",
        toState: "rejected",
        reason: "Looks like the same person.",
        actor: "staff@example.com",
      },
    ]);
  });

  it("approve: held -> accepted moves the day's held to accepted with its revenue, and the paid order earns its reward", async () => {
    const { approveReferral } = await import("../../app/referrals/review.server");
    const { shop, advocate, held, db } = await setUp();
    const before = await figures(shop, advocate.id);
    await approveReferral(shop, held.id, "staff@example.com");
    expect(await figures(shop, advocate.id)).toEqual({
      ...before,
      qualifiedCount: before.qualifiedCount + 1,
      held: before.held - 1,
      accepted: before.accepted + 1,
      referredRevenueMinor: before.referredRevenueMinor + held.subtotalMinor,
    });
    expect(await ledger(shop, "referral_approved")).toMatchObject([{ fromState: "held", toState: "accepted" }]);
    expect(await db.reward.count({ where: { shop, referralId: held.id, state: "pending" } })).toBe(1);
  });
});

describe("advocate transitions", () => {
  it("ban rejects held referrals through the reject transition: the counts drop exactly as a reject's", async () => {
    const { banAdvocate } = await import("../../app/referrals/advocates.server");
    const { shop, advocate, db } = await setUp();
    const before = await figures(shop, advocate.id);
    await banAdvocate(shop, advocate.id, "staff@example.com");
    expect(await figures(shop, advocate.id)).toEqual({
      ...before,
      referredCount: before.referredCount - 1,
      held: before.held - 1,
      // an undecided referral's order was never in referred revenue (referrals/figures)
      referredRevenueMinor: before.referredRevenueMinor,
    });
    expect(await ledger(shop, "referral_rejected")).toEqual([
      {
        type: "referral_rejected",
        fromState: "held",
        toState: "rejected",
        reason: "Advocate banned",
        actor: "staff@example.com",
      },
    ]);
    expect(await ledger(shop, "reward_voided")).toEqual([
      {
        type: "reward_voided",
        fromState: "pending",
        toState: "voided",
        reason: "Advocate banned",
        actor: "staff@example.com",
      },
    ]);
    expect(await db.reward.findMany({ where: { shop }, select: { state: true, voidCause: true } })).toEqual([
      { state: "voided", voidCause: "advocate_banned" },
    ]);
  });

  it("unban says what the ban voided; restoring issues those rewards after all", async () => {
    const { banAdvocate, unbanAdvocate, banVoidedRewards, restoreBanVoidedRewards } =
      await import("../../app/referrals/advocates.server");
    const { shop, advocate, db } = await setUp();
    await banAdvocate(shop, advocate.id, "staff@example.com");
    await expect(restoreBanVoidedRewards(shop, advocate.id, "staff@example.com")).rejects.toThrow(/Unban/);

    expect(await unbanAdvocate(shop, advocate.id, "staff@example.com")).toEqual({
      voided: 1,
      restorable: 1,
      restorableMinor: 1000,
    });
    expect(await db.reward.count({ where: { shop, state: "voided" } })).toBe(1); // nothing restored unasked

    expect(await restoreBanVoidedRewards(shop, advocate.id, "staff@example.com")).toBe(1);
    expect(await restoreBanVoidedRewards(shop, advocate.id, "staff@example.com")).toBe(0); // once
    expect(await banVoidedRewards(shop, advocate.id)).toEqual({ voided: 0, restorable: 0, restorableMinor: 0 });
    expect(await ledger(shop, "reward_restored")).toEqual([
      {
        type: "reward_restored",
        fromState: "voided",
        toState: "pending",
        reason: "Restored after the advocate was unbanned.",
        actor: "staff@example.com",
      },
    ]);
    await drain(15 * DAY);
    expect(await figures(shop, advocate.id)).toMatchObject({ earnedMinor: 1000 });
    expect(await db.reward.findMany({ where: { shop }, select: { state: true, voidCause: true } })).toEqual([
      { state: "issued", voidCause: null },
    ]);
  });

  it("a reward whose order was refunded after the ban is not offered back", async () => {
    const { banAdvocate, unbanAdvocate, restoreBanVoidedRewards } =
      await import("../../app/referrals/advocates.server");
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const placed = await order(shop, advocate.code);
    await drain();
    await banAdvocate(shop, advocate.id, "staff@example.com");
    await world.sim.cancelOrder(shop, placed.order.legacyResourceId);
    await drain();
    expect(await unbanAdvocate(shop, advocate.id, "staff@example.com")).toEqual({
      voided: 1,
      restorable: 0,
      restorableMinor: 0,
    });
    expect(await restoreBanVoidedRewards(shop, advocate.id, "staff@example.com")).toBe(0);
  });
});

describe("reward transitions", () => {
  it("void by staff of an issued reward: its amount comes off the advocate's earnings and its code is deactivated", async () => {
    const { voidReward } = await import("../../app/referrals/rewards.server");
    const shop = await installShop(world.sim, { rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code);
    await drain();
    const { default: db } = await import("../../app/db.server");
    const reward = await db.reward.findFirstOrThrow({ where: { shop, state: "issued" } });
    expect((await figures(shop, advocate.id)).earnedMinor).toBe(1000);
    await voidReward(shop, reward.id, "staff@example.com", "Given by mistake.");
    expect((await figures(shop, advocate.id)).earnedMinor).toBe(0);
    expect(await ledger(shop, "reward_voided")).toEqual([
      {
        type: "reward_voided",
        fromState: "issued",
        toState: "voided",
        reason: "Given by mistake.",
        actor: "staff@example.com",
      },
    ]);
    await drain();
    expect(world.sim.codeDiscountByCode(shop, reward.code)?.status).not.toBe("ACTIVE");
    expect(await ledger(shop, "reward_code_deactivated")).toHaveLength(1);
  });

  it("customers/redact voids a reward whose code was being created, and deactivates the code that attempt made", async () => {
    const { issueReward } = await import("../../app/jobs/issue-reward.server");
    const { claim, rewards } = await import("../../app/jobs/queue.server");
    const { adminApiFor } = await import("../../app/shopify/admin-client.server");
    const shop = await installShop(world.sim);
    const { customer, advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code);
    await drain();
    const { default: db } = await import("../../app/db.server");

    // A worker claims the reward and dies while Shopify creates its code: the code exists,
    // the reward still says "issuing" under the dead worker's lease.
    const [claimed] = await claim(rewards, 1, new Date(Date.now() + 15 * DAY), shop);
    await db.reward.update({
      where: { id: claimed.id },
      data: { leaseOwner: "a-worker-that-died", leaseUntil: new Date(Date.now() - 1) },
    });
    await issueReward(await adminApiFor(shop), claimed);
    expect(world.sim.codeDiscountByCode(shop, claimed.code)?.status).toBe("ACTIVE");
    expect(await db.reward.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({ state: "issuing" });

    const res = await world.sim.sendWebhook(shop, "customers/redact", {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: Number(customer.legacyResourceId), email: ANNA.email, phone: null },
      orders_to_redact: [],
    });
    expect(res.status).toBe(200);
    expect(await db.reward.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({
      state: "voided",
      voidCause: "customer_redacted",
    });
    expect(await ledger(shop, "reward_voided")).toMatchObject([{ fromState: "issuing", toState: "voided" }]);
    await drain();
    expect(world.sim.codeDiscountByCode(shop, claimed.code)?.status).not.toBe("ACTIVE");
  });
});
