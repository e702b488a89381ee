// `npm run bench`: what users feel, on SQLite and on PostgreSQL, each figure next to a
// baseline measured in the same run (the machines are shared and noisy: a ratio holds,
// an absolute time alone does not). See BENCHMARKS.md for the figures and how to read them.
//
//   npm run bench                          everything, on SQLite and PostgreSQL
//   npm run bench -- --db sqlite|postgres|both|current
//   npm run bench -- --only ingest,ingest-open,reward-latency,issuance,storefront,dashboard,dashboard-lcp,scaleout
//   npm run bench -- --quick               small sizes: a smoke run of the bench itself
//   npm run bench -- --json out.json       also write the rows as JSON
import fs from "node:fs";
import os from "node:os";
import { startSimulator } from "../simulator/index";
import { benchDashboard } from "./dashboard";
import { benchDashboardLcp, type LcpSample } from "./dashboard-lcp";
import {
  createDatabase,
  currentDatabase,
  startAppServer,
  API_KEY,
  API_SECRET,
  BENCH_WORKER_POLL_MS,
  SCOPES,
  type BenchDatabase,
  type Provider,
} from "./env";
import { benchIngest } from "./ingest";
import { benchIngestOpen, type OpenRun } from "./ingest-open";
import { benchIssuance, type ShopRun } from "./issuance";
import { benchRewardLatency, type RewardLatencyResult } from "./reward-latency";
import { benchScaleOut } from "./scaleout";
import { connect, seedShop, seedVolume, advocateCustomerBase } from "./seed";
import { benchStorefront } from "./storefront";
import { row, table, type Row } from "./stats";

// run in this order: the read benches on a quiet server, then the write-heavy ones
export const BENCHES = [
  "storefront",
  "dashboard",
  "dashboard-lcp",
  "reward-latency",
  "ingest",
  "ingest-open",
  "issuance",
  "scaleout",
] as const;
export type BenchName = (typeof BENCHES)[number];

export interface BenchOptions {
  db: "sqlite" | "postgres" | "both" | "current";
  only: BenchName[];
  quick: boolean;
  log?: (s: string) => void;
}

export interface DbReport {
  provider: Provider;
  rows: Row[];
  seedSeconds: number;
  issuance?: { single: ShopRun; many: ShopRun[] };
  storefrontSample?: unknown;
  ingestCount?: number;
  dashboardLcp?: { referrals: number; samples: LcpSample[] }[];
  ingestOpen?: { maxRps: number; runs: OpenRun[] };
  rewardLatency?: Omit<RewardLatencyResult, "rows">;
}

/** Sizes of a full run and of a --quick smoke run. */
function sizes(quick: boolean) {
  return quick
    ? {
        volumes: [
          { label: "s", referrals: 1_000, advocates: 100, rewards: 200 },
          { label: "m", referrals: 10_000, advocates: 1_000, rewards: 1_000 },
        ],
        ingest: { connections: 10, durationMs: 1_000, rounds: 1 },
        ingestOpen: { connections: 10, maxDurationMs: 1_000, durationMs: 1_000, shares: [0.25, 0.5, 0.75] },
        rewardLatency: { orders: 5, spacingMs: 300, timeoutMs: 15_000 },
        storefront: { connections: 4, durationMs: 1_000, rounds: 1 },
        dashboard: { requests: 10, connections: 1 },
        dashboardLcp: { loads: 3 },
        issuance: { restoreRate: 200, bucketSize: 100, single: 60, shops: 3, perShop: 20, timeoutMs: 30_000 },
        drainMs: 2_000,
      }
    : {
        volumes: [
          { label: "10k", referrals: 10_000, advocates: 1_000, rewards: 2_000 },
          { label: "100k", referrals: 100_000, advocates: 10_000, rewards: 20_000 },
          { label: "1m", referrals: 1_000_000, advocates: 100_000, rewards: 200_000 },
        ],
        ingest: { connections: 50, durationMs: 8_000, rounds: 2 },
        ingestOpen: { connections: 50, maxDurationMs: 8_000, durationMs: 10_000, shares: [0.25, 0.5, 0.75] },
        rewardLatency: { orders: 40, spacingMs: 400, timeoutMs: 30_000 },
        storefront: { connections: 8, durationMs: 8_000, rounds: 3 },
        dashboard: { requests: 60, connections: 1 },
        dashboardLcp: { loads: 20 },
        issuance: { restoreRate: 100, bucketSize: 1000, single: 2000, shops: 20, perShop: 200, timeoutMs: 600_000 },
        drainMs: 20_000,
      };
}

async function benchOne(database: BenchDatabase, o: BenchOptions): Promise<DbReport> {
  const log = o.log ?? ((s: string) => console.log(s));
  const size = sizes(o.quick);
  const want = (b: BenchName) => o.only.includes(b);
  const report: DbReport = { provider: database.provider, rows: [], seedSeconds: 0 };
  const sim = await startSimulator({
    appApiKey: API_KEY,
    appSecret: API_SECRET,
    restoreRate: size.issuance.restoreRate,
    bucketSize: size.issuance.bucketSize,
    webhookUrl: null,
    flowTriggerHandles: [],
  });
  const sql = await connect(database.provider, database.url);
  const stamp = `${Date.now().toString(36)}`;
  const shopOf = (label: string) => `bench-${label}-${stamp}.myshopify.com`;
  let server: Awaited<ReturnType<typeof startAppServer>> | null = null;
  try {
    const seedStarted = Date.now();
    const volumes = want("storefront") || want("dashboard") || want("dashboard-lcp") ? size.volumes : [];
    for (const v of [{ label: "ingest", referrals: 0, advocates: 0, rewards: 0 }, ...volumes]) {
      const shop = shopOf(v.label);
      const { accessToken } = sim.seedShop({ domain: shop, currencyCode: "USD", name: v.label });
      await seedShop(sql, shop, accessToken, SCOPES);
      if (v.referrals > 0) {
        const t = Date.now();
        await seedVolume(sql, shop, `${v.label}${stamp}`, v);
        log(
          `  seeded ${shop}: ${v.referrals} referrals, ${v.advocates} advocates in ${((Date.now() - t) / 1000).toFixed(1)} s`,
        );
      }
    }
    report.seedSeconds = (Date.now() - seedStarted) / 1000;
    server = await startAppServer({ databaseUrl: database.url, simulatorUrl: sim.url });

    if (want("storefront")) {
      const big = size.volumes[size.volumes.length - 1];
      const r = await benchStorefront(
        {
          server,
          shop: shopOf(big.label),
          // every request a different advocate, spread over the whole shop
          customerIds: (i) => String(advocateCustomerBase + ((i * 7919) % big.advocates)),
          ...size.storefront,
        },
        log,
      );
      report.rows.push(...r.rows);
      report.storefrontSample = r.sample;
    }
    if (want("dashboard")) {
      const r = await benchDashboard(
        {
          server,
          provider: database.provider,
          shops: size.volumes.map((v) => ({ shop: shopOf(v.label), referrals: v.referrals })),
          ...size.dashboard,
        },
        log,
      );
      report.rows.push(...r.rows);
    }
    if (want("dashboard-lcp")) {
      const r = await benchDashboardLcp(
        {
          server,
          shops: size.volumes.map((v) => ({ shop: shopOf(v.label), referrals: v.referrals })),
          ...size.dashboardLcp,
        },
        log,
      );
      report.rows.push(...r.rows);
      report.dashboardLcp = r.bySize;
    }
    // Before the ingest benches: in a --quick trial run after them, each reward took about
    // 2 s against 0.1-0.2 s on an idle worker (their thousands of paid orders leave the
    // worker a backlog, presumably the buyers they enrol as advocates).
    if (want("reward-latency")) {
      const { rows, ...rest } = await benchRewardLatency(
        { server, sql, sim, ...size.rewardLatency, pollMs: BENCH_WORKER_POLL_MS },
        log,
      );
      report.rows.push(...rows);
      report.rewardLatency = rest;
    }
    if (want("ingest")) {
      const r = await benchIngest(
        { server, shop: shopOf("ingest"), codes: ["WELCOME10", "SPRING15", "FREESHIP"], ...size.ingest },
        log,
      );
      report.rows.push(...r.rows);
      report.ingestCount = r.real.count;
      // The in-process worker goes on with the recorded deliveries (orders without a
      // referral code). Measure how fast for a while, then set the rest aside so the
      // next bench runs on a quiet server.
      const backlog = async () =>
        Number(
          (
            await sql.query<{ n: number | string }>(
              `SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "status" = 'received'`,
            )
          )[0].n,
        );
      const before = await backlog();
      const t = Date.now();
      while (Date.now() - t < size.drainMs && (await backlog()) > 0) await new Promise((res) => setTimeout(res, 250));
      const after = await backlog();
      const drainRate = (before - after) / ((Date.now() - t) / 1000);
      log(
        `  worker: ${before - after} of ${before} recorded deliveries processed in ${((Date.now() - t) / 1000).toFixed(1)} s (${drainRate.toFixed(0)}/s)`,
      );
      // with no backlog left the worker kept pace with the load: there is no rate to report
      if (before > 10)
        report.rows.push(
          row({
            bench: "ingest",
            figure: "worker: deliveries processed/s",
            value: drainRate,
            unit: "/s",
            baseline: r.real.rps,
          }),
        );
      await sql.exec(
        `UPDATE "WebhookDelivery" SET "status" = 'processed', "lastError" = 'set aside by the bench' WHERE "status" = 'received'`,
      );
    }
    // Recorded deliveries the in-process worker has not reached yet (orders without a
    // referral code): an open-loop run starts only when they are gone, so one run's
    // backlog does not load the next.
    const backlog = async () =>
      Number(
        (
          await sql.query<{ n: number | string }>(
            `SELECT COUNT(*) AS n FROM "WebhookDelivery" WHERE "status" = 'received'`,
          )
        )[0].n,
      );
    if (want("ingest-open")) {
      const r = await benchIngestOpen(
        {
          server,
          shop: shopOf("ingest"),
          codes: ["WELCOME10", "SPRING15", "FREESHIP"],
          ...size.ingestOpen,
          quiet: async () => {
            const t = Date.now();
            while (Date.now() - t < 30_000 && (await backlog()) > 0) await new Promise((res) => setTimeout(res, 100));
            await sql.exec(
              `UPDATE "WebhookDelivery" SET "status" = 'processed', "lastError" = 'set aside by the bench' WHERE "status" = 'received'`,
            );
          },
        },
        log,
      );
      report.rows.push(...r.rows);
      report.ingestOpen = { maxRps: r.maxRps, runs: r.runs };
    }
    if (want("issuance")) {
      const r = await benchIssuance({ sql, sim, ...size.issuance }, log);
      report.rows.push(...r.rows);
      report.issuance = { single: r.single, many: r.many };
    }
    if (want("scaleout")) {
      if (database.provider !== "postgresql") {
        log("  scaleout: not applicable on SQLite (worker processes share a database only on PostgreSQL)");
      } else {
        // Only the worker processes issue: the web server's in-process worker is stopped.
        await server?.stop();
        server = null;
        report.rows.push(
          ...(await benchScaleOut(
            { sql, sim, databaseUrl: database.url, ...size.issuance, workerCounts: [1, 2] },
            log,
          )),
        );
      }
    }
    return report;
  } catch (error) {
    if (server) console.error(server.logs().slice(-5000));
    throw error;
  } finally {
    await server?.stop();
    await sql.close();
    await sim.stop();
  }
}

export async function runBench(o: BenchOptions): Promise<DbReport[]> {
  const log = o.log ?? ((s: string) => console.log(s));
  const providers: ("sqlite" | "postgresql" | "current")[] =
    o.db === "both"
      ? ["sqlite", "postgresql"]
      : o.db === "postgres"
        ? ["postgresql"]
        : o.db === "sqlite"
          ? ["sqlite"]
          : ["current"];
  const reports: DbReport[] = [];
  for (const p of providers) {
    const database = p === "current" ? await currentDatabase() : await createDatabase(p);
    log(`\n== ${database.provider}${o.quick ? " (quick)" : ""}: ${o.only.join(", ")}`);
    try {
      const report = await benchOne(database, o);
      log(
        `\n${database.provider}, ${os.cpus().length} CPUs, Node ${process.version}${o.quick ? ", --quick sizes" : ""}:\n${table(report.rows)}`,
      );
      reports.push(report);
    } finally {
      await database.drop();
    }
  }
  return reports;
}

function parseArgs(argv: string[]): BenchOptions & { json?: string } {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const db = (value("--db") ?? "both") as BenchOptions["db"];
  if (!["sqlite", "postgres", "both", "current"].includes(db))
    throw new Error(`--db sqlite|postgres|both|current (got ${db})`);
  const only = (value("--only")?.split(",") ?? [...BENCHES]) as BenchName[];
  for (const b of only) if (!BENCHES.includes(b)) throw new Error(`--only takes ${BENCHES.join(",")} (got ${b})`);
  return { db, only, quick: argv.includes("--quick"), json: value("--json") };
}

const isMain = process.argv[1] && /bench[\\/]run\.ts$/.test(process.argv[1]);
if (isMain) {
  const options = parseArgs(process.argv.slice(2));
  runBench(options).then(
    (reports) => {
      if (options.json) fs.writeFileSync(options.json, JSON.stringify(reports, null, 2));
      const failed = reports.flatMap((r) =>
        r.rows.filter((x) => x.pass === false).map((x) => `${r.provider}: ${x.bench} ${x.figure}`),
      );
      console.log(failed.length ? `\nmissed targets:\n  ${failed.join("\n  ")}` : "\nall targets met");
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
