// Issuance by worker processes of their own (`npm run worker`: `node server.mjs
// --worker-only` on the production build), 1 and then 2 of them on one database, with no
// web process issuing: the same runs as bench 2 (one shop's 2,000 rewards, 20 shops × 200)
// plus the THROTTLED answers Shopify gave and the workers' CPU time per issued reward
// (utime + stime from /proc, so it is the processes' own work, not the simulator's or
// the database's).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { SERVER_NODE_FLAGS } from "../scripts/demo/app-process";
import type { Simulator } from "../simulator/index";
import { API_KEY, API_SECRET, ROOT, SCOPES } from "./env";
import { benchIssuance } from "./issuance";
import type { Sql } from "./seed";
import { row, type Row } from "./stats";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time of a process so far, in ms (0 once it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

interface WorkerProc {
  child: ChildProcess;
  logs: () => string;
  stop: () => Promise<void>;
}

function startWorkerProcess(databaseUrl: string, simulatorUrl: string): Promise<WorkerProc> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.mjs", "--worker-only"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: "https://bench.invalid",
      SCOPES,
      SHOPIFY_SIMULATOR_URL: simulatorUrl,
      WORKER_POLL_MS: "250",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc: WorkerProc = {
    child,
    logs: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  // Up once it has read the database (a line on stdout) or after a few seconds.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(proc), 5_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code}):\n${output}`));
    });
    child.stdout!.once("data", () => {
      clearTimeout(timer);
      resolve(proc);
    });
  });
}

export interface ScaleOutOptions {
  sql: Sql;
  sim: Simulator;
  databaseUrl: string;
  restoreRate: number;
  bucketSize: number;
  single: number;
  shops: number;
  perShop: number;
  timeoutMs: number;
  workerCounts: number[];
}

export async function benchScaleOut(o: ScaleOutOptions, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of o.workerCounts) {
    const label = `${n} worker proc${n > 1 ? "s" : ""}`;
    log(`  issuance by ${label}`);
    const workers = await Promise.all(Array.from({ length: n }, () => startWorkerProcess(o.databaseUrl, o.sim.url)));
    // Start-up (loading the build, connecting) is not work per reward: measure from when
    // the idle workers have settled (less than 20 ms of CPU in half a second, at most 20 s).
    for (let until = Date.now() + 20_000; Date.now() < until;) {
      const a = workers.reduce((s, w) => s + cpuMs(w.child.pid!), 0);
      await new Promise((r) => setTimeout(r, 500));
      if (workers.reduce((s, w) => s + cpuMs(w.child.pid!), 0) - a < 20) break;
    }
    const cpuBefore = workers.map((w) => cpuMs(w.child.pid!));
    try {
      const r = await benchIssuance({ ...o }, (s) => log(`  [${label}]${s}`));
      const cpu = workers.reduce((sum, w, i) => sum + cpuMs(w.child.pid!) - cpuBefore[i], 0);
      const issued = r.single.issued + r.many.reduce((s, x) => s + x.issued, 0);
      const throttledSingle = r.single.throttled;
      const throttledMany = r.many.reduce((s, x) => s + x.throttled, 0);
      rows.push(
        ...r.rows.map((x) => ({ ...x, bench: `issuance, ${label}` })),
        row({ bench: `issuance, ${label}`, figure: "1 shop: THROTTLED answers", value: throttledSingle, unit: "" }),
        row({
          bench: `issuance, ${label}`,
          figure: `${o.shops} shops: THROTTLED answers`,
          value: throttledMany,
          unit: "",
        }),
        row({
          bench: `issuance, ${label}`,
          figure: "worker CPU per issued reward",
          value: issued ? cpu / issued : 0,
          unit: "ms",
          target: "<= 5 ms",
          pass: issued > 0 && cpu / issued <= 5,
        }),
      );
    } catch (error) {
      for (const w of workers) console.error(w.logs().slice(-3000));
      throw error;
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }
  return rows;
}
