import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { enrollAdvocate } from "../../app/referrals/advocates.server";
import { UNINSTALLED_NOTE } from "../../app/shops/shop-lifecycle.server";
import { mintSessionToken } from "../../simulator/app-bridge-stub";
import {
  adminOf,
  DAY,
  counts,
  drain,
  enrollCustomer,
  installShop,
  rewardDiscounts,
  startWorld,
  type World,
} from "../support/world";
import { rowCounts } from "./support";

// app/uninstalled, a reinstall through token exchange, and app/scopes_update, as signed
// webhooks over HTTP and an authenticated admin request, each webhook delivered twice.
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

async function send(shop: string, topic: string, payload: Record<string, unknown>, eventId: string) {
  const res = await world.sim.sendWebhook(shop, topic, payload, { eventId });
  expect(res.status).toBe(200);
}

/** An admin page request with App Bridge's session token, through the real authenticate.admin. */
async function openAdmin(shop: string) {
  const { loader } = await import("../../app/routes/app.privacy");
  const token = mintSessionToken(shop, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!);
  return loader({
    request: new Request("http://app.test/app/privacy", { headers: { Authorization: `Bearer ${token}` } }),
    params: {},
    context: {},
  });
}

const settingsOf = async (shop: string) => {
  const { updatedAt: _updatedAt, ...rest } = await db.programSettings.findUniqueOrThrow({ where: { shop } });
  return rest;
};

describe("app/uninstalled and reinstall", () => {
  it("deletes the sessions, pauses the program with no Admin API call, keeps the data, and resumes on reinstall", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    await world.sim.placeOrder(shop, {
      customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      browserIp: "203.0.113.7",
      financialStatus: "paid",
    });
    await drain(); // Boris's referral is in; his reward waits out the delay
    // Work still queued when the shop uninstalls: Carla's order webhooks, and a new advocate's Shopify updates.
    const carla = await world.sim.placeOrder(
      shop,
      {
        customer: { email: "carla@example.net", firstName: "Carla", lastName: "Nowak" },
        subtotal: "80.00",
        discountCodes: [advocate.code],
        browserIp: "198.51.100.9",
        financialStatus: "paid",
      },
      { deliver: false },
    );
    await send(shop, "orders/create", carla.payload, "evt-carla-create");
    await send(shop, "orders/paid", carla.payload, "evt-carla-paid");
    const bob = world.sim.addCustomer(shop, { email: "bob@example.com", firstName: "Bob", lastName: "Smith" });
    const bobAdvocate = await enrollAdvocate(shop, String(bob.legacyResourceId), {
      via: "admin",
      admin: adminOf(shop),
    });
    const pendingTasks = await db.outboxTask.count({ where: { shop, status: "pending" } });
    expect(pendingTasks).toBeGreaterThan(0);
    const settingsBefore = await settingsOf(shop);
    const rowsBefore = await rowCounts(shop);

    const uninstalled = { id: 1, name: "Test Shop", domain: shop, myshopify_domain: shop };
    await send(shop, "app/uninstalled", uninstalled, "evt-uninstall-1");
    const shopRow = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    await send(shop, "app/uninstalled", uninstalled, "evt-uninstall-1");
    await send(shop, "app/uninstalled", uninstalled, "evt-uninstall-2");
    expect(await db.shop.findUniqueOrThrow({ where: { domain: shop } })).toEqual(shopRow); // the first uninstall time stays
    expect(shopRow.uninstalledAt).not.toBeNull();

    // Sessions gone, everything else kept, the queued work parked.
    expect(await rowCounts(shop)).toEqual({ ...rowsBefore, Session: 0 });
    expect(await settingsOf(shop)).toEqual(settingsBefore);
    expect(
      await db.webhookDelivery.findMany({
        where: { shop, orderId: String(carla.payload.id) },
        select: { status: true, attempts: true },
      }),
    ).toEqual([
      { status: "parked", attempts: 0 },
      { status: "parked", attempts: 0 },
    ]);
    expect(await db.outboxTask.count({ where: { shop, status: "parked" } })).toBe(pendingTasks);

    // A month of worker passes while uninstalled: not one request to Shopify, nothing failed.
    const requestsBefore = world.sim.counters(shop).requests;
    await drain(30 * DAY);
    expect(world.sim.counters(shop).requests).toBe(requestsBefore);
    expect(await db.outboxTask.count({ where: { shop, status: "failed" } })).toBe(0);
    expect(
      await db.webhookDelivery.count({ where: { shop, status: { not: "parked" }, orderId: String(carla.payload.id) } }),
    ).toBe(0);
    expect(
      await db.reward.findMany({ where: { shop }, select: { state: true, lastError: true, attempts: true } }),
    ).toEqual([{ state: "parked", lastError: UNINSTALLED_NOTE, attempts: 0 }]);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 0 });
    expect(await db.advocate.findUniqueOrThrow({ where: { id: bobAdvocate.id } })).toMatchObject({
      codeSyncedAt: null,
    });

    // Reinstall: the owner opens the app; token exchange gets a new token and afterAuth resumes the shop.
    const tokenRequests = world.sim.counters(shop).tokenRequests;
    await openAdmin(shop);
    expect(world.sim.counters(shop).tokenRequests).toBe(tokenRequests + 1);
    expect(await db.session.count({ where: { shop } })).toBe(1);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).uninstalledAt).toBeNull();
    expect(await db.outboxTask.count({ where: { shop, status: "parked" } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { shop, status: "parked" } })).toBe(0);
    expect(await db.reward.count({ where: { shop, state: "parked" } })).toBe(0);
    expect(await settingsOf(shop)).toEqual(settingsBefore); // on, same offer, same discount

    // Where it left off: Carla's order counts, both rewards are issued, Bob's code is live in Shopify.
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 2 }, rewards: 2, issued: 2 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(2);
    expect(world.sim.codeDiscountByCode(shop, bobAdvocate.code.toLowerCase())).not.toBeNull();
    expect(await db.outboxTask.count({ where: { shop, status: { not: "done" } } })).toBe(0);
    expect(await settingsOf(shop)).toEqual(settingsBefore);

    // A second admin request is an ordinary one: no new token, nothing resumed twice.
    await openAdmin(shop);
    expect(world.sim.counters(shop).tokenRequests).toBe(tokenRequests + 1);
  });
});

describe("app/scopes_update", () => {
  it("keeps the stored scopes equal to what the shop granted", async () => {
    const shop = await installShop(world.sim);
    const other = await installShop(world.sim);
    const update = {
      id: 1,
      previous: process.env.SCOPES!.split(","),
      current: ["read_orders", "write_discounts", "write_customers"],
      updated_at: new Date().toISOString(),
    };
    await send(shop, "app/scopes_update", update, "evt-scopes-1");
    await send(shop, "app/scopes_update", update, "evt-scopes-1");
    await send(shop, "app/scopes_update", update, "evt-scopes-2");
    expect(await db.session.findMany({ where: { shop }, select: { scope: true } })).toEqual([
      { scope: "read_orders,write_discounts,write_customers" },
    ]);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).scopes).toBe(
      "read_orders,write_discounts,write_customers",
    );
    expect(await db.session.findMany({ where: { shop: other }, select: { scope: true } })).toEqual([
      { scope: process.env.SCOPES },
    ]);
  });
});
