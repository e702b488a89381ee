import { afterAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { enqueueTask } from "../../app/outbox.server";
import { runWorkerOnce, startWorker } from "../../app/jobs/worker.server";
import { renewLeases, WORKER_ID } from "../../app/jobs/queue.server";
import { AdminApiError, type AdminApi } from "../../app/shopify/admin-client.server";

// A shop whose Admin API calls are slow (its rate limit is spent, or Shopify is slow for
// it) must not hold up another shop's side effects in the same worker pass.
const domain = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}.myshopify.com`;

async function queueTags(shop: string, count: number, from = 0) {
  await db.$transaction(async (tx) => {
    for (let i = from; i < from + count; i++)
      await enqueueTask(tx, shop, {
        kind: "tag_customer",
        key: `tag_customer:${i}`,
        payload: { customerId: String(1000 + i) },
      });
  });
}

const tasksOf = (shop: string) =>
  db.outboxTask.findMany({ where: { shop }, select: { status: true, leaseOwner: true, leaseUntil: true } });
const statusesOf = async (shop: string) => (await tasksOf(shop)).map((t) => t.status);

describe("the worker's outbox across shops", () => {
  const created: string[] = [];
  // These shops have no session: work of theirs left due would stall a later file's worker.
  afterAll(async () => {
    await db.outboxTask.deleteMany({ where: { shop: { in: created } } });
    await db.shop.deleteMany({ where: { domain: { in: created } } });
  });

  it("sends a quiet shop's task while a busy shop's calls are still waiting, and gives the busy shop only its share", async () => {
    const busy = domain("busy");
    const quiet = domain("quiet");
    created.push(busy, quiet);
    await db.shop.createMany({ data: [{ domain: busy }, { domain: quiet }] });
    // The busy shop's tasks were queued first: a first-come pass would run them all before the quiet shop's.
    await queueTags(busy, 80);
    await queueTags(quiet, 1);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const adminFor = async (shop: string): Promise<AdminApi> => ({
      shop,
      async request<T>() {
        if (shop === busy) await gate;
        else if (shop !== quiet) throw new AdminApiError("not this test's shop", true, "network");
        sent.push(shop);
        return { tagsAdd: { userErrors: [] } } as T;
      },
    });

    const pass = runWorkerOnce({ adminFor });
    await expect.poll(() => statusesOf(quiet), { timeout: 10_000 }).toEqual(["done"]);
    expect(sent).toEqual([quiet]); // the busy shop is still waiting for Shopify
    release();
    await pass;

    const busyTasks = await tasksOf(busy);
    const done = busyTasks.filter((t) => t.status === "done").length;
    // Its share of the batch of 50 (two shops: 25), not the whole batch; the rest waits for the next pass.
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThanOrEqual(25);
    expect(busyTasks.filter((t) => t.status === "pending")).toHaveLength(80 - done);
  });

  it("waits for the web server to give way before each job (the in-process worker)", async () => {
    const shop = domain("patient");
    created.push(shop);
    await db.shop.create({ data: { domain: shop } });
    await queueTags(shop, 1);
    let release!: () => void;
    const busyWeb = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const adminFor = async (s: string): Promise<AdminApi> => ({
      shop: s,
      async request<T>() {
        if (s !== shop) throw new AdminApiError("not this test's shop", true, "network");
        return { tagsAdd: { userErrors: [] } } as T;
      },
    });
    const pass = runWorkerOnce({ adminFor, giveWay: () => (asked++, busyWeb) });
    // The pass awaits giveWay before the job: while it has not resolved, the task cannot run.
    await expect.poll(() => asked, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await statusesOf(shop)).toEqual(["pending"]); // held while requests are in flight
    release();
    await pass;
    expect(await statusesOf(shop)).toEqual(["done"]);
  });

  it("a running worker goes on with other shops, pass after pass, while one shop's call hangs, and works on that shop's job once", async () => {
    const stuck = domain("stuck");
    const other = domain("other");
    created.push(stuck, other);
    await db.shop.createMany({ data: [{ domain: stuck }, { domain: other }] });
    await queueTags(stuck, 1);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stuckCalls = 0;
    const adminFor = async (shop: string): Promise<AdminApi> => ({
      shop,
      async request<T>() {
        if (shop === stuck) {
          stuckCalls++;
          await gate; // Shopify does not answer for this shop
        } else if (shop !== other) throw new AdminApiError("not this test's shop", true, "network");
        return { tagsAdd: { userErrors: [] } } as T;
      },
    });

    const worker = startWorker({ deps: { adminFor } });
    try {
      await expect.poll(() => stuckCalls, { timeout: 10_000 }).toBe(1);
      // Queued after the hanging call began: only a later pass can take them.
      await queueTags(other, 1);
      await expect.poll(() => statusesOf(other), { timeout: 10_000 }).toEqual(["done"]);
      await queueTags(other, 1, 1);
      await expect.poll(() => statusesOf(other), { timeout: 10_000 }).toEqual(["done", "done"]);

      // Passes went by; the stuck shop's job was not started again, and is still ours: the
      // heartbeat keeps its lease, so no other worker takes it over while the call waits.
      expect(stuckCalls).toBe(1);
      const [held] = await tasksOf(stuck);
      expect(held.status).toBe("pending");
      expect(held.leaseOwner).toBe(WORKER_ID);
      const later = new Date(Date.now() + 60_000);
      await renewLeases(later);
      expect((await tasksOf(stuck))[0].leaseUntil!.getTime()).toBeGreaterThan(later.getTime());
    } finally {
      release();
      await worker.stop();
    }
    expect(await statusesOf(stuck)).toEqual(["done"]);
    expect(stuckCalls).toBe(1);
  });
});
