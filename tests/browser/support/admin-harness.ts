// Runs the embedded admin the way production does: the Remix build served by
// `node server.mjs`, reaching Shopify only through the simulator (SHOPIFY_SIMULATOR_URL),
// on a database seeded with demo data. The browser gets App Bridge's stand-in
// (simulator/app-bridge-stub.ts) and a session token endpoint, as the real admin would
// give it App Bridge and tokens.
import { ensureAppBuild } from "../../support/app-build";
import type { BrowserContext } from "playwright-core";
import { startSimulator, type Simulator } from "../../../simulator/index";
import { embeddedAdminUrl } from "../../../simulator/admin-entry";
import { appBridgeStubScript } from "../../../simulator/app-bridge-stub";
import { freePort, startAppProcess } from "../../../scripts/demo/app-process";
import { seedDemoShop, seedSession, type SeededShop } from "../../../scripts/demo/seed";

export { ROOT } from "../../../scripts/demo/app-process";

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

export async function startHarness(): Promise<Harness> {
  await ensureAppBuild();
  const apiKey = process.env.SHOPIFY_API_KEY!;
  const secret = process.env.SHOPIFY_API_SECRET!;
  const sim = await startSimulator({
    appApiKey: apiKey,
    appSecret: secret,
    restoreRate: 1000,
    flowTriggerHandles: [],
    webhookUrl: null,
  });
  // The test process seeds through the same code path as the app (activateProgram).
  process.env.SHOPIFY_SIMULATOR_URL = sim.url;
  (await import("../../../app/config.server")).reloadConfig();

  const { default: db } = await import("../../../app/db.server");
  const { activateProgram } = await import("../../../app/referrals/friend-discount.server");
  const { getProgramSettings } = await import("../../../app/referrals/program-settings.server");
  const { redactShop } = await import("../../../app/privacy/privacy.server");
  const scopes = process.env.SCOPES ?? "";

  // Every test file of a run shares its database: a harness started earlier in the run
  // left these shops' rows, whose friend discount ids belong to that harness's simulator.
  for (const shop of Object.values(SHOPS)) await redactShop(shop);

  // demo: a program running for two months; its friend discount really exists in the simulator
  const demoToken = sim.seedShop({ domain: SHOPS.demo, currencyCode: "USD", name: "Demo Referrals" }).accessToken;
  await seedSession(db, SHOPS.demo, demoToken, scopes);
  await activateProgram(SHOPS.demo);
  const demo = await seedDemoShop(db, {
    shop: SHOPS.demo,
    accessToken: demoToken,
    scopes,
    friendDiscountId: (await getProgramSettings(SHOPS.demo)).friendDiscountId,
  });
  await db.programSettings.update({
    where: { shop: SHOPS.demo },
    data: { shareMessage: "I love this shop, here is 10% off your first order!" },
  });

  // fresh: just installed, never activated: the onboarding
  const freshToken = sim.seedShop({ domain: SHOPS.fresh, currencyCode: "EUR", name: "Fresh Start" }).accessToken;
  await seedSession(db, SHOPS.fresh, freshToken, scopes);

  // other: a second shop with data of its own, which the demo shop must never see
  const otherToken = sim.seedShop({ domain: SHOPS.other, currencyCode: "USD", name: "Other Shop" }).accessToken;
  const other = await seedDemoShop(db, { shop: SHOPS.other, accessToken: otherToken, scopes, label: "o" });

  const app = await startAppProcess({
    port: await freePort(),
    env: {
      // not "production": the simulator (and so the App Bridge stand-in) is refused there
      NODE_ENV: "test",
      SHOPIFY_SIMULATOR_URL: sim.url,
      // the worker would issue the seeded pending rewards mid-test; the admin is under test
      RUN_WORKER: "false",
      // the Help page shows the operator's contact
      SUPPORT_EMAIL: "help@referrals.example",
    },
  });
  const appUrl = app.url;
  sim.appUrl = appUrl;
  const logs = app.logs;

  return {
    appUrl,
    sim,
    demo,
    other,
    logs,
    async stop() {
      await app.stop();
      await sim.stop();
    },
  };
}

/**
 * The simulator serves App Bridge's stand-in and the session token endpoint at the URLs
 * the layout points to ({simulator}/__sim/app-bridge.js); the CDN URL is answered with
 * the stand-in too (nothing may leave the machine).
 */
export async function serveAppBridge(context: BrowserContext, _simUrl: string) {
  await context.route("https://cdn.shopify.com/**", (route) =>
    route.request().url().endsWith("/app-bridge.js")
      ? route.fulfill({ status: 200, contentType: "text/javascript", body: appBridgeStubScript() })
      : route.fulfill({ status: 404, body: "" }),
  );
}

/** The URL Shopify's admin loads the embedded app with: shop, host and a fresh id_token. */
export function adminUrl(appUrl: string, shop: string, pathname: string): string {
  return embeddedAdminUrl(appUrl, shop, pathname, {
    apiKey: process.env.SHOPIFY_API_KEY!,
    secret: process.env.SHOPIFY_API_SECRET!,
  });
}
