import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/demo/app-process";
import { mintSessionToken } from "../../simulator/app-bridge-stub";
import { ensureAppBuild } from "../support/app-build";
import { adminOf, installShop, startWorld, type World } from "../support/world";

// The embedded admin as production serves it (server.mjs with the Remix build), through
// real HTTP: what requests without, with a tampered or with an expired session token
// get, that none of them sees the shop's data, the frame-ancestors policy on documents,
// and bad settings posts refused field by field with nothing changed.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let world: World;
let child: ChildProcess;
let appUrl: string;
let output = "";
let shop: string;
let advocateCode: string;
const ADVOCATE_EMAIL = "admin-secret-anna@mailbox.example";

beforeAll(async () => {
  await ensureAppBuild();
  world = await startWorld();
  shop = await installShop(world.sim);
  const { enrollAdvocate } = await import("../../app/referrals/advocates.server");
  const anna = world.sim.addCustomer(shop, { firstName: "Anna", email: ADVOCATE_EMAIL });
  advocateCode = (await enrollAdvocate(shop, String(anna.legacyResourceId), { via: "admin", admin: adminOf(shop) }))
    .code;
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_SIMULATOR_URL: world.sim.url,
      RUN_WORKER: "false",
      SHOPIFY_LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited:\n${output}`);
    try {
      await fetch(`${appUrl}/`, { redirect: "manual" });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`app server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await world?.stop();
});

// A browser's user agent: shopify-app-remix answers 410 Gone to anything isbot() flags (Node's fetch included).
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const browser = (url: string | URL, init: RequestInit = {}) =>
  fetch(url, {
    redirect: "manual",
    ...init,
    headers: { "User-Agent": UA, ...(init.headers as Record<string, string>) },
  });

const token = (opts: Parameters<typeof mintSessionToken>[3] = {}, secret = process.env.SHOPIFY_API_SECRET!) =>
  mintSessionToken(shop, process.env.SHOPIFY_API_KEY!, secret, opts);
const host = () => Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64");
const documentUrl = (path: string, idToken?: string) => {
  const url = new URL(path, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", host());
  if (idToken !== undefined) url.searchParams.set("id_token", idToken);
  return url.toString();
};
const tamper = (jwt: string) => {
  const [h, p, s] = jwt.split(".");
  const payload = JSON.parse(Buffer.from(p, "base64url").toString());
  payload.dest = "https://someone-else.myshopify.com";
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
};
const expired = () => token({ now: Date.now() - 3_600_000, ttlSeconds: 60 });

/**
 * The frame-ancestors policy shopify-app-remix's addDocumentResponseHeaders sets (called
 * in entry.server.tsx): this shop and Shopify admin may frame the app. The library (v6)
 * also lists Shopify's own internal admin hosts; nothing else may appear.
 */
function expectFrameAncestors(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(
    new RegExp(`^frame-ancestors https://${shop.replaceAll(".", "\\.")} https://admin\\.shopify\\.com[ ;]`),
  );
  const sources = csp
    .replace(/^frame-ancestors\s+/, "")
    .replace(/;\s*$/, "")
    .split(/\s+/);
  const shopifyOwn = new Set([
    `https://${shop}`,
    "https://admin.shopify.com",
    "https://*.spin.dev",
    "https://admin.myshopify.io",
    "https://admin.shop.dev",
  ]);
  for (const source of sources) expect(shopifyOwn, source).toContain(source);
}

/** Nothing of the shop's data in a refused response. */
async function noData(res: Response) {
  const body = await res.text();
  expect(body).not.toContain(advocateCode);
  expect(body).not.toContain(ADVOCATE_EMAIL);
  return body;
}

describe("admin data requests (fetch with a session token, as App Bridge sends)", () => {
  const dataRequest = (bearer?: string) =>
    browser(`${appUrl}/app/advocates.data`, {
      headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` },
      redirect: "manual",
    });

  it("answers with the shop's data for a valid token", async () => {
    const res = await dataRequest(token());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(advocateCode);
  });

  it("answers 401 without a token, with a tampered, foreign-signed or expired token, and leaks nothing", async () => {
    for (const [label, bearer] of [
      ["tampered", tamper(token())],
      ["signed with another secret", token({}, "another-apps-secret")],
      ["expired", expired()],
      ["garbage", "not-a-jwt"],
    ] as const) {
      const res = await dataRequest(bearer);
      expect(res.status, label).toBe(401);
      // App Bridge retries once with a fresh token when it sees this header.
      expect(res.headers.get("x-shopify-retry-invalid-session-request"), label).toBe("1");
      await noData(res);
    }
    // No token at all (and no shop): the library redirects to /auth/login, which Remix's
    // single fetch carries as a 202 with a redirect instruction. No data either way.
    const none = await dataRequest();
    expect(none.status).toBe(202);
    expect(none.headers.get("location")).toBe("/auth/login");
    const body = await noData(none);
    expect(body).toContain("SingleFetchRedirect");
  });
});

describe("admin documents (what Shopify admin loads in the iframe)", () => {
  it("serve the page for a valid id_token, with the frame-ancestors policy for the shop", async () => {
    const res = await browser(documentUrl("/app/advocates", token()), { redirect: "manual" });
    expect(res.status).toBe(200);
    expectFrameAncestors(res);
    expect(await res.text()).toContain(advocateCode);
  });

  it("bounce a document without an id_token to the session-token page, with no data", async () => {
    const res = await browser(documentUrl("/app/advocates"), { redirect: "manual" });
    // shopify-app-remix sends the browser to /auth/session-token, which loads App Bridge to get a token.
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/auth\/session-token\?/);
    expect(new URL(res.headers.get("location")!, appUrl).searchParams.get("shopify-reload")).toContain(
      "/app/advocates",
    );
    await noData(res);
    const bounce = await browser(new URL(res.headers.get("location")!, appUrl), { redirect: "manual" });
    expect(bounce.status).toBe(200);
    expectFrameAncestors(bounce);
    await noData(bounce);
  });

  it("bounce a document with a tampered or expired id_token the same way, with no data", async () => {
    for (const idToken of [tamper(token()), expired(), token({}, "another-apps-secret")]) {
      const res = await browser(documentUrl("/app/advocates", idToken), { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/auth\/session-token\?/);
      await noData(res);
    }
  });

  it("refuses a document without a shop at all, with no data", async () => {
    const res = await browser(`${appUrl}/app/advocates`, { redirect: "manual" });
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(500);
    await noData(res);
  });
});

describe("admin settings form", () => {
  const post = (fields: Record<string, string | string[]>, bearer = token()) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return browser(`${appUrl}/app/settings.data`, {
      method: "POST",
      headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
  };
  const valid = {
    enabled: "true",
    currencyCode: "USD",
    friendOfferType: "percentage",
    friendPercent: "10",
    rewardType: "fixed_amount",
    rewardAmount: "10.00",
    rewardDelayDays: "14",
    rewardExpiryDays: "180",
    orderTag: "referral",
    customerTag: "referred-customer",
  };
  const row = async () => {
    const { default: db } = await import("../../app/db.server");
    return db.programSettings.findUniqueOrThrow({ where: { shop } });
  };

  it.each<[string, Record<string, string | string[]>, string[]]>([
    ["a negative amount", { rewardAmount: "-5" }, ["rewardAmount"]],
    ["an absurd amount", { rewardAmount: "99999999999999999999" }, ["rewardAmount"]],
    ["a float trick", { rewardAmount: "1e3" }, ["rewardAmount"]],
    ["a percentage over 100", { friendPercent: "150" }, ["friendPercent"]],
    ["an unknown offer type", { friendOfferType: "free_money" }, ["friendOfferType"]],
    ["broken milestones", { milestones: "5:x" }, ["milestones"]],
    ["a negative delay", { rewardDelayDays: "-1" }, ["rewardDelayDays"]],
  ])("refuses %s with 400 and a message for the field, changing nothing", async (_, change, fields) => {
    const before = await row();
    const res = await post({ ...valid, ...change });
    expect(res.status).toBe(400);
    const text = await res.text();
    for (const f of fields) expect(text).toContain(f);
    expect(await row()).toEqual(before);
  });

  it("ignores a posted currency: the program's currency is the shop's", async () => {
    const before = await row();
    for (const currencyCode of ["EUR", "US DOLLARS", "XXQ"]) {
      const res = await post({ ...valid, currencyCode });
      expect(res.status).toBe(200);
      expect((await row()).currencyCode).toBe(before.currencyCode);
    }
  });

  it("refuses a settings post with a tampered token with 401, changing nothing", async () => {
    const before = await row();
    const res = await post({ ...valid, rewardAmount: "99.00" }, tamper(token()));
    expect(res.status).toBe(401);
    expect(await row()).toEqual(before);
  });

  it("ignores a shop named in the form: the shop comes only from the token", async () => {
    const { default: db } = await import("../../app/db.server");
    const other = await installShop(world.sim);
    const before = await db.programSettings.findUniqueOrThrow({ where: { shop: other } });
    const res = await post({ ...valid, shop: other, rewardAmount: "12.00" });
    expect(res.status).toBe(200);
    expect(await db.programSettings.findUniqueOrThrow({ where: { shop: other } })).toEqual(before);
    expect((await row()).rewardAmountMinor).toBe(1200);
  });
});

describe("the admin server's own logs", () => {
  it("never contain an access token or a customer email", async () => {
    const { default: db } = await import("../../app/db.server");
    const sessions = await db.session.findMany({ where: { shop }, select: { accessToken: true } });
    expect(output.length).toBeGreaterThan(0);
    for (const s of sessions) expect(output).not.toContain(s.accessToken);
    expect(output).not.toMatch(/shp(at|ua|rt)_[0-9a-f]{8,}/);
    expect(output).not.toContain(ADVOCATE_EMAIL);
    expect(output).not.toContain(process.env.SHOPIFY_API_SECRET!);
  });
});
