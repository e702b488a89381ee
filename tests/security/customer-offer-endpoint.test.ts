import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../simulator/app-bridge-stub";
import { installShop, startWorld, uninstallShop, type World } from "../support/world";
import { freshIp, proxyGet, tableCounts } from "./support";

// GET /api/customer/offer: the program's public offer for a buyer the session token does
// not name (a guest on the thank-you page). Real HTTP, the real authenticate.public.* code,
// tokens minted by the simulator the way Shopify mints them, and forged ones of each kind.
let world: World;
let shopA: string;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const ORIGIN = "https://extensions.shopifycdn.com";

beforeAll(async () => {
  world = await startWorld();
  shopA = await installShop(world.sim, { friendOfferType: "percentage", friendPercent: "15" });
});
afterAll(async () => {
  await world?.stop();
});
beforeEach(async () => {
  await (await import("../../app/storefront/rate-limit.server")).resetRateLimits();
});

function get(token: string | null, options: { surface?: string; ip?: string } = {}) {
  const url = new URL("/api/customer/offer", world.app.url);
  if (options.surface) url.searchParams.set("surface", options.surface);
  return fetch(url, {
    headers: {
      "User-Agent": BROWSER,
      Origin: ORIGIN,
      "X-Forwarded-For": options.ip ?? freshIp(),
      ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
}

function expectCors(res: Response) {
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
}

describe("GET /api/customer/offer", () => {
  it("answers a guest's checkout token with the public offer, the visitor's read model of /api/me", async () => {
    const before = await tableCounts();
    const res = await get(world.sim.checkoutSessionToken(shopA), { surface: "checkout" });
    expect(res.status).toBe(200);
    expectCors(res);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ loggedIn: false, advocate: null });
    expect(body.program).toMatchObject({ enabled: true, friendOffer: { type: "percentage", value: "15" } });
    const proxied = await proxyGet(world.app.url, "/proxy/api/me", { shop: shopA, ip: freshIp() });
    expect((await proxied.json()).program).toEqual(body.program);
    expect(await tableCounts()).toEqual(before);
  });

  it("answers a customer account token without sub, and one with a customer, without enrolling anyone", async () => {
    const before = await tableCounts();
    const guest = await get(world.sim.customerAccountSessionToken(shopA));
    expect(guest.status).toBe(200);
    expect((await guest.json()).loggedIn).toBe(false);
    const named = await get(world.sim.checkoutSessionToken(shopA, { customerId: "4400" }), { surface: "checkout" });
    expect(named.status).toBe(200);
    expect(await named.json()).toMatchObject({ loggedIn: false, advocate: null });
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses every forged or foreign token with an empty 401 and changes nothing", async () => {
    const before = await tableCounts();
    const { sim } = world;
    const forged: [string, string | null, string?][] = [
      ["no Authorization header", null],
      ["not a JWT", "garbage"],
      ["signed with another secret", sim.checkoutSessionToken(shopA, { secret: "other" }), "checkout"],
      ["expired", sim.checkoutSessionToken(shopA, { ttlSeconds: -60 }), "checkout"],
      ["not valid yet", sim.checkoutSessionToken(shopA, { notBeforeSeconds: 600 }), "checkout"],
      ["another app's (aud)", sim.checkoutSessionToken(shopA, { aud: "another-app" }), "checkout"],
      [
        "a staff member's admin token",
        mintSessionToken(shopA, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!, { userId: "42" }),
      ],
      ["sub of another resource", sim.customerAccountSessionToken(shopA, { sub: "gid://shopify/StaffMember/1" })],
      ["sub not a GID", sim.customerAccountSessionToken(shopA, { sub: "990099" })],
      ["dest not a shop", sim.checkoutSessionToken(shopA, { dest: "evil.example.com" }), "checkout"],
    ];
    const valid = sim.checkoutSessionToken(shopA);
    const [head, payload, signature] = valid.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const swapped = Buffer.from(JSON.stringify({ ...claims, dest: "other-shop.myshopify.com" })).toString("base64url");
    forged.push(["dest changed after signing", `${head}.${swapped}.${signature}`, "checkout"]);
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    forged.push(["alg none", `${none}.${payload}.`, "checkout"]);
    for (const [what, token, surface] of forged) {
      const res = await get(token, { surface });
      expect(res.status, what).toBe(401);
      expect(await res.text(), what).toBe("");
      expectCors(res);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("answers an empty 404 for a shop the app is not installed on, or no longer", async () => {
    world.sim.seedShop({ domain: "never-installed-offer.myshopify.com" });
    const res = await get(world.sim.checkoutSessionToken("never-installed-offer.myshopify.com"), {
      surface: "checkout",
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("");
    expectCors(res);

    const shop = await installShop(world.sim);
    const token = world.sim.checkoutSessionToken(shop);
    expect((await get(token, { surface: "checkout" })).status).toBe(200);
    expect(await uninstallShop(world.sim, shop)).toBe(200);
    expect((await get(token, { surface: "checkout" })).status).toBe(404);
  });

  it("answers the CORS preflight and refuses other methods", async () => {
    const preflight = await fetch(new URL("/api/customer/offer?surface=checkout", world.app.url), {
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
    const post = await fetch(new URL("/api/customer/offer", world.app.url), {
      method: "POST",
      headers: { "User-Agent": BROWSER, Authorization: `Bearer ${world.sim.checkoutSessionToken(shopA)}` },
    });
    expect(post.status).toBe(405);
  });

  it("applies the storefront rate limit per IP, with CORS on the 429", async () => {
    Object.assign(process.env, { RATE_LIMIT_IP_BURST: "2", RATE_LIMIT_IP_PER_MINUTE: "1" });
    const { reloadConfig } = await import("../../app/config.server");
    const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
    reloadConfig();
    await resetRateLimits();
    try {
      const ip = freshIp();
      const token = world.sim.checkoutSessionToken(shopA);
      expect((await get(token, { surface: "checkout", ip })).status).toBe(200);
      expect((await get(token, { surface: "checkout", ip })).status).toBe(200);
      const limited = await get(token, { surface: "checkout", ip });
      expect(limited.status).toBe(429);
      expectCors(limited);
      expect((await limited.json()).error).toBe("rate_limited");
    } finally {
      delete process.env.RATE_LIMIT_IP_BURST;
      delete process.env.RATE_LIMIT_IP_PER_MINUTE;
      reloadConfig();
      await resetRateLimits();
    }
  });
});
