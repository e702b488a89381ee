// A typed client for the /__sim/ control API, for processes that do not own the
// Simulator object (the demo, the benchmark, e2e tests against a CLI-started simulator).

import type { PlaceOrderInput, RefundInput } from "./commerce.js";
import type { FaultRule, FaultSpec } from "./faults.js";
import type { CustomerSeed } from "./resolvers/customers.js";
import type { CustomerSummary, DiscountSummary, SeedShopResult } from "./simulator.js";
import type { Counters, ShopSeed } from "./state.js";
import type { ThrottleStatus } from "./bucket.js";

export interface PlacedOrderJson {
  order: {
    id: string;
    legacyResourceId: number;
    name: string;
    customerId: string | null;
    totalPrice: string;
    subtotalPrice: string;
  };
  payload: Record<string, unknown>;
  deliveries: {
    topic: string;
    url: string;
    status: number;
    ok: boolean;
    webhookId: string;
    eventId: string;
    responseBody: string;
  }[];
}

export class SimulatorClient {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__sim/${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`Simulator ${method} /__sim/${path}: ${response.status} ${json.error ?? ""}`);
    return json;
  }

  health = () => this.call<{ ok: boolean; url: string; shops: number }>("GET", "health");
  reset = () => this.call<{ ok: true }>("POST", "reset");
  configure = (config: { restoreRate?: number; bucketSize?: number; webhookUrl?: string | null }) =>
    this.call("POST", "config", config);
  advanceClock = (ms: number) => this.call<{ now: string; offsetMs: number }>("POST", "clock/advance", { ms });
  seedShop = (seed: ShopSeed & { accessToken?: string; webhookUrl?: string | null }) =>
    this.call<SeedShopResult>("POST", "shops", seed);
  issueAccessToken = async (shop: string, options: { online?: boolean; expiring?: boolean } = {}) =>
    (await this.call<{ accessToken: string }>("POST", `shops/${shop}/tokens`, options)).accessToken;
  addCustomer = (shop: string, seed: CustomerSeed) =>
    this.call<CustomerSummary>("POST", `shops/${shop}/customers`, seed);
  customers = (shop: string) => this.call<CustomerSummary[]>("GET", `shops/${shop}/customers`);
  placeOrder = (shop: string, input: PlaceOrderInput & { deliver?: boolean }) =>
    this.call<PlacedOrderJson>("POST", `shops/${shop}/orders`, input);
  markOrderPaid = (shop: string, orderId: string, deliver?: boolean) =>
    this.call<PlacedOrderJson>("POST", `shops/${shop}/orders/${encodeURIComponent(orderId)}/paid`, { deliver });
  cancelOrder = (shop: string, orderId: string, reason = "customer", deliver?: boolean) =>
    this.call<PlacedOrderJson>("POST", `shops/${shop}/orders/${encodeURIComponent(orderId)}/cancel`, {
      reason,
      deliver,
    });
  refundOrder = (shop: string, orderId: string, input: RefundInput & { deliver?: boolean } = {}) =>
    this.call<PlacedOrderJson>("POST", `shops/${shop}/orders/${encodeURIComponent(orderId)}/refund`, input);
  sendWebhook = (
    shop: string,
    topic: string,
    payload: unknown,
    options: { url?: string; eventId?: string; webhookId?: string; triggeredAt?: string } = {},
  ) => this.call("POST", `shops/${shop}/webhooks`, { topic, payload, ...options });
  setWebhookUrl = (shop: string, url: string | null) => this.call("POST", `shops/${shop}/webhook-url`, { url });
  discountCodes = (shop: string) => this.call<DiscountSummary[]>("GET", `shops/${shop}/discounts`);
  codeDiscountByCode = (shop: string, code: string) =>
    this.call<DiscountSummary | null>("GET", `shops/${shop}/discounts/by-code/${encodeURIComponent(code)}`);
  metafields = (shop: string, ownerId: string) =>
    this.call<{ namespace: string; key: string; type: string; value: string }[]>(
      "GET",
      `shops/${shop}/metafields?ownerId=${encodeURIComponent(ownerId)}`,
    );
  flowTriggers = (shop: string) =>
    this.call<{ handle: string | null; payload: unknown; receivedAt: string }[]>("GET", `shops/${shop}/flow-triggers`);
  tags = (shop: string, id: string) => this.call<string[]>("GET", `shops/${shop}/tags?id=${encodeURIComponent(id)}`);
  storeCredit = (shop: string, customerId?: string) =>
    this.call("GET", `shops/${shop}/store-credit${customerId ? `?customerId=${encodeURIComponent(customerId)}` : ""}`);
  counters = (shop: string) => this.call<Counters>("GET", `shops/${shop}/counters`);
  resetCounters = (shop: string) => this.call("DELETE", `shops/${shop}/counters`);
  throttle = (shop: string, options: { drain?: boolean; restoreRate?: number; bucketSize?: number } = {}) =>
    this.call<ThrottleStatus>("POST", `shops/${shop}/throttle`, options);
  settle = (shop: string) => this.call("POST", `shops/${shop}/settle`);
  snapshot = (shop: string) => this.call<Record<string, unknown>>("GET", `shops/${shop}`);
  addFault = async (spec: FaultSpec) => (await this.call<{ id: string }>("POST", "faults", spec)).id;
  faults = () => this.call<FaultRule[]>("GET", "faults");
  removeFault = (id: string) => this.call("DELETE", `faults/${id}`);
  clearFaults = () => this.call("DELETE", "faults");
}
