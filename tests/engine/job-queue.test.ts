import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import {
  LEASE_MS,
  claim,
  complete,
  fail,
  failure,
  forgetHeldJobs,
  park,
  putBack,
  renewLeases,
  settle,
  tasks,
  type TaskJob,
} from "../../app/jobs/queue.server";
import { backoffMs } from "../../app/lib/backoff";

/**
 * The job queue's rules, the same for deliveries, tasks and rewards: one lease per job,
 * renewed while this process works on it; one backoff; parking spends no attempt.
 * Exercised on outbox tasks of a shop of their own, with an injected clock.
 */

afterEach(() => forgetHeldJobs());

const newShop = () => `queue-${crypto.randomBytes(4).toString("hex")}.myshopify.com`;

async function addTasks(shop: string, n: number, at: Date) {
  for (let i = 0; i < n; i++)
    await db.outboxTask.create({ data: { shop, key: `k${i}`, kind: "tag_order", payload: "{}", nextAttemptAt: at } });
}

const row = (job: TaskJob) => db.outboxTask.findUniqueOrThrow({ where: { id: job.id } });

describe("job queue", () => {
  it("leases a due job to one claim only, until the lease runs out", async () => {
    const shop = newShop();
    const now = new Date(Date.now() + 1000 * LEASE_MS);
    await addTasks(shop, 1, now);
    const [job] = await claim(tasks, 10, now, shop);
    expect(job).toMatchObject({ attempts: 1, leaseUntil: new Date(now.getTime() + LEASE_MS) });
    expect(await claim(tasks, 10, new Date(now.getTime() + LEASE_MS - 1), shop)).toEqual([]);
    // Nobody renewed it (its worker died): the next claim after the lease takes it over.
    const [again] = await claim(tasks, 10, new Date(now.getTime() + LEASE_MS + 1), shop);
    expect(again).toMatchObject({ id: job.id, attempts: 2 });
  });

  it("renews the leases of the jobs being worked on, not of settled or abandoned ones", async () => {
    const shop = newShop();
    const now = new Date(Date.now() + 2000 * LEASE_MS);
    await addTasks(shop, 2, now);
    const [first, second] = await claim(tasks, 10, now, shop);
    await complete(tasks, first);

    const later = new Date(now.getTime() + LEASE_MS / 2);
    await renewLeases(later);
    expect((await row(second)).leaseUntil).toEqual(new Date(later.getTime() + LEASE_MS));
    expect(await row(first)).toMatchObject({ status: "done", leaseUntil: null });

    // The pass that claimed it ended without settling it: its lease is left to run out.
    forgetHeldJobs();
    await renewLeases(new Date(later.getTime() + LEASE_MS));
    expect((await row(second)).leaseUntil).toEqual(new Date(later.getTime() + LEASE_MS));
  });

  it("retries a failure after the one backoff, fails for good when out of attempts or not retryable", async () => {
    const shop = newShop();
    const now = new Date(Date.now() + 3000 * LEASE_MS);
    await addTasks(shop, 2, now);
    const [job, other] = await claim(tasks, 10, now, shop);
    // Attempt 1 waits between half and all of the backoff's base (2 s).
    const outcome = failure(tasks, job, "HTTP 502", true, now);
    expect(outcome.to).toBe("retry");
    const at = outcome.to === "retry" ? outcome.at.getTime() : 0;
    expect(at).toBeGreaterThanOrEqual(now.getTime() + 1_000);
    expect(at).toBeLessThanOrEqual(now.getTime() + 2_000);
    await settle(tasks, job, outcome);
    const retried = await row(job);
    expect(retried).toMatchObject({ status: "pending", lastError: "HTTP 502", leaseOwner: null, attempts: 1 });
    expect(retried.nextAttemptAt.getTime()).toBe(at);

    expect(await fail(tasks, other, "bad input", false)).toMatchObject({ to: "failed" });
    expect(await row(other)).toMatchObject({ status: "failed", lastError: "bad input" });

    await db.outboxTask.update({
      where: { id: job.id },
      data: { attempts: tasks.maxAttempts - 1, nextAttemptAt: now },
    });
    const [last] = await claim(tasks, 10, now, shop);
    expect(last.attempts).toBe(tasks.maxAttempts);
    expect(await fail(tasks, last, "HTTP 502", true)).toMatchObject({ to: "failed" });
    expect(await row(last)).toMatchObject({ status: "failed" });
  });

  it("parks and puts back without spending the attempt", async () => {
    const shop = newShop();
    const now = new Date(Date.now() + 4000 * LEASE_MS);
    await addTasks(shop, 2, now);
    const [parked, deferred] = await claim(tasks, 10, now, shop);
    await park(tasks, parked, "waiting for the shop");
    expect(await row(parked)).toMatchObject({ status: "parked", attempts: 0, lastError: "waiting for the shop" });
    const at = new Date(now.getTime() + 5_000);
    await putBack(tasks, deferred, at);
    expect(await row(deferred)).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: at, leaseOwner: null });
    expect(await claim(tasks, 10, now, shop)).toEqual([]);
    expect((await claim(tasks, 10, at, shop)).map((t) => t.id)).toEqual([deferred.id]);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffMs(1, 2_000, 60_000, () => 0)).toBe(1_000);
    expect(backoffMs(1, 2_000, 60_000, () => 1)).toBe(2_000);
    expect(backoffMs(3, 2_000, 60_000, () => 1)).toBe(8_000);
    expect(backoffMs(30, 2_000, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(30, 2_000, 60_000, () => 0)).toBe(30_000);
  });
});
