import { afterAll, beforeAll, expect, it } from "vitest";
import { connect, seedDueRewards } from "../../bench/seed";
import { WorkerProcess } from "../fault/worker-process";
import { useOwnDatabase } from "../support/own-database";
import { installShop, rewardDiscounts, startWorld, type World } from "../support/world";

/**
 * Two worker processes issue one shop's rewards against the simulator's real cost bucket
 * (a small one: 80 points, 40 points/s; each worker alone would spend it at 40 points/s,
 * so two with books of their own would send twice what refills). They share the shop's
 * bucket through the database, so Shopify never answers THROTTLED, and every reward is
 * issued once. The books keep a second of refill in hand for calls that reach Shopify
 * late (a busy machine delays them); the slow refill makes that second 40 points.
 */

let world: World;
let database: { drop(): Promise<void> };
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  // The workers claim every due job of their database: only this test's work is in its own.
  database = await useOwnDatabase();
  world = await startWorld();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await world?.stop();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the queue and the simulator hold, for a failure message that says where the work stopped. */
async function whereItStands(shop: string): Promise<string> {
  const { default: db } = await import("../../app/db.server");
  const [rewards, errors, tasks, deliveries, budget] = await Promise.all([
    db.reward.groupBy({ by: ["state"], where: { shop }, _count: true }),
    db.reward.findMany({ where: { shop, lastError: { not: null } }, select: { lastError: true }, take: 3 }),
    db.outboxTask.groupBy({ by: ["shop", "kind", "status"], where: { status: "pending" }, _count: true }),
    db.webhookDelivery.groupBy({ by: ["shop", "status"], where: { status: "received" }, _count: true }),
    db.shopifyBudget.findUnique({ where: { shop } }),
  ]);
  return [
    `rewards: ${JSON.stringify(rewards)} ${JSON.stringify(errors)}`,
    `pending tasks: ${JSON.stringify(tasks)}`,
    `received deliveries: ${JSON.stringify(deliveries)}`,
    `budget: ${JSON.stringify(budget)} now ${Date.now()}; simulator: ${JSON.stringify(world.sim.counters(shop))}`,
    ...workers.flatMap((w) => w.log.slice(-30)),
  ].join("\n");
}

it("two workers sharing a shop's Admin API bucket get no THROTTLED answer and issue each reward once", async () => {
  const { default: db, databaseTarget } = await import("../../app/db.server");
  const { sim } = world;
  sim.configureRateLimit({ bucketSize: 80, restoreRate: 40 });
  try {
    // Installing talks to Shopify (the friend discount), so the app knows the shop's bucket.
    const shop = await installShop(sim, { rewardDelayDays: "0" });
    const budget = await db.shopifyBudget.findUnique({ where: { shop } });
    // Shopify's 80 points, less what refills in a second (at most half): 40 usable at once.
    expect(budget).toMatchObject({ maximum: 40, restoreRate: 40 });

    const customers = Array.from({ length: 8 }, (_, i) =>
      String(
        sim.addCustomer(shop, { email: `adv${i}@budget.example`, firstName: "Ada", lastName: `B${i}` })
          .legacyResourceId,
      ),
    );
    const sql = await connect(databaseTarget.provider, databaseTarget.url);
    const tag = `sb${Date.now().toString(36)}`;
    const count = 60;
    try {
      await seedDueRewards(sql, shop, tag, count, customers, 60);
    } finally {
      await sql.close();
    }
    const throttledBefore = sim.counters(shop).throttled;
    for (let i = 0; i < 2; i++) {
      const worker = new WorkerProcess({ SHOPIFY_SIMULATOR_URL: sim.url, WORKER_POLL_MS: "100", NODE_ENV: "test" });
      workers.push(worker);
    }
    // Starting a worker from the TypeScript sources takes a while on a busy machine.
    await Promise.all(workers.map((w) => w.start(120_000)));
    const ids = workers.map((w) => w.workerId);

    // Both workers take part: each is seen holding a reward of the shop while issuing.
    const owners = new Set<string>();
    for (let deadline = Date.now() + 120_000; ;) {
      const [issuing, done] = await Promise.all([
        db.reward.findMany({ where: { shop, state: "issuing" }, select: { leaseOwner: true } }),
        db.reward.count({ where: { shop, state: { in: ["issued", "failed"] } } }),
      ]);
      for (const r of issuing) if (r.leaseOwner) owners.add(r.leaseOwner);
      if (done >= count) break;
      if (Date.now() > deadline)
        throw new Error(`only ${done} of ${count} rewards done:\n${await whereItStands(shop)}`);
      await sleep(100);
    }
    expect([...owners].sort()).toEqual([...ids].sort());
    expect(await db.reward.count({ where: { shop, state: "issued" } })).toBe(count);
    expect(sim.counters(shop).throttled - throttledBefore).toBe(0);
    const codes = rewardDiscounts(sim, shop).flatMap((d) => d.codes.map((c) => c.code));
    expect(codes).toHaveLength(count);
    expect(new Set(codes).size).toBe(count);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    sim.configureRateLimit({ bucketSize: 1000, restoreRate: 1000 });
  }
}, 400_000);
