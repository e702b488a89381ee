import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook, type DeliveryOptions } from "../../simulator/webhooks";
import { drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";
import { captureOutput, tableCounts } from "./support";

// Hostile and broken webhook deliveries through real HTTP to the app's /webhooks route.
// Every case must end in a clear 4xx or a logged, acknowledged ignore (200), with not
// one row changed in the database, and the server still serving afterwards.
let world: World;
let shop: string;
let code: string;
let order: Record<string, unknown>;

beforeAll(async () => {
  world = await startWorld();
  shop = await installShop(world.sim);
  code = (await enrollCustomer(world.sim, shop, { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" }))
    .advocate.code;
  const placed = await world.sim.placeOrder(
    shop,
    {
      customer: { email: "friend@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [code],
      financialStatus: "paid",
    },
    { deliver: false },
  );
  order = placed.payload;
});
afterAll(async () => {
  await world?.stop();
});

const send = (topic: string, payload: unknown, options: DeliveryOptions = {}, to = shop) =>
  world.sim.sendWebhook(to, topic, payload, options);

/** Runs `fn`, then asserts nothing in the database changed and the route still works. */
async function changesNothing(fn: () => Promise<void>) {
  const before = await tableCounts();
  const { output } = await captureOutput(fn);
  expect(await tableCounts()).toEqual(before);
  // Alive: the same server takes a harmless signed delivery right after.
  expect(
    (await send("app/scopes_update", { id: 1, previous: [], current: (process.env.SCOPES ?? "").split(",") })).status,
  ).toBe(200);
  return output;
}

describe("webhook authenticity", () => {
  it("refuses a missing or wrong HMAC with 401 and records nothing", async () => {
    await changesNothing(async () => {
      expect((await send("orders/create", order, { hmac: "" })).status).toBe(401);
      expect((await send("orders/create", null, { rawBody: "" })).status).toBe(401);
      expect(
        (await send("orders/create", order, { hmac: signWebhook("{}", process.env.SHOPIFY_API_SECRET!) })).status,
      ).toBe(401);
      expect((await send("orders/create", order, { secret: "another-apps-secret" })).status).toBe(401);
      expect(
        (
          await send("orders/create", order, {
            rawBody: JSON.stringify({ ...order, id: 1 }),
            hmac: signWebhook(JSON.stringify(order), process.env.SHOPIFY_API_SECRET!),
          })
        ).status,
      ).toBe(401);
      const bare = await fetch(`${world.app.url}/webhooks`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(order),
      });
      expect(bare.status).toBe(401); // unsigned, without any of Shopify's headers
      // Signed, but without the headers naming the topic and shop: a malformed delivery.
      const body = JSON.stringify(order);
      const headless = await fetch(`${world.app.url}/webhooks`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Hmac-Sha256": signWebhook(body, process.env.SHOPIFY_API_SECRET!),
        },
        body,
      });
      expect(headless.status).toBe(400);
      expect((await fetch(`${world.app.url}/webhooks`)).status).toBe(405);
    });
  });
});

describe("authentic but unusable deliveries are acknowledged and ignored", () => {
  it("an unknown topic: 200 (Shopify would retry anything else), logged, nothing recorded", async () => {
    const output = await changesNothing(async () => {
      expect((await send("products/create", { id: 1, title: "x" })).status).toBe(200);
    });
    expect(output).toMatch(/ignored topic PRODUCTS_CREATE/);
  });

  it("a shop the app was never installed on: 200, logged, nothing recorded, for every topic", async () => {
    const stranger = "stranger-shop.myshopify.com";
    const output = await changesNothing(async () => {
      for (const topic of [
        "orders/create",
        "orders/paid",
        "refunds/create",
        "app/uninstalled",
        "customers/data_request",
        "customers/redact",
        "shop/redact",
      ]) {
        expect(
          (await send(topic, { ...order, order_id: order.id, customer: { id: 1 } }, {}, stranger)).status,
          topic,
        ).toBe(200);
      }
    });
    expect(output).toMatch(/unknown shop/);
  });

  it("malformed JSON: 200, logged, nothing recorded", async () => {
    const output = await changesNothing(async () => {
      for (const raw of ["{", "not json", '{"id": 1,}', "\u0000\u0001"])
        expect((await send("orders/create", null, { rawBody: raw })).status).toBe(200);
    });
    expect(output).toMatch(/unreadable body/);
  });

  it("deeply nested JSON (100,000 levels): 200, logged, nothing recorded", async () => {
    const depth = 100_000;
    const nested = (open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;
    const bodies = [
      `{"id":${String(order.id)},"note_attributes":${nested("[", "]")}}`,
      `{"id":${String(order.id)},"customer":${nested('{"a":', "}")}}`,
      nested("[", "]"),
    ];
    const output = await changesNothing(async () => {
      for (const topic of ["orders/create", "refunds/create", "customers/redact", "app/uninstalled"])
        for (const rawBody of bodies) expect((await send(topic, null, { rawBody })).status, topic).toBe(200);
    });
    expect(output).toMatch(/nested deeper than/);
  });

  it("wrong types and missing fields: 200, logged with the reason, nothing recorded", async () => {
    const cases: [string, unknown][] = [
      ["orders/create", []],
      ["orders/create", "a string"],
      ["orders/create", 42],
      ["orders/create", null],
      ["orders/create", {}],
      ["orders/create", { ...order, id: undefined }],
      ["orders/create", { ...order, id: "abc" }],
      ["orders/create", { ...order, id: -5 }],
      ["orders/create", { ...order, id: { $gt: 0 } }],
      ["orders/paid", { ...order, discount_codes: code }],
      ["orders/paid", { ...order, discount_codes: [code] }],
      ["orders/create", { ...order, customer: "boris" }],
      ["orders/create", { ...order, customer: { id: "x'; DROP TABLE" } }],
      ["orders/create", { ...order, subtotal_price: { amount: "50" } }],
      ["orders/create", { ...order, note_attributes: "x" }],
      ["orders/cancelled", { cancelled_at: "2025-01-01" }],
      ["refunds/create", { id: 1 }],
      ["refunds/create", { order_id: order.id, refund_line_items: "all" }],
    ];
    const output = await changesNothing(async () => {
      for (const [topic, payload] of cases)
        expect((await send(topic, payload)).status, JSON.stringify(payload).slice(0, 80)).toBe(200);
    });
    expect(output).toMatch(/order id missing or not a Shopify id/);
    expect(output).toMatch(/discount_codes/);
    // The log names the reason, never the payload.
    expect(output).not.toContain("friend@example.org");
  });

  it("negative and absurd amounts: 200, logged, nothing recorded", async () => {
    const amounts = [
      "-50.00",
      "-0.01",
      "1e9",
      "Infinity",
      "NaN",
      "99999999999999999999.99",
      "50.0000001",
      "0x10",
      " ",
      1e300,
      -1,
    ];
    const output = await changesNothing(async () => {
      for (const amount of amounts) {
        expect(
          (await send("orders/create", { ...order, subtotal_price: amount, current_subtotal_price: amount })).status,
          String(amount),
        ).toBe(200);
      }
      expect(
        (await send("refunds/create", { order_id: order.id, refund_line_items: [{ subtotal: "-10.00" }] })).status,
      ).toBe(200);
      expect(
        (await send("refunds/create", { order_id: order.id, refund_line_items: [{ subtotal: "1e30" }] })).status,
      ).toBe(200);
    });
    expect(output).toMatch(/not a plausible amount/);
  });
});

describe("oversized bodies", () => {
  const FIVE_MB = 5 * 1024 * 1024;

  it("refuses a 5 MB body with 413 before reading it (Content-Length)", async () => {
    await changesNothing(async () => {
      const big = JSON.stringify({ ...order, note: "x".repeat(FIVE_MB) });
      const res = await send("orders/create", null, { rawBody: big });
      expect(res.status).toBe(413);
    });
  });

  it("refuses a 5 MB chunked body with 413 after reading no more than the limit", async () => {
    await changesNothing(async () => {
      const url = new URL(`${world.app.url}/webhooks`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              "Transfer-Encoding": "chunked",
              "X-Shopify-Topic": "orders/create",
              "X-Shopify-Shop-Domain": shop,
              "X-Shopify-Hmac-Sha256": "x",
              "X-Shopify-Webhook-Id": "w",
              "X-Shopify-API-Version": "2026-10",
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        const chunk = Buffer.alloc(64 * 1024, "a");
        let sent = 0;
        const pump = () => {
          while (sent < FIVE_MB) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          req.end();
        };
        pump();
      });
      expect(status).toBe(413);
    });
  });

  it("stops pulling from the body stream at the limit (no unbounded buffering)", async () => {
    const { maxWebhookBodyBytes } = await import("../../app/lib/body-limit.server");
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(`${world.app.url}/webhooks`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "X-Shopify-Topic": "orders/create" },
    } as RequestInit);
    const res = await world.app.handle(request);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(maxWebhookBodyBytes() + 4 * chunk.length);
  });
});

describe("unicode and very long strings", () => {
  it("records a valid order with unicode and long strings once, and processes it without error", async () => {
    const { default: db } = await import("../../app/db.server");
    const unicode = {
      ...order,
      id: 880000000001,
      name: "#Заказ-№1 🎁",
      email: "борис@пример.рф",
      customer: {
        ...(order.customer as object),
        id: 880000000002,
        first_name: "Борис 🎉",
        last_name: "Żółć-Łódź ".repeat(200),
        email: "борис@пример.рф",
      },
      note: "ä".repeat(100_000),
      note_attributes: [{ name: "_referral_code", value: "💥".repeat(1000) }],
      discount_codes: [
        { code: `${code}`, amount: "5.00", type: "percentage" },
        { code: "Ω".repeat(255), amount: "0", type: "fixed_amount" },
      ],
    };
    const res = await send("orders/create", unicode);
    expect(res.status).toBe(200);
    expect(await db.webhookDelivery.count({ where: { shop, orderId: "880000000001" } })).toBe(1);
    await drain();
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { shop, orderId: "880000000001" } });
    expect(delivery.status).toBe("processed");
    const referral = await db.referral.findUniqueOrThrow({
      where: { shop_orderId: { shop, orderId: "880000000001" } },
    });
    expect(referral.orderName).toBe("#Заказ-№1 🎁");
    expect(referral.friendName!.length).toBeLessThanOrEqual(700);
    expect(referral.codeUsed).toBe(code);
  });
});
