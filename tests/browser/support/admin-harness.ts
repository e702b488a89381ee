// Runs the embedded admin the way production does: the Remix build served by
// `node server.mjs`, reaching Shopify only through the simulator (SHOPIFY_SIMULATOR_URL),
// on a database seeded with demo data. The browser gets App Bridge's stand-in
// (simulator/app-bridge-stub.ts) and a session token endpoint, as the real admin would
// give it App Bridge and tokens.
import { ensureAppBuild } from "../../support/app-build";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";
import type { BrowserContext } from "playwright-core";
import { startSimulator, type Simulator } from "../../../simulator/index";
import { APP_BRIDGE_STUB_PATH, SESSION_TOKEN_PATH, appBridgeStubScript, handleAppBridgeStubRequest, mintSessionToken } from "../../../simulator/app-bridge-stub";
import { seedDemoShop, seedSession, type SeededShop } from "./seed";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const SHOPS = {
  demo: "demo-referrals.myshopify.com",
  fresh: "fresh-start.myshopify.com",
  other: "other-shop.myshopify.com",
} as const;

export interface Harness {
  appUrl: string;
  sim: Simulator;
  demo: SeededShop;
  other: SeededShop;
  /** the server's output, to print when a test fails */
  logs: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}:\n${logs()}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`app server did not start:\n${logs()}`);
}

export async function startHarness(): Promise<Harness> {
  ensureAppBuild();
  const apiKey = process.env.SHOPIFY_API_KEY!;
  const secret = process.env.SHOPIFY_API_SECRET!;
  const sim = await startSimulator({ appApiKey: apiKey, appSecret: secret, restoreRate: 1000, flowTriggerHandles: [], webhookUrl: null });
  // The test process seeds through the same code path as the app (activateProgram).
  process.env.SHOPIFY_SIMULATOR_URL = sim.url;

  const { default: db } = await import("../../../app/db.server");
  const { activateProgram } = await import("../../../app/referrals/friend-discount.server");
  const { getProgramSettings } = await import("../../../app/referrals/program-settings.server");
  const scopes = process.env.SCOPES ?? "";

  // demo: a program running for two months; its friend discount really exists in the simulator
  const demoToken = sim.seedShop({ domain: SHOPS.demo, currencyCode: "USD", name: "Demo Referrals" }).accessToken;
  await seedSession(db, SHOPS.demo, demoToken, scopes);
  await activateProgram(SHOPS.demo);
  const demo = await seedDemoShop(db, { shop: SHOPS.demo, accessToken: demoToken, scopes, friendDiscountId: (await getProgramSettings(SHOPS.demo)).friendDiscountId });
  await db.programSettings.update({ where: { shop: SHOPS.demo }, data: { shareMessage: "I love this shop, here is 10% off your first order!" } });

  // fresh: just installed, never activated: the onboarding
  const freshToken = sim.seedShop({ domain: SHOPS.fresh, currencyCode: "EUR", name: "Fresh Start" }).accessToken;
  await seedSession(db, SHOPS.fresh, freshToken, scopes);

  // other: a second shop with data of its own, which the demo shop must never see
  const otherToken = sim.seedShop({ domain: SHOPS.other, currencyCode: "USD", name: "Other Shop" }).accessToken;
  const other = await seedDemoShop(db, { shop: SHOPS.other, accessToken: otherToken, scopes, label: "o" });

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      // not "production": the simulator (and so the App Bridge stand-in) is refused there
      NODE_ENV: "test",
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_SIMULATOR_URL: sim.url,
      // the worker would issue the seeded pending rewards mid-test; the admin is under test
      RUN_WORKER: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const logs = () => output.slice(-20_000);
  await waitForServer(`${appUrl}/app`, child, logs);

  return {
    appUrl,
    sim,
    demo,
    other,
    logs,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      await sim.stop();
    },
  };
}

/**
 * Serves App Bridge's stand-in and the session token endpoint to the browser at the
 * URLs the layout points to ({simulator}{APP_BRIDGE_STUB_PATH}) unless the simulator
 * answers them itself, and the CDN URL too (nothing may leave the machine).
 */
export async function serveAppBridge(context: BrowserContext, simUrl: string) {
  const app = { apiKey: process.env.SHOPIFY_API_KEY!, secret: process.env.SHOPIFY_API_SECRET! };
  const own = await fetch(`${simUrl}${APP_BRIDGE_STUB_PATH}`).then((r) => r.ok, () => false);
  if (!own) {
    const answer = async (route: import("playwright-core").Route) => {
      const res = handleAppBridgeStubRequest(new URL(route.request().url()), app);
      await (res ? route.fulfill({ status: res.status, headers: res.headers, body: res.body }) : route.continue());
    };
    await context.route(`${simUrl}${APP_BRIDGE_STUB_PATH}`, answer);
    await context.route(`${simUrl}${SESSION_TOKEN_PATH}?*`, answer);
  }
  await context.route("https://cdn.shopify.com/**", (route) =>
    route.request().url().endsWith("/app-bridge.js")
      ? route.fulfill({ status: 200, contentType: "text/javascript", body: appBridgeStubScript() })
      : route.fulfill({ status: 404, body: "" }),
  );
}

/** The URL Shopify's admin loads the embedded app with: shop, host and a fresh id_token. */
export function adminUrl(appUrl: string, shop: string, pathname: string): string {
  const url = new URL(pathname, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64"));
  url.searchParams.set("id_token", mintSessionToken(shop, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!));
  return url.toString();
}
