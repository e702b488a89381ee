import db, { type Tx } from "./db.server";

/**
 * The outbox's write side. Side effects of a state change (Admin API calls: friend
 * discount sync, redeem codes, metafields, tags, Flow triggers; advocate emails) are
 * written here in the same transaction as the change that causes them, then claimed
 * from the job queue (app/jobs/queue.server.ts) and sent by the worker
 * (app/jobs/tasks.server.ts). A unique (shop, key) makes each effect happen once per
 * event. The domain writes tasks; it never runs or claims them.
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
