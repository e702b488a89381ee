import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../../simulator/app-bridge-stub";
import { freePort, startAppProcess, type AppProcess } from "../../scripts/demo/app-process";
import { ensureAppBuild } from "../support/app-build";
import { installShop, startWorld, type World } from "../support/world";
import { proxyUrl } from "./support";

// Hostile and odd requests against the app as production serves it (server.mjs with the
// Remix build), through real HTTP: each gets a clear 4xx or the file it asked for, never
// a 500, and the server logs no stack trace for them.
let world: World;
let app: AppProcess;
let shop: string;

beforeAll(async () => {
  await ensureAppBuild();
  world = await startWorld();
  shop = await installShop(world.sim);
  app = await startAppProcess({
    port: await freePort(),
    // The Shopify library logs at debug level: its logging is under test too.
    env: { NODE_ENV: "test", SHOPIFY_SIMULATOR_URL: world.sim.url, RUN_WORKER: "false", SHOPIFY_LOG_LEVEL: "debug" },
  });
});
afterAll(async () => {
  await app?.stop();
  await world?.stop();
});

const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const get = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, {
    redirect: "manual",
    ...init,
    headers: { "User-Agent": UA, ...(init.headers as Record<string, string>) },
  });

/** What the server logged while `fn` ran. */
async function logged(fn: () => Promise<void>) {
  const before = app.logs().length;
  await fn();
  return app.logs().slice(before);
}

describe("URLs", () => {
  it("answers 400 to malformed percent-encoding in the path, static or not", async () => {
    const output = await logged(async () => {
      for (const path of ["/%E0%A4%A", "/assets/%E0%A4%A", "/app/%E0%A4%A", "/proxy/r/%E0%A4%A", "/%"]) {
        const res = await get(path);
        expect(res.status, path).toBe(400);
        expect(await res.text(), path).not.toMatch(/at .*\.(js|mjs|ts):\d+/);
      }
    });
    expect(output).not.toMatch(/URIError|\n\s+at /);
  });

  it("serves /favicon.ico as an icon, without logging an error", async () => {
    const output = await logged(async () => {
      for (let i = 0; i < 2; i++) {
        const res = await get("/favicon.ico");
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("image/x-icon");
        const bytes = new Uint8Array(await res.arrayBuffer());
        // ICONDIR: reserved 0, type 1 (icon), at least one image
        expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
        expect(bytes[4] + bytes[5] * 256).toBeGreaterThan(0);
      }
    });
    expect(output).not.toMatch(/No route matches|\n\s+at /);
  });
});

describe("cross-site form posts", () => {
  it("answers a form POST from another site without a session token with a 4xx, never a 500", async () => {
    const output = await logged(async () => {
      for (const path of [
        "/",
        "/app",
        "/app/settings",
        "/app/review",
        "/app/advocates",
        "/app/privacy",
        "/auth/login",
        "/auth/session-token",
        "/proxy/r/ANNA-7K3QX9PD",
        "/proxy/api/me",
        "/nowhere",
      ]) {
        const res = await get(path, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Origin: "https://evil.example",
            Referer: "https://evil.example/attack.html",
          },
          body: "enabled=false&rewardAmount=1000000",
        });
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
    });
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe("app proxy", () => {
  const proxied = (path: string, shopParam: string) =>
    get(proxyUrl(app.url, path, { shop: shopParam, customerId: "1" }).slice(app.url.length));

  it("answers a correctly signed request whose shop is not a shop domain with 401 or 404", async () => {
    const output = await logged(async () => {
      for (const bad of [
        "not a shop",
        "evil.example",
        "../../etc/passwd",
        "",
        "x".repeat(300),
        "a.myshopify.com.evil",
      ]) {
        for (const path of ["/proxy/api/me", "/proxy/r/ANNA-7K3QX9PD"]) {
          expect([401, 404], `${path} ${bad}`).toContain((await proxied(path, bad)).status);
        }
      }
    });
    expect(output).not.toMatch(/\n\s+at /);
    // The same request for the installed shop is served: the refusals are about the shop.
    expect((await proxied("/proxy/api/me", shop)).status).toBe(200);
  });
});

describe("logs at debug level", () => {
  const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const claims = () => ({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: process.env.SHOPIFY_API_KEY,
    sub: "1",
    exp: Math.floor(Date.now() / 1000) + 60,
    nbf: Math.floor(Date.now() / 1000) - 5,
    sid: `sid-${Math.random().toString(36).slice(2)}`,
  });

  it("never print a session token, signed or not, well-formed or not", async () => {
    const valid = mintSessionToken(shop, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!);
    const tokens = [
      // unsigned: alg none, empty signature
      `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims())}.`,
      `${b64url({ alg: "none" })}.${b64url(claims())}`,
      // signed with another secret
      mintSessionToken(shop, process.env.SHOPIFY_API_KEY!, "another-apps-secret"),
      // a valid one cut short, as a mistyped URL has it
      valid.slice(0, 60),
      // not a JWT at all
      "mistyped-token-Zq9xW2vY7uT5",
      "abc.def.ghi",
      // a valid one
      valid,
    ];
    const host = Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64");
    const output = await logged(async () => {
      for (const token of tokens) {
        const url = new URL("/app", app.url);
        url.searchParams.set("embedded", "1");
        url.searchParams.set("shop", shop);
        url.searchParams.set("host", host);
        url.searchParams.set("id_token", token);
        await (await get(`${url.pathname}${url.search}`)).arrayBuffer();
        await (await get(`/app/advocates.data`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer();
        // the admin root Shopify opens, with the token in a mistyped parameter too
        await (await get(`/?shop=${shop}&host=${host}&embedded=1&id_token=${token}&idtoken=${token}`)).arrayBuffer();
      }
    });
    expect(output).toMatch(/shopify-app\/DEBUG/); // the library did log about these requests
    for (const token of tokens) {
      expect(output, `token ${token.slice(0, 20)}... in the log`).not.toContain(token);
      // nor any of its parts long enough to replay or decode
      for (const part of token.split(".").filter((p) => p.length >= 12))
        expect(output, `part ${part.slice(0, 20)}... in the log`).not.toContain(part);
    }
  });
});
