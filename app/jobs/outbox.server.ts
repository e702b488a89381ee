import db, { type Tx } from "../db.server";
import { LEASE_MS, WORKER_ID, backoffMs } from "./lease";

/**
 * Admin API side effects (friend discount sync, redeem codes, metafields, tags, Flow
 * triggers) are written here in the same transaction as the change that causes them,
 * then sent by the worker. A unique (shop, key) makes each effect happen once per event.
 */
export interface TaskSpec {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  /** re-arm a finished task with the same key (for "bring X in step" tasks) */
  rerun?: boolean;
  /** not to be sent before this moment (default: at once) */
  notBefore?: Date;
}

export const MAX_TASK_ATTEMPTS = 8;

export async function enqueueTask(tx: Tx, shop: string, spec: TaskSpec) {
  const payload = JSON.stringify(spec.payload);
  await tx.outboxTask.upsert({
    where: { shop_key: { shop, key: spec.key } },
    create: {
      shop,
      key: spec.key,
      kind: spec.kind,
      payload,
      ...(spec.notBefore ? { nextAttemptAt: spec.notBefore } : {}),
    },
    // Re-arming also drops a running lease, so a run that started before this change
    // cannot mark it done: the task runs again and sees the newest state.
    update: spec.rerun
      ? {
          status: "pending",
          attempts: 0,
          payload,
          nextAttemptAt: new Date(),
          lastError: null,
          sendingAt: null,
          leaseOwner: null,
          leaseUntil: null,
        }
      : {},
  });
}

export type OutboxTask = Awaited<ReturnType<typeof db.outboxTask.findFirstOrThrow>>;

const dueNow = (now: Date) => ({
  status: "pending",
  nextAttemptAt: { lte: now },
  OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
});

/** Shops with tasks due now, the longest waiting first: at most `limit`. */
export async function shopsWithDueTasks(now: Date, limit: number): Promise<string[]> {
  const groups = await db.outboxTask.groupBy({
    by: ["shop"],
    where: dueNow(now),
    _min: { nextAttemptAt: true },
    orderBy: { _min: { nextAttemptAt: "asc" } },
    take: limit,
  });
  return groups.map((g) => g.shop);
}

/**
 * Claims up to `limit` due tasks (of one shop, if given) with a lease (compare-and-set,
 * safe across processes).
 */
export async function claimTasks(limit: number, now = new Date(), shop?: string): Promise<OutboxTask[]> {
  const candidates = await db.outboxTask.findMany({
    where: { ...(shop ? { shop } : {}), ...dueNow(now) },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  const claimed: OutboxTask[] = [];
  for (const task of candidates) {
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const { count } = await db.outboxTask.updateMany({
      where: { id: task.id, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseOwner: WORKER_ID, leaseUntil, attempts: { increment: 1 } },
    });
    if (count === 1) claimed.push({ ...task, leaseOwner: WORKER_ID, leaseUntil, attempts: task.attempts + 1 });
  }
  return claimed;
}

export async function completeTask(task: OutboxTask) {
  await db.outboxTask.updateMany({
    where: { id: task.id, leaseOwner: WORKER_ID },
    data: { status: "done", doneAt: new Date(), leaseOwner: null, leaseUntil: null, lastError: null, sendingAt: null },
  });
}

/**
 * Sets a claimed task aside until its shop authenticates again (uninstalled, or its token
 * refused): parked, not failed, and the attempt is not spent.
 */
export async function parkTask(task: OutboxTask, note: string) {
  await db.outboxTask.updateMany({
    where: { id: task.id, leaseOwner: WORKER_ID },
    data: {
      status: "parked",
      attempts: { decrement: 1 },
      lastError: note.slice(0, 500),
      leaseOwner: null,
      leaseUntil: null,
    },
  });
}

export async function failTask(task: OutboxTask, error: string, retryable: boolean) {
  const giveUp = !retryable || task.attempts >= MAX_TASK_ATTEMPTS;
  await db.outboxTask.updateMany({
    where: { id: task.id, leaseOwner: WORKER_ID },
    data: {
      status: giveUp ? "failed" : "pending",
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(Date.now() + backoffMs(task.attempts)),
      leaseOwner: null,
      leaseUntil: null,
    },
  });
}
