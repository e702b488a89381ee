import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { enqueueIdentityBackfills, enrollAdvocate } from "../../app/referrals/advocates.server";
import { resetRateLimits } from "../../app/storefront/rate-limit.server";
import { freshIp, proxyGet } from "../security/support";
import { DAY, counts, drain, installShop, startWorld, type World } from "../support/world";

// Who an advocate is: read from the Admin API whichever way they joined, kept in step,
// filled in for advocates stored without it, and what the self-referral rules compare.

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});
beforeEach(() => resetRateLimits());

const ANNA = { firstName: "Anna", lastName: "Kowalska", email: "anna.kowalska@example.com", locale: "pl" };

/** The customer opens their account page: GET /apps/referrals/api/me, signed as Shopify's app proxy signs it. */
async function openAccountPage(shop: string, customerId: string | number) {
  const res = await proxyGet(world.app.url, "/proxy/api/me", { shop, customerId: String(customerId), ip: freshIp() });
  expect(res.status).toBe(200);
  return (await res.json()) as { advocate: { code: string } };
}

const advocateOf = (shop: string, customerId: string | number) =>
  db.advocate.findUniqueOrThrow({ where: { shop_customerId: { shop, customerId: String(customerId) } } });

function customerQueries(shop: string) {
  return world.sim.counters(shop).byRootField.customer ?? 0;
}

describe("advocate identity from the Admin API", () => {
  it("stores name, email and locale of a customer who joins from the account page; the code begins with the first name", async () => {
    const shop = await installShop(world.sim);
    const zhivko = world.sim.addCustomer(shop, {
      firstName: "Живко",
      lastName: "Петров",
      email: "Zhivko@Example.com",
      locale: "bg",
    });
    const view = await openAccountPage(shop, zhivko.legacyResourceId);
    expect(view.advocate.code).toMatch(/^ZHIVKO-[A-Z2-9]{8}$/);
    const advocate = await advocateOf(shop, zhivko.legacyResourceId);
    expect(advocate).toMatchObject({
      firstName: "Живко",
      lastName: "Петров",
      email: "zhivko@example.com",
      locale: "bg",
      code: view.advocate.code,
    });
    expect(advocate.identityReadAt).not.toBeNull();
    const enrolled = await db.ledgerEvent.findFirstOrThrow({
      where: { advocateId: advocate.id, type: "advocate_enrolled" },
    });
    expect(enrolled.reason).toContain("the account page");
  });

  it("blocks an order from the advocate's own email under another customer record, and one under their full name", async () => {
    const shop = await installShop(world.sim);
    const anna = world.sim.addCustomer(shop, ANNA);
    const { advocate } = await openAccountPage(shop, anna.legacyResourceId);
    await drain();
    // A second customer record (phone only) checking out with Anna's email.
    await world.sim.placeOrder(shop, {
      customer: { firstName: "Maria", lastName: "Nowak", phone: "+48500100200" },
      email: ANNA.email,
      subtotal: "50.00",
      discountCodes: [advocate.code],
      browserIp: "203.0.113.50",
    });
    // Another record with another email, under Anna's full name.
    await world.sim.placeOrder(shop, {
      customer: { firstName: "anna", lastName: "KOWALSKA", email: "a.k.shopping@example.net" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      browserIp: "203.0.113.51",
    });
    await drain(15 * DAY);
    const referrals = await db.referral.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
    expect(referrals.map((r) => r.status)).toEqual(["blocked", "blocked"]);
    expect(referrals.map((r) => JSON.parse(r.reasons)[0].detail)).toEqual([
      "The friend's email is the advocate's email.",
      "The friend has the advocate's full name.",
    ]);
    expect(await counts(shop)).toMatchObject({ rewards: 0 });
  });

  it("enrolls at once while Shopify fails, reads the identity afterwards, and before any attribution", async () => {
    const shop = await installShop(world.sim);
    const anna = world.sim.addCustomer(shop, ANNA);
    world.sim.faults.add({ kind: "status", status: 503, shop, rootField: "customer", count: 2 });
    const view = await openAccountPage(shop, anna.legacyResourceId);
    // Shopify did not answer in time: a neutral prefix, no identity yet.
    expect(view.advocate.code).toMatch(/^FRIEND-/);
    expect(await advocateOf(shop, anna.legacyResourceId)).toMatchObject({ email: null, identityReadAt: null });

    // A self-referral arrives before the worker has read the identity: attribution reads it first.
    await world.sim.placeOrder(shop, {
      customer: { firstName: "Maria", lastName: "Nowak", phone: "+48500100201" },
      email: ANNA.email,
      subtotal: "50.00",
      // The code is not on the friend discount yet (the worker adds it): the friend came by the link.
      noteAttributes: [{ name: "_referral_code", value: view.advocate.code }],
    });
    await drain();
    expect(await advocateOf(shop, anna.legacyResourceId)).toMatchObject({
      firstName: "Anna",
      email: ANNA.email,
      locale: "pl",
    });
    expect((await db.referral.findFirstOrThrow({ where: { shop } })).status).toBe("blocked");
    // The code stays what it was: it may already be shared.
    expect((await advocateOf(shop, anna.legacyResourceId)).code).toBe(view.advocate.code);
  });

  it("keeps the identity in step: a later view after a day reads it again", async () => {
    const shop = await installShop(world.sim);
    const anna = world.sim.addCustomer(shop, ANNA);
    await openAccountPage(shop, anna.legacyResourceId);
    await drain();
    const record = world.sim.shopState(shop).customers.get(Number(anna.legacyResourceId))!;
    record.lastName = "Nowak";
    record.email = "anna.nowak@example.com";
    record.locale = "en";

    // Within a day nothing is read again.
    const before = customerQueries(shop);
    await openAccountPage(shop, anna.legacyResourceId);
    await drain();
    expect(customerQueries(shop)).toBe(before);
    expect(await advocateOf(shop, anna.legacyResourceId)).toMatchObject({ lastName: "Kowalska" });

    await db.advocate.updateMany({
      where: { shop },
      data: { identityReadAt: new Date(Date.now() - 2 * DAY) },
    });
    await openAccountPage(shop, anna.legacyResourceId);
    await openAccountPage(shop, anna.legacyResourceId);
    await drain();
    expect(customerQueries(shop)).toBe(before + 1);
    expect(await advocateOf(shop, anna.legacyResourceId)).toMatchObject({
      firstName: "Anna",
      lastName: "Nowak",
      email: "anna.nowak@example.com",
      locale: "en",
    });
  });

  it("backfills advocates stored without identity, in rate-limited batches, once", async () => {
    const shop = await installShop(world.sim);
    const people = Array.from({ length: 55 }, (_, i) => ({
      firstName: i % 2 ? "Ирина" : "Łucja",
      lastName: `Person${i}`,
      email: `person${i}@example.org`,
      locale: i % 2 ? "ru" : "pl",
    }));
    const customers = people.map((p) => world.sim.addCustomer(shop, p));
    // As the app stored advocates before it read identities: no name, no email, no locale.
    for (const [i, c] of customers.entries())
      await db.advocate.create({ data: { shop, customerId: String(c.legacyResourceId), code: `FRIEND-OLD${i}` } });
    const before = customerQueries(shop);
    expect(await enqueueIdentityBackfills()).toBeGreaterThanOrEqual(1);
    expect(await enqueueIdentityBackfills()).toBeGreaterThanOrEqual(1); // a second start queues nothing more
    expect(await db.outboxTask.count({ where: { shop, kind: "advocate_identity_backfill" } })).toBe(1);
    await drain();
    expect(customerQueries(shop)).toBe(before + 55);
    const stored = await db.advocate.findMany({ where: { shop }, orderBy: { code: "asc" } });
    expect(stored.every((a) => a.identityReadAt !== null)).toBe(true);
    const byCustomer = new Map(stored.map((a) => [a.customerId, a]));
    for (const [i, c] of customers.entries())
      expect(byCustomer.get(String(c.legacyResourceId))).toMatchObject({
        firstName: people[i].firstName,
        email: people[i].email,
        locale: people[i].locale,
        code: `FRIEND-OLD${i}`,
      });
    expect(await db.outboxTask.findFirstOrThrow({ where: { shop, kind: "advocate_identity_backfill" } })).toMatchObject(
      {
        status: "done",
      },
    );
    // Nothing left to fill: a later start queues nothing for this shop.
    await enqueueIdentityBackfills();
    expect(
      await db.outboxTask.findFirstOrThrow({
        where: { shop, kind: "advocate_identity_backfill" },
        select: { status: true },
      }),
    ).toEqual({ status: "done" });
  });

  it("customers/redact removes the identity and no later read brings it back", async () => {
    const shop = await installShop(world.sim);
    const anna = world.sim.addCustomer(shop, ANNA);
    const advocate = await enrollAdvocate(shop, String(anna.legacyResourceId), { via: "admin" }); // identity read by the worker
    const redact = {
      shop_domain: shop,
      customer: { id: Number(anna.legacyResourceId), email: ANNA.email, phone: null },
      orders_to_redact: [],
    };
    expect(
      (await world.sim.sendWebhook(shop, "customers/redact", redact, { eventId: "evt-redact-identity" })).status,
    ).toBe(200);
    await drain();
    expect(await db.advocate.findUniqueOrThrow({ where: { id: advocate.id } })).toMatchObject({
      firstName: null,
      lastName: null,
      email: null,
      locale: null,
      status: "redacted",
    });
    expect(await enqueueIdentityBackfills()).toBeGreaterThanOrEqual(0);
    expect(await db.outboxTask.count({ where: { shop, kind: { startsWith: "advocate_identity" } } })).toBe(0);
  });
});

describe("auto-enrollment after the first paid order", () => {
  it("makes a paying customer an advocate: code on the friend discount and in the metafield, once for duplicate and out-of-order webhooks", async () => {
    const shop = await installShop(world.sim);
    const placed = await world.sim.placeOrder(
      shop,
      {
        customer: { firstName: "Żaneta", lastName: "Wiśniewska", email: "zaneta@example.pl", locale: "pl" },
        subtotal: "30.00",
      },
      { deliver: false },
    );
    const customerId = String(placed.order.customerId!.split("/").pop());
    // orders/paid before orders/create, each delivered twice, under different event ids.
    for (const [topic, eventId] of [
      ["orders/paid", "paid-1"],
      ["orders/paid", "paid-2"],
      ["orders/create", "create-1"],
      ["orders/create", "create-1"],
    ])
      expect((await world.sim.sendWebhook(shop, topic, placed.payload, { eventId })).status).toBe(200);
    await drain();
    const advocates = await db.advocate.findMany({ where: { shop } });
    expect(advocates).toHaveLength(1);
    const [zaneta] = advocates;
    expect(zaneta).toMatchObject({ customerId, firstName: "Żaneta", email: "zaneta@example.pl", locale: "pl" });
    expect(zaneta.code).toMatch(/^ZANETA-/);
    expect(await db.ledgerEvent.count({ where: { advocateId: zaneta.id, type: "advocate_enrolled" } })).toBe(1);
    // The friend discount carries the code, and the customer's metafield holds it.
    expect(world.sim.codeDiscountByCode(shop, zaneta.code)).not.toBeNull();
    const field = world.sim.metafield(shop, placed.order.customerId!, "$app", "referral");
    expect(JSON.parse(field!.value)).toMatchObject({ code: zaneta.code });
    expect(world.sim.counters(shop).byRootField.metafieldsSet).toBe(1);
  });

  it("skips guests, unpaid orders, and shops that turned it off", async () => {
    const shop = await installShop(world.sim);
    await world.sim.placeOrder(shop, { subtotal: "20.00" }); // a guest: no customer record
    const unpaid = await world.sim.placeOrder(shop, {
      customer: { firstName: "Boris", email: "boris@example.org" },
      subtotal: "20.00",
      financialStatus: "pending",
    });
    await drain();
    expect(await db.advocate.count({ where: { shop } })).toBe(0);
    await world.sim.markOrderPaid(shop, unpaid.order.id);
    await drain();
    expect((await db.advocate.findMany({ where: { shop } })).map((a) => a.code)).toEqual([
      expect.stringMatching(/^BORIS-/),
    ]);

    const off = await installShop(world.sim, { autoEnroll: "false" });
    await world.sim.placeOrder(off, {
      customer: { firstName: "Carla", email: "carla@example.org" },
      subtotal: "20.00",
    });
    await drain();
    expect(await db.advocate.count({ where: { shop: off } })).toBe(0);
  });
});
