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
 * The fraud rules of PRODUCT.md through signed webhooks and the simulator: what is
 * blocked, what is held for review, and what banning does; each test counts referrals,
 * rewards and the reward codes that exist in Shopify. (Self-referral by a +tag email
 * and a friend who already ordered are in referral-flow.test.ts.)
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
function friend(overrides: Partial<{ email: string; firstName: string; lastName: string }> = {}) {
  seq++;
  const names = ["Boris", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jana", "Kiril"];
  return {
    email: `${names[seq % names.length].toLowerCase()}${seq}@example.org`,
    firstName: names[seq % names.length],
    lastName: `Petrov${seq}`,
    ...overrides,
  };
}

async function order(
  shop: string,
  code: string,
  customer: { email: string; firstName: string; lastName: string } | { customerId: string },
  extra: Record<string, unknown> = {},
) {
  const who = "customerId" in customer ? { customerId: customer.customerId } : { customer };
  return world.sim.placeOrder(shop, {
    ...who,
    subtotal: "50.00",
    discountCodes: [code],
    browserIp: `198.51.100.${++seq % 250}`,
    financialStatus: "paid",
    ...extra,
  });
}

/** The rules that fired for each referral, in the order the orders arrived. */
async function rules(shop: string) {
  const { default: db } = await import("../../app/db.server");
  const rows = await db.referral.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    status: r.status,
    rules: (JSON.parse(r.reasons) as { rule: string }[]).map((x) => x.rule),
  }));
}

describe("blocked outright", () => {
  it("self-referral: the advocate's own order, their own email, or their full name", async () => {
    const shop = await installShop(world.sim);
    const { customer, advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code, { customerId: customer.id }); // the advocate uses their own code
    await order(shop, advocate.code, { email: "Anna.Kowalska+shop@example.com", firstName: "A", lastName: "K" }); // same mailbox
    await order(shop, advocate.code, { email: "someone.else@example.net", firstName: "anna", lastName: "KOWALSKA" }); // same full name
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { blocked: 3 }, rewards: 0, issued: 0 });
    expect(await rules(shop)).toEqual([
      { status: "blocked", rules: ["self_referral"] },
      { status: "blocked", rules: ["self_referral"] },
      { status: "blocked", rules: ["self_referral"] },
    ]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);
  });

  it("a friend whose last order was a year ago is not a new customer", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const f = friend();
    // Beyond the 60 days an app without read_all_orders can list; the lifetime count has it.
    const yearAgo = new Date(world.sim.clock.now() - 365 * DAY).toISOString();
    await world.sim.placeOrder(shop, { customer: f, subtotal: "30.00", createdAt: yearAgo }, { deliver: false });
    await order(shop, advocate.code, f);
    await drain(15 * DAY);
    expect(await rules(shop)).toEqual([{ status: "blocked", rules: ["existing_customer"] }]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);
  });

  it("a friend already referred by someone else: the first advocate keeps the credit", async () => {
    const shop = await installShop(world.sim);
    const first = await enrollCustomer(world.sim, shop, ANNA);
    const second = await enrollCustomer(world.sim, shop, {
      email: "maria@example.com",
      firstName: "Maria",
      lastName: "Ivanova",
    });
    const f = friend();
    await order(shop, first.advocate.code, f);
    await drain();
    // Checkout lets the friend discount be used once per customer, so the second
    // advocate's code can only come through their link (the landing attribute).
    await expect(order(shop, second.advocate.code, f)).rejects.toThrow(/already used/);
    await order(shop, second.advocate.code, f, {
      discountCodes: [],
      noteAttributes: [{ name: "_referral_code", value: second.advocate.code }],
    });
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1, blocked: 1 }, rewards: 1, issued: 1 });
    expect(await rules(shop)).toEqual([
      { status: "accepted", rules: [] },
      { status: "blocked", rules: ["existing_customer", "already_referred"] },
    ]);
    const [code] = rewardDiscounts(world.sim, shop);
    expect(code.customerSelection).toEqual({ all: false, customerIds: [first.customer.id] });
  });
});

describe("held for the owner's review", () => {
  it("a name or an email like the advocate's", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code, { email: "a.k@example.net", firstName: "Ana", lastName: "Kowalska" }); // one letter off
    await order(shop, advocate.code, { email: "annakowalska1990@example.org", firstName: "Zofia", lastName: "Nowak" }); // same mailbox stem
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { held: 2 }, rewards: 0, issued: 0 });
    expect(await rules(shop)).toEqual([
      { status: "held", rules: ["similar_name"] },
      { status: "held", rules: ["similar_email"] },
    ]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);
  });

  it("more than 3 referred orders from one IP address", async () => {
    const shop = await installShop(world.sim);
    const anna = await enrollCustomer(world.sim, shop, ANNA);
    const maria = await enrollCustomer(world.sim, shop, {
      email: "maria@example.com",
      firstName: "Maria",
      lastName: "Ivanova",
    });
    // Two advocates, one address: the rule is per IP, whoever's code it is.
    for (const code of [anna.advocate.code, maria.advocate.code, anna.advocate.code, maria.advocate.code]) {
      await order(shop, code, friend(), { browserIp: "203.0.113.50" });
    }
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 3, held: 1 }, rewards: 3, issued: 3 });
    expect((await rules(shop)).map((r) => r.rules)).toEqual([[], [], [], ["ip_reuse"]]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(3);
  });

  it("a burst whose webhooks arrive newest first is still a burst", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const start = Date.now() - 2 * 60 * 60_000;
    const placed = [];
    for (let i = 0; i < 6; i++) {
      const createdAt = new Date(start + i * 5 * 60_000).toISOString();
      placed.push(
        await world.sim.placeOrder(
          shop,
          {
            customer: friend(),
            subtotal: "50.00",
            discountCodes: [advocate.code],
            browserIp: `198.51.100.${++seq % 250}`,
            financialStatus: "paid",
            createdAt,
          },
          { deliver: false },
        ),
      );
    }
    for (const p of placed.reverse()) {
      await world.sim.sendWebhook(shop, "orders/create", p.payload);
      await drain();
    }
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 5, held: 1 }, rewards: 5, issued: 5 });
    expect((await rules(shop)).at(-1)).toEqual({ status: "held", rules: ["burst"] });
  });

  it("orders hours apart whose webhooks all arrive late together are not a burst", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const start = Date.now() - 30 * 60 * 60_000;
    const placed = [];
    for (let i = 0; i < 6; i++) {
      const createdAt = new Date(start + i * 3 * 60 * 60_000).toISOString();
      placed.push(
        await world.sim.placeOrder(
          shop,
          {
            customer: friend(),
            subtotal: "50.00",
            discountCodes: [advocate.code],
            browserIp: `198.51.100.${++seq % 250}`,
            financialStatus: "paid",
            createdAt,
          },
          { deliver: false },
        ),
      );
    }
    for (const p of placed) await world.sim.sendWebhook(shop, "orders/create", p.payload);
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 6 }, rewards: 6, issued: 6 });
  });

  it("a burst of referrals from one advocate within an hour", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    for (let i = 0; i < 6; i++) await order(shop, advocate.code, friend());
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 5, held: 1 }, rewards: 5, issued: 5 });
    expect((await rules(shop)).at(-1)).toEqual({ status: "held", rules: ["burst"] });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(5);
  });
});

describe("banning an advocate", () => {
  it("voids their pending rewards and rejects their held referrals; issued codes stay", async () => {
    const { banAdvocate } = await import("../../app/referrals/advocates.server");
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await order(shop, advocate.code, friend());
    await drain(15 * DAY); // this one is issued before the ban
    await order(shop, advocate.code, friend());
    await order(shop, advocate.code, friend());
    await order(shop, advocate.code, { email: "x@example.net", firstName: "Anna", lastName: "Kowalski" }); // held
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 3, held: 1 }, rewards: 3, issued: 1 });

    await banAdvocate(shop, advocate.id, "staff@example.com");
    await order(shop, advocate.code, friend()); // after the ban: blocked
    await drain(30 * DAY);
    const { default: db } = await import("../../app/db.server");
    const states = await db.reward.groupBy({ by: ["state"], where: { shop }, _count: true });
    expect(Object.fromEntries(states.map((s) => [s.state, s._count]))).toEqual({ issued: 1, voided: 2 });
    expect(await counts(shop)).toEqual({ referrals: { accepted: 3, rejected: 1, blocked: 1 }, rewards: 3, issued: 1 });
    expect((await rules(shop)).at(-1)).toEqual({ status: "blocked", rules: ["advocate_banned"] });
    const codes = rewardDiscounts(world.sim, shop);
    expect(codes).toHaveLength(1);
    expect(codes[0].status).toBe("ACTIVE");
  });

  it("takes the banned advocate's code off the friend discount, and puts it back on unban", async () => {
    const { banAdvocate, unbanAdvocate } = await import("../../app/referrals/advocates.server");
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    await drain();
    expect(world.sim.codeDiscountByCode(shop, advocate.code)).not.toBeNull();

    await banAdvocate(shop, advocate.id, "staff@example.com");
    await drain();
    expect(world.sim.codeDiscountByCode(shop, advocate.code)).toBeNull();

    // A ban and an unban before the worker runs end in the latest state: code present.
    await unbanAdvocate(shop, advocate.id, "staff@example.com");
    await banAdvocate(shop, advocate.id, "staff@example.com");
    await unbanAdvocate(shop, advocate.id, "staff@example.com");
    await drain();
    const friendDiscount = world.sim.codeDiscountByCode(shop, advocate.code);
    expect(friendDiscount?.codes.filter((c) => c.code === advocate.code)).toHaveLength(1);
    await order(shop, advocate.code, friend());
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
  });
});
