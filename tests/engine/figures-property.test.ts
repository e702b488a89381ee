import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

/**
 * Random sequences of what happens to referrals (orders created paid or unpaid, paid
 * later, cancelled, partly or fully refunded; held ones approved or rejected; an
 * advocate banned or erased at Shopify's request) run through the simulator and the
 * engine. After each sequence, every figure the owner reads (the dashboard from the
 * daily counters, Top advocates and the advocates' counters, the CSV) must equal the
 * figure recomputed from the Referral and Reward rows by referrals/figures.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ADVOCATES = [
  { email: "anna.kowalska@example.com", firstName: "Anna", lastName: "Kowalska" },
  { email: "maria.ivanova@example.com", firstName: "Maria", lastName: "Ivanova" },
];

type Action =
  | { kind: "create"; advocate: number; paid: boolean; held: boolean; subtotal: number }
  | { kind: "paid" | "cancel" | "approve" | "reject"; pick: number }
  | { kind: "refund"; pick: number; full: boolean }
  | { kind: "ban" | "redact"; advocate: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      advocate: fc.integer({ min: 0, max: 1 }),
      paid: fc.boolean(),
      held: fc.boolean(),
      subtotal: fc.integer({ min: 20, max: 150 }),
    }),
    weight: 4,
  },
  fc.record({
    kind: fc.constantFrom("paid" as const, "cancel" as const, "approve" as const, "reject" as const),
    pick: fc.nat(),
  }),
  fc.record({ kind: fc.constant("refund" as const), pick: fc.nat(), full: fc.boolean() }),
  fc.record({ kind: fc.constantFrom("ban" as const, "redact" as const), advocate: fc.integer({ min: 0, max: 1 }) }),
);

/** Runs a step that the random sequence may make impossible (refund a cancelled order, approve a decided referral). */
async function tolerate(step: () => Promise<unknown>) {
  try {
    await step();
  } catch (error) {
    const name = (error as Error).name;
    const message = (error as Error).message;
    if (
      name === "ConflictError" ||
      name === "NotFoundError" ||
      name === "CheckoutError" ||
      /not|already|cannot/i.test(message)
    )
      return;
    throw error;
  }
}

async function play(actions: Action[]) {
  const { default: db } = await import("../../app/db.server");
  const { approveReferral, rejectReferral } = await import("../../app/referrals/review.server");
  const { banAdvocate } = await import("../../app/referrals/advocates.server");
  const { redactCustomer } = await import("../../app/privacy/privacy.server");
  const shop = await installShop(world.sim, { rewardDelayDays: "0" });
  const advocates: Awaited<ReturnType<typeof enrollCustomer>>[] = [];
  for (const person of ADVOCATES) advocates.push(await enrollCustomer(world.sim, shop, person));
  const orders: { id: string }[] = [];
  let n = 0;
  for (const a of actions) {
    const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
    if (a.kind === "create") {
      const { advocate } = advocates[a.advocate];
      const code = (await db.advocate.findUniqueOrThrow({ where: { id: advocate.id } })).code;
      const who = ADVOCATES[a.advocate];
      n++;
      // A name one letter off the advocate's is held for review.
      const customer = a.held
        ? { email: `similar${n}@example.org`, firstName: who.firstName.slice(1), lastName: who.lastName }
        : { email: `friend${n}@example.org`, firstName: `Friend${n}`, lastName: "Nowak" };
      await tolerate(async () => {
        const placed = await world.sim.placeOrder(shop, {
          customer,
          subtotal: `${a.subtotal}.00`,
          discountCodes: [code],
          browserIp: `198.51.100.${n}`,
          financialStatus: a.paid ? "paid" : "pending",
        });
        orders.push({ id: String(placed.order.id) });
      });
    } else if (a.kind === "paid") {
      const o = pick(orders, a.pick);
      if (o) await tolerate(() => world.sim.markOrderPaid(shop, o.id));
    } else if (a.kind === "cancel") {
      const o = pick(orders, a.pick);
      if (o) await tolerate(() => world.sim.cancelOrder(shop, o.id));
    } else if (a.kind === "refund") {
      const o = pick(orders, a.pick);
      if (o) await tolerate(() => world.sim.refundOrder(shop, o.id, a.full ? {} : { amount: "10.00" }));
    } else if (a.kind === "approve" || a.kind === "reject") {
      const all = await db.referral.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
      const r = pick(all, a.pick);
      if (r)
        await tolerate(() =>
          a.kind === "approve" ? approveReferral(shop, r.id, "owner") : rejectReferral(shop, r.id, "owner"),
        );
    } else if (a.kind === "ban" || a.kind === "redact") {
      await banOrRedact(a);
    }
    await drain(DAY);
  }
  await drain(DAY);
  return shop;

  async function banOrRedact(a: { kind: "ban" | "redact"; advocate: number }) {
    if (a.kind === "ban") {
      await tolerate(() => banAdvocate(shop, advocates[a.advocate].advocate.id, "owner"));
    } else {
      const { customer } = advocates[a.advocate];
      await redactCustomer(shop, {
        shop_domain: shop,
        customer: { id: Number(customer.legacyResourceId), email: ADVOCATES[a.advocate].email },
        orders_to_redact: [],
      });
    }
  }
}

async function check(shop: string) {
  const { default: db } = await import("../../app/db.server");
  const { getDashboard, topAdvocates } = await import("../../app/admin/dashboard.server");
  const { parseRangeSelection, addDays, utcDayString } = await import("../../app/admin/date-range");
  const { referralsCsv } = await import("../../app/admin/csv-export.server");
  const { isReferredFriend, isReferredOrder, isSuccessfulReferral, referredRevenueOf, rewardSpendOf } =
    await import("../../app/referrals/figures");
  const today = utcDayString(new Date());
  const from = addDays(today, -3);
  const to = addDays(today, 10);
  const range = parseRangeSelection(new URLSearchParams({ range: "custom", from, to }));
  const [referrals, rewards, advocates, dashboard, top] = await Promise.all([
    db.referral.findMany({ where: { shop } }),
    db.reward.findMany({ where: { shop } }),
    db.advocate.findMany({ where: { shop } }),
    getDashboard(shop, range),
    topAdvocates(shop),
  ]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const spend = sum(rewards.map(rewardSpendOf));
  const revenue = sum(referrals.map(referredRevenueOf));
  expect(dashboard.current).toMatchObject({
    referredOrders: referrals.filter(isReferredOrder).length,
    referredRevenueMinor: revenue,
    rewardCostMinor: spend,
    returnOnRewardSpend: spend > 0 ? revenue / spend : null,
    held: referrals.filter((r) => r.status === "held").length,
    blocked: referrals.filter((r) => r.status === "blocked").length,
  });
  expect(sum(dashboard.series.map((p) => p.referredOrders))).toBe(dashboard.current.referredOrders);
  for (const a of advocates) {
    const mine = referrals.filter((r) => r.advocateId === a.id);
    expect({ id: a.id, referred: a.referredCount, qualified: a.qualifiedCount, earned: a.earnedMinor }).toEqual({
      id: a.id,
      referred: mine.filter(isReferredFriend).length,
      qualified: mine.filter(isSuccessfulReferral).length,
      earned: sum(rewards.filter((r) => r.advocateId === a.id).map(rewardSpendOf)),
    });
  }
  const shown = new Map(top.map((t) => [t.id, t]));
  for (const a of advocates.filter((x) => x.qualifiedCount > 0))
    expect(shown.get(a.id)).toMatchObject({ qualifiedCount: a.qualifiedCount, earnedMinor: a.earnedMinor });
  const csv = await new Response(referralsCsv(shop, { from, to })).text();
  const [header, ...rows] = csv.trim().split("\r\n");
  const cols = header.split(",");
  const cells = rows.map((line) => line.split(","));
  const ordered = cells.filter((c) => c[cols.indexOf("referred_order")] === "true").length;
  const csvRevenue = sum(cells.map((c) => Math.round(Number(c[cols.indexOf("referred_revenue")]) * 100)));
  expect({ ordered, csvRevenue }).toEqual({ ordered: dashboard.current.referredOrders, csvRevenue: revenue });
}

describe("figures", () => {
  it("the dashboard, Top advocates, the advocates' counters and the CSV agree with the rows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 9 }), async (actions) => {
        await check(await play(actions));
      }),
      { numRuns: 6, endOnFailure: true },
    );
  });
});
