// A small closed-loop load generator on node:http with keep-alive agents: `connections`
// workers each send a request, wait for the answer, and send the next, for `durationMs`
// (or until `total` requests). Latency is measured per request, from write to last byte.
import http from "node:http";
import { summarize, type LatencySummary } from "./stats";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs?: number;
  total?: number;
  /** requests before measuring starts (JIT, caches, connection set-up) */
  warmup?: number;
  /** builds the i-th request (each may differ: ids, signatures) */
  next: (i: number) => LoadRequest;
  /** HTTP statuses that count as success */
  ok?: (status: number) => boolean;
}

export interface LoadResult extends LatencySummary {
  statuses: Record<number, number>;
}

function send(agent: http.Agent, base: URL, req: LoadRequest): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: { ...(req.headers ?? {}), ...(body ? { "Content-Length": String(body.length) } : {}) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const ok = options.ok ?? ((s: number) => s >= 200 && s < 300);
  let i = 0;
  // warm-up, not measured
  const warm = options.warmup ?? 0;
  await Promise.all(
    Array.from({ length: Math.min(options.connections, warm) }, async () => {
      while (i < warm) await send(agent, base, options.next(i++)).catch(() => undefined);
    }),
  );
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const started = Date.now();
  const deadline = options.durationMs ? started + options.durationMs : Infinity;
  const total = options.total ?? Infinity;
  let sent = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < deadline && sent < total) {
        sent++;
        try {
          const { status, ms } = await send(agent, base, options.next(i++));
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (ok(status)) latencies.push(ms);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  return { ...summarize(latencies, seconds, errors), statuses };
}
