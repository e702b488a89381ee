import { config } from "../config.server";
import db from "../db.server";
import { processOrderDelivery, type Delivery } from "../referrals/order-events.server";
import { issueReward, parkReward } from "./issue-reward.server";
import {
  adminApiFor,
  AdminApiError,
  mutationsAffordable,
  refreshBudgets,
  type AdminApi,
} from "../shopify/admin-client.server";
import {
  claim,
  claimFairShares,
  complete,
  deliveries,
  fail,
  forgetHeldJobs,
  park,
  putBack,
  rewards,
  startHeartbeat,
  tasks,
} from "./queue.server";
import { runTask } from "./tasks.server";
import { enqueueIdentityBackfills } from "../referrals/advocates.server";
import { UNINSTALLED_NOTE } from "../shops/shop-lifecycle.server";
import type { WebTraffic } from "./web-traffic";
import { stripExpiredPayloads } from "../webhooks/retention.server";

/**
 * The background worker: processes recorded webhook deliveries, sends queued Admin API
 * side effects, and issues rewards that came due. Runs inside `npm start` and can run
 * as its own process (`node server.mjs --worker-only`); every job is claimed with a
 * compare-and-set lease, so any number of workers can share one database.
 */

const BATCH = 50;
/** Rewards per pass across shops: each shop's slice is also bounded by its rate limit. */
const REWARD_BATCH = 200;
/**
 * A shop gets no more Admin API work per pass than its rate limit pays for within this
 * long, so a pass (and every other shop's next turn) never waits long on one bucket.
 */
const PASS_SLICE_MS = 1_000;

export interface WorkerDeps {
  adminFor: (shop: string) => Promise<AdminApi>;
  /** Before each delivery and task: lets requests in flight go first (in-process worker). */
  giveWay?: () => Promise<void>;
}

const defaultDeps: WorkerDeps = { adminFor: (shop) => adminApiFor(shop) };

// ---------------------------------------------------------------------------------------
// Slices: one shop's claimed jobs of one queue, worked on in order. Shops' slices run side
// by side, and a pass waits for them only so long (see runWorkerOnce): a shop whose Admin
// API calls hang or retry (Shopify slow or failing for it, its rate limit spent) holds
// its own work, never every other shop's. A shop with a slice still running is skipped
// by later claims until it ends, so this process never works on one shop twice at once.

/** The slice running for each shop. */
const slicesOf = new Map<string, Promise<void>>();
/** Ids of the jobs of running slices: their leases stay renewed across passes. */
const jobsInSlices = new Set<string>();

/** Shops this process is still working for: later claims pass them over. */
const busyShops = (): ReadonlySet<string> => new Set(slicesOf.keys());

/**
 * Starts working on one shop's jobs. The returned promise never rejects: what the work
 * threw is logged, and its unsettled jobs are left to their leases (another attempt
 * after LEASE_MS), as for a pass that threw.
 */
function startSlice(shop: string, jobs: { id: string }[], work: () => Promise<void>): Promise<void> {
  const ids = jobs.map((j) => j.id);
  for (const id of ids) jobsInSlices.add(id);
  const run = async () => {
    try {
      await work();
    } catch (error) {
      console.error(`worker: work for ${shop} failed:`, error instanceof Error ? error.message : error);
    } finally {
      for (const id of ids) jobsInSlices.delete(id);
      forgetHeldJobs({ only: ids });
      // `slice` is assigned before this runs: the body awaits before it gets here.
      if (slicesOf.get(shop) === slice) slicesOf.delete(shop);
      // The shop's next jobs are claimable now: a sleeping worker looks at once.
      wakeWorker();
    }
  };
  const slice = run();
  slicesOf.set(shop, slice);
  return slice;
}

/** Waits for the slices to end, or `waitMs`, whichever comes first. */
async function waitForSlices(slices: Promise<void>[], waitMs: number) {
  if (slices.length === 0) return;
  if (!Number.isFinite(waitMs)) {
    await Promise.all(slices);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(slices),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    }),
  ]);
  clearTimeout(timer);
}

/** Every slice still running has ended (a stopping worker). */
async function slicesEnded() {
  while (slicesOf.size > 0) await Promise.all(slicesOf.values());
}

/** One slice per shop of `jobs`, each with that shop's jobs in the order given. */
function startSlices<T extends { id: string; shop: string }>(
  jobs: T[],
  work: (shop: string, list: T[]) => Promise<void>,
): Promise<void>[] {
  return [...byShop(jobs)].map(([shop, list]) => startSlice(shop, list, () => work(shop, list)));
}

/** Claims due deliveries and starts each shop's, in the order received; returns how many and the slices. */
async function startDeliveries(deps: WorkerDeps, now: Date, skip: ReadonlySet<string>) {
  const claimed: Delivery[] = await claim(deliveries, BATCH, now, undefined, skip);
  if (claimed.length === 0) return { claimed: 0, slices: [] };
  const active = await activeShops([...new Set(claimed.map((d) => d.shop))]);
  const slices = startSlices(claimed, async (shop, list) => {
    for (const delivery of list) {
      await deps.giveWay?.();
      if (!active.has(shop)) {
        // Uninstalled: no token, so no Admin API calls. Parked, not failed; a reinstall resumes it.
        await park(deliveries, delivery, UNINSTALLED_NOTE);
        continue;
      }
      try {
        const note = await processOrderDelivery(delivery, () => deps.adminFor(shop));
        await complete(deliveries, delivery, note);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof AdminApiError && error.kind === "auth") {
          // A revoked token: the shop's reinstall resumes it (see resumeShop).
          await park(deliveries, delivery, message);
          continue;
        }
        const outcome = await fail(deliveries, delivery, message, !(error instanceof AdminApiError) || error.retryable);
        if (outcome.to === "failed")
          console.error(`webhook delivery ${delivery.id} (${delivery.topic}) failed for good: ${message}`);
      }
    }
  });
  return { claimed: claimed.length, slices };
}

async function activeShops(shops: string[]): Promise<Set<string>> {
  const rows = await db.shop.findMany({
    where: { domain: { in: shops }, uninstalledAt: null },
    select: { domain: true },
  });
  return new Set(rows.map((r) => r.domain));
}

/** Jobs grouped by shop, each shop's in the order given. */
function byShop<T extends { shop: string }>(jobs: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const job of jobs) {
    const list = groups.get(job.shop);
    if (list) list.push(job);
    else groups.set(job.shop, [job]);
  }
  return groups;
}

/** Claims due outbox tasks and starts each shop's; returns how many and the slices. */
async function startTasks(deps: WorkerDeps, now: Date, skip: ReadonlySet<string>) {
  // Fair slices, as for rewards: every shop with due tasks gets an equal share of the
  // batch, and no more than its rate limit pays for within about a second. A shop's tasks
  // wait for its own bucket, so a shop with a long queue (2,000 Flow triggers after a
  // burst of rewards) must not hold the pass, and every other shop's rewards behind it,
  // for as long as its bucket takes to pay for them.
  const claimed = await claimFairShares(tasks, now, {
    shops: BATCH,
    batch: BATCH,
    prepare: refreshBudgets,
    cap: (shop) => mutationsAffordable(shop, PASS_SLICE_MS),
    skip,
  });
  if (claimed.length === 0) return { claimed: 0, slices: [] };
  const active = await activeShops([...new Set(claimed.map((t) => t.shop))]);
  // Flow notifications yield to reward issuance: a Flow trigger costs as much of the
  // shop's Admin API rate limit as a reward code (10 points), so while the shop has
  // rewards waiting to be issued its triggers wait (a few seconds at a time, no attempt
  // spent) and the rate limit goes to the rewards (BENCHMARKS.md, reward issuance).
  const flowShops = [...new Set(claimed.filter((t) => t.kind.startsWith("flow_")).map((t) => t.shop))];
  const backlogged = new Set(
    (
      await Promise.all(
        flowShops.map((shop) =>
          db.reward.findFirst({
            where: {
              shop,
              state: "pending",
              dueAt: { lte: now },
              OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
            },
            select: { shop: true },
          }),
        ),
      )
    )
      .filter((r) => r !== null)
      .map((r) => r.shop),
  );
  const deferred = claimed.filter((t) => t.kind.startsWith("flow_") && backlogged.has(t.shop));
  for (const task of deferred) await putBack(tasks, task, new Date(now.getTime() + 5_000));
  // Shops side by side, each shop's tasks in order (a shop's effects keep their sequence).
  const slices = startSlices(
    claimed.filter((t) => !deferred.includes(t)),
    async (shop, list) => {
      // One client per shop and pass: its access token is looked up once, not per task.
      let admin: Promise<AdminApi> | null = null;
      for (const task of list) {
        await deps.giveWay?.();
        if (!active.has(shop)) {
          // Parked, not failed: attempts are not spent while the shop is away.
          await park(tasks, task, UNINSTALLED_NOTE);
          continue;
        }
        try {
          admin ??= deps.adminFor(shop);
          await runTask(await admin, task);
          await complete(tasks, task);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // A revoked token: the shop's reinstall resumes it (see resumeShop).
          if (error instanceof AdminApiError && error.kind === "auth") await park(tasks, task, message);
          else await fail(tasks, task, message, isRetryable(error));
        }
      }
    },
  );
  return { claimed: claimed.length, slices };
}

/**
 * Whether a failed task may be tried again: errors that know (Shopify's AdminApiError,
 * an SMTP MailSendError) say so; anything else is assumed to pass.
 */
function isRetryable(error: unknown): boolean {
  const retryable = (error as { retryable?: unknown } | null)?.retryable;
  return typeof retryable === "boolean" ? retryable : true;
}

/** Runs `fn` over items with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Claims due rewards and starts each shop's; returns how many and the slices. */
async function startRewards(deps: WorkerDeps, now: Date, skip: ReadonlySet<string>) {
  // Fair slices: each shop with due rewards gets an equal share of the batch (and no
  // more than its rate limit pays for within about a second), so one shop's backlog
  // (thousands of rewards due at once) never makes another shop's rewards wait behind
  // it; each slice is then paced by its shop's own cost bucket.
  const claimed = await claimFairShares(rewards, now, {
    shops: BATCH,
    batch: REWARD_BATCH,
    prepare: refreshBudgets,
    cap: (shop) => mutationsAffordable(shop, PASS_SLICE_MS),
    skip,
  });
  if (claimed.length === 0) return { claimed: 0, slices: [] };
  const shops = [...new Set(claimed.map((r) => r.shop))];
  // What every reward of the batch needs, in three reads for the batch instead of two per reward.
  const [active, settingsRows, advocates] = await Promise.all([
    activeShops(shops),
    db.programSettings.findMany({ where: { shop: { in: shops } } }),
    db.advocate.findMany({ where: { id: { in: [...new Set(claimed.map((r) => r.advocateId))] } } }),
  ]);
  const settingsOf = new Map(settingsRows.map((s) => [s.shop, s]));
  const advocateOf = new Map(advocates.map((a) => [a.id, a]));
  // Shops run side by side, each paced by its own cost bucket, so one busy shop
  // cannot starve the others.
  const slices = startSlices(claimed, async (shop, list) => {
    if (!active.has(shop)) {
      for (const reward of list) await parkReward(reward, UNINSTALLED_NOTE);
      return;
    }
    const admin = await deps.adminFor(shop);
    const settings = settingsOf.get(shop) ?? null;
    await pool(list, config().worker.issueConcurrency, (reward) =>
      issueReward(admin, reward, new Date(), { advocate: advocateOf.get(reward.advocateId), settings }),
    );
  });
  return { claimed: claimed.length, slices };
}

/**
 * A running worker waits this long for a queue's slices before it goes on to the next
 * queue and pass; slices still running then go on by themselves (see startSlice).
 */
const PASS_WAIT_MS = 1_000;

/**
 * One pass over all three queues; returns how many jobs it claimed. Rewards go before
 * the outbox, so the Flow triggers a pass's rewards queue are sent in the same pass
 * once no rewards are left waiting (see startTasks). Each queue's slices are waited for
 * at most `waitMs` (by default until they end, as tests and one-off drains want).
 */
export async function runWorkerOnce(
  deps: WorkerDeps = defaultDeps,
  now = new Date(),
  { waitMs = Infinity }: { waitMs?: number } = {},
) {
  try {
    const processing = await startDeliveries(deps, now, busyShops());
    await waitForSlices(processing.slices, waitMs);
    const issuing = await startRewards(deps, now, busyShops());
    await waitForSlices(issuing.slices, waitMs);
    const sending = await startTasks(deps, now, busyShops());
    await waitForSlices(sending.slices, waitMs);
    return { deliveries: processing.claimed, tasks: sending.claimed, rewards: issuing.claimed };
  } finally {
    // What the pass claimed and gave to no slice (it threw on the way) is let go.
    forgetHeldJobs({ keep: jobsInSlices });
  }
}

const PAYLOAD_SWEEP_INTERVAL_MS = 3_600_000;

let wake: (() => void) | null = null;

/** Asks a running in-process worker to look now rather than at its next poll. */
export function wakeWorker() {
  wake?.();
}

/**
 * Runs the worker until stopped. Given the web server's `traffic` (the worker runs in
 * the web process), each job first lets the requests in flight finish, waiting at most
 * WORKER_GIVE_WAY_MS (50 ms): acknowledging webhooks comes before processing them.
 */
export function startWorker(options: { traffic?: WebTraffic; deps?: WorkerDeps } = {}) {
  const { traffic } = options;
  const deps: WorkerDeps = {
    ...(options.deps ?? defaultDeps),
    ...(traffic ? { giveWay: () => traffic.quiet(config().worker.giveWayMaxMs) } : {}),
  };
  let stopped = false;
  let running: Promise<void> | null = null;
  const heartbeat = startHeartbeat();
  let nextPayloadSweep = 0;
  const loop = async () => {
    // Advocates stored without their identity (before it was read, or while Shopify
    // failed) are filled in by a backfill queued once per start.
    await enqueueIdentityBackfills().catch((error: unknown) =>
      console.error("identity backfill not queued:", error instanceof Error ? error.message : error),
    );
    while (!stopped) {
      // Order webhooks past their retention are cut down once an hour (webhooks/retention).
      if (Date.now() >= nextPayloadSweep) {
        nextPayloadSweep = Date.now() + PAYLOAD_SWEEP_INTERVAL_MS;
        await stripExpiredPayloads().catch((error: unknown) =>
          console.error("webhook payload retention failed:", error instanceof Error ? error.message : error),
        );
      }
      try {
        await deps.giveWay?.();
        const pass = await runWorkerOnce(deps, new Date(), { waitMs: PASS_WAIT_MS });
        if (pass.deliveries + pass.tasks + pass.rewards > 0) continue;
      } catch (error) {
        console.error("worker pass failed:", error instanceof Error ? error.message : error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config().worker.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  running = loop();
  return {
    async stop() {
      stopped = true;
      wakeWorker();
      await running;
      // Work still under way for slow shops ends before its leases stop being renewed.
      await slicesEnded();
      heartbeat.stop();
    },
  };
}
