// 1. Webhook ingest: signed orders/create deliveries at 50 connections against the
// production build, next to the same server's HMAC-verified no-op webhook route.
// 5. Memory: the server's peak RSS during the run.
import crypto from "node:crypto";
import { runLoad, type LoadResult } from "./http-load";
import { row, type Row } from "./stats";
import { API_SECRET, type AppServer } from "./env";

export interface IngestOptions {
  server: AppServer;
  shop: string;
  /** advocate codes that exist in the shop (attribution finds them) */
  codes: string[];
  connections: number;
  durationMs: number;
  rounds: number;
}

let orderSeq = 5_000_000_000;

/** An orders/create payload shaped like Shopify's (the fields the engine reads and more). */
export function orderPayload(shop: string, code: string) {
  const id = orderSeq++;
  const customerId = 9_000_000_000 + (id % 1_000_000_000);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id % 100000}`,
    email: `friend${id}@mail.example`,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    browser_ip: `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`,
    currency: "USD",
    presentment_currency: "USD",
    financial_status: "paid",
    fulfillment_status: null,
    cancelled_at: null,
    cancel_reason: null,
    subtotal_price: "80.00",
    current_subtotal_price: "72.00",
    total_price: "77.00",
    current_total_price: "77.00",
    total_discounts: "8.00",
    discount_codes: [{ code, amount: "8.00", type: "percentage" }],
    discount_applications: [
      {
        type: "discount_code",
        value: "10.0",
        value_type: "percentage",
        allocation_method: "across",
        target_selection: "all",
        target_type: "line_item",
        code,
      },
    ],
    note_attributes: [],
    landing_site: `/discount/${code}?redirect=/`,
    customer: {
      id: customerId,
      email: `friend${id}@mail.example`,
      first_name: "Friend",
      last_name: `N${id}`,
      orders_count: 1,
      state: "enabled",
      admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
    },
    line_items: [
      {
        id: id * 10 + 1,
        title: "Wool socks",
        quantity: 2,
        price: "20.00",
        sku: "SOCK-1",
        product_id: 111,
        variant_id: 222,
      },
      {
        id: id * 10 + 2,
        title: "Scarf",
        quantity: 1,
        price: "40.00",
        sku: "SCARF-1",
        product_id: 333,
        variant_id: 444,
      },
    ],
    shipping_address: { first_name: "Friend", last_name: `N${id}`, city: "Sofia", country_code: "BG", zip: "1000" },
    source_name: "web",
    test: false,
    shop_domain: shop,
  };
}

export function signed(path: string, shop: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return {
    method: "POST" as const,
    path,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Hmac-Sha256": crypto.createHmac("sha256", API_SECRET).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": crypto.randomUUID(),
      "X-Shopify-Event-Id": crypto.randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
    body,
  };
}

function merge(a: LoadResult | null, b: LoadResult): LoadResult {
  if (!a) return b;
  // rounds are combined by weighting their percentiles by request count (close enough
  // for a report; the raw rounds are printed too)
  const n = a.count + b.count;
  const w = (x: number, y: number) => (x * a.count + y * b.count) / n;
  return {
    count: n,
    errors: a.errors + b.errors,
    seconds: a.seconds + b.seconds,
    rps: n / (a.seconds + b.seconds),
    p50: w(a.p50, b.p50),
    p95: w(a.p95, b.p95),
    p99: Math.max(a.p99, b.p99),
    max: Math.max(a.max, b.max),
    statuses: Object.fromEntries(
      [...new Set([...Object.keys(a.statuses), ...Object.keys(b.statuses)])].map((k) => [
        k,
        (a.statuses[+k] ?? 0) + (b.statuses[+k] ?? 0),
      ]),
    ),
  };
}

export async function benchIngest(
  o: IngestOptions,
  log: (s: string) => void,
): Promise<{ rows: Row[]; real: LoadResult; base: LoadResult; peakRssMb: number }> {
  const load = (path: string, durationMs = o.durationMs) =>
    runLoad({
      url: o.server.url,
      connections: o.connections,
      durationMs,
      warmup: 200,
      next: (i) => signed(path, o.shop, orderPayload(o.shop, o.codes[i % o.codes.length])),
    });
  let real: LoadResult | null = null;
  let base: LoadResult | null = null;
  o.server.resetPeak();
  // Unmeasured warm-up of both routes: a cold first round (JIT, connection pools) would
  // slow whichever route happens to go first, and flatter the other.
  await load("/bench/webhook", Math.min(2_000, o.durationMs));
  await load("/webhooks", Math.min(2_000, o.durationMs));
  // Alternate baseline and real rounds, so a noisy neighbour hurts both alike.
  for (let r = 0; r < o.rounds; r++) {
    const b = await load("/bench/webhook");
    log(
      `  ingest round ${r + 1} baseline: ${b.rps.toFixed(0)} req/s p50 ${b.p50.toFixed(1)} ms p99 ${b.p99.toFixed(1)} ms errors ${b.errors}`,
    );
    const x = await load("/webhooks");
    log(
      `  ingest round ${r + 1} orders/create: ${x.rps.toFixed(0)} req/s p50 ${x.p50.toFixed(1)} ms p99 ${x.p99.toFixed(1)} ms errors ${x.errors} ${JSON.stringify(x.statuses)}`,
    );
    base = merge(base, b);
    real = merge(real, x);
  }
  const peakRssMb = o.server.peakRssMb();
  const rows = [
    row({
      bench: "ingest",
      figure: "orders/create req/s",
      value: real!.rps,
      unit: "req/s",
      baseline: base!.rps,
      target: ">= 0.70x baseline",
      pass: real!.rps >= 0.7 * base!.rps && real!.errors === 0,
    }),
    row({ bench: "ingest", figure: "orders/create p50", value: real!.p50, unit: "ms", baseline: base!.p50 }),
    row({
      bench: "ingest",
      figure: "orders/create p99",
      value: real!.p99,
      unit: "ms",
      baseline: base!.p99,
      target: "< 50 ms",
      pass: real!.p99 < 50,
    }),
    row({
      bench: "memory",
      figure: "server peak RSS (ingest)",
      value: peakRssMb,
      unit: "MB",
      target: "< 300 MB",
      pass: peakRssMb < 300,
    }),
  ];
  return { rows, real: real!, base: base!, peakRssMb };
}
