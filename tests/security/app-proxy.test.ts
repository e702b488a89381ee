import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installShop, startWorld, uninstallShop, type World } from "../support/world";
import { captureOutput, freshIp, proxyGet, proxyUrl, tableCounts } from "./support";

// The storefront endpoints through real HTTP, signed the way Shopify's app proxy signs.
let world: World;
let shopA: string;
let shopB: string;
let codeA: string;
let codeB: string;
const SAME_CUSTOMER = "770077";

beforeAll(async () => {
  world = await startWorld();
  const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
  await resetRateLimits();
  const { enrollAdvocate } = await import("../../app/referrals/advocates.server");
  shopA = await installShop(world.sim);
  shopB = await installShop(world.sim);
  // The same customer id exists in both shops: two different people.
  codeA = (await enrollAdvocate(shopA, SAME_CUSTOMER, { via: "admin" })).code;
  codeB = (await enrollAdvocate(shopB, SAME_CUSTOMER, { via: "admin" })).code;
});
afterAll(async () => {
  await world?.stop();
});
beforeEach(async () => {
  const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
  await resetRateLimits();
});

const me = (o: Parameters<typeof proxyGet>[2]) => proxyGet(world.app.url, "/proxy/api/me", { ip: freshIp(), ...o });

async function expectUnauthorized(res: Response) {
  expect(res.status).toBe(401);
  // Nothing about why, nothing of the shop's data.
  expect(await res.text()).toBe("");
  expect(res.headers.get("location")).toBeNull();
  expect(res.headers.get("set-cookie")).toBeNull();
}

describe("app proxy signatures", () => {
  it("answers a correctly signed request with the customer's own data", async () => {
    const res = await me({ shop: shopA, customerId: SAME_CUSTOMER });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.loggedIn).toBe(true);
    expect(body.advocate.code).toBe(codeA);
    expect(res.headers.get("cache-control")).toContain("no-store");
  });

  it("refuses a tampered parameter with 401: another customer, another shop, a changed prefix", async () => {
    await expectUnauthorized(
      await me({ shop: shopA, customerId: SAME_CUSTOMER, tamper: (q) => q.set("logged_in_customer_id", "1") }),
    );
    await expectUnauthorized(await me({ shop: shopA, customerId: SAME_CUSTOMER, tamper: (q) => q.set("shop", shopB) }));
    await expectUnauthorized(
      await me({ shop: shopA, customerId: "", tamper: (q) => q.set("logged_in_customer_id", SAME_CUSTOMER) }),
    );
    await expectUnauthorized(
      await me({ shop: shopA, customerId: SAME_CUSTOMER, tamper: (q) => q.set("path_prefix", "/apps/other") }),
    );
    // A second logged_in_customer_id appended to a signed URL.
    await expectUnauthorized(
      await me({ shop: shopA, customerId: SAME_CUSTOMER, extra: { logged_in_customer_id: "1" } }),
    );
    // Any unsigned parameter added afterwards.
    await expectUnauthorized(await me({ shop: shopA, customerId: SAME_CUSTOMER, extra: { customer_id: "1" } }));
  });

  it("refuses a tampered, foreign-secret or missing signature with 401", async () => {
    await expectUnauthorized(
      await me({
        shop: shopA,
        customerId: SAME_CUSTOMER,
        tamper: (q) =>
          q.set(
            "signature",
            q.get("signature")!.replace(/^./, (c) => (c === "0" ? "1" : "0")),
          ),
      }),
    );
    await expectUnauthorized(
      await me({ shop: shopA, customerId: SAME_CUSTOMER, tamper: (q) => q.set("signature", "") }),
    );
    await expectUnauthorized(
      await me({ shop: shopA, customerId: SAME_CUSTOMER, tamper: (q) => q.delete("signature") }),
    );
    await expectUnauthorized(
      await fetch(`${world.app.url}/proxy/api/me?shop=${shopA}&logged_in_customer_id=${SAME_CUSTOMER}`),
    );
    await expectUnauthorized(await fetch(`${world.app.url}/proxy/api/me`));
  });

  it("refuses a stale or future timestamp (shopify-api allows 90 seconds of clock skew)", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectUnauthorized(await me({ shop: shopA, customerId: SAME_CUSTOMER, timestamp: now - 120 }));
    await expectUnauthorized(await me({ shop: shopA, customerId: SAME_CUSTOMER, timestamp: now - 86_400 }));
    await expectUnauthorized(await me({ shop: shopA, customerId: SAME_CUSTOMER, timestamp: now + 600 }));
    await expectUnauthorized(
      await me({ shop: shopA, customerId: SAME_CUSTOMER, tamper: (q) => q.delete("timestamp") }),
    );
    expect((await me({ shop: shopA, customerId: SAME_CUSTOMER, timestamp: now - 30 })).status).toBe(200);
  });

  it("takes the customer only from the signed logged_in_customer_id", async () => {
    // Signed, logged out, but the browser says who it is in every other way it can.
    const res = await me({
      shop: shopA,
      customerId: "",
      signedExtra: { customer_id: SAME_CUSTOMER, customerId: SAME_CUSTOMER },
      headers: {
        "X-Shopify-Customer-Id": SAME_CUSTOMER,
        "X-Customer-Id": SAME_CUSTOMER,
        Cookie: `customer_id=${SAME_CUSTOMER}`,
      },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ loggedIn: false, advocate: null });
    expect(JSON.stringify(body)).not.toContain(codeA);
    // A signed id that is not a Shopify id is no customer either, nor another spelling
    // of one (Shopify writes ids without leading zeros).
    for (const id of ["1 OR 1=1", `0${SAME_CUSTOMER}`, `000${SAME_CUSTOMER}`, "0", "+770077", "770077.0"]) {
      const odd = await me({ shop: shopA, customerId: id });
      expect(odd.status, id).toBe(200);
      expect(await odd.json(), id).toMatchObject({ loggedIn: false, advocate: null });
    }
  });

  it("answers an empty 404 once the shop uninstalls the app (its session is gone)", async () => {
    const shop = await installShop(world.sim);
    expect((await me({ shop, customerId: SAME_CUSTOMER })).status).toBe(200);
    expect(await uninstallShop(world.sim, shop)).toBe(200);
    const res = await me({ shop, customerId: SAME_CUSTOMER });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("");
  });

  it("reads nothing of a shop the app is not installed on", async () => {
    const before = await tableCounts();
    const res = await me({ shop: "never-installed.myshopify.com", customerId: SAME_CUSTOMER });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("");
    const click = await proxyGet(world.app.url, `/proxy/r/${codeA}`, {
      shop: "never-installed.myshopify.com",
      ip: freshIp(),
    });
    expect(click.status).toBe(404);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("shop isolation on the storefront", () => {
  it("keeps the same customer id of two shops apart on /api/me", async () => {
    const a = await (await me({ shop: shopA, customerId: SAME_CUSTOMER })).json();
    const b = await (await me({ shop: shopB, customerId: SAME_CUSTOMER })).json();
    expect(a.advocate.code).toBe(codeA);
    expect(b.advocate.code).toBe(codeB);
    expect(codeA).not.toBe(codeB);
    expect(JSON.stringify(b)).not.toContain(codeA);
    expect(JSON.stringify(a)).not.toContain(codeB);
  });

  it("counts a click on /r/CODE only in the shop that owns the code", async () => {
    const { default: db } = await import("../../app/db.server");
    const clicks = async () =>
      Object.fromEntries(
        (
          await db.advocate.findMany({ where: { code: { in: [codeA, codeB] } }, select: { code: true, clicks: true } })
        ).map((a) => [a.code, a.clicks]),
      );
    const before = await clicks();
    const own = await proxyGet(world.app.url, `/proxy/r/${codeA}`, { shop: shopA, ip: freshIp() });
    const foreign = await proxyGet(world.app.url, `/proxy/r/${codeA}`, { shop: shopB, ip: freshIp() });
    expect(own.status).toBe(302);
    expect(foreign.status).toBe(302);
    // Clicks are counted after the answer.
    await (await import("../../app/lib/after-response.server")).settleAfterResponse();
    const after = await clicks();
    expect(after[codeA]).toBe(before[codeA] + 1);
    expect(after[codeB]).toBe(before[codeB]);
    expect(await db.click.count({ where: { shop: shopB } })).toBe(0);
  });
});

describe("referral codes cannot be enumerated through /r/CODE", () => {
  const click = (code: string) =>
    proxyGet(world.app.url, `/proxy/r/${encodeURIComponent(code)}`, { shop: shopA, ip: freshIp() });
  const shape = async (res: Response) => ({
    status: res.status,
    // every mention of the code (the path and the tracked home page it redirects to)
    location: res.headers.get("location")?.replace(/(^|\/|=|%3D)[A-Z0-9]+-[A-Z0-9]+/g, "$1CODE"),
    headers: [...res.headers.keys()].filter((h) => !["date", "location"].includes(h)).sort(),
    body: await res.text(),
  });

  it("answers a known, an unknown and a banned code alike", async () => {
    const { default: db } = await import("../../app/db.server");
    const { enrollAdvocate } = await import("../../app/referrals/advocates.server");
    const banned = await enrollAdvocate(shopA, "990099", { via: "admin" });
    await db.advocate.update({ where: { id: banned.id }, data: { status: "banned" } });
    const unknown = "ANNA-ZZZZZZZZ";
    expect(await db.advocate.count({ where: { code: unknown } })).toBe(0);

    const known = await shape(await click(codeA));
    expect(known).toMatchObject({
      status: 302,
      location: "/discount/CODE?redirect=%2F%3Freferral_code%3DCODE",
      body: "",
    });
    expect(await shape(await click(unknown))).toEqual(known);
    expect(await shape(await click(unknown.toLowerCase()))).toEqual(known);
    expect(await shape(await click(banned.code))).toEqual(known);
    expect(await shape(await click(codeB))).toEqual(known); // another shop's code
    // The target is the code itself: whether it works is for Shopify's checkout to say,
    // exactly as if it were typed there.
    expect((await click(unknown)).headers.get("location")).toBe(
      `/discount/${unknown}?redirect=%2F%3Freferral_code%3D${unknown}`,
    );
  });

  it("says nothing more in errors: a bad signature is the same 401 for any code", async () => {
    const bad = (code: string) =>
      fetch(
        proxyUrl(world.app.url, `/proxy/r/${code}`, { shop: shopA, tamper: (q) => q.set("signature", "0".repeat(64)) }),
        { redirect: "manual", headers: { "X-Forwarded-For": freshIp() } },
      );
    const a = await shape(await bad(codeA));
    const b = await shape(await bad("ANNA-ZZZZZZZZ"));
    expect(a.status).toBe(401);
    expect(b).toEqual(a);
  });

  it("answers before the click is looked up or counted, for known and unknown codes alike", async () => {
    const { default: db } = await import("../../app/db.server");
    const { clickRecorder } = await import("../../app/storefront/click-landing.server");
    const { settleAfterResponse } = await import("../../app/lib/after-response.server");
    const counted = async () => (await db.advocate.findFirstOrThrow({ where: { code: codeA } })).clicks;
    const real = clickRecorder.record;
    // A recorder that cannot finish until the test lets it: the database as slow as can be.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: string[] = [];
    let called!: () => void;
    const bothCalled = new Promise<void>((resolve) => (called = resolve));
    clickRecorder.record = async (shop, code, visitor, at) => {
      calls.push(code);
      if (calls.length === 2) called();
      await gate;
      return real(shop, code, visitor, at);
    };
    try {
      const before = await counted();
      const unknown = "ANNA-YYYYYYYY";
      // Both answers arrive while their clicks are still blocked.
      const known = await click(codeA);
      const other = await click(unknown);
      expect(known.status).toBe(302);
      expect(other.status).toBe(302);
      // Known or not, each code is handed to the recorder: the same work, after the answer.
      await bothCalled;
      expect(calls).toEqual([codeA, unknown]);
      expect(await counted()).toBe(before);
      release();
      await settleAfterResponse();
      expect(await counted()).toBe(before + 1);
    } finally {
      release();
      clickRecorder.record = real;
      await settleAfterResponse();
    }
  });

  it("logs a click that fails to be counted, and the visitor is still sent on", async () => {
    const { clickRecorder } = await import("../../app/storefront/click-landing.server");
    const { settleAfterResponse } = await import("../../app/lib/after-response.server");
    const real = clickRecorder.record;
    clickRecorder.record = async () => {
      throw new Error("database unavailable");
    };
    try {
      const { output } = await captureOutput(async () => {
        const res = await click(codeA);
        expect(res.status).toBe(302);
        await settleAfterResponse();
      });
      expect(output).toMatch(/counting a click failed: database unavailable/);
    } finally {
      clickRecorder.record = real;
    }
  });

  it("changes nothing for an unknown code", async () => {
    const before = await tableCounts();
    await click("ANNA-QQQQQQQQ");
    await click("not a code at all!");
    await (await import("../../app/lib/after-response.server")).settleAfterResponse();
    expect(await tableCounts()).toEqual(before);
  });
});
