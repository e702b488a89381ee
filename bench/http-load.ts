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

/** One request on `agent`: its status and how long the answer took. */
export function send(agent: http.Agent, base: URL, req: LoadRequest): Promise<{ status: number; ms: number }> {
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

// Open loop: requests arrive on a schedule of their own (Poisson: exponential gaps at
// `rate` per second), whatever the server is doing; a send never waits for an earlier
// answer. Latency runs from each request's *scheduled* time, so a stalled server or a
// late timer is charged to the requests it delayed (no coordinated omission).
export interface OpenLoadOptions {
  url: string;
  /** mean arrivals per second */
  rate: number;
  durationMs: number;
  next: (i: number) => LoadRequest;
  ok?: (status: number) => boolean;
  /** an answer later than this counts as a timeout, not a latency */
  timeoutMs?: number;
  /** seeds the arrival schedule, so both routes at one rate can get the same one */
  seed?: number;
}

export interface OpenLoadResult extends LatencySummary {
  statuses: Record<number, number>;
  /** arrivals scheduled, and answered within the timeout with an ok status (per second: rps) */
  scheduled: number;
  timeouts: number;
}

/** mulberry32: a small seeded generator (the schedule must not depend on Math.random's state) */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runOpenLoad(options: OpenLoadOptions): Promise<OpenLoadResult> {
  const base = new URL(options.url);
  // no socket limit: a queue in the agent would make a send wait for earlier answers
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const ok = options.ok ?? ((s: number) => s >= 200 && s < 300);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const rnd = random(options.seed ?? 1);
  const arrivals: number[] = [];
  const gap = () => -Math.log(1 - rnd()) * (1000 / options.rate);
  for (let t = gap(); t < options.durationMs; t += gap()) arrivals.push(t);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let timeouts = 0;
  const start = Number(process.hrtime.bigint()) / 1e6;
  const now = () => Number(process.hrtime.bigint()) / 1e6 - start;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < arrivals.length; i++) {
    const at = arrivals[i];
    const wait = at - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const req = options.next(i);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"timeout">(
      (r) => (timer = setTimeout(() => r("timeout"), Math.max(0, at + timeoutMs - now()))),
    );
    inFlight.push(
      Promise.race([send(agent, base, req), late]).then(
        (answer) => {
          clearTimeout(timer);
          if (answer === "timeout") return void timeouts++;
          const ms = now() - at;
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (!ok(answer.status)) errors++;
          else latencies.push(ms);
        },
        () => {
          clearTimeout(timer);
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  const summary = summarize(latencies, options.durationMs / 1000, errors);
  return { ...summary, statuses, scheduled: arrivals.length, timeouts };
}
