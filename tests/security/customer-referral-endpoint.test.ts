import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../simulator/app-bridge-stub";
import { installShop, startWorld, uninstallShop, type World } from "../support/world";
import { freshIp, proxyGet, tableCounts } from "./support";

// GET /api/customer/referral, the endpoint of the customer account and thank-you
// extensions, through real HTTP and the real authenticate.public.* code, with session
// tokens minted by the simulator the way Shopify mints them, and forged ones of each kind.
let world: World;
let shopA: string;
let shopB: string;
let codeA: string;
let codeB: string;
const CUSTOMER = "880088";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const ORIGIN = "https://extensions.shopifycdn.com";

beforeAll(async () => {
  world = await startWorld();
  const { enrollAdvocate } = await import("../../app/referrals/advocates.server");
  shopA = await installShop(world.sim);
  shopB = await installShop(world.sim);
  codeA = (await enrollAdvocate(shopA, CUSTOMER, { via: "admin" })).code;
  codeB = (await enrollAdvocate(shopB, CUSTOMER, { via: "admin" })).code;
});
afterAll(async () => {
  await world?.stop();
});
beforeEach(async () => {
  await (await import("../../app/storefront/rate-limit.server")).resetRateLimits();
});

function get(token: string | null, options: { surface?: string; headers?: Record<string, string> } = {}) {
  const url = new URL("/api/customer/referral", world.app.url);
  if (options.surface) url.searchParams.set("surface", options.surface);
  return fetch(url, {
    headers: {
      "User-Agent": BROWSER,
      Origin: ORIGIN,
      "X-Forwarded-For": freshIp(),
      ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
  });
}

function expectCors(res: Response) {
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
}

async function expectUnauthorized(res: Response, what: string) {
  expect(res.status, what).toBe(401);
  expect(await res.text(), what).toBe("");
  expectCors(res);
  expect(res.headers.get("location")).toBeNull();
}

describe("GET /api/customer/referral", () => {
  it("answers a customer account token with the customer's own data, the same read model as /api/me", async () => {
    const res = await get(world.sim.customerAccountSessionToken(shopA, { customerId: CUSTOMER }));
    expect(res.status).toBe(200);
    expectCors(res);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = await res.json();
    expect(body.loggedIn).toBe(true);
    expect(body.advocate.code).toBe(codeA);
    const proxied = await proxyGet(world.app.url, "/proxy/api/me", {
      shop: shopA,
      customerId: CUSTOMER,
      ip: freshIp(),
    });
    expect(await proxied.json()).toEqual(body);
  });

  it("takes the shop only from dest: the same customer id in another shop is another advocate", async () => {
    const res = await get(world.sim.customerAccountSessionToken(shopB, { customerId: CUSTOMER }));
    const body = await res.json();
    expect(body.advocate.code).toBe(codeB);
    expect(JSON.stringify(body)).not.toContain(codeA);
    // A shop named in the query or a header counts for nothing.
    const other = await get(world.sim.customerAccountSessionToken(shopB, { customerId: CUSTOMER }), {
      headers: { "X-Shopify-Shop-Domain": shopA },
    });
    expect((await other.json()).advocate.code).toBe(codeB);
  });

  it("enrolls a buyer from the thank-you page (checkout token) once, through the one enrollment", async () => {
    const db = (await import("../../app/db.server")).default;
    const buyer = world.sim.addCustomer(shopA, { email: "new.buyer@a.example", firstName: "Nadia", lastName: "Kowal" });
    const token = world.sim.checkoutSessionToken(shopA, { customerId: buyer.legacyResourceId });
    const first = await get(token, { surface: "checkout" });
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.advocate.code).toMatch(/^[A-Z0-9-]+$/);
    const again = await (await get(token, { surface: "checkout" })).json();
    expect(again.advocate.code).toBe(body.advocate.code);
    const advocates = await db.advocate.findMany({
      where: { shop: shopA, customerId: String(buyer.legacyResourceId) },
    });
    expect(advocates).toHaveLength(1);
    const enrolled = await db.ledgerEvent.count({ where: { shop: shopA, advocateId: advocates[0].id } });
    expect(enrolled).toBe(1);
  });

  it("refuses every other token with an empty 401 and changes nothing", async () => {
    const before = await tableCounts();
    const fresh = "990099"; // not an advocate anywhere: a successful call would enroll them
    const { sim } = world;
    const forged: [string, string | null, string?][] = [
      ["no Authorization header", null],
      ["not a JWT", "garbage"],
      ["signed with another secret", sim.customerAccountSessionToken(shopA, { customerId: fresh, secret: "other" })],
      ["expired", sim.customerAccountSessionToken(shopA, { customerId: fresh, ttlSeconds: -60 })],
      ["not valid yet", sim.customerAccountSessionToken(shopA, { customerId: fresh, notBeforeSeconds: 600 })],
      ["another app's (aud)", sim.customerAccountSessionToken(shopA, { customerId: fresh, aud: "another-app" })],
      [
        "a staff member's admin token",
        mintSessionToken(shopA, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!, { userId: "42" }),
      ],
      ["a guest's (no sub)", sim.customerAccountSessionToken(shopA)],
      ["a guest's checkout token", sim.checkoutSessionToken(shopA), "checkout"],
      ["sub of another resource", sim.customerAccountSessionToken(shopA, { sub: "gid://shopify/StaffMember/1" })],
      ["sub not a GID", sim.customerAccountSessionToken(shopA, { sub: fresh })],
      [
        "sub with more after the id",
        sim.customerAccountSessionToken(shopA, { sub: `gid://shopify/Customer/${fresh}/x` }),
      ],
      ["dest not a shop", sim.customerAccountSessionToken(shopA, { customerId: fresh, dest: "evil.example.com" })],
      ["checkout token, wrong secret", sim.checkoutSessionToken(shopA, { customerId: fresh, secret: "x" }), "checkout"],
    ];
    // A valid token with one claim changed after signing.
    const valid = sim.customerAccountSessionToken(shopA, { customerId: fresh });
    const [head, payload, signature] = valid.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const swapped = Buffer.from(JSON.stringify({ ...claims, dest: shopB })).toString("base64url");
    forged.push(["dest changed after signing", `${head}.${swapped}.${signature}`]);
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    forged.push(["alg none", `${none}.${payload}.`]);
    for (const [what, token, surface] of forged) {
      await expectUnauthorized(await get(token, { surface }), what);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("answers an empty 404 for a shop the app is not installed on, or no longer", async () => {
    const before = await tableCounts();
    world.sim.seedShop({ domain: "never-installed.myshopify.com" });
    const res = await get(world.sim.customerAccountSessionToken("never-installed.myshopify.com", { customerId: "1" }));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("");
    expectCors(res);
    expect(await tableCounts()).toEqual(before);

    const shop = await installShop(world.sim);
    const token = world.sim.customerAccountSessionToken(shop, { customerId: CUSTOMER });
    expect((await get(token)).status).toBe(200);
    expect(await uninstallShop(world.sim, shop)).toBe(200);
    const gone = await get(token);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe("");
  });

  it("answers the CORS preflight and refuses other methods", async () => {
    const preflight = await fetch(new URL("/api/customer/referral", world.app.url), {
      method: "OPTIONS",
      headers: {
        "User-Agent": BROWSER,
        Origin: ORIGIN,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expectCors(preflight);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    const post = await fetch(new URL("/api/customer/referral", world.app.url), {
      method: "POST",
      headers: {
        "User-Agent": BROWSER,
        Authorization: `Bearer ${world.sim.customerAccountSessionToken(shopA, { customerId: CUSTOMER })}`,
      },
    });
    expect(post.status).toBe(405);
  });

  it("applies the storefront rate limit per customer, with CORS on the 429", async () => {
    Object.assign(process.env, { RATE_LIMIT_CUSTOMER_BURST: "2", RATE_LIMIT_CUSTOMER_PER_MINUTE: "1" });
    const { reloadConfig } = await import("../../app/config.server");
    const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
    reloadConfig();
    await resetRateLimits();
    try {
      const token = world.sim.customerAccountSessionToken(shopA, { customerId: CUSTOMER });
      expect((await get(token)).status).toBe(200);
      expect((await get(token)).status).toBe(200);
      const limited = await get(token);
      expect(limited.status).toBe(429);
      expectCors(limited);
      expect((await limited.json()).error).toBe("rate_limited");
      // The thank-you page's token for the same customer shares the bucket.
      expect(
        (await get(world.sim.checkoutSessionToken(shopA, { customerId: CUSTOMER }), { surface: "checkout" })).status,
      ).toBe(429);
    } finally {
      delete process.env.RATE_LIMIT_CUSTOMER_BURST;
      delete process.env.RATE_LIMIT_CUSTOMER_PER_MINUTE;
      reloadConfig();
      await resetRateLimits();
    }
  });
  it("limits per address of the connection, whatever X-Forwarded-For the browser writes", async () => {
    // Extensions call the app directly: with no proxy of our own trusted (TRUSTED_PROXY_HOPS=0)
    // every X-Forwarded-For entry was written by the caller.
    Object.assign(process.env, { RATE_LIMIT_IP_BURST: "3", RATE_LIMIT_IP_PER_MINUTE: "1" });
    const { reloadConfig } = await import("../../app/config.server");
    const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
    reloadConfig();
    await resetRateLimits();
    try {
      const customers = ["880101", "880102", "880103", "880104"];
      const token = (id: string) => world.sim.customerAccountSessionToken(shopA, { customerId: id });
      for (const id of customers.slice(0, 3)) expect((await get(token(id))).status).toBe(200); // a fresh X-Forwarded-For each
      const limited = await get(token(customers[3]));
      expect(limited.status).toBe(429);
      expect((await limited.json()).scope).toBe("ip");
    } finally {
      delete process.env.RATE_LIMIT_IP_BURST;
      delete process.env.RATE_LIMIT_IP_PER_MINUTE;
      reloadConfig();
      await resetRateLimits();
    }
  });
});
