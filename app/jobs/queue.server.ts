import os from "node:os";
import crypto from "node:crypto";
import db, { type Tx } from "../db.server";
import { backoffMs } from "../lib/backoff";

/**
 * The worker's one job queue. Webhook deliveries, outbox tasks and rewards are rows of
 * the app's own database (docs/decisions/0001-own-job-queue.md): a job is written in the
 * same transaction as the change that causes it, then claimed here with a lease, in fair
 * shares per shop, and settled: done, retried after the one backoff, failed, parked
 * until its shop authenticates again, or put back without spending its attempt. Each
 * kind of job is a `JobTable` below; everything else is the same code for all three.
 */

/** Identifies this process in job leases. */
export const WORKER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/**
 * How long a claimed job is ours before another worker may take it over. Short, so the
 * jobs of a process that died (SIGKILL, power loss) go on within seconds; a live worker
 * keeps its leases by renewing them every HEARTBEAT_MS while it works on them, however
 * long Shopify takes to answer.
 */
export const LEASE_MS = 10_000;
export const HEARTBEAT_MS = 2_000;

/** The columns every job has. */
export interface Job {
  id: string;
  shop: string;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
}

/** What becomes of a claimed job. */
export type Outcome =
  | { to: "done"; note?: string | null }
  | { to: "retry"; error: string; at: Date }
  | { to: "failed"; error: string }
  /** rewards only: the owner decides (a store credit whose earlier attempt may have landed) */
  | { to: "held"; error: string }
  | { to: "parked"; note: string }
  /** back in the queue at `at`, the attempt not spent */
  | { to: "later"; at: Date };

type Client = Tx | typeof db;

export interface JobTable<J extends Job> {
  readonly name: "delivery" | "task" | "reward";
  readonly maxAttempts: number;
  /** Shops with jobs due now, the longest waiting first: at most `limit`. */
  dueShops(now: Date, limit: number): Promise<string[]>;
  /**
   * Jobs due now (of one shop, if given; of none of `skip`, the shops this process is
   * still working for), in the order they are claimed.
   */
  due(now: Date, limit: number, shop?: string, skip?: ReadonlySet<string>): Promise<J[]>;
  /**
   * Compare-and-set, one statement for the batch: of `jobs` (read by `due`), those still
   * due and free take this worker's lease; returns them, in the order given.
   */
  take(jobs: J[], now: Date, leaseUntil: Date): Promise<J[]>;
  /** Writes the outcome if this worker still holds the lease; false when it lost it. */
  settle(client: Client, job: J, outcome: Outcome): Promise<boolean>;
  /** Moves this worker's leases on these jobs to `leaseUntil`. */
  renew(ids: string[], leaseUntil: Date): Promise<void>;
}

const leaseFree = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });
const ids = (jobs: Job[]) => ({ id: { in: jobs.map((j) => j.id) } });
/** `taken` (rows a claim returned, in any order) in the order of `jobs`. */
function inOrder<J extends Job>(jobs: Job[], taken: J[]): J[] {
  const at = new Map(jobs.map((j, i) => [j.id, i]));
  return taken.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}
/** One shop's jobs, or any shop's but those of `skip`. */
function shopOf(shop: string | undefined, skip: ReadonlySet<string> | undefined) {
  if (shop) return { shop };
  return skip && skip.size > 0 ? { shop: { notIn: [...skip] } } : {};
}
const release = { leaseOwner: null, leaseUntil: null };
const clip = (text: string) => text.slice(0, 500);

// ---------------------------------------------------------------------------------------
// The three kinds of job.

export type DeliveryJob = Awaited<ReturnType<typeof db.webhookDelivery.findFirstOrThrow>>;
export type TaskJob = Awaited<ReturnType<typeof db.outboxTask.findFirstOrThrow>>;
export type RewardJob = Awaited<ReturnType<typeof db.reward.findFirstOrThrow>>;

/** Order webhooks stored by the inbox (app/webhooks/inbox.server.ts). */
export const deliveries: JobTable<DeliveryJob> = {
  name: "delivery",
  maxAttempts: 10,
  async dueShops(now, limit) {
    const groups = await db.webhookDelivery.groupBy({
      by: ["shop"],
      where: { status: "received", nextAttemptAt: { lte: now }, ...leaseFree(now) },
      _min: { receivedAt: true },
      orderBy: { _min: { receivedAt: "asc" } },
      take: limit,
    });
    return groups.map((g) => g.shop);
  },
  due(now, limit, shop, skip) {
    return db.webhookDelivery.findMany({
      where: { ...shopOf(shop, skip), status: "received", nextAttemptAt: { lte: now }, ...leaseFree(now) },
      orderBy: { receivedAt: "asc" },
      take: limit,
    });
  },
  async take(jobs, now, leaseUntil) {
    const taken = await db.webhookDelivery.updateManyAndReturn({
      where: { ...ids(jobs), status: "received", nextAttemptAt: { lte: now }, ...leaseFree(now) },
      data: { leaseOwner: WORKER_ID, leaseUntil, attempts: { increment: 1 } },
    });
    return inOrder(jobs, taken);
  },
  async settle(client, d, outcome) {
    const { count } = await client.webhookDelivery.updateMany({
      where: { id: d.id, leaseOwner: WORKER_ID },
      data: { ...release, ...deliveryOrTaskColumns(outcome, "received", "processed", "processedAt") },
    });
    return count === 1;
  },
  async renew(ids, leaseUntil) {
    await db.webhookDelivery.updateMany({ where: { id: { in: ids }, leaseOwner: WORKER_ID }, data: { leaseUntil } });
  },
};

/** Admin API side effects queued by state changes (app/outbox.server.ts). */
export const tasks: JobTable<TaskJob> = {
  name: "task",
  maxAttempts: 8,
  async dueShops(now, limit) {
    const groups = await db.outboxTask.groupBy({
      by: ["shop"],
      where: { status: "pending", nextAttemptAt: { lte: now }, ...leaseFree(now) },
      _min: { nextAttemptAt: true },
      orderBy: { _min: { nextAttemptAt: "asc" } },
      take: limit,
    });
    return groups.map((g) => g.shop);
  },
  due(now, limit, shop, skip) {
    return db.outboxTask.findMany({
      where: { ...shopOf(shop, skip), status: "pending", nextAttemptAt: { lte: now }, ...leaseFree(now) },
      orderBy: { nextAttemptAt: "asc" },
      take: limit,
    });
  },
  async take(jobs, now, leaseUntil) {
    const taken = await db.outboxTask.updateManyAndReturn({
      where: { ...ids(jobs), status: "pending", nextAttemptAt: { lte: now }, ...leaseFree(now) },
      data: { leaseOwner: WORKER_ID, leaseUntil, attempts: { increment: 1 } },
    });
    return inOrder(jobs, taken);
  },
  async settle(client, t, outcome) {
    const columns = deliveryOrTaskColumns(outcome, "pending", "done", "doneAt");
    const { count } = await client.outboxTask.updateMany({
      where: { id: t.id, leaseOwner: WORKER_ID },
      data: { ...release, ...columns, ...(outcome.to === "done" ? { sendingAt: null } : {}) },
    });
    return count === 1;
  },
  async renew(ids, leaseUntil) {
    await db.outboxTask.updateMany({ where: { id: { in: ids }, leaseOwner: WORKER_ID }, data: { leaseUntil } });
  },
};

function deliveryOrTaskColumns(
  outcome: Outcome,
  queued: "received" | "pending",
  done: "processed" | "done",
  doneAt: "processedAt" | "doneAt",
) {
  switch (outcome.to) {
    case "done":
      return { status: done, [doneAt]: new Date(), lastError: outcome.note ?? null };
    case "retry":
      return { status: queued, lastError: clip(outcome.error), nextAttemptAt: outcome.at };
    case "failed":
      return { status: "failed", lastError: clip(outcome.error) };
    case "parked":
      return { status: "parked", attempts: { decrement: 1 }, lastError: clip(outcome.note) };
    case "later":
      return { attempts: { decrement: 1 }, nextAttemptAt: outcome.at };
    case "held":
      throw new Error("only a reward can be held");
  }
}

/**
 * Rewards to issue: the Reward row is the job (state pending -> issuing while claimed).
 * A reward still `issuing` whose lease ran out was being issued by a worker that died:
 * it is claimed again, and issuance adopts a code the dead worker may have created.
 */
export const rewards: JobTable<RewardJob> = {
  name: "reward",
  maxAttempts: 6,
  /**
   * Two range reads on the (state, dueAt) index rather than one OR across states, which
   * SQLite answers with a scan of every reward (and the SQLite driver is synchronous: a
   * scan stalls the whole process).
   */
  async dueShops(now, limit) {
    const [due, stale] = await Promise.all([
      db.reward.groupBy({
        by: ["shop"],
        where: {
          state: "pending",
          dueAt: { lte: now },
          OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
        },
        _min: { dueAt: true },
        orderBy: { _min: { dueAt: "asc" } },
        take: limit,
      }),
      db.reward.groupBy({
        by: ["shop"],
        where: { state: "issuing", leaseUntil: { lt: now } },
        _min: { dueAt: true },
        orderBy: { _min: { dueAt: "asc" } },
        take: limit,
      }),
    ]);
    const first = new Map<string, number>();
    for (const g of [...due, ...stale]) {
      const t = g._min.dueAt?.getTime() ?? 0;
      first.set(g.shop, Math.min(t, first.get(g.shop) ?? Infinity));
    }
    return [...first]
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([shop]) => shop);
  },
  due(now, limit, shop, skip) {
    return db.reward.findMany({
      where: {
        ...shopOf(shop, skip),
        OR: [
          { state: "pending", dueAt: { lte: now }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
          { state: "issuing", leaseUntil: { lt: now } },
        ],
      },
      orderBy: { dueAt: "asc" },
      take: limit,
    });
  },
  async take(jobs, now, leaseUntil) {
    const taken = await db.reward.updateManyAndReturn({
      where: {
        ...ids(jobs),
        OR: [
          { state: "pending", dueAt: { lte: now }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
          { state: "issuing", leaseUntil: { lt: now } },
        ],
      },
      data: { state: "issuing", leaseOwner: WORKER_ID, leaseUntil, attempts: { increment: 1 } },
    });
    const wasIssuing = new Set(jobs.filter((r) => r.state === "issuing").map((r) => r.id));
    return inOrder(
      jobs,
      taken.map((r) => (wasIssuing.has(r.id) ? { ...r, lastError: "previous attempt was interrupted" } : r)),
    );
  },
  async settle(client, r, outcome) {
    const columns = (() => {
      switch (outcome.to) {
        case "done":
          return { state: "issued", lastError: null, sendingAt: null };
        case "retry":
          return { state: "pending", lastError: clip(outcome.error), nextAttemptAt: outcome.at };
        case "failed":
        case "held":
          return { state: outcome.to, lastError: clip(outcome.error), nextAttemptAt: null };
        case "parked":
          return { state: "parked", attempts: { decrement: 1 }, lastError: clip(outcome.note), nextAttemptAt: null };
        case "later":
          return { state: "pending", attempts: { decrement: 1 }, nextAttemptAt: outcome.at };
      }
    })();
    const { count } = await client.reward.updateMany({
      where: { id: r.id, state: "issuing", leaseOwner: WORKER_ID },
      data: { ...release, ...columns },
    });
    return count === 1;
  },
  async renew(ids, leaseUntil) {
    await db.reward.updateMany({
      where: { id: { in: ids }, state: "issuing", leaseOwner: WORKER_ID },
      data: { leaseUntil },
    });
  },
};

// ---------------------------------------------------------------------------------------
// The queue's operations, the same for every kind of job.

/** The jobs this process holds right now, per table, whose leases the heartbeat renews. */
const held = new Map<JobTable<Job>["name"], { renew: JobTable<Job>["renew"]; ids: Set<string> }>();

function holding<J extends Job>(table: JobTable<J>): Set<string> {
  let entry = held.get(table.name);
  if (!entry) held.set(table.name, (entry = { renew: (ids, until) => table.renew(ids, until), ids: new Set() }));
  return entry.ids;
}

/**
 * Claims up to `limit` due jobs (of one shop, if given; of none of the shops in `skip`)
 * with a compare-and-set lease, so any number of workers in any number of processes can
 * share the database. Two statements for the batch: the read, then one conditional
 * update that only jobs still due and free pass (a job another worker took meanwhile no
 * longer does).
 */
export async function claim<J extends Job>(
  table: JobTable<J>,
  limit: number,
  now = new Date(),
  shop?: string,
  skip?: ReadonlySet<string>,
) {
  const candidates = await table.due(now, limit, shop, skip);
  if (candidates.length === 0) return [];
  const claimed = await table.take(candidates, now, new Date(now.getTime() + LEASE_MS));
  for (const job of claimed) holding(table).add(job.id);
  return claimed;
}

/**
 * Fair shares: every shop with due jobs (at most `shops` of them, the longest waiting
 * first) gets an equal share of `batch`, and no more than `cap` allows (its Admin API
 * rate limit), so one shop's backlog never makes another shop's jobs wait behind it.
 * `prepare` runs once the shops are known, before the shares are cut. Shops in `skip`
 * (this process is still working for them) get nothing.
 */
export async function claimFairShares<J extends Job>(
  table: JobTable<J>,
  now: Date,
  options: {
    shops: number;
    batch: number;
    cap?: (shop: string) => number;
    prepare?: (shops: string[]) => Promise<void>;
    skip?: ReadonlySet<string>;
  },
): Promise<J[]> {
  const skip = options.skip ?? new Set<string>();
  // Asked for as many more as are skipped, so busy shops do not crowd the others out.
  const shops = (await table.dueShops(now, options.shops + skip.size))
    .filter((s) => !skip.has(s))
    .slice(0, options.shops);
  if (shops.length === 0) return [];
  await options.prepare?.(shops);
  const share = Math.ceil(options.batch / shops.length);
  const slices = await Promise.all(
    shops.map((shop) => claim(table, Math.max(1, Math.min(share, options.cap?.(shop) ?? share)), now, shop)),
  );
  return slices.flat();
}

/**
 * Writes what became of a claimed job (in the caller's transaction, if given, so a
 * reward's ledger entry commits with it). False when this worker no longer held the job
 * (its lease ran out and another worker took it, or a void took it back).
 */
export async function settle<J extends Job>(table: JobTable<J>, job: J, outcome: Outcome, client: Client = db) {
  holding(table).delete(job.id);
  return table.settle(client, job, outcome);
}

export const complete = <J extends Job>(table: JobTable<J>, job: J, note?: string | null, client?: Client) =>
  settle(table, job, { to: "done", note }, client);

/**
 * What a failed attempt leads to: another attempt after the backoff, or, out of attempts
 * or not retryable, failed for good.
 */
export function failure<J extends Job>(
  table: JobTable<J>,
  job: J,
  error: string,
  retryable: boolean,
  now = new Date(),
): Extract<Outcome, { to: "retry" | "failed" }> {
  return !retryable || job.attempts >= table.maxAttempts
    ? { to: "failed", error }
    : { to: "retry", error, at: new Date(now.getTime() + backoffMs(job.attempts)) };
}

export async function fail<J extends Job>(table: JobTable<J>, job: J, error: string, retryable: boolean) {
  const outcome = failure(table, job, error, retryable);
  await settle(table, job, outcome);
  return outcome;
}

/**
 * Sets a claimed job aside until its shop authenticates again (uninstalled, or its token
 * refused or missing): parked, not failed, and the attempt is not spent.
 */
export const park = <J extends Job>(table: JobTable<J>, job: J, note: string, client?: Client) =>
  settle(table, job, { to: "parked", note }, client);

/** Back in the queue at `at` without spending the attempt (the job yields to other work). */
export const putBack = <J extends Job>(table: JobTable<J>, job: J, at: Date) => settle(table, job, { to: "later", at });

/**
 * Puts a shop's parked deliveries and tasks back to work (the shop authenticated again).
 * Parked rewards are resumed by the reward transition, which writes their ledger entries.
 */
export async function resumeParked(tx: Tx, shop: string, now = new Date()) {
  await tx.webhookDelivery.updateMany({
    where: { shop, status: "parked" },
    data: { status: "received", nextAttemptAt: now, lastError: null, ...release },
  });
  await tx.outboxTask.updateMany({
    where: { shop, status: "parked" },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, lastError: null, ...release },
  });
}

/**
 * Renews the leases of the jobs this process is working on, every HEARTBEAT_MS, until
 * stopped. A process that dies stops renewing, so its jobs are free LEASE_MS later.
 */
export function startHeartbeat(): { stop(): void } {
  const timer = setInterval(() => void renewLeases(), HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

export async function renewLeases(now = new Date()) {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  for (const [name, { renew, ids }] of held) {
    if (ids.size === 0) continue;
    await renew([...ids], leaseUntil).catch((error: unknown) =>
      console.error(`${name} leases not renewed:`, error instanceof Error ? error.message : error),
    );
  }
}

/**
 * Jobs claimed and not settled (the work on them threw) are no longer worked on: their
 * leases are left to run out instead of being renewed. `only`: these jobs; otherwise all
 * but those in `keep` (jobs still being worked on).
 */
export function forgetHeldJobs(options: { only?: Iterable<string>; keep?: ReadonlySet<string> } = {}) {
  for (const entry of held.values()) {
    if (options.only) for (const id of options.only) entry.ids.delete(id);
    else for (const id of entry.ids) if (!options.keep?.has(id)) entry.ids.delete(id);
  }
}
