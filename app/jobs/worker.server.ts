import db from "../db.server";
import { processOrderDelivery, type Delivery } from "../referrals/order-events.server";
import { claimDueRewards, issueReward, type Reward } from "../referrals/rewards.server";
import { adminApiFor, AdminApiError, type AdminApi } from "../shopify/admin-client.server";
import { LEASE_MS, WORKER_ID, backoffMs } from "./lease";
import { claimTasks, completeTask, failTask } from "./outbox.server";
import { runTask } from "./tasks.server";
import { UNINSTALLED_NOTE } from "../shops/shop-lifecycle.server";

/**
 * The background worker: processes recorded webhook deliveries, sends queued Admin API
 * side effects, and issues rewards that came due. Runs inside `npm start` and can run
 * as its own process (`node server.mjs --worker-only`); every job is claimed with a
 * compare-and-set lease, so any number of workers can share one database.
 */

export const MAX_DELIVERY_ATTEMPTS = 10;
const POLL_MS = Number(process.env.WORKER_POLL_MS ?? 2_000);
const BATCH = 50;
const ISSUE_CONCURRENCY = Number(process.env.WORKER_ISSUE_CONCURRENCY ?? 4);

export interface WorkerDeps {
  adminFor: (shop: string) => Promise<AdminApi>;
}

const defaultDeps: WorkerDeps = { adminFor: (shop) => adminApiFor(shop) };

async function claimDeliveries(limit: number, now: Date): Promise<Delivery[]> {
  const candidates = await db.webhookDelivery.findMany({
    where: { status: "received", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  const claimed: Delivery[] = [];
  for (const d of candidates) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: "received", leaseUntil: d.leaseUntil },
      data: { leaseOwner: WORKER_ID, leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (count) claimed.push({ ...d, attempts: d.attempts + 1 });
  }
  return claimed;
}

async function processDeliveries(deps: WorkerDeps, now: Date): Promise<number> {
  const deliveries = await claimDeliveries(BATCH, now);
  const active = await activeShops([...new Set(deliveries.map((d) => d.shop))]);
  for (const delivery of deliveries) {
    if (!active.has(delivery.shop)) {
      // Uninstalled: no token, so no Admin API calls. Parked, not failed; a reinstall resumes it.
      await db.webhookDelivery.updateMany({
        where: { id: delivery.id, leaseOwner: WORKER_ID },
        data: { status: "parked", attempts: { decrement: 1 }, lastError: UNINSTALLED_NOTE, leaseOwner: null, leaseUntil: null },
      });
      continue;
    }
    try {
      const note = await processOrderDelivery(delivery, () => deps.adminFor(delivery.shop));
      await db.webhookDelivery.updateMany({
        where: { id: delivery.id, leaseOwner: WORKER_ID },
        data: { status: "processed", processedAt: new Date(), lastError: note, leaseOwner: null, leaseUntil: null },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof AdminApiError) || error.retryable;
      const giveUp = !retryable || delivery.attempts >= MAX_DELIVERY_ATTEMPTS;
      await db.webhookDelivery.updateMany({
        where: { id: delivery.id, leaseOwner: WORKER_ID },
        data: {
          status: giveUp ? "failed" : "received",
          lastError: message.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + backoffMs(delivery.attempts)),
          leaseOwner: null,
          leaseUntil: null,
        },
      });
      if (giveUp) console.error(`webhook delivery ${delivery.id} (${delivery.topic}) failed for good: ${message}`);
    }
  }
  return deliveries.length;
}

async function activeShops(shops: string[]): Promise<Set<string>> {
  const rows = await db.shop.findMany({ where: { domain: { in: shops }, uninstalledAt: null }, select: { domain: true } });
  return new Set(rows.map((r) => r.domain));
}

async function processTasks(deps: WorkerDeps, now: Date): Promise<number> {
  const tasks = await claimTasks(BATCH, now);
  const active = await activeShops([...new Set(tasks.map((t) => t.shop))]);
  for (const task of tasks) {
    if (!active.has(task.shop)) {
      // Parked, not failed: attempts are not spent while the shop is away.
      await db.outboxTask.updateMany({
        where: { id: task.id, leaseOwner: WORKER_ID },
        data: { status: "parked", attempts: { decrement: 1 }, lastError: UNINSTALLED_NOTE, leaseOwner: null, leaseUntil: null },
      });
      continue;
    }
    try {
      await runTask(await deps.adminFor(task.shop), task);
      await completeTask(task);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await failTask(task, message, !(error instanceof AdminApiError) || error.retryable);
    }
  }
  return tasks.length;
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

async function issueDueRewards(deps: WorkerDeps, now: Date): Promise<number> {
  const rewards = await claimDueRewards(BATCH, now);
  if (rewards.length === 0) return 0;
  const active = await activeShops([...new Set(rewards.map((r) => r.shop))]);
  const byShop = new Map<string, Reward[]>();
  for (const r of rewards) byShop.set(r.shop, [...(byShop.get(r.shop) ?? []), r]);
  // Shops run side by side, each paced by its own cost bucket, so one busy shop
  // cannot starve the others.
  await Promise.all(
    [...byShop].map(async ([shop, list]) => {
      if (!active.has(shop)) {
        await db.reward.updateMany({
          where: { id: { in: list.map((r) => r.id) }, leaseOwner: WORKER_ID },
          data: { state: "pending", leaseOwner: null, leaseUntil: null, attempts: { decrement: 1 }, lastError: UNINSTALLED_NOTE, nextAttemptAt: new Date(now.getTime() + 3_600_000) },
        });
        return;
      }
      const admin = await deps.adminFor(shop);
      await pool(list, ISSUE_CONCURRENCY, (reward) => issueReward(admin, reward));
    }),
  );
  return rewards.length;
}

/** One pass over all three queues; returns how many jobs it handled. */
export async function runWorkerOnce(deps: WorkerDeps = defaultDeps, now = new Date()) {
  const deliveries = await processDeliveries(deps, now);
  const tasks = await processTasks(deps, now);
  const rewards = await issueDueRewards(deps, now);
  return { deliveries, tasks, rewards };
}

/** Passes until nothing is due (for tests, the demo and the fault suite). */
export async function drainWorker(deps: WorkerDeps = defaultDeps, now = () => new Date(), maxPasses = 1000) {
  const total = { deliveries: 0, tasks: 0, rewards: 0 };
  for (let i = 0; i < maxPasses; i++) {
    const pass = await runWorkerOnce(deps, now());
    total.deliveries += pass.deliveries;
    total.tasks += pass.tasks;
    total.rewards += pass.rewards;
    if (pass.deliveries + pass.tasks + pass.rewards === 0) return total;
  }
  return total;
}

let wake: (() => void) | null = null;

/** Asks a running in-process worker to look now rather than at its next poll. */
export function wakeWorker() {
  wake?.();
}

export function startWorker(deps: WorkerDeps = defaultDeps) {
  let stopped = false;
  let running: Promise<void> | null = null;
  const loop = async () => {
    while (!stopped) {
      try {
        const pass = await runWorkerOnce(deps);
        if (pass.deliveries + pass.tasks + pass.rewards > 0) continue;
      } catch (error) {
        console.error("worker pass failed:", error instanceof Error ? error.message : error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
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
    },
  };
}
