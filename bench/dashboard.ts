// 4. Dashboard: the dashboard loader (GET /app.data?_routes=routes/app._index, with a session
// token, through authenticate.admin) for shops with 10,000, 100,000 and 1,000,000
// referrals; the 10,000 shop is the baseline its growth is measured against.
import { mintSessionToken } from "../simulator/app-bridge-stub";
import { runLoad, type LoadResult } from "./http-load";
import { row, type Row } from "./stats";
import { API_KEY, API_SECRET, type AppServer, type Provider } from "./env";

export function dashboardRequest(shop: string, range = "30d") {
  return {
    method: "GET" as const,
    // Remix single fetch: the loader's data alone (turbo-stream), as a client navigation gets it
    path: `/app.data?range=${range}&_routes=${encodeURIComponent("routes/app._index")}`,
    // a browser's agent: the Shopify library answers self-declared bots 410
    headers: {
      Authorization: `Bearer ${mintSessionToken(shop, API_KEY, API_SECRET)}`,
      "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
    },
  };
}

export async function benchDashboard(
  o: {
    server: AppServer;
    provider: Provider;
    shops: { shop: string; referrals: number }[];
    requests: number;
    connections: number;
  },
  log: (s: string) => void,
): Promise<{ rows: Row[]; bySize: { referrals: number; result: LoadResult }[] }> {
  const bySize: { referrals: number; result: LoadResult }[] = [];
  for (const { shop, referrals } of o.shops) {
    const check = await fetch(`${o.server.url}${dashboardRequest(shop).path}`, {
      headers: dashboardRequest(shop).headers,
    });
    const text = await check.text();
    if (check.status !== 200 || !text.includes("topAdvocates"))
      throw new Error(`dashboard for ${shop}: HTTP ${check.status} ${text.slice(0, 300)}`);
    const result = await runLoad({
      url: o.server.url,
      connections: o.connections,
      total: o.requests,
      warmup: 5,
      next: () => dashboardRequest(shop),
    });
    log(
      `  dashboard ${referrals} referrals: p50 ${result.p50.toFixed(1)} ms p95 ${result.p95.toFixed(1)} ms errors ${result.errors}`,
    );
    bySize.push({ referrals, result });
  }
  const smallest = bySize[0];
  const largest = bySize[bySize.length - 1];
  const rows: Row[] = bySize.map(({ referrals, result }) =>
    row({
      bench: "dashboard",
      figure: `loader p95 @ ${referrals.toLocaleString("en")} referrals`,
      value: result.p95,
      unit: "ms",
      baseline: referrals === smallest.referrals ? undefined : smallest.result.p95,
      ...(referrals === largest.referrals
        ? {
            target: `< 200 ms${o.provider === "postgresql" ? "" : " (PG target)"}; <= 2x`,
            pass: result.p95 < 200 && result.p95 <= 2 * smallest.result.p95,
          }
        : {}),
    }),
  );
  return { rows, bySize };
}
