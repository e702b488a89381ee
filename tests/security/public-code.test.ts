import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../app/referrals/attribution";
import { DAY, counts, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

// A code posted on a coupon site: many different friends, from unrelated IP addresses,
// within minutes, through signed order webhooks. Referrals past the threshold must be
// held for the owner's review with a reason, and earn nothing until approved.
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

describe("a referral code posted publicly", () => {
  it("gets referrals beyond the burst threshold held for review, with the reason", async () => {
    const { default: db } = await import("../../app/db.server");
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    const friends = 12;
    for (let i = 0; i < friends; i++) {
      const placed = await world.sim.placeOrder(shop, {
        customer: { email: `stranger${i}@coupons.example`, firstName: `Stranger${i}`, lastName: `Person${i}` },
        subtotal: "40.00",
        discountCodes: [advocate.code],
        browserIp: `192.0.2.${10 + i}`, // twelve unrelated addresses
        financialStatus: "paid",
      });
      expect(placed.deliveries.every((d) => d.status === 200)).toBe(true);
    }
    await drain();

    const referrals = await db.referral.findMany({
      where: { shop, advocateId: advocate.id },
      orderBy: { createdAt: "asc" },
    });
    expect(referrals).toHaveLength(friends);
    // The first few look like ordinary sharing; everything past the threshold waits.
    expect(referrals.slice(0, RULES.burstPerHour).every((r) => r.status === "accepted")).toBe(true);
    const held = referrals.slice(RULES.burstPerHour);
    expect(held.every((r) => r.status === "held")).toBe(true);
    for (const r of held) {
      const rules = (JSON.parse(r.reasons) as { rule: string; detail: string }[]).map((x) => x.rule);
      expect(rules).toContain("burst");
      expect(rules).not.toContain("ip_reuse"); // every friend came from a different address
    }
    // Past a day's worth of friends from many addresses, the code is flagged as public too.
    const publicFlagged = referrals.filter((r) => r.reasons.includes("public_code"));
    expect(publicFlagged.length).toBe(friends - RULES.publicCodePerDay);
    expect(JSON.parse(publicFlagged[0].reasons).find((x: { rule: string }) => x.rule === "public_code").detail).toMatch(
      /posted publicly/,
    );

    // The owner sees why in the ledger, and held referrals earn nothing until approved.
    const events = await db.ledgerEvent.findMany({ where: { shop, type: "referral_held" } });
    expect(events).toHaveLength(held.length);
    expect(events.every((e) => /within an hour/.test(e.reason ?? ""))).toBe(true);
    await drain(15 * DAY);
    const c = await counts(shop);
    expect(c.referrals).toEqual({ accepted: RULES.burstPerHour, held: friends - RULES.burstPerHour });
    expect(await db.reward.count({ where: { shop, referralId: { in: held.map((r) => r.id) } } })).toBe(0);
    expect(c.rewards).toBe(RULES.burstPerHour);
  });
});
