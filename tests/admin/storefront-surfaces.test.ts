/**
 * Which storefront surface the admin guides the owner to: the customer accounts version
 * read from Shopify (through the simulator) by the real authenticated admin loaders,
 * kept for an hour, and the status App Bridge reports turned into one line per surface.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import {
  accountsEditorUrl,
  surfaceLinks,
  surfaceStatuses,
  type ExtensionInfo,
  type StorefrontSetup,
} from "../../app/admin/storefront-surfaces";
import { startSimulator, type Simulator } from "../../simulator/index";
import { seedSession } from "../../scripts/demo/seed";
import { adminRequest } from "../support/admin-requests";

const LEGACY = "surfaces-legacy.myshopify.com";
const CURRENT = "surfaces-current.myshopify.com";
const FAILING = "surfaces-failing.myshopify.com";
const KEY = process.env.SHOPIFY_API_KEY!;

let sim: Simulator;

type Loaded = { mode: string; storefront: StorefrontSetup };

async function home(shop: string): Promise<Loaded> {
  const { loader } = await import("../../app/routes/app._index");
  return (await loader({ request: adminRequest(shop, "/app"), params: {}, context: {} })) as Loaded;
}

async function settingsPage(shop: string): Promise<Pick<Loaded, "storefront">> {
  const { loader } = await import("../../app/routes/app.settings");
  return (await loader({ request: adminRequest(shop, "/app/settings"), params: {}, context: {} })) as Pick<
    Loaded,
    "storefront"
  >;
}

const versionReads = (shop: string) => sim.counters(shop).byOperationName.ShopCustomerAccounts ?? 0;

beforeAll(async () => {
  sim = await startSimulator({
    appApiKey: KEY,
    appSecret: process.env.SHOPIFY_API_SECRET,
    webhookUrl: null,
    flowTriggerHandles: [],
  });
  process.env.SHOPIFY_SIMULATOR_URL = sim.url;
  (await import("../../app/config.server")).reloadConfig();
  for (const [shop, version] of [
    [LEGACY, "CLASSIC"],
    [CURRENT, "NEW_CUSTOMER_ACCOUNTS"],
    [FAILING, "NEW_CUSTOMER_ACCOUNTS"],
  ] as const) {
    const { accessToken } = sim.seedShop({ domain: shop, customerAccountsVersion: version });
    await seedSession(db, shop, accessToken, process.env.SCOPES);
  }
});

afterAll(async () => {
  await sim?.stop();
});

describe("the shop's customer accounts in the admin", () => {
  it("guides a legacy shop to the theme block and a current shop to the customer account page", async () => {
    const legacy = await home(LEGACY);
    expect(legacy.mode).toBe("onboarding");
    expect(legacy.storefront.accounts).toBe("legacy");
    const current = await home(CURRENT);
    expect(current.storefront.accounts).toBe("current");
    expect(current.storefront.links).toEqual(surfaceLinks(CURRENT, KEY));
    expect(current.storefront.links.profileBlock).toBe(
      `https://${CURRENT}/admin/settings/checkout/editor?page=profile&context=apps`,
    );
    expect((await settingsPage(CURRENT)).storefront.accounts).toBe("current");
    expect((await settingsPage(LEGACY)).storefront.accounts).toBe("legacy");
  });

  it("asks Shopify once an hour, not on every page view", async () => {
    const before = versionReads(CURRENT);
    await home(CURRENT);
    await settingsPage(CURRENT);
    await home(CURRENT);
    expect(versionReads(CURRENT)).toBe(before);

    // The legacy shop moves to the current accounts: the admin follows after the hour.
    sim.setCustomerAccountsVersion(LEGACY, "NEW_CUSTOMER_ACCOUNTS");
    expect((await home(LEGACY)).storefront.accounts).toBe("legacy");
    await db.shop.update({
      where: { domain: LEGACY },
      data: { customerAccountsCheckedAt: new Date(Date.now() - 61 * 60 * 1000) },
    });
    const reads = versionReads(LEGACY);
    expect((await home(LEGACY)).storefront.accounts).toBe("current");
    expect(versionReads(LEGACY)).toBe(reads + 1);
    const row = await db.shop.findUniqueOrThrow({ where: { domain: LEGACY } });
    expect(row.customerAccountsVersion).toBe("NEW_CUSTOMER_ACCOUNTS");
  });

  it("still opens the page when Shopify fails, showing both ways until it answers", async () => {
    sim.faults.add({ kind: "status", status: 503, shop: FAILING, operationName: "ShopCustomerAccounts", count: 1 });
    const loaded = await home(FAILING);
    expect(loaded.mode).toBe("onboarding");
    expect(loaded.storefront.accounts).toBe("unknown");
    const row = await db.shop.findUniqueOrThrow({ where: { domain: FAILING } });
    expect(row.customerAccountsCheckedAt).toBeNull();
  });
});

describe("storefront surface status from shopify.app.extensions()", () => {
  const links = surfaceLinks("s.myshopify.com", "key");
  const theme = (block: string, embed: string): ExtensionInfo => ({
    handle: "referral-block",
    type: "theme_app_extension",
    activations: [
      { target: "section", handle: "referral-account", name: "Referral program", status: block, activations: [] },
      { target: "body", handle: "referral-tracking", name: "Referral link tracking", status: embed, activations: [] },
    ],
  });
  const ui = (handle: string, targets: string[]): ExtensionInfo => ({
    handle,
    type: "ui_extension",
    activations: targets.map((target) => ({ target })),
  });
  const by = (list: ReturnType<typeof surfaceStatuses>) => Object.fromEntries(list.map((s) => [s.key, s]));

  it("legacy shops: the theme block and the embed", () => {
    const s = by(surfaceStatuses([theme("active", "available")], { accounts: "legacy", links, oneSided: false }));
    expect(Object.keys(s)).toEqual(["accountBlock", "trackingEmbed"]);
    expect(s.accountBlock).toMatchObject({ state: "live", blocker: false });
    expect(s.trackingEmbed).toMatchObject({ state: "missing", blocker: false, fixUrl: links.trackingEmbed });
  });

  it("an off embed blocks a one-sided program", () => {
    const off = by(surfaceStatuses([theme("active", "available")], { accounts: "legacy", links, oneSided: true }));
    expect(off.trackingEmbed).toMatchObject({ state: "missing", blocker: true });
    const on = by(surfaceStatuses([theme("active", "active")], { accounts: "legacy", links, oneSided: true }));
    expect(on.trackingEmbed).toMatchObject({ state: "live", blocker: false });
  });

  it("current shops: the page, the profile block, the embed, and the thank-you block when the app has it", () => {
    const extensions = [
      theme("available", "active"),
      ui("referral-account-page", ["customer-account.page.render"]),
      ui("referral-account-blocks", []),
      ui("referral-thank-you", ["purchase.thank-you.block.render"]),
    ];
    const s = by(surfaceStatuses(extensions, { accounts: "current", links, oneSided: false }));
    expect(Object.keys(s)).toEqual(["accountPage", "profileBlock", "trackingEmbed", "thankYouBlock"]);
    expect(s.accountPage.state).toBe("live");
    expect(s.profileBlock).toMatchObject({ state: "missing", fixUrl: accountsEditorUrl("s.myshopify.com", "profile") });
    expect(s.thankYouBlock).toMatchObject({ state: "live", fixUrl: links.thankYouBlock });
    const withoutThankYou = surfaceStatuses(extensions.slice(0, 3), { accounts: "current", links, oneSided: false });
    expect(withoutThankYou.map((x) => x.key)).not.toContain("thankYouBlock");
  });

  it("no answer from App Bridge: every surface unknown, nothing called a blocker, every link offered", () => {
    const s = surfaceStatuses(null, { accounts: "unknown", links, oneSided: true });
    expect(s.map((x) => x.key)).toEqual(["accountPage", "profileBlock", "accountBlock", "trackingEmbed"]);
    expect(
      s.every((x) => x.state === "unknown" && !x.blocker && x.fixUrl.startsWith("https://s.myshopify.com/admin/")),
    ).toBe(true);
  });
});
