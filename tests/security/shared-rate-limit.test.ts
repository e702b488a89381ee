import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppInstance } from "../support/child-instance";
import { installShop, startWorld, type World } from "../support/world";
import { freshIp, proxyGet } from "./support";

/**
 * Two app instances (two OS processes) on one database, a shopper's requests spread over
 * both, as a load balancer would. On PostgreSQL the storefront limits are shared, so the
 * two together allow one customer's burst once; on SQLite (one process by design) each
 * instance keeps its own limits in memory, which is what README says.
 */

let world: World;
let shop: string;
const instances: Awaited<ReturnType<typeof startAppInstance>>[] = [];
const BURST = 4;

beforeAll(async () => {
  world = await startWorld();
  shop = await installShop(world.sim);
  const env = {
    RATE_LIMIT_CUSTOMER_BURST: String(BURST),
    RATE_LIMIT_CUSTOMER_PER_MINUTE: String(BURST),
    SHOPIFY_SIMULATOR_URL: world.sim.url,
  };
  instances.push(...(await Promise.all([startAppInstance(env), startAppInstance(env)])));
}, 120_000);
afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await world?.stop();
});

it("one customer's limit is shared by both instances on PostgreSQL and kept per instance on SQLite", async () => {
  const { databaseTarget } = await import("../../app/db.server");
  const statuses: number[] = [];
  // Alternating instances, each request from another address: only the customer limit applies.
  for (let i = 0; i < 2 * BURST + 1; i++) {
    const res = await proxyGet(instances[i % 2].url, "/proxy/api/me", { shop, customerId: "9901", ip: freshIp() });
    statuses.push(res.status);
  }
  const served = statuses.filter((s) => s === 200).length;
  expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  if (databaseTarget.provider === "postgresql") {
    expect(served).toBe(BURST);
    expect(statuses.slice(0, BURST)).toEqual(Array(BURST).fill(200));
  } else {
    expect(served).toBe(2 * BURST);
    expect(statuses[2 * BURST]).toBe(429);
  }
  // Another customer is untouched on both instances.
  for (const instance of instances)
    expect((await proxyGet(instance.url, "/proxy/api/me", { shop, customerId: "9902", ip: freshIp() })).status).toBe(
      200,
    );
}, 120_000);
