// What issuing a reward and answering the storefront cost the database: statements and
// commits counted from Prisma's query events (DATABASE_COUNT_QUERIES, set before any app
// module loads). Bounds, so a change that adds a query per reward or per request shows.
process.env.DATABASE_COUNT_QUERIES = "1";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../support/world";

let world: World;
let w: typeof import("../support/world");
let db: (typeof import("../../app/db.server"))["default"];
let queryCounts: (typeof import("../../app/db.server"))["queryCounts"];
const seen = new Map<string, number>();

beforeAll(async () => {
  w = await import("../support/world");
  ({ default: db, queryCounts } = await import("../../app/db.server"));
  world = await w.startWorld();
  (db as unknown as { $on(e: "query", cb: (e: { query: string }) => void): void }).$on("query", (e) => {
    const key = e.query.replace(/\s+/g, " ").slice(0, 90);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  });
});
afterAll(async () => {
  await world?.stop();
});

async function measure(fn: () => Promise<unknown>) {
  const before = { ...queryCounts };
  seen.clear();
  await fn();
  return { statements: queryCounts.statements - before.statements, commits: queryCounts.commits - before.commits };
}

const top = () =>
  [...seen]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([q, n]) => `${String(n).padStart(5)}  ${q}`)
    .join("\n");

describe("database work", () => {
  it("issuing rewards: a bounded number of statements and commits per reward, Flow trigger included", async () => {
    const shop = await w.installShop(world.sim, { rewardDelayDays: "0" });
    const advocates: { id: string }[] = [];
    for (let i = 0; i < 4; i++)
      advocates.push(
        (
          await w.enrollCustomer(world.sim, shop, {
            email: `adv${i}@example.com`,
            firstName: "Ada",
            lastName: `Lovelace${i}`,
          })
        ).advocate,
      );
    const N = 40;
    const due = new Date(Date.now() - 60_000);
    await db.reward.createMany({
      data: Array.from({ length: N }, (_, i) => ({
        shop,
        advocateId: advocates[i % advocates.length].id,
        kind: "referral",
        rewardType: "fixed_amount",
        amountMinor: 1000,
        currencyCode: "USD",
        state: "pending",
        dueAt: new Date(due.getTime() + i),
        cause: `work:${i}`,
        code: `RWD-WORK-${i}`,
      })),
    });
    const work = await measure(() => w.drain());
    console.log(
      `per issued reward: ${(work.statements / N).toFixed(2)} statements, ${(work.commits / N).toFixed(2)} commits\n${top()}`,
    );
    expect(await db.reward.count({ where: { shop, state: "issued" } })).toBe(N);
    // Claim, issue and record (ledger, counters, daily figures, the Flow trigger queued),
    // then the trigger sent: about 19 statements, of which 3 commits on PostgreSQL. Each
    // reward used to be claimed, and read its advocate and settings, on its own, and each
    // Admin API call read the shop's session: 25 statements and 5 commits.
    expect(work.statements / N).toBeLessThanOrEqual(20);
    if (databaseProvider() === "postgresql") expect(work.commits / N).toBeLessThanOrEqual(3.5);
  });

  it("a storefront view (/api/me and /api/customer/referral): the session, the settings, the advocate with their rewards", async () => {
    const { proxyGet, freshIp } = await import("../security/support");
    const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
    const shop = await w.installShop(world.sim);
    const { customer, advocate } = await w.enrollCustomer(world.sim, shop, {
      email: "ola@example.com",
      firstName: "Ola",
      lastName: "Nowak",
    });
    await db.reward.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        shop,
        advocateId: advocate.id,
        kind: "referral",
        rewardType: "fixed_amount",
        amountMinor: 1000,
        currencyCode: "USD",
        state: "pending",
        dueAt: new Date(Date.now() + 86_400_000),
        cause: `view:${i}`,
        code: `RWD-VIEW-${i}`,
      })),
    });
    const customerId = String(customer.legacyResourceId);
    await resetRateLimits();
    const me = await measure(async () => {
      const res = await proxyGet(world.app.url, "/proxy/api/me", { shop, customerId, ip: freshIp() });
      expect(res.status).toBe(200);
      expect((await res.json()).advocate.rewards).toHaveLength(5);
    });
    const token = world.sim.customerAccountSessionToken(shop, { customerId });
    const extension = await measure(async () => {
      const res = await fetch(new URL("/api/customer/referral", world.app.url), {
        headers: {
          Authorization: `Bearer ${token}`,
          "X-Forwarded-For": freshIp(),
          Origin: "https://extensions.shopifycdn.com",
          "User-Agent":
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).advocate.rewards).toHaveLength(5);
    });
    console.log(`/api/me: ${me.statements} statements; /api/customer/referral: ${extension.statements}\n${top()}`);
    // The offline session (the shop is installed), the settings and the advocate (side
    // by side), their newest rewards: no writes.
    for (const view of [me, extension]) {
      expect(view.statements).toBeLessThanOrEqual(4);
      expect(view.commits).toBe(0);
    }
  });
});

const databaseProvider = () => (process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite");
