import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { REDACTED_PAYLOAD } from "../../app/privacy/privacy.server";
import { repeatPurchase } from "../../app/admin/dashboard.server";
import { recordClick } from "../../app/storefront/clicks.server";
import { DAY, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";
import { SHOP_MODELS, rowCounts, shopDigest, shopRows, shopText, totals } from "./support";

// The three mandatory privacy webhooks, sent signed over HTTP by the simulator the way
// Shopify sends them, each delivered twice (and with a new event id) to show idempotency.
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ANNA = { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" };
const BORIS = { email: "boris.petrov@example.org", firstName: "Boris", lastName: "Petrov" };
const CARLA = { email: "carla@example.net", firstName: "Carla", lastName: "Nowak" };

/**
 * A shop with an advocate (Anna) who referred two friends: Boris (paid, reward issued)
 * and Carla (paid, reward still pending), 3 clicks on Anna's link.
 */
async function scenario() {
  // Friends are not enrolled by their orders here, so each person has one role in the records.
  const shop = await installShop(world.sim, { autoEnroll: "false" });
  const { customer, advocate } = await enrollCustomer(world.sim, shop, ANNA);
  const boris = await world.sim.placeOrder(shop, {
    customer: BORIS,
    subtotal: "50.00",
    discountCodes: [advocate.code],
    browserIp: "203.0.113.7",
    financialStatus: "paid",
  });
  await drain(15 * DAY); // Boris's reward is issued
  const carla = await world.sim.placeOrder(shop, {
    customer: CARLA,
    subtotal: "80.00",
    discountCodes: [advocate.code],
    browserIp: "198.51.100.9",
    financialStatus: "paid",
  });
  await drain(); // Carla's reward waits out the delay
  for (const ip of ["192.0.2.1", "192.0.2.2", "192.0.2.3"])
    await recordClick(shop, advocate.code, { ip, userAgent: "Mozilla/5.0" });
  const borisId = String((boris.payload.customer as { id: number }).id);
  return {
    shop,
    anna: { id: String(customer.legacyResourceId), advocateId: advocate.id, code: advocate.code },
    boris: { id: borisId, orderId: String(boris.payload.id) },
    carla: { orderId: String(carla.payload.id) },
  };
}

async function send(shop: string, topic: string, payload: Record<string, unknown>, eventId: string) {
  const res = await world.sim.sendWebhook(shop, topic, { shop_id: 1, shop_domain: shop, ...payload }, { eventId });
  expect(res.status).toBe(200);
}

describe("customers/data_request", () => {
  it("keeps one record per request, for the customer as advocate and as friend, however often it arrives", async () => {
    const s = await scenario();
    const annaRequest = {
      customer: { id: Number(s.anna.id), email: ANNA.email, phone: null },
      orders_requested: [],
      data_request: { id: 7001 },
    };
    await send(s.shop, "customers/data_request", annaRequest, "evt-dr-1");
    const first = await db.dataRequest.findMany({ where: { shop: s.shop } });
    await send(s.shop, "customers/data_request", annaRequest, "evt-dr-1"); // Shopify's retry
    await send(s.shop, "customers/data_request", annaRequest, "evt-dr-2"); // a new event, same request
    const rows = await db.dataRequest.findMany({ where: { shop: s.shop } });
    expect(rows).toEqual(first);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customerId: s.anna.id, requestId: "7001" });

    const record = JSON.parse(rows[0].record);
    expect(record).toMatchObject({
      format: "referral-program/customer-data/v1",
      shop: s.shop,
      customerId: s.anna.id,
      dataRequestId: "7001",
      referredAsFriend: [],
    });
    expect(record.advocate).toMatchObject({
      code: s.anna.code,
      email: ANNA.email,
      firstName: "Anna",
      lastName: "Kowalska",
      status: "active",
      referredCount: 2,
      qualifiedCount: 2,
      earnedMinor: 1000,
    });
    expect(record.advocate.clicks.total).toBe(3);
    expect(record.advocate.clicks.byDay).toEqual([{ day: new Date().toISOString().slice(0, 10), count: 3 }]);
    const made = await db.referral.findMany({ where: { shop: s.shop }, orderBy: { createdAt: "asc" } });
    expect(
      record.advocate.referralsMade.map(
        (r: { orderId: string; status: string; subtotalMinor: number; codeUsed: string }) => [
          r.orderId,
          r.status,
          r.subtotalMinor,
          r.codeUsed,
        ],
      ),
    ).toEqual([
      [s.boris.orderId, "accepted", made[0].subtotalMinor, s.anna.code],
      [s.carla.orderId, "accepted", made[1].subtotalMinor, s.anna.code],
    ]);
    expect(
      record.advocate.rewards.map((r: { state: string; amountMinor: number; currency: string; code: string }) => [
        r.state,
        r.amountMinor,
        r.currency,
        r.code.startsWith("RWD-"),
      ]),
    ).toEqual([
      ["issued", 1000, "USD", true],
      ["pending", 1000, "USD", true],
    ]);
    const ledgerCount = await db.ledgerEvent.count({
      where: {
        shop: s.shop,
        OR: [
          { advocateId: s.anna.advocateId },
          { referral: { advocateId: s.anna.advocateId } },
          { reward: { advocateId: s.anna.advocateId } },
        ],
      },
    });
    expect(record.ledger).toHaveLength(ledgerCount);
    expect(record.ledger.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        "advocate_enrolled",
        "referral_accepted",
        "referral_qualified",
        "reward_created",
        "reward_issued",
      ]),
    );
    // The friends' identities are theirs, not Anna's: not in her record.
    const text = rows[0].record.toLowerCase();
    for (const other of ["boris", "petrov", "carla", "nowak", "203.0.113.7"]) expect(text).not.toContain(other);

    // Boris asks too: he is a friend, referred by Anna's code.
    const borisRequest = {
      customer: { id: Number(s.boris.id), email: BORIS.email, phone: null },
      orders_requested: [Number(s.boris.orderId)],
      data_request: { id: 7002 },
    };
    await send(s.shop, "customers/data_request", borisRequest, "evt-dr-3");
    await send(s.shop, "customers/data_request", borisRequest, "evt-dr-3");
    expect(await db.dataRequest.count({ where: { shop: s.shop } })).toBe(2);
    const boris = JSON.parse(
      (await db.dataRequest.findFirstOrThrow({ where: { shop: s.shop, requestId: "7002" } })).record,
    );
    expect(boris.advocate).toBeNull();
    expect(boris.referredAsFriend).toHaveLength(1);
    expect(boris.referredAsFriend[0]).toMatchObject({
      orderId: s.boris.orderId,
      advocateCode: s.anna.code,
      codeUsed: s.anna.code,
      customerId: s.boris.id,
      email: BORIS.email,
      name: "Boris Petrov",
      status: "accepted",
      subtotalMinor: made[0].subtotalMinor,
    });
    expect(boris.referredAsFriend[0].ipAddress).toMatch(/hash/);
    expect(JSON.stringify(boris)).not.toContain("203.0.113.7".replace(/\./g, "_")); // never the raw IP in our rows
    expect(boris.orderWebhooks.map((w: { topic: string }) => w.topic).sort()).toEqual(["ORDERS_CREATE", "ORDERS_PAID"]);
    expect(boris.ledger.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["referral_accepted"]));
  });
});

describe("customers/redact", () => {
  it("erases the advocate's personal data for good, stops their code, and keeps every count and total", async () => {
    const other = await scenario(); // first: the worker runs for every shop, and s's rewards must stay as scenario() leaves them
    const s = await scenario();
    const otherDigest = await shopDigest(other.shop);
    await send(
      s.shop,
      "customers/data_request",
      { customer: { id: Number(s.anna.id), email: ANNA.email }, orders_requested: [], data_request: { id: 9 } },
      "evt-dr",
    );
    const before = await totals(s.shop);
    const countsBefore = await rowCounts(s.shop);
    const day = new Date().toISOString().slice(0, 10);
    const repeatBefore = await repeatPurchase(s.shop, { from: day, to: day });

    const redact = { customer: { id: Number(s.anna.id), email: ANNA.email, phone: null }, orders_to_redact: [] };
    await send(s.shop, "customers/redact", redact, "evt-redact-1");
    const once = await shopRows(s.shop);
    await send(s.shop, "customers/redact", redact, "evt-redact-1");
    await send(s.shop, "customers/redact", redact, "evt-redact-2");
    expect(await shopRows(s.shop)).toEqual(once); // the second and third delivery change nothing

    // Counts: a voided reward and the redaction itself in the ledger, the old code's removal queued, the data request gone.
    expect(await rowCounts(s.shop)).toEqual({
      ...countsBefore,
      LedgerEvent: countsBefore.LedgerEvent + 2,
      OutboxTask: countsBefore.OutboxTask + 1,
      DataRequest: countsBefore.DataRequest - 1,
    });

    const advocate = await db.advocate.findUniqueOrThrow({ where: { id: s.anna.advocateId } });
    expect(advocate).toMatchObject({ email: null, firstName: null, lastName: null, locale: null, status: "redacted" });
    expect(advocate.code).toMatch(/^REDACTED-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    expect(advocate.customerId).toMatch(/^redacted-[0-9a-f]{24}$/);
    const referrals = await db.referral.findMany({ where: { shop: s.shop }, orderBy: { createdAt: "asc" } });
    expect(referrals.map((r) => r.codeUsed)).toEqual([advocate.code, advocate.code]);
    const rewards = await db.reward.findMany({ where: { shop: s.shop }, orderBy: { createdAt: "asc" } });
    expect(rewards.map((r) => r.state)).toEqual(["issued", "voided"]); // the unissued one can reach nobody now

    // Totals: the dashboard's days, every amount and counter exactly as before.
    const after = await totals(s.shop);
    expect(after).toEqual(before);
    expect(after.rewardMinorTotal).toBe(2000);
    expect(after.advocates.find((a) => a.id === s.anna.advocateId)).toMatchObject({
      clicks: 3,
      referredCount: 2,
      qualifiedCount: 2,
      earnedMinor: 1000,
    });
    expect(await repeatPurchase(s.shop, { from: day, to: day })).toEqual(repeatBefore);

    // The old code leaves the friend discount in Shopify, and then the app's outbox too.
    expect(world.sim.codeDiscountByCode(s.shop, s.anna.code.toLowerCase())).not.toBeNull();
    await drain();
    expect(world.sim.codeDiscountByCode(s.shop, s.anna.code.toLowerCase())).toBeNull();
    const removal = await db.outboxTask.findFirstOrThrow({ where: { shop: s.shop, kind: "remove_redeem_code" } });
    expect(removal).toMatchObject({ status: "done", payload: "{}" });
    // Nothing of Anna is left anywhere in the shop's rows: not her email, name, id or old code
    // (the old code was last in the removal task's payload).
    const text = await shopText(s.shop);
    for (const gone of [ANNA.email, "anna", "kowalska", s.anna.code.toLowerCase(), `"${s.anna.id}"`])
      expect(text).not.toContain(gone);
    expect(
      await db.click.count({ where: { shop: s.shop, advocateId: s.anna.advocateId, visitorKey: { not: null } } }),
    ).toBe(0);

    await expect(
      world.sim.placeOrder(s.shop, {
        customer: { email: "dora@example.org", firstName: "Dora", lastName: "D" },
        subtotal: "50.00",
        discountCodes: [s.anna.code],
      }),
    ).rejects.toThrow(/not valid/);
    // An order with the old code that got through anyway refers nobody.
    await world.sim.placeOrder(s.shop, {
      customer: { email: "eve@example.org", firstName: "Eve", lastName: "E" },
      subtotal: "50.00",
      discountCodes: [{ code: s.anna.code, amount: "5.00" }],
      enforceDiscountRules: false,
      financialStatus: "paid",
    });
    await drain(15 * DAY);
    expect(await db.referral.count({ where: { shop: s.shop } })).toBe(2);
    expect(await totals(s.shop)).toEqual(before);

    expect(await shopDigest(other.shop)).toBe(otherDigest);
  });

  it("erases a referred friend's data and keeps the referral, its money and the repeat-purchase count", async () => {
    const s = await scenario();
    const before = await totals(s.shop);
    const countsBefore = await rowCounts(s.shop);
    const day = new Date().toISOString().slice(0, 10);
    const repeatBefore = await repeatPurchase(s.shop, { from: day, to: day });

    const redact = {
      customer: { id: Number(s.boris.id), email: BORIS.email, phone: null },
      orders_to_redact: [Number(s.boris.orderId)],
    };
    await send(s.shop, "customers/redact", redact, "evt-fr-1");
    const once = await shopRows(s.shop);
    await send(s.shop, "customers/redact", redact, "evt-fr-2");
    expect(await shopRows(s.shop)).toEqual(once);
    expect(await rowCounts(s.shop)).toEqual({ ...countsBefore, OutboxTask: countsBefore.OutboxTask - 1 }); // the tag_customer task named him

    const referral = await db.referral.findFirstOrThrow({ where: { shop: s.shop, orderId: s.boris.orderId } });
    expect(referral).toMatchObject({ friendEmail: null, friendName: null, ipHash: null, status: "accepted" });
    expect(referral.friendCustomerId).toMatch(/^redacted-[0-9a-f]{24}$/);
    const deliveries = await db.webhookDelivery.findMany({ where: { shop: s.shop, orderId: s.boris.orderId } });
    expect(deliveries.map((d) => [d.payload, d.status])).toEqual([
      [REDACTED_PAYLOAD, "processed"],
      [REDACTED_PAYLOAD, "processed"],
    ]);
    expect(await totals(s.shop)).toEqual(before);
    expect(await repeatPurchase(s.shop, { from: day, to: day })).toEqual(repeatBefore);
    const text = await shopText(s.shop);
    for (const gone of [BORIS.email, "boris", "petrov", `"${s.boris.id}"`]) expect(text).not.toContain(gone);
    // Anna and Carla are untouched.
    expect(text).toContain(ANNA.email);
    expect(text).toContain(CARLA.email);
  });
});

describe("a privacy payload names its shop", () => {
  it("ignores (200, logged) a delivery whose shop_domain is another shop, and matches the customer by id", async () => {
    const a = await scenario();
    const b = await scenario(); // Anna has an account in both shops, with the same email
    expect(b.anna.id).not.toBe(a.anna.id);
    const digestA = await shopDigest(a.shop);
    const digestB = await shopDigest(b.shop);
    const annaOfB = { id: Number(b.anna.id), email: ANNA.email, phone: null };
    const forShop = (shop: string, topic: string, payload: Record<string, unknown>, eventId: string) =>
      world.sim.sendWebhook(shop, topic, payload, { eventId });

    // Delivered for shop A, but the body is about shop B.
    for (const [topic, payload] of [
      ["customers/redact", { shop_domain: b.shop, customer: annaOfB, orders_to_redact: [] }],
      ["customers/data_request", { shop_domain: b.shop, customer: annaOfB, data_request: { id: 31 } }],
      ["shop/redact", { shop_domain: b.shop }],
      ["customers/redact", { customer: annaOfB, orders_to_redact: [] }], // no shop_domain at all
    ] as const) {
      const res = await forShop(a.shop, topic, { shop_id: 2, ...payload }, `evt-${topic}-${payload.shop_domain}`);
      expect(res.status, topic).toBe(200);
    }
    // The right shop, but a customer id of another shop: the email alone matches nobody.
    const res = await forShop(
      a.shop,
      "customers/redact",
      { shop_id: 1, shop_domain: a.shop, customer: annaOfB, orders_to_redact: [] },
      "evt-redact-foreign-id",
    );
    expect(res.status).toBe(200);

    expect(await shopDigest(a.shop)).toBe(digestA);
    expect(await shopDigest(b.shop)).toBe(digestB);
    expect(await db.advocate.findUniqueOrThrow({ where: { id: a.anna.advocateId } })).toMatchObject({
      status: "active",
      email: ANNA.email,
    });
  });
});

describe("shop/redact", () => {
  it("deletes every row of the shop in every table and leaves the other shop byte for byte", async () => {
    const a = await scenario();
    const b = await scenario();
    for (const s of [a, b]) {
      await send(
        s.shop,
        "customers/data_request",
        { customer: { id: Number(s.anna.id), email: ANNA.email }, orders_requested: [], data_request: { id: 1 } },
        `evt-${s.shop}`,
      );
    }
    const countsA = await rowCounts(a.shop);
    // The shop had rows in every table, so "all gone" means something.
    expect(SHOP_MODELS.map((m) => m.name).filter((name) => !countsA[name])).toEqual([]);
    const countsB = await rowCounts(b.shop);
    const digestB = await shopDigest(b.shop);

    await send(a.shop, "shop/redact", {}, "evt-shop-redact-1");
    const zero = Object.fromEntries(SHOP_MODELS.map((m) => [m.name, 0]));
    expect(await rowCounts(a.shop)).toEqual(zero);
    await send(a.shop, "shop/redact", {}, "evt-shop-redact-1");
    await send(a.shop, "shop/redact", {}, "evt-shop-redact-2");
    expect(await rowCounts(a.shop)).toEqual(zero);

    expect(await rowCounts(b.shop)).toEqual(countsB);
    expect(await shopDigest(b.shop)).toBe(digestB);
    // Nothing else anywhere names the redacted shop.
    expect(await db.session.count({ where: { shop: a.shop } })).toBe(0);
  });
});
