// 3. Storefront: GET /apps/referrals/api/me (the app-proxy endpoint the account block
// calls) for logged-in advocates of a shop with 1,000,000 referrals and 100,000
// advocates, next to a signed no-op app-proxy route on the same server.
import crypto from "node:crypto";
import { runLoad, type LoadResult } from "./http-load";
import { row, type Row } from "./stats";
import { API_SECRET, type AppServer } from "./env";

/** Shopify's app-proxy signature: HMAC-SHA256 (hex) of the sorted key=value pairs, joined with nothing. */
export function signProxyPath(path: string, params: Record<string, string>, secret = API_SECRET) {
  const message = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("");
  const signature = crypto.createHmac("sha256", secret).update(message).digest("hex");
  return `${path}?${new URLSearchParams({ ...params, signature }).toString()}`;
}

export function proxyRequest(path: string, shop: string, customerId: string, i = 0) {
  return {
    method: "GET" as const,
    // Shopify's proxy appends the visitor's address; visitors differ, as in a real shop
    headers: { "X-Forwarded-For": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
    path: signProxyPath(path, {
      shop,
      logged_in_customer_id: customerId,
      path_prefix: "/apps/referrals",
      timestamp: String(Math.floor(Date.now() / 1000)),
    }),
  };
}

/**
 * Measured twice, each time as rounds of baseline then /api/me: with one connection (the
 * latency one shopper feels: the target) and with `connections` at once (a busy shop: the
 * figure to compare with the baseline under the same load; on two shared cores requests
 * queue, so the baseline's own p95 grows with the connections).
 */
export async function benchStorefront(
  o: {
    server: AppServer;
    shop: string;
    customerIds: (i: number) => string;
    connections: number;
    durationMs: number;
    rounds: number;
  },
  log: (s: string) => void,
): Promise<{ rows: Row[]; real: LoadResult; base: LoadResult; sample: unknown }> {
  const measure = async (connections: number) => {
    const load = (path: string) =>
      runLoad({
        url: o.server.url,
        connections,
        durationMs: o.durationMs,
        warmup: 50,
        next: (i) => proxyRequest(path, o.shop, o.customerIds(i), i),
      });
    const all = { real: [] as LoadResult[], base: [] as LoadResult[] };
    for (let r = 0; r < o.rounds; r++) {
      const b = await load("/proxy/bench");
      const x = await load("/proxy/api/me");
      log(
        `  storefront ${connections} conn round ${r + 1}: baseline p95 ${b.p95.toFixed(1)} ms (${b.rps.toFixed(0)} req/s), /api/me p95 ${x.p95.toFixed(1)} ms (${x.rps.toFixed(0)} req/s) errors ${x.errors} ${JSON.stringify(x.statuses)}`,
      );
      all.base.push(b);
      all.real.push(x);
    }
    // the median round: a stray noisy round neither hides nor invents a problem
    const median = (list: LoadResult[]) => [...list].sort((a, b) => a.p95 - b.p95)[Math.floor(list.length / 2)];
    return { real: median(all.real), base: median(all.base) };
  };
  const single = await measure(1);
  const loaded = await measure(o.connections);
  const sample = await fetch(`${o.server.url}${proxyRequest("/proxy/api/me", o.shop, o.customerIds(1)).path}`).then(
    (r) => r.json(),
  );
  const busy = `${o.connections} conns`;
  const rows = [
    row({
      bench: "storefront",
      figure: "/api/me p50, 1 conn",
      value: single.real.p50,
      unit: "ms",
      baseline: single.base.p50,
    }),
    row({
      bench: "storefront",
      figure: "/api/me p95, 1 conn",
      value: single.real.p95,
      unit: "ms",
      baseline: single.base.p95,
      target: "< 30 ms",
      pass: single.real.p95 < 30 && single.real.errors === 0,
    }),
    row({
      bench: "storefront",
      figure: `/api/me p50, ${busy}`,
      value: loaded.real.p50,
      unit: "ms",
      baseline: loaded.base.p50,
    }),
    row({
      bench: "storefront",
      figure: `/api/me p95, ${busy}`,
      value: loaded.real.p95,
      unit: "ms",
      baseline: loaded.base.p95,
    }),
    row({
      bench: "storefront",
      figure: `/api/me req/s, ${busy}`,
      value: loaded.real.rps,
      unit: "req/s",
      baseline: loaded.base.rps,
    }),
  ];
  return { rows, real: loaded.real, base: loaded.base, sample };
}
