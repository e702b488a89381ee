// 1c. Webhook ingest, open loop: signed orders/create deliveries arriving at fixed rates
// (Poisson), as Shopify sends them, whatever the server is doing. The rates are 25%, 50%
// and 75% of the maximum throughput of the HMAC-verified no-op route (measured first,
// closed loop), and at each rate the no-op route and the real route get the same arrival
// schedule, one after the other, so the ratio compares the routes and not the moment.
import { runLoad, runOpenLoad, type OpenLoadResult } from "./http-load";
import { orderPayload, signed } from "./ingest";
import { row, type Row } from "./stats";
import type { AppServer } from "./env";

export interface IngestOpenOptions {
  server: AppServer;
  shop: string;
  codes: string[];
  /** closed-loop connections and duration of the maximum-throughput measurement */
  connections: number;
  maxDurationMs: number;
  /** duration of each open-loop run */
  durationMs: number;
  shares: number[];
  /** waits until the worker has no recorded deliveries left (so a run starts quiet) */
  quiet: () => Promise<void>;
}

export interface OpenRun {
  share: number;
  rate: number;
  base: OpenLoadResult;
  real: OpenLoadResult;
}

export async function benchIngestOpen(
  o: IngestOpenOptions,
  log: (s: string) => void,
): Promise<{ rows: Row[]; maxRps: number; runs: OpenRun[] }> {
  const request = (path: string) => (i: number) =>
    signed(path, o.shop, orderPayload(o.shop, o.codes[i % o.codes.length]));
  // warm both routes (JIT, pools), then the no-op route's maximum
  await runLoad({ url: o.server.url, connections: o.connections, durationMs: 1_000, next: request("/webhooks") });
  await o.quiet();
  const max = await runLoad({
    url: o.server.url,
    connections: o.connections,
    durationMs: o.maxDurationMs,
    warmup: 200,
    next: request("/bench/webhook"),
  });
  log(`  ingest-open: no-op route maximum ${max.rps.toFixed(0)} req/s (${o.connections} connections, closed loop)`);
  const runs: OpenRun[] = [];
  const describe = (r: OpenLoadResult) =>
    `${(r.count / r.seconds).toFixed(0)}/s of ${r.scheduled} p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms errors ${r.errors} timeouts ${r.timeouts}`;
  for (const [k, share] of o.shares.entries()) {
    const rate = share * max.rps;
    const open = (path: string) =>
      runOpenLoad({ url: o.server.url, rate, durationMs: o.durationMs, seed: k + 1, next: request(path) });
    await o.quiet();
    const base = await open("/bench/webhook");
    await o.quiet();
    const real = await open("/webhooks");
    log(
      `  ingest-open ${share * 100}% (${rate.toFixed(0)}/s): no-op ${describe(base)}; orders/create ${describe(real)}`,
    );
    runs.push({ share, rate, base, real });
  }
  await o.quiet();
  const rows: Row[] = [
    row({ bench: "ingest-open", figure: "no-op route max (closed loop)", value: max.rps, unit: "req/s" }),
  ];
  for (const r of runs) {
    const at = `${r.share * 100}% (${r.rate.toFixed(0)}/s)`;
    const failures = r.real.errors + r.real.timeouts;
    rows.push(
      row({
        bench: "ingest-open",
        figure: `${at}: achieved rate`,
        value: r.real.count / r.real.seconds,
        unit: "/s",
        baseline: r.base.count / r.base.seconds,
      }),
      row({ bench: "ingest-open", figure: `${at}: p50`, value: r.real.p50, unit: "ms", baseline: r.base.p50 }),
      row({
        bench: "ingest-open",
        figure: `${at}: p99`,
        value: r.real.p99,
        unit: "ms",
        baseline: r.base.p99,
        ...(r.share === 0.5 ? { target: "< 50 ms", pass: r.real.p99 < 50 && failures === 0 } : {}),
      }),
      row({
        bench: "ingest-open",
        figure: `${at}: errors + timeouts`,
        value: failures,
        unit: "",
        baseline: r.base.errors + r.base.timeouts,
      }),
    );
  }
  return { rows, maxRps: max.rps, runs };
}
