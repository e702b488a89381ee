// The fault suite from the command line:
//   npm run fault -- --orders 300 --shops 3 --advocates 8 --faults 0.2 --kills 6 --seed 7
//   DATABASE_URL=postgresql://... npm run fault -- --processes 2    # 2 web + 2 worker processes
// Runs on a fresh database of its own (a temporary SQLite file, or a fresh database on
// the PostgreSQL server DATABASE_URL names, dropped afterwards), prints the figures and
// exits 1 if any referral or reward was lost or duplicated. Several processes share one
// database only on PostgreSQL: asked for on SQLite, the run says it does not apply and
// exits 0 without running.
import { parseArgs } from "node:util";
import "../setup/env";
import setupDatabase from "../setup/global-setup";

const { values } = parseArgs({
  options: {
    orders: { type: "string" },
    shops: { type: "string" },
    advocates: { type: "string" },
    faults: { type: "string" },
    kills: { type: "string" },
    processes: { type: "string" },
    web: { type: "string" },
    workers: { type: "string" },
    small: { type: "boolean" },
    seed: { type: "string" },
    concurrency: { type: "string" },
    "restore-rate": { type: "string" },
    timeout: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(`npm run fault -- [options]
  --orders N        referred orders to send (300)
  --shops N         shops (3)
  --advocates N     advocates per shop (8)
  --faults SHARE    share of Admin API calls that fail, 0..1 or a percentage like 20% (0.2)
  --kills N         times a process (one of them at random) is SIGKILLed and restarted (6)
  --processes N     N web processes and N worker processes (PostgreSQL only)
  --web N           web processes taking the webhooks by turns (0: this process takes them)
  --workers N       worker processes (1; more than one: PostgreSQL only)
  --small           the CI size: 60 orders, 2 shops x 4 advocates, 4 kills, 150 s drain
  --seed N          seed of every random choice (20260115)
  --concurrency N   webhooks in flight at once (4)
  --restore-rate N  simulator rate limit, points per second (1000)
  --timeout SEC     bound on the final drain (180)
DATABASE_URL=postgresql://... runs it on PostgreSQL.`);
  process.exit(0);
}

const num = (raw: string | undefined, name: string) => {
  if (raw === undefined) return undefined;
  const n = raw.endsWith("%") ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number (got ${raw})`);
  return n;
};

const processes = num(values.processes, "processes");
const web = num(values.web, "web") ?? processes;
const workers = num(values.workers, "workers") ?? processes;
const small = values.small
  ? { orders: 60, shops: 2, advocatesPerShop: 4, kills: 4, seed: 6, quietTimeoutMs: 150_000 }
  : {};
const multiProcess = (web ?? 0) > 0 || (workers ?? 1) > 1;
if (multiProcess && !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  console.log(
    "fault suite across processes: NOT APPLICABLE on SQLite (several web and worker processes share one " +
      "database only on PostgreSQL); set DATABASE_URL=postgresql://... to run it. Nothing was run.",
  );
  process.exit(0);
}

const teardown = await setupDatabase();
let exitCode = 1;
try {
  const { runFaultSuite, formatFigures } = await import("./suite");
  const given = Object.fromEntries(
    Object.entries({
      webProcesses: web,
      workerProcesses: workers,
      orders: num(values.orders, "orders"),
      shops: num(values.shops, "shops"),
      advocatesPerShop: num(values.advocates, "advocates"),
      faultShare: num(values.faults, "faults"),
      kills: num(values.kills, "kills"),
      seed: num(values.seed, "seed"),
      concurrency: num(values.concurrency, "concurrency"),
      restoreRate: num(values["restore-rate"], "restore-rate"),
      quietTimeoutMs: values.timeout === undefined ? undefined : num(values.timeout, "timeout")! * 1000,
    }).filter(([, v]) => v !== undefined),
  );
  const { figures, problems, ok } = await runFaultSuite({ ...small, ...given });
  console.log(`\n${formatFigures(figures)}\n`);
  if (ok) console.log("PASS: nothing lost, nothing duplicated");
  else console.log(`FAIL:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  const { default: db } = await import("../../app/db.server");
  await db.$disconnect().catch(() => undefined);
  await teardown();
}
process.exit(exitCode);
