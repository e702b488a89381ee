import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { counts, enrollCustomer, installShop, rewardDiscounts, startWorld, type World } from "../support/world";
import { WorkerProcess, expireLeasesOf } from "./worker-process";

/**
 * The worker process is killed (SIGKILL, no cleanup) in the middle of its
 * work, then started again. The simulator holds the worker's request, so the kill
 * lands while it is in flight; the simulator applies it afterwards, unseen, as Shopify
 * would for a request whose client died.
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
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function setUp() {
  const shop = await installShop(world.sim, { rewardDelayDays: "0" });
  const { customer, advocate } = await enrollCustomer(world.sim, shop, {
    email: "anna@example.com",
    firstName: "Anna",
    lastName: "Kowalska",
  });
  worker = new WorkerProcess({ SHOPIFY_SIMULATOR_URL: world.sim.url, WORKER_POLL_MS: "50", NODE_ENV: "test" });
  return { shop, customer, advocate };
}

/** Holds the next request selecting `rootField` for `holdMs`, starts the worker, and SIGKILLs it while that request is in flight. */
async function killDuring(shop: string, rootField: string, holdMs = 1_500) {
  const rule = world.sim.faults.add({ kind: "timeout", holdMs, shop, rootField, count: 1 });
  await worker.start();
  await until(
    `the worker's ${rootField} request`,
    () => world.sim.faults.list().find((r) => r.id === rule)?.injected === 1,
  );
  const workerId = await worker.kill();
  return workerId!;
}

/** What a minute of waiting does: the dead worker's held request lands, its leases run out. */
async function afterTheCrash(workerId: string) {
  await until("the held request to finish", () => world.sim.heldResponses.size === 0);
  await expireLeasesOf(workerId);
}

async function rewardsOf(shop: string) {
  const { default: db } = await import("../../app/db.server");
  return db.reward.findMany({ where: { shop } });
}

describe("worker killed mid-flight, then restarted", () => {
  it("killed while Shopify creates the reward code: one referral, one reward, one code", async () => {
    const { shop, customer, advocate } = await setUp();
    await world.sim.placeOrder(shop, {
      customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });

    const workerId = await killDuring(shop, "discountCodeBasicCreate");
    // Dead in the middle of issuing: claimed, nothing recorded, nothing in Shopify yet.
    expect((await rewardsOf(shop)).map((r) => r.state)).toEqual(["issuing"]);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(0);
    await afterTheCrash(workerId);
    // Shopify went on and created the code the dead worker asked for.
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);

    await worker.start();
    await until("the reward to be issued", async () => (await rewardsOf(shop))[0].state === "issued");
    await worker.stop();

    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    const codes = rewardDiscounts(world.sim, shop);
    expect(codes).toHaveLength(1);
    expect(codes[0].status).toBe("ACTIVE");
    expect(codes[0].customerSelection).toEqual({ all: false, customerIds: [customer.id] });
    const [reward] = await rewardsOf(shop);
    expect(reward.discountId).toBe(codes[0].id); // adopted, not created twice
    expect(codes[0].codes.map((c) => c.code)).toEqual([reward.code]);
    expect(worker.kills).toBe(1);
  });

  it("killed while the order is being attributed: one referral, one reward, one code", async () => {
    const { shop, advocate } = await setUp();
    await world.sim.placeOrder(shop, {
      customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });

    const workerId = await killDuring(shop, "customer"); // the friend's order history
    await afterTheCrash(workerId);
    await worker.start();
    await until("the reward to be issued", async () => (await rewardsOf(shop))[0]?.state === "issued");
    await worker.stop();

    expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });

  it("killed while creating the code, and the order is cancelled before the restart: the code Shopify made is deactivated", async () => {
    const { shop, advocate } = await setUp();
    const placed = await world.sim.placeOrder(shop, {
      customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });

    const workerId = await killDuring(shop, "discountCodeBasicCreate");
    await afterTheCrash(workerId);
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
    await world.sim.cancelOrder(shop, placed.order.id);

    await worker.start();
    await until("the cancellation to be processed", async () => (await counts(shop)).referrals.voided === 1);
    await until(
      "the orphan code to be deactivated",
      () => rewardDiscounts(world.sim, shop)[0].status !== "ACTIVE",
      20_000,
    );
    await worker.stop();

    expect(await counts(shop)).toEqual({ referrals: { voided: 1 }, rewards: 1, issued: 0 });
    expect((await rewardsOf(shop))[0].state).toBe("voided");
    expect(rewardDiscounts(world.sim, shop)).toHaveLength(1);
  });
});
