import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_TRIGGER_HANDLES, referralQualifiedPayload, rewardIssuedPayload } from "../../app/jobs/tasks.server";
import { referralLink } from "../../app/referrals/links";
import { flowTriggerExtensions, payloadKeys, type FlowTriggerExtension } from "../support/flow-extensions";
import {
  adminOf,
  DAY,
  counts,
  drain,
  drainWorker,
  enrollCustomer,
  installShop,
  rewardDiscounts,
  startWorld,
  type World,
} from "../support/world";

/**
 * Merchant automation: Shopify Flow triggers, order and customer tags, and
 * the advocate's customer metafield, each written exactly once per event, and never
 * for a blocked referral.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ANNA = { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" };
let friendSeq = 0;
function newFriend() {
  friendSeq++;
  return {
    email: `friend${friendSeq}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    firstName: `Boris${friendSeq}`,
    lastName: "Petrov",
  };
}

/** How many times the app called each root field of the Admin API for the shop. */
function calls(shop: string, field: string) {
  return world.sim.counters(shop).byRootField[field] ?? 0;
}

function triggers(shop: string, handle?: string) {
  return world.sim.flowTriggers(shop).filter((t) => handle === undefined || t.handle === handle);
}

async function outbox(shop: string, kind: string) {
  const { default: db } = await import("../../app/db.server");
  return db.outboxTask.findMany({ where: { shop, kind } });
}

/** An installed shop with one advocate, counters reset so only the program's own calls count. */
async function shopWithAdvocate(settings: Record<string, string> = {}) {
  const shop = await installShop(world.sim, settings);
  world.sim.resetCounters(shop);
  const { customer, advocate } = await enrollCustomer(world.sim, shop, ANNA);
  return { shop, customer, advocate };
}

describe("Flow trigger extensions and the payloads the engine sends", () => {
  const extensions = flowTriggerExtensions();
  const byHandle = (handle: string) => extensions.find((e) => e.handle === handle) as FlowTriggerExtension;

  it("declares both triggers in Shopify's flow_trigger format", () => {
    expect(extensions.map((e) => [e.dir, e.handle, e.name]).sort()).toEqual([
      ["referral-qualified", "referral-qualified", "Referral qualified"],
      ["referral-reward-issued", "referral-reward-issued", "Referral reward issued"],
    ]);
    for (const ext of extensions) {
      expect(ext.type).toBe("flow_trigger");
      expect(ext.handle).toMatch(/^[a-z0-9-]{1,30}$/);
      expect(ext.description?.length).toBeGreaterThan(10);
      // What the Shopify CLI accepts for a trigger field (Shopify/cli services/flow).
      for (const field of ext.fields) {
        if (field.type.endsWith("_reference")) {
          expect(["customer_reference", "order_reference", "product_reference"]).toContain(field.type);
          expect(field.key).toBeUndefined();
        } else {
          expect(["single_line_text_field", "number_decimal", "boolean", "email", "url"]).toContain(field.type);
          expect(field.key).toMatch(/^[a-zA-Z ]+$/);
        }
      }
      const keys = payloadKeys(ext);
      expect(new Set(keys).size).toBe(keys.length); // one field of each reference type, unique keys
    }
    expect(payloadKeys(byHandle("referral-qualified"))).toEqual(
      expect.arrayContaining(["customer_id", "order_id", "Friend customer ID", "Reward amount", "Currency"]),
    );
    expect(payloadKeys(byHandle("referral-reward-issued"))).toEqual(
      expect.arrayContaining(["customer_id", "Reward amount", "Reward code", "Currency"]),
    );
  });

  it("builds payloads with exactly the declared keys, typed as declared", () => {
    const built = [
      referralQualifiedPayload({
        advocateCustomerId: "101",
        friendCustomerId: null,
        orderId: "202",
        codeUsed: "ANNA-7K2Q",
        subtotalMinor: 5050,
        rewardMinor: 1000,
        currencyCode: "USD",
      }),
      rewardIssuedPayload({
        advocateCustomerId: "101",
        friendCustomerId: "303",
        orderId: "202",
        amountMinor: 1000,
        code: "RWD-X",
        kind: "referral",
        rewardType: "fixed_amount",
        currencyCode: "USD",
      }),
      rewardIssuedPayload({
        advocateCustomerId: "101",
        friendCustomerId: null,
        orderId: null,
        amountMinor: 750,
        code: null,
        kind: "milestone",
        rewardType: "store_credit",
        currencyCode: "JPY",
      }),
    ];
    for (const trigger of built) {
      const ext = byHandle(trigger.handle);
      expect(ext, trigger.handle).toBeDefined();
      expect(Object.keys(trigger.payload).sort()).toEqual(payloadKeys(ext).sort());
      for (const field of ext.fields) {
        const key = payloadKeys({ ...ext, fields: [field] })[0];
        const value = trigger.payload[key];
        if (field.type.endsWith("_reference")) expect(Number.isSafeInteger(value), key).toBe(true);
        else if (field.type === "number_decimal") expect(typeof value, key).toBe("number");
        else expect(typeof value, key).toBe("string");
      }
    }
    expect(built[0].payload["Order subtotal"]).toBe(50.5);
    expect(built[0].handle).toBe(FLOW_TRIGGER_HANDLES.referralQualified);
    expect(built[1].handle).toBe(FLOW_TRIGGER_HANDLES.rewardIssued);
  });

  it("declares the advocate metafield in shopify.app.toml, readable on the storefront", () => {
    const toml = fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8");
    const section =
      toml
        .split(/^\[customer\.metafields\.app\.referral\]\s*$/m)[1]
        ?.split(/^\[(?!customer\.metafields\.app\.referral)/m)[0] ?? "";
    expect(section).toMatch(/^type = "json"$/m);
    expect(section).toMatch(/^access\.storefront = "public_read"$/m);
    expect(toml).toMatch(/^scopes = ".*\bwrite_customers\b.*"$/m);
    expect(toml).toMatch(/^scopes = ".*\bwrite_orders\b.*"$/m);
  });
});

describe("triggers, tags and the metafield through the simulator", () => {
  it("writes the advocate metafield once at enrollment, with the code and the link", async () => {
    const { enrollAdvocate } = await import("../../app/referrals/advocates.server");
    const { shop, customer, advocate } = await shopWithAdvocate();
    const field = world.sim.metafield(shop, customer.id, "$app", "referral");
    expect(field?.type).toBe("json");
    expect(JSON.parse(field!.value)).toEqual({ code: advocate.code, link: referralLink(shop, advocate.code) });
    expect(referralLink(shop, advocate.code)).toBe(`https://${shop}/apps/referrals/r/${advocate.code}`);
    // Enrolling the same customer again (the block, an order, the admin) writes nothing more.
    await enrollAdvocate(shop, String(customer.legacyResourceId), { via: "account_page", admin: adminOf(shop) });
    await enrollAdvocate(shop, String(customer.legacyResourceId), { via: "order", admin: adminOf(shop) });
    await drain();
    expect(calls(shop, "metafieldsSet")).toBe(1);
    expect(world.sim.metafields(shop, customer.id)).toHaveLength(1);
    expect(await outbox(shop, "advocate_metafield")).toMatchObject([{ status: "done" }]);
  });

  it("retries the metafield through a 503 and still holds one value", async () => {
    const shop = await installShop(world.sim);
    world.sim.resetCounters(shop);
    world.sim.faults.add({ kind: "status", status: 503, count: 1, shop, rootField: "metafieldsSet" });
    const { customer, advocate } = await enrollCustomer(world.sim, shop, ANNA);
    expect(world.sim.metafields(shop, customer.id)).toHaveLength(1);
    expect(JSON.parse(world.sim.metafield(shop, customer.id, "$app", "referral")!.value).code).toBe(advocate.code);
  });

  it("fires each trigger and adds each tag once, however often the order's webhooks arrive", async () => {
    const { shop, customer: advocateCustomer, advocate } = await shopWithAdvocate();
    const friend = newFriend();
    const placed = await world.sim.placeOrder(
      shop,
      {
        customer: friend,
        subtotal: "50.00",
        discountCodes: [advocate.code],
        browserIp: "203.0.113.7",
        financialStatus: "paid",
      },
      { deliver: false },
    );
    // Shopify retries (same event id) and re-sends (new event id), in any order.
    for (let i = 0; i < 3; i++) {
      await world.sim.sendWebhook(shop, "orders/create", placed.payload, { eventId: "evt-create-1" });
      await world.sim.sendWebhook(shop, "orders/paid", placed.payload);
      await world.sim.sendWebhook(shop, "orders/create", placed.payload);
    }
    await drain();
    expect(triggers(shop, "referral-qualified")).toHaveLength(1);
    expect(triggers(shop, "referral-reward-issued")).toHaveLength(0); // the reward waits out its delay
    await world.sim.sendWebhook(shop, "orders/paid", placed.payload);
    await drain(15 * DAY);
    await drain(16 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });

    const friendGid = placed.order.customerId!;
    expect(world.sim.tags(shop, placed.order.id)).toEqual(["referral"]);
    expect(world.sim.tags(shop, friendGid)).toEqual(["referred-customer"]);
    expect(world.sim.tags(shop, advocateCustomer.id)).toEqual([]);
    expect(calls(shop, "tagsAdd")).toBe(2);
    expect(calls(shop, "flowTriggerReceive")).toBe(2);
    // Anna's, and the friend's: their paid order made them an advocate too, once.
    expect(calls(shop, "metafieldsSet")).toBe(2);

    const [qualified] = triggers(shop, "referral-qualified");
    expect(qualified.payload).toEqual({
      customer_id: advocateCustomer.legacyResourceId,
      order_id: placed.order.legacyResourceId,
      "Advocate customer ID": String(advocateCustomer.legacyResourceId),
      "Friend customer ID": friendGid.split("/").pop(),
      "Referral code": advocate.code,
      "Order subtotal": 45, // after the friend's 10% welcome discount
      "Reward amount": 10,
      Currency: "USD",
    });
    const [issued] = triggers(shop, "referral-reward-issued");
    const [code] = rewardDiscounts(world.sim, shop);
    expect(issued.payload).toEqual({
      customer_id: advocateCustomer.legacyResourceId,
      "Advocate customer ID": String(advocateCustomer.legacyResourceId),
      "Friend customer ID": friendGid.split("/").pop(),
      "Referred order ID": String(placed.order.legacyResourceId),
      "Reward amount": 10,
      "Reward code": code.codes[0].code,
      "Reward kind": "referral",
      "Reward type": "fixed_amount",
      Currency: "USD",
    });
  });

  it("tags nothing and fires nothing for blocked referrals (self-referral, existing customer)", async () => {
    const { shop, customer, advocate } = await shopWithAdvocate();
    const own = await world.sim.placeOrder(shop, {
      customerId: customer.id,
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    const regular = { email: "regular@example.org", firstName: "Reg", lastName: "Ular" };
    await world.sim.placeOrder(shop, { customer: regular, subtotal: "20.00", financialStatus: "paid" });
    const repeat = await world.sim.placeOrder(shop, {
      customer: regular,
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { blocked: 2 }, rewards: 0, issued: 0 });
    expect(world.sim.tags(shop, own.order.id)).toEqual([]);
    expect(world.sim.tags(shop, repeat.order.id)).toEqual([]);
    expect(world.sim.tags(shop, repeat.order.customerId!)).toEqual([]);
    expect(calls(shop, "tagsAdd")).toBe(0);
    expect(calls(shop, "flowTriggerReceive")).toBe(0);
    expect(triggers(shop)).toHaveLength(0);
  });

  it("held then approved: tags and the qualified trigger come once, after approval", async () => {
    const { approveReferral } = await import("../../app/referrals/review.server");
    const { default: db } = await import("../../app/db.server");
    const { shop, advocate } = await shopWithAdvocate();
    // The friend's name is one letter from the advocate's: held for review.
    const placed = await world.sim.placeOrder(shop, {
      customer: { email: "kowalski.a@example.net", firstName: "Anna", lastName: "Kowalski" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { held: 1 }, rewards: 0, issued: 0 });
    expect(calls(shop, "tagsAdd")).toBe(0);
    expect(triggers(shop)).toHaveLength(0);

    const referral = await db.referral.findFirstOrThrow({ where: { shop } });
    await approveReferral(shop, referral.id, "staff@example.com");
    await expect(approveReferral(shop, referral.id, "staff@example.com")).rejects.toThrow();
    await world.sim.sendWebhook(shop, "orders/paid", placed.payload); // a late duplicate changes nothing
    await drain();
    await drain();
    expect(triggers(shop, "referral-qualified")).toHaveLength(1);
    expect(triggers(shop, "referral-qualified")[0].payload).toMatchObject({
      order_id: placed.order.legacyResourceId,
      "Reward amount": 10,
    });
    expect(world.sim.tags(shop, placed.order.id)).toEqual(["referral"]);
    expect(world.sim.tags(shop, placed.order.customerId!)).toEqual(["referred-customer"]);
    expect(calls(shop, "tagsAdd")).toBe(2);

    await drain(15 * DAY);
    expect(triggers(shop, "referral-reward-issued")).toHaveLength(1);
    expect(calls(shop, "flowTriggerReceive")).toBe(2);
  });

  it("held then rejected: no tags, no triggers", async () => {
    const { rejectReferral } = await import("../../app/referrals/review.server");
    const { default: db } = await import("../../app/db.server");
    const { shop, advocate } = await shopWithAdvocate();
    const placed = await world.sim.placeOrder(shop, {
      customer: { email: "kowalski.a@example.net", firstName: "Anna", lastName: "Kowalski" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    await drain();
    const referral = await db.referral.findFirstOrThrow({ where: { shop } });
    await rejectReferral(shop, referral.id, "staff@example.com");
    await drain(15 * DAY);
    expect(await counts(shop)).toEqual({ referrals: { rejected: 1 }, rewards: 0, issued: 0 });
    expect(world.sim.tags(shop, placed.order.id)).toEqual([]);
    expect(calls(shop, "tagsAdd")).toBe(0);
    expect(triggers(shop)).toHaveLength(0);
  });

  it("uses the tag names from the settings", async () => {
    const { shop, advocate } = await shopWithAdvocate({
      orderTag: "friend-order",
      customerTag: "Referred by a friend",
      rewardDelayDays: "0",
    });
    const placed = await world.sim.placeOrder(shop, {
      customer: newFriend(),
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    await drain();
    expect(world.sim.tags(shop, placed.order.id)).toEqual(["friend-order"]);
    expect(world.sim.tags(shop, placed.order.customerId!)).toEqual(["Referred by a friend"]);
    expect(
      triggers(shop)
        .map((t) => t.handle)
        .sort(),
    ).toEqual(["referral-qualified", "referral-reward-issued"]);
  });

  it("fires one reward-issued trigger per milestone reward too", async () => {
    const { shop, advocate } = await shopWithAdvocate({ milestones: "2:5.00", rewardDelayDays: "0" });
    for (let i = 0; i < 2; i++) {
      const placed = await world.sim.placeOrder(shop, {
        customer: newFriend(),
        subtotal: "50.00",
        discountCodes: [advocate.code],
        browserIp: `198.51.100.${i + 1}`,
        financialStatus: "paid",
      });
      await world.sim.sendWebhook(shop, "orders/paid", placed.payload);
    }
    await drain();
    await drain();
    expect(await counts(shop)).toEqual({ referrals: { accepted: 2 }, rewards: 3, issued: 3 });
    expect(triggers(shop, "referral-qualified")).toHaveLength(2);
    const issued = triggers(shop, "referral-reward-issued").map((t) => t.payload as Record<string, unknown>);
    expect(issued).toHaveLength(3);
    expect(issued.filter((p) => p["Reward kind"] === "milestone")).toEqual([
      expect.objectContaining({ "Reward amount": 5, "Referred order ID": "", "Friend customer ID": "" }),
    ]);
  });
});

describe("a trigger is never sent twice, even when Shopify's answer is lost", () => {
  async function qualifiedReferral(shop: string, code: string) {
    await world.sim.placeOrder(shop, {
      customer: newFriend(),
      subtotal: "50.00",
      discountCodes: [code],
      financialStatus: "paid",
    });
  }

  it("retries a throttled trigger (Shopify did not run it) and sends it once", async () => {
    const { shop, advocate } = await shopWithAdvocate();
    world.sim.faults.add({ kind: "throttle", count: 2, shop, rootField: "flowTriggerReceive" });
    await qualifiedReferral(shop, advocate.code);
    await drain();
    expect(triggers(shop, "referral-qualified")).toHaveLength(1);
    expect(await outbox(shop, "flow_referral_qualified")).toMatchObject([{ status: "done" }]);
  });

  it("does not resend after a timeout, when Shopify ran it unseen", async () => {
    const { adminApiFor } = await import("../../app/shopify/admin-client.server");
    const { shop, advocate } = await shopWithAdvocate();
    // Shopify runs the trigger after the app's client has given up waiting.
    world.sim.faults.add({ kind: "timeout", holdMs: 600, count: 1, shop, rootField: "flowTriggerReceive" });
    await qualifiedReferral(shop, advocate.code);
    await drainWorker({ adminFor: (s) => adminApiFor(s, { retryBaseMs: 5, timeoutMs: 200 }) });
    // Shopify answers the held request (unseen by the client that gave up).
    await expect.poll(() => world.sim.heldResponses.size, { timeout: 10_000 }).toBe(0);
    await drain();
    await drain(DAY); // past any backoff
    expect(triggers(shop, "referral-qualified")).toHaveLength(1);
    const [task] = await outbox(shop, "flow_referral_qualified");
    expect(task.status).toBe("failed");
    expect(task.lastError).toMatch(/outcome unknown/);
    // Tags are idempotent in Shopify, so they went through as usual.
    expect(calls(shop, "tagsAdd")).toBe(2);
  });

  it("does not resend after a 5xx (at most once: the failed task stays visible)", async () => {
    const { shop, advocate } = await shopWithAdvocate();
    world.sim.faults.add({ kind: "status", status: 502, count: 1, shop, rootField: "flowTriggerReceive" });
    await qualifiedReferral(shop, advocate.code);
    await drain();
    await drain(DAY);
    expect(world.sim.faults.list().find((f) => f.shop === shop)?.injected).toBe(1); // asked once, never again
    expect(triggers(shop)).toHaveLength(0);
    expect(await outbox(shop, "flow_referral_qualified")).toMatchObject([
      { status: "failed", lastError: expect.stringMatching(/HTTP 502.*outcome unknown/) },
    ]);
  });

  it("does not resend after a worker died mid-send", async () => {
    const { default: db } = await import("../../app/db.server");
    const { claim, tasks } = await import("../../app/jobs/queue.server");
    const { runTask } = await import("../../app/jobs/tasks.server");
    const { adminApiFor, AdminApiError } = await import("../../app/shopify/admin-client.server");
    const { shop, advocate } = await shopWithAdvocate();
    await world.sim.placeOrder(shop, {
      customer: newFriend(),
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    // A first pass in which Shopify throttles the trigger, so it stays queued, unsent.
    const throttledTriggers = async (s: string) => {
      const admin = await adminApiFor(s, { retryBaseMs: 5 });
      return {
        shop: s,
        request: <T>(q: string, v?: Record<string, unknown>) =>
          q.includes("flowTriggerReceive")
            ? Promise.reject(new AdminApiError("Throttled by Shopify", true, "throttled"))
            : admin.request<T>(q, v),
      };
    };
    await drainWorker({ adminFor: throttledTriggers });
    expect(await outbox(shop, "flow_referral_qualified")).toMatchObject([
      { status: "pending", lastError: "Throttled by Shopify" },
    ]);
    expect(triggers(shop)).toHaveLength(0);

    // The next attempt sends the trigger, and the process dies before recording it.
    const later = new Date(Date.now() + DAY);
    const [claimed] = (await claim(tasks, 50, later)).filter((t) => t.shop === shop);
    expect(claimed.kind).toBe("flow_referral_qualified");
    const admin = await adminApiFor(shop);
    const dying = {
      shop,
      request: async <T>(q: string, v?: Record<string, unknown>) => {
        await admin.request<T>(q, v);
        throw new Error("process killed");
      },
    };
    await runTask(dying, claimed).catch(() => undefined);
    await db.outboxTask.update({
      where: { id: claimed.id },
      data: { leaseOwner: "killed-worker", leaseUntil: new Date(Date.now() - 1000) },
    });
    expect(triggers(shop, "referral-qualified")).toHaveLength(1);

    // Another worker takes the expired lease over: it must not send a second one.
    await drain(2 * DAY);
    expect(triggers(shop, "referral-qualified")).toHaveLength(1);
    expect(await outbox(shop, "flow_referral_qualified")).toMatchObject([
      { status: "failed", lastError: expect.stringMatching(/interrupted/) },
    ]);
  });
});
