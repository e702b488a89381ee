import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installShop, startWorld, type World } from "../support/world";
import { freshIp, proxyGet } from "./support";

// Storefront rate limits through real HTTP: per customer and per client IP, 429 with
// Retry-After and a JSON reason, one customer never blocking another.
let world: World;
let shop: string;
const ENV = {
  RATE_LIMIT_CUSTOMER_BURST: "3",
  RATE_LIMIT_CUSTOMER_PER_MINUTE: "6",
  RATE_LIMIT_IP_BURST: "5",
  RATE_LIMIT_IP_PER_MINUTE: "6",
};

beforeAll(async () => {
  Object.assign(process.env, ENV);
  world = await startWorld();
  shop = await installShop(world.sim);
});
afterAll(async () => {
  for (const k of Object.keys(ENV)) delete process.env[k];
  (await import("../../app/config.server")).reloadConfig();
  await (await import("../../app/storefront/rate-limit.server")).resetRateLimits();
  await world?.stop();
});
beforeEach(async () => {
  await (await import("../../app/storefront/rate-limit.server")).resetRateLimits();
});

const me = (customerId: string | null, ip: string, headers: Record<string, string> = {}) =>
  proxyGet(world.app.url, "/proxy/api/me", { shop, customerId, ip, headers });

async function expect429(res: Response, scope: "customer" | "ip") {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retry) && retry >= 1 && retry <= 60).toBe(true);
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = await res.json();
  expect(body).toMatchObject({ error: "rate_limited", scope, retryAfterSeconds: retry });
  expect(typeof body.reason).toBe("string");
}

describe("storefront rate limits", () => {
  it("limits one customer, whatever IP they come from, and not the next customer", async () => {
    for (let i = 0; i < 3; i++) expect((await me("5001", freshIp())).status).toBe(200);
    await expect429(await me("5001", freshIp()), "customer");
    // Another customer of the shop is untouched.
    expect((await me("5002", freshIp())).status).toBe(200);
    // The same customer id in another shop is another person.
    const other = await installShop(world.sim);
    expect(
      (await proxyGet(world.app.url, "/proxy/api/me", { shop: other, customerId: "5001", ip: freshIp() })).status,
    ).toBe(200);
  });

  it("limits one IP address across customers and logged-out visitors, and not the next IP", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await me(i % 2 ? null : `600${i}`, ip)).status).toBe(200);
    await expect429(await me("6100", ip), "ip");
    await expect429(await proxyGet(world.app.url, "/proxy/r/ANNA-ZZZZZZZZ", { shop, ip }), "ip");
    expect((await me("6100", freshIp())).status).toBe(200);
  });

  it("reads the client IP from X-Forwarded-For as the proxy chain appends it (rightmost entry)", async () => {
    const real = freshIp();
    // A visitor writing their own X-Forwarded-For only adds entries on the left.
    for (let i = 0; i < 5; i++) expect((await me(null, `10.0.0.${i}, ${real}`)).status).toBe(200);
    await expect429(await me(null, `10.9.9.9, ${real}`), "ip");
  });

  it("limits a request without X-Forwarded-For by the address of its connection", async () => {
    // proxyGet sends no X-Forwarded-For without an ip: as a request straight to the app.
    const bare = (customerId: string | null) => proxyGet(world.app.url, "/proxy/api/me", { shop, customerId });
    for (let i = 0; i < 5; i++) expect((await bare(i % 2 ? null : `620${i}`)).status).toBe(200);
    await expect429(await bare("6300"), "ip");
    await expect429(await proxyGet(world.app.url, "/proxy/r/ANNA-ZZZZZZZZ", { shop }), "ip");
    // A header with nothing believable in it is no way around the limit either.
    await expect429(await me("6301", "not-an-ip"), "ip");
    // Others, whose address the proxy chain tells, are untouched.
    expect((await me("6302", freshIp())).status).toBe(200);
  });

  it("with TRUSTED_PROXY_HOPS=1 (a load balancer), takes the entry Shopify's proxy appended", async () => {
    const { reloadConfig } = await import("../../app/config.server");
    process.env.TRUSTED_PROXY_HOPS = "1";
    reloadConfig();
    try {
      const real = freshIp();
      const balancerPeer = "10.1.0.1"; // appended by the balancer: the proxy it received the request from
      for (let i = 0; i < 5; i++) expect((await me(null, `192.0.2.${i}, ${real}, ${balancerPeer}`)).status).toBe(200);
      await expect429(await me(null, `192.0.2.99, ${real}, ${balancerPeer}`), "ip");
      // The next visitor behind the same balancer is another address.
      expect((await me(null, `${freshIp()}, ${balancerPeer}`)).status).toBe(200);
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS;
      reloadConfig();
    }
  });

  it("does not spend a customer's tokens on requests with a bad signature", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await proxyGet(world.app.url, "/proxy/api/me", {
        shop,
        customerId: "7001",
        ip: freshIp(),
        tamper: (q) => q.set("signature", "0".repeat(64)),
      });
      expect(res.status).toBe(401);
    }
    expect((await me("7001", freshIp())).status).toBe(200);
  });

  it("refills over time: after Retry-After seconds the customer is served again", async () => {
    const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
    process.env.RATE_LIMIT_CUSTOMER_PER_MINUTE = "60"; // one a second
    (await import("../../app/config.server")).reloadConfig();
    await resetRateLimits();
    for (let i = 0; i < 3; i++) expect((await me("8001", freshIp())).status).toBe(200);
    const limited = await me("8001", freshIp());
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get("retry-after"));
    const { databaseTarget } = await import("../../app/db.server");
    if (databaseTarget.provider === "postgresql") {
      // Shared windows of BURST / PER_MINUTE minutes: 3 requests per 3 s.
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(3);
    } else {
      // This process's token bucket: the next token comes in a second.
      expect(wait).toBe(1);
    }
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    expect((await me("8001", freshIp())).status).toBe(200);
    process.env.RATE_LIMIT_CUSTOMER_PER_MINUTE = ENV.RATE_LIMIT_CUSTOMER_PER_MINUTE;
    (await import("../../app/config.server")).reloadConfig();
  });
});

describe("token buckets", () => {
  it("keep memory bounded: at most maxKeys buckets, least recently used evicted first", async () => {
    const { TokenBuckets } = await import("../../app/storefront/rate-limit.server");
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2, maxKeys: 100 }, () => now);
    for (let i = 0; i < 10_000; i++) buckets.take(`k${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
    // A key used a moment ago survives a flood of new keys better than an old one.
    buckets.take("hot");
    buckets.take("hot");
    expect(buckets.take("hot").allowed).toBe(false);
    for (let i = 0; i < 50; i++) buckets.take(`new${i}`);
    expect(buckets.take("hot").allowed).toBe(false);
    // Buckets that have refilled carry no information and are dropped.
    now += 10 * 60_000;
    buckets.take("later");
    expect(buckets.size).toBe(1);
  });

  it("answer Retry-After as the time until the next token", async () => {
    const { TokenBuckets } = await import("../../app/storefront/rate-limit.server");
    const now = 0;
    const buckets = new TokenBuckets({ perMinute: 2, burst: 1, maxKeys: 10 }, () => now);
    expect(buckets.take("a").allowed).toBe(true);
    expect(buckets.take("a")).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });
});
