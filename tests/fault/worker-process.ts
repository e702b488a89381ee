import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A TypeScript entry point as a real OS process that a test can SIGKILL at any moment and
 * start again. One process at a time; `node --import tsx` keeps it a single process, so
 * SIGKILL really kills it (tsx's CLI would leave a child). It is up once it prints a line
 * matching `ready`; the first group of the match is kept as `readyValue`.
 */
class KillableProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  protected readyValue: string | null = null;
  private isReady = false;
  starts = 0;
  kills = 0;
  readonly log: string[] = [];

  constructor(
    private readonly script: string,
    private readonly ready: RegExp,
    private readonly env: Record<string, string | undefined>,
    readonly name: string,
  ) {}

  get running() {
    return this.child !== null;
  }

  /** Started and ready (said so), and not killed or stopped since. */
  get up() {
    return this.child !== null && this.isReady;
  }

  /** Starts the process and resolves once it says it runs (bounded wait). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error(`${this.name} already running`);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, this.script)], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.isReady = false;
    this.starts++;
    this.exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    const ready = new Promise<string>((resolve, reject) => {
      let buffer = "";
      const timer = setTimeout(
        () =>
          reject(new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this.log.slice(-20).join("\n")}`)),
        timeoutMs,
      );
      const onLine = (line: string) => {
        this.log.push(line);
        if (this.log.length > 2000) this.log.splice(0, 1000);
        const m = this.ready.exec(line.trim());
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        lines.forEach(onLine);
      });
      child.stderr!.on("data", (chunk: Buffer) =>
        chunk
          .toString()
          .split("\n")
          .filter(Boolean)
          .forEach((l) => this.log.push(`! ${l}`)),
      );
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited during start (${code ?? signal}):\n${this.log.slice(-20).join("\n")}`));
      });
    });
    this.readyValue = await ready;
    this.isReady = true;
  }

  /**
   * SIGKILLs the process (no cleanup runs, whatever it was doing stays half done), waits
   * for it to be gone, and returns what its ready line said (null if it was not running).
   */
  async kill(): Promise<string | null> {
    const child = this.child;
    if (!child) return null;
    child.kill("SIGKILL");
    await this.exited;
    this.kills++;
    return this.readyValue;
  }

  /** Graceful stop (SIGTERM), for the end of a run. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The app's worker (scripts/worker.ts, what `npm run worker` runs) as a killable process; kill() returns its lease id. */
export class WorkerProcess extends KillableProcess {
  constructor(env: Record<string, string | undefined>, name = "worker") {
    super("scripts/worker.ts", /^worker (\S+) started$/, env, name);
  }

  /** Lease owner id of the running (or last) worker, as printed at start. */
  get workerId(): string | null {
    return this.readyValue;
  }
}

/**
 * A web instance of the app (tests/support/app-instance.ts: the webhook, app-proxy and
 * extension routes behind HTTP) as a killable process: one of several behind a load
 * balancer, on the same database.
 */
export class WebProcess extends KillableProcess {
  constructor(env: Record<string, string | undefined>, name = "web") {
    super("tests/support/app-instance.ts", /app instance listening on (\S+)/, env, name);
  }

  /** Base URL of the running (or last) instance; each start gets a new port. */
  get url(): string | null {
    return this.readyValue;
  }
}

/**
 * What the passing of LEASE_MS (10 s, no longer renewed by the dead worker) does for a
 * killed worker's jobs: its leases run out, so the next worker may take them over. The
 * fault suite does it at once instead of waiting per crash; the takeover itself is the
 * engine's own claim code.
 */
export async function expireLeasesOf(workerId: string) {
  const { default: db } = await import("../../app/db.server");
  const past = new Date(Date.now() - 1);
  const where = { leaseOwner: workerId };
  const [deliveries, tasks, rewards] = await Promise.all([
    db.webhookDelivery.updateMany({ where, data: { leaseUntil: past } }),
    db.outboxTask.updateMany({ where, data: { leaseUntil: past } }),
    db.reward.updateMany({ where, data: { leaseUntil: past } }),
  ]);
  return deliveries.count + tasks.count + rewards.count;
}
