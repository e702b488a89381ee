import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  ensureAppBuild();
  world = await startWorld();
  shop = await installShop(world.sim);
  app = await startAppProcess({
    port: await freePort(),
    env: {
      NODE_ENV: "test",
      SHOPIFY_SIMULATOR_URL: world.sim.url,
      RUN_WORKER: "false",
    },
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
