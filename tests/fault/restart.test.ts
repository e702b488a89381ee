import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { counts, enrollCustomer, installShop, startWorld, type World } from "../support/world";
import { WorkerProcess } from "./worker-process";

/**
 * The worker process is SIGKILLed while it holds an acknowledged order, and started
 * again at once. Nothing expires its leases by hand: the dead process just stops renewing
 * them, so the new process takes the order over within seconds, not after a minute.
 */

let world: World;
let worker: WorkerProcess;

beforeAll(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await worker?.stop();
  world.sim.faults.clear();
});
afterAll(async () => {
  await world?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}\n${worker.log.slice(-20).join("\n")}`);
    await sleep(25);
  }
}

it("a worker restarted after a SIGKILL processes the dead worker's acknowledged order within 15 s", async () => {
  const { default: db } = await import("../../app/db.server");
  const shop = await installShop(world.sim, { rewardDelayDays: "0" });
  const { advocate } = await enrollCustomer(world.sim, shop, {
    email: "anna@example.com",
    firstName: "Anna",
    lastName: "Kowalska",
  });
  // The default poll, as in production: the restarted worker is not told to look sooner.
  worker = new WorkerProcess({ SHOPIFY_SIMULATOR_URL: world.sim.url, NODE_ENV: "test" });
  await world.sim.placeOrder(shop, {
    customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
    subtotal: "50.00",
    discountCodes: [advocate.code],
    financialStatus: "paid",
  });

  // Killed while it asks Shopify for the friend's order history, the order's delivery in hand.
  const rule = world.sim.faults.add({ kind: "timeout", holdMs: 1_000, shop, rootField: "customer", count: 1 });
  await worker.start();
  await until(
    "the worker's request for the friend's history",
    () => world.sim.faults.list().find((r) => r.id === rule)?.injected === 1,
    60_000,
  );
  const deadId = await worker.kill();
  const held = await db.webhookDelivery.findMany({ where: { shop, leaseOwner: deadId } });
  expect(held.length).toBeGreaterThan(0);
  expect(held.every((d) => d.status === "received")).toBe(true);

  await worker.start(120_000);
  expect(worker.workerId).not.toBe(deadId);
  await until(
    "the restarted worker to record the referral and issue its reward",
    async () => (await counts(shop)).issued === 1,
    15_000,
  );
  expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
  expect(await db.webhookDelivery.count({ where: { id: { in: held.map((d) => d.id) }, status: "processed" } })).toBe(
    held.length,
  );
}, 300_000);
