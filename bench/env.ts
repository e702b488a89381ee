// The world a bench runs in: a database of its own (a SQLite file or a PostgreSQL
// database, created, migrated and removed by the bench), the Shopify simulator, and the
// production build served by `node server.mjs`, as `npm start` serves it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { resolveDatabase } from "../app/lib/database-target.js";
import { migrate } from "../scripts/migrate.mjs";
import { freePort, startAppProcess } from "../scripts/demo/app-process";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const API_KEY = process.env.SHOPIFY_API_KEY ?? "bench-api-key";
export const API_SECRET = process.env.SHOPIFY_API_SECRET ?? "bench-api-secret";
export const SCOPES = process.env.SCOPES ?? "read_orders,write_orders,read_customers,write_customers,write_discounts";

/** the bench server's worker poll interval when idle (a webhook wakes it sooner) */
export const BENCH_WORKER_POLL_MS = 250;

export type Provider = "sqlite" | "postgresql";

export interface BenchDatabase {
  provider: Provider;
  url: string;
  /** removes what the bench created (nothing for a database it was given) */
  drop: () => Promise<void>;
}

/** A fresh, migrated database for one bench run. */
export async function createDatabase(
  provider: Provider,
  pgServer = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
): Promise<BenchDatabase> {
  if (provider === "postgresql") {
    const name = `referral_bench_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgServer });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(pgServer);
    url.pathname = `/${name}`;
    await migrate({ ...process.env, DATABASE_URL: url.toString() });
    return {
      provider,
      url: url.toString(),
      async drop() {
        const c = new pg.Client({ connectionString: pgServer });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "referral-bench-"));
  const url = `file:${path.join(dir, "bench.sqlite")}`;
  await migrate({ ...process.env, DATABASE_URL: url });
  return { provider, url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The database the caller already uses (the smoke test's): migrated, never dropped. */
export async function currentDatabase(): Promise<BenchDatabase> {
  const { provider, url } = resolveDatabase(process.env);
  await migrate(process.env);
  return { provider, url, drop: async () => {} };
}

export interface AppServer {
  url: string;
  pid: number;
  /** resident set size now, and the peak since the last resetPeak (kB from /proc) */
  rssMb: () => number;
  /** highest RSS seen by the sampler since the last resetPeak */
  peakRssMb: () => number;
  resetPeak: () => void;
  logs: () => string;
  stop: () => Promise<void>;
}

function readRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** `node server.mjs` on the production build, with the bench's database and simulator. */
export async function startAppServer(options: {
  databaseUrl: string;
  simulatorUrl: string;
  worker?: boolean;
  env?: Record<string, string>;
}): Promise<AppServer> {
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js")))
    throw new Error("no production build: run `npx remix vite:build` first");
  const app = await startAppProcess({
    port: await freePort(),
    readyPath: "/bench/webhook",
    env: {
      // "test", not "production": the app refuses SHOPIFY_SIMULATOR_URL in production.
      NODE_ENV: "test",
      DATABASE_URL: options.databaseUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SCOPES,
      SHOPIFY_SIMULATOR_URL: options.simulatorUrl,
      RUN_WORKER: options.worker === false ? "false" : "true",
      WORKER_POLL_MS: String(BENCH_WORKER_POLL_MS),
      BENCH_ROUTES: "1",
      ...(options.env ?? {}),
    },
  });
  const pid = app.child.pid!;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, readRssMb(pid))), 25);
  return {
    url: app.url,
    pid,
    rssMb: () => readRssMb(pid),
    peakRssMb: () => Math.max(peak, readRssMb(pid)),
    resetPeak: () => (peak = readRssMb(pid)),
    logs: app.logs,
    async stop() {
      clearInterval(sampler);
      await app.stop();
    },
  };
}
