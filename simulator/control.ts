// The control API under /__sim/ (JSON in, JSON out), so another process (the demo,
// the benchmark, an e2e test) can drive the simulator the way in-process tests drive
// the Simulator object. Every route maps to one Simulator method; see README in the
// report for the list.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { PlaceOrderInput, RefundInput } from "./commerce.js";
import type { FaultSpec } from "./faults.js";
import { parseParams, readBody, sendJson } from "./http-util.js";
import type { Simulator } from "./simulator.js";
import type { DeliveryResult } from "./webhooks.js";

type Json = Record<string, unknown>;

function summarizeDeliveries(deliveries: DeliveryResult[]) {
  return deliveries.map((d) => ({
    topic: d.topic,
    url: d.url,
    status: d.status,
    ok: d.ok,
    webhookId: d.webhookId,
    eventId: d.eventId,
    responseBody: d.responseBody.slice(0, 2000),
  }));
}

async function route(
  sim: Simulator,
  method: string,
  parts: string[],
  body: Json,
  query: URLSearchParams,
): Promise<[number, unknown]> {
  const [head, shop, sub, id, action] = parts;
  const ok = (value: unknown): [number, unknown] => [200, value];

  if (head === "health" && method === "GET") return ok({ ok: true, url: sim.url, shops: sim.shops.size });
  if (head === "info" && method === "GET")
    return ok({
      url: sim.url,
      app: sim.app,
      restoreRate: sim.restoreRate,
      bucketSize: sim.bucketSize,
      webhookUrl: sim.webhookUrl,
      supportedRootFields: sim.supportedRootFields(),
    });
  if (head === "reset" && method === "POST") {
    sim.reset();
    return ok({ ok: true });
  }
  if (head === "config" && method === "POST") {
    sim.configureRateLimit({
      restoreRate: body.restoreRate as number | undefined,
      bucketSize: body.bucketSize as number | undefined,
    });
    if ("webhookUrl" in body) sim.setWebhookUrl((body.webhookUrl as string | null) ?? null);
    return ok({ restoreRate: sim.restoreRate, bucketSize: sim.bucketSize, webhookUrl: sim.webhookUrl });
  }
  if (head === "clock") {
    if (shop === "advance" && method === "POST") sim.advanceTime(Number(body.ms ?? 0));
    return ok({ now: new Date(sim.clock.now()).toISOString(), offsetMs: sim.clock.offsetMs });
  }
  if (head === "counters" && method === "GET") {
    return ok({
      global: sim.counters(),
      shops: Object.fromEntries([...sim.shops.keys()].map((s) => [s, sim.counters(s)])),
    });
  }
  if (head === "webhooks" && method === "GET") return ok(sim.webhookLog);
  if (head === "faults") {
    if (method === "GET") return ok(sim.faults.list());
    if (method === "POST") return ok({ id: sim.faults.add(body as unknown as FaultSpec) });
    if (method === "DELETE") {
      if (shop) return ok({ removed: sim.faults.remove(shop) });
      sim.faults.clear(query.get("shop") ?? undefined);
      return ok({ ok: true });
    }
  }
  if (head !== "shops") return [404, { error: `Unknown control route ${method} /__sim/${parts.join("/")}` }];

  if (!shop) {
    if (method === "POST") return ok(sim.seedShop(body as never));
    if (method === "GET")
      return ok(
        [...sim.shops.values()].map((s) => ({
          shop: s.shop.domain,
          name: s.shop.name,
          currencyCode: s.shop.currencyCode,
        })),
      );
  }
  if (!sim.hasShop(shop)) return [404, { error: `Unknown shop ${shop}` }];

  switch (sub) {
    case undefined:
      return ok(sim.snapshot(shop));
    case "tokens":
      return ok({ accessToken: sim.issueAccessToken(shop, body as never) });
    case "extension-token": {
      // POST {surface: "customer-account" | "checkout", customerId?}: what shopify.sessionToken.get() gives an extension
      const opts = { customerId: (body.customerId as string | number | null | undefined) ?? null };
      const token =
        body.surface === "checkout"
          ? sim.checkoutSessionToken(shop, opts)
          : sim.customerAccountSessionToken(shop, opts);
      return ok({ token });
    }
    case "app-extensions": {
      // GET: what shopify.app.extensions() answers in the shop's admin; POST {extensions: [...] | null} sets it
      if (method === "POST") {
        const list = body.extensions;
        if (list !== null && !Array.isArray(list)) return [400, { error: "extensions must be an array or null" }];
        sim.setAppExtensions(shop, list as never);
      }
      return ok({ extensions: sim.appExtensionsOf(shop) });
    }
    case "customer-accounts": {
      // POST {version: "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS"}
      if (body.version !== "CLASSIC" && body.version !== "NEW_CUSTOMER_ACCOUNTS")
        return [400, { error: "version must be CLASSIC or NEW_CUSTOMER_ACCOUNTS" }];
      sim.setCustomerAccountsVersion(shop, body.version);
      return ok({ version: body.version });
    }
    case "customers":
      return method === "POST" ? ok(sim.addCustomer(shop, body as never)) : ok(sim.customers(shop));
    case "orders": {
      const deliver = typeof body.deliver === "boolean" ? body.deliver : undefined;
      if (!id) {
        if (method === "GET") return ok(sim.orders(shop));
        const placed = await sim.placeOrder(shop, body as unknown as PlaceOrderInput, { deliver });
        return ok({ ...placed, deliveries: summarizeDeliveries(placed.deliveries) });
      }
      const orderId = decodeURIComponent(id);
      if (method === "GET") return ok(sim.orderPayload(shop, orderId));
      const done =
        action === "paid"
          ? await sim.markOrderPaid(shop, orderId, { deliver })
          : action === "cancel"
            ? await sim.cancelOrder(shop, orderId, (body.reason as never) ?? "customer", { deliver })
            : action === "refund"
              ? await sim.refundOrder(shop, orderId, body as RefundInput, { deliver })
              : null;
      if (!done) return [404, { error: `Unknown order action ${String(action)}` }];
      return ok({ ...done, deliveries: summarizeDeliveries(done.deliveries) });
    }
    case "discounts":
      if (id === "by-code" && action) return ok(sim.codeDiscountByCode(shop, decodeURIComponent(action)));
      return ok(sim.discountCodes(shop));
    case "metafields": {
      const owner = query.get("ownerId");
      if (!owner) return [400, { error: "ownerId query parameter is required" }];
      return ok(sim.metafields(shop, owner));
    }
    case "flow-triggers":
      return ok(sim.flowTriggers(shop));
    case "tags": {
      const target = query.get("id");
      if (!target) return [400, { error: "id query parameter is required" }];
      return ok(sim.tags(shop, target));
    }
    case "store-credit":
      return ok(sim.storeCreditAccounts(shop, query.get("customerId") ?? undefined));
    case "counters":
      if (method === "DELETE") {
        sim.resetCounters(shop);
        return ok({ ok: true });
      }
      return ok(sim.counters(shop));
    case "throttle": {
      const bucket = sim.bucket(shop);
      if (method === "POST") {
        bucket.configure({
          restoreRate: body.restoreRate as number | undefined,
          maximumAvailable: body.bucketSize as number | undefined,
        });
        if (body.drain === true) bucket.drain();
      }
      return ok(bucket.status());
    }
    case "webhooks": {
      if (method !== "POST") return ok(sim.webhookLog.filter((w) => w.shop === shop));
      const result = await sim.sendWebhook(shop, String(body.topic), body.payload, {
        url: body.url as string | undefined,
        eventId: body.eventId as string | undefined,
        webhookId: body.webhookId as string | undefined,
        triggeredAt: body.triggeredAt as string | undefined,
      });
      return ok(summarizeDeliveries([result])[0]);
    }
    case "webhook-url":
      sim.setWebhookUrl((body.url as string | null) ?? null, shop);
      return ok({ shop, webhookUrl: sim.webhookUrlFor(shop) });
    case "settle":
      sim.processBulkCreations(shop);
      return ok({ ok: true });
    default:
      return [404, { error: `Unknown control route ${method} /__sim/${parts.join("/")}` }];
  }
}

export async function handleControl(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator");
  const parts = path
    .replace(/^\/__sim\/?/, "")
    .split("/")
    .filter(Boolean);
  const text = await readBody(req);
  const body = parseParams(text, "application/json");
  if (body === null) return sendJson(res, 400, { error: "Body must be a JSON object" });
  try {
    const [status, value] = await route(sim, req.method ?? "GET", parts, body, url.searchParams);
    sendJson(res, status, value ?? null);
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
  }
}
