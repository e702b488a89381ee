import "@shopify/shopify-api/adapters/node";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildWebhookRequest, CheckoutError, deliverWebhook, signWebhook, type Simulator } from "../../simulator/index";
import { API_KEY, API_SECRET, CREATE_DISCOUNT, friendDiscountInput, withSim, type Json } from "./helpers";

const SHOP = "hooks-shop.myshopify.com";
const shopify = shopifyApi({
  apiKey: API_KEY,
  apiSecretKey: API_SECRET,
  apiVersion: ApiVersion.October26,
  hostName: "app.example.com",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

interface Received {
  headers: IncomingMessage["headers"];
  raw: string;
  valid: boolean;
  topic?: string;
}
let received: Received[] = [];
let app: Server;
let appUrl: string;
let sim: Simulator;

beforeAll(async () => {
  // A stand-in for the app's webhook route, validating with the Shopify library.
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const check = await shopify.webhooks.validate({ rawBody: raw, rawRequest: req, rawResponse: res });
    received.push({ headers: req.headers, raw, valid: check.valid, topic: check.valid ? check.topic : undefined });
    res.writeHead(check.valid ? 200 : 401).end();
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhooks`;
  sim = await withSim({ webhookUrl: appUrl });
  sim.seedShop({ domain: SHOP });
});
afterAll(async () => {
  await sim.stop();
  await new Promise((r) => app.close(r));
});
beforeEach(() => {
  received = [];
});

describe("order webhooks", () => {
  it("places an order with a code and sends signed orders/create and orders/paid", async () => {
    const ann = sim.addCustomer(SHOP, { email: "ann@example.com", firstName: "Ann", lastName: "Lee" });
    const created = await sim.graphql(SHOP, CREATE_DISCOUNT, { input: friendDiscountInput({ code: "ANN-10" }) });
    expect((created.body.data as Json).discountCodeBasicCreate.userErrors).toEqual([]);

    const placed = await sim.placeOrder(SHOP, {
      customer: { email: "bob@example.com", firstName: "Bob", lastName: "Friend" },
      lineItems: [
        { title: "Mug", quantity: 2, price: "15.00" },
        { title: "Tea", price: "20.00" },
      ],
      discountCodes: ["ann-10"],
      browserIp: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      noteAttributes: [{ name: "referral_code", value: "ANN-10" }],
    });
    expect(placed.deliveries.map((d) => [d.topic, d.status])).toEqual([
      ["orders/create", 200],
      ["orders/paid", 200],
    ]);
    expect(received.map((r) => [r.topic, r.valid])).toEqual([
      ["ORDERS_CREATE", true],
      ["ORDERS_PAID", true],
    ]);

    const [first] = received;
    expect(first.headers["x-shopify-shop-domain"]).toBe(SHOP);
    expect(first.headers["x-shopify-topic"]).toBe("orders/create");
    expect(first.headers["x-shopify-api-version"]).toBe("2026-10");
    expect(first.headers["x-shopify-webhook-id"]).toBeTruthy();
    expect(first.headers["x-shopify-event-id"]).toBeTruthy();
    expect(first.headers["x-shopify-triggered-at"]).toBeTruthy();
    expect(first.headers["content-type"]).toBe("application/json");
    expect(first.headers["x-shopify-hmac-sha256"]).toBe(signWebhook(first.raw, API_SECRET));

    const body = JSON.parse(first.raw);
    expect(body).toMatchObject({
      id: placed.order.legacyResourceId,
      admin_graphql_api_id: placed.order.id,
      name: "#1001",
      order_number: 1001,
      email: "bob@example.com",
      currency: "USD",
      total_line_items_price: "50.00",
      subtotal_price: "45.00",
      current_subtotal_price: "45.00",
      total_price: "45.00",
      total_discounts: "5.00",
      financial_status: "paid",
      discount_codes: [{ code: "ann-10", amount: "5.00", type: "percentage" }],
      browser_ip: "203.0.113.7",
      client_details: { browser_ip: "203.0.113.7", user_agent: "Mozilla/5.0" },
      note_attributes: [{ name: "referral_code", value: "ANN-10" }],
      customer: { email: "bob@example.com", first_name: "Bob", last_name: "Friend" },
      cancelled_at: null,
    });
    expect(body.customer.admin_graphql_api_id).toBe(placed.order.customerId);
    expect(typeof body.customer.id).toBe("number");
    expect(body.line_items).toHaveLength(2);

    // Using the code counts on the discount and on the code.
    const d = sim.codeDiscountByCode(SHOP, "ANN-10")!;
    expect(d.asyncUsageCount).toBe(1);
    expect(d.codes[0].asyncUsageCount).toBe(1);
    const q = await sim.graphql(
      SHOP,
      `{ codeDiscountNodeByCode(code: "ANN-10") { codeDiscount { ... on DiscountCodeBasic { asyncUsageCount } } } } `,
    );
    expect((q.body.data as Json).codeDiscountNodeByCode.codeDiscount.asyncUsageCount).toBe(1);
    expect(sim.customers(SHOP).map((c) => c.email)).toContain(ann.email);
  });

  it("enforces checkout rules for codes", async () => {
    const ann = sim.addCustomer(SHOP, { email: "ann2@example.com" });
    await sim.graphql(SHOP, CREATE_DISCOUNT, {
      input: friendDiscountInput({
        code: "ONLY-ANN2",
        usageLimit: 1,
        context: { customers: { add: [ann.id] } },
        customerGets: { value: { discountAmount: { amount: "5" } }, items: { all: true } },
      }),
    });
    await expect(
      sim.placeOrder(SHOP, { email: "stranger@example.com", discountCodes: ["ONLY-ANN2"] }, { deliver: false }),
    ).rejects.toBeInstanceOf(CheckoutError);
    const ok = await sim.placeOrder(
      SHOP,
      { customerId: ann.id, subtotal: "30.00", discountCodes: ["ONLY-ANN2"] },
      { deliver: false },
    );
    expect(ok.order.discountCodes).toEqual([{ code: "ONLY-ANN2", amount: "5.00", type: "fixed_amount" }]);
    expect(ok.order.totalPrice).toBe("25.00");
    await expect(
      sim.placeOrder(SHOP, { customerId: ann.id, discountCodes: ["ONLY-ANN2"] }, { deliver: false }),
    ).rejects.toThrow(/usage limit/);
    await expect(
      sim.placeOrder(SHOP, { email: "x@example.com", discountCodes: ["NOPE"] }, { deliver: false }),
    ).rejects.toThrow(/not valid/);
  });

  it("sends orders/cancelled and refunds/create payloads", async () => {
    const placed = await sim.placeOrder(
      SHOP,
      { email: "carol@example.com", lineItems: [{ title: "Lamp", price: "80.00" }] },
      { deliver: false },
    );
    const cancelled = await sim.cancelOrder(SHOP, placed.order.id, "customer");
    expect(cancelled.deliveries[0].topic).toBe("orders/cancelled");
    expect(cancelled.payload).toMatchObject({ id: placed.order.legacyResourceId, cancel_reason: "customer" });
    expect(typeof cancelled.payload.cancelled_at).toBe("string");

    const refunded = await sim.refundOrder(SHOP, placed.order.id, {});
    expect(received.map((r) => [r.topic, r.valid])).toEqual([
      ["ORDERS_CANCELLED", true],
      ["REFUNDS_CREATE", true],
    ]);
    const refund = JSON.parse(received[1].raw);
    expect(refund).toMatchObject({
      order_id: placed.order.legacyResourceId,
      refund_line_items: [{ quantity: 1, subtotal: "80.00" }],
      transactions: [{ kind: "refund", status: "success", amount: "80.00", currency: "USD" }],
    });
    expect(refunded.payload.admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/Refund\//);
    const after = sim.orderPayload(SHOP, placed.order.id);
    expect(after).toMatchObject({ financial_status: "refunded", current_total_price: "0.00" });
  });

  it("lets tests resend the same delivery, late or out of order", async () => {
    const placed = await sim.placeOrder(SHOP, { email: "dave@example.com", subtotal: "10.00" }, { deliver: false });
    const opts = { secret: API_SECRET, eventId: "evt-1", webhookId: "wh-1", triggeredAt: "2026-01-01T00:00:00Z" };
    const one = await deliverWebhook(appUrl, "orders/paid", SHOP, placed.payload, opts);
    const two = await deliverWebhook(appUrl, "orders/paid", SHOP, placed.payload, opts);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(received.map((r) => r.headers["x-shopify-event-id"])).toEqual(["evt-1", "evt-1"]);
    expect(received[0].raw).toBe(received[1].raw);

    const tampered = await deliverWebhook(appUrl, "orders/paid", SHOP, placed.payload, {
      ...opts,
      hmac: signWebhook("{}", API_SECRET),
    });
    expect(tampered.status).toBe(401);
    const request = buildWebhookRequest(appUrl, "orders/create", SHOP, { id: 1 }, { secret: "s" });
    expect(request.headers["X-Shopify-Hmac-Sha256"]).toBe(signWebhook(request.body, "s"));
  });
});
