/**
 * The home page's storefront card in Chromium: for each surface (the theme block or the
 * "Refer a friend" page and profile block, the tracking embed, the thank-you block) it
 * shows what App Bridge's `shopify.app.extensions()` reports, and links to fix what is
 * not live; an off embed is a blocker for a one-sided program. App Bridge's stand-in
 * answers extensions() with what the simulator holds for the shop. Screenshots:
 * test-output/surfaces/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import db from "../../app/db.server";
import { desktopUserAgent, launchChromium } from "../../scripts/chromium";
import { seedSession } from "../../scripts/demo/seed";
import type { AppExtensionInfo } from "../../simulator/app-bridge-stub";
import { ROOT, SHOPS, adminUrl, serveAppBridge, startHarness, type Harness } from "./support/admin-harness";

const SHOTS = path.join(ROOT, "test-output/surfaces");
const CURRENT = "current-accounts.myshopify.com";
const ONE_SIDED = "one-sided.myshopify.com";
const KEY = process.env.SHOPIFY_API_KEY!;

let harness: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** What App Bridge reports for the theme app extension: the account block and the tracking embed. */
function theme(block: "active" | "available", embed: "active" | "available"): AppExtensionInfo {
  const placed = (status: string, target: string) =>
    status === "active" ? [{ target, themeId: "gid://shopify/OnlineStoreTheme/1" }] : [];
  return {
    handle: "referral-block",
    type: "theme_app_extension",
    activations: [
      {
        target: "section",
        handle: "referral-account",
        name: "Referral program",
        status: block,
        activations: placed(block, "template--customers.account/main/referral_account_1"),
      },
      { target: "body", handle: "referral-launcher", name: "Referral launcher", status: "available", activations: [] },
      {
        target: "body",
        handle: "referral-tracking",
        name: "Referral link tracking",
        status: embed,
        activations: placed(embed, "body"),
      },
    ],
  };
}
const ui = (handle: string, ...targets: string[]): AppExtensionInfo => ({
  handle,
  type: "ui_extension",
  activations: targets.map((target) => ({ target })),
});

async function openHome(shop: string, locale?: string) {
  await page.goto(adminUrl(harness.appUrl, shop, "/app") + (locale ? `&locale=${locale}` : ""), { waitUntil: "load" });
  await page.waitForFunction(() => Boolean((window as unknown as { shopify?: unknown }).shopify));
  // the card asked App Bridge and drew its answer
  await page.locator('[data-surface="trackingEmbed"]:not([data-state="checking"])').waitFor();
}

async function shot(name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const row = (key: string): Locator => page.locator(`[data-surface="${key}"]`);

async function surfaces(): Promise<Record<string, string>> {
  const rows = await page
    .locator("[data-surface]")
    .evaluateAll((els) => els.map((el) => [el.getAttribute("data-surface"), el.getAttribute("data-state")]));
  return Object.fromEntries(rows);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness();
  const scopes = process.env.SCOPES ?? "";
  // a shop on the current customer accounts, its program on with no referrals yet
  const current = harness.sim.seedShop({ domain: CURRENT, customerAccountsVersion: "NEW_CUSTOMER_ACCOUNTS" });
  await seedSession(db, CURRENT, current.accessToken, scopes);
  // a one-sided program (friends get no discount) on legacy accounts
  const oneSided = harness.sim.seedShop({ domain: ONE_SIDED });
  await seedSession(db, ONE_SIDED, oneSided.accessToken, scopes);
  for (const [shop, friendOfferType] of [
    [CURRENT, "percentage"],
    [ONE_SIDED, "none"],
  ] as const) {
    await db.programSettings.upsert({
      where: { shop },
      create: { shop, enabled: true, friendOfferType, friendDiscountId: "gid://shopify/DiscountCodeNode/1" },
      update: { enabled: true, friendOfferType },
    });
  }
  browser = await launchChromium();
  const userAgent = await desktopUserAgent(browser);
  context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, userAgent });
  await serveAppBridge(context, harness.sim.url);
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
}, 240_000);

afterEach((ctx) => {
  if (ctx.task.result?.state === "fail") console.log(`--- app server output ---\n${harness?.logs()}`);
  expect(pageErrors, "uncaught page errors").toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe("storefront surfaces on the home page", () => {
  test("legacy accounts: the theme block is live, the embed is off and links to the theme editor", async () => {
    harness.sim.setAppExtensions(SHOPS.demo, [theme("active", "available")]);
    await openHome(SHOPS.demo);
    expect(await surfaces()).toEqual({ accountBlock: "live", trackingEmbed: "missing" });
    await row("accountBlock").getByText("Added", { exact: true }).waitFor();
    expect(await row("accountBlock").getByRole("link").count()).toBe(0);
    await row("trackingEmbed").getByText("Off", { exact: true }).waitFor();
    expect(await row("trackingEmbed").getAttribute("data-blocker")).toBeNull();
    expect(
      await row("trackingEmbed")
        .getByRole("link", { name: "Turn on link tracking in the theme editor" })
        .getAttribute("href"),
    ).toBe(`https://${SHOPS.demo}/admin/themes/current/editor?context=apps&activateAppId=${KEY}/referral-tracking`);
    await shot("legacy");
  });

  test("a one-sided program with the embed off: a blocker, in red, with the fix first", async () => {
    harness.sim.setAppExtensions(ONE_SIDED, [theme("available", "available")]);
    await openHome(ONE_SIDED);
    expect(await row("trackingEmbed").getAttribute("data-blocker")).toBe("true");
    await row("trackingEmbed").getByText("Your program is one-sided").waitFor();
    await row("trackingEmbed").getByRole("link", { name: "Turn on link tracking in the theme editor" }).waitFor();
    await shot("one-sided");

    // the owner switches the embed on in the theme editor, comes back and checks again
    harness.sim.setAppExtensions(ONE_SIDED, [theme("available", "active")]);
    await page.getByRole("button", { name: "Check again" }).click();
    await expect.poll(() => row("trackingEmbed").getAttribute("data-state")).toBe("live");
    expect(await row("trackingEmbed").getAttribute("data-blocker")).toBeNull();
    await row("trackingEmbed").getByText("On", { exact: true }).waitFor();
  });

  test("current accounts: the Refer a friend page, the profile block, the embed and the thank-you block", async () => {
    harness.sim.setAppExtensions(CURRENT, [
      theme("available", "active"),
      ui("referral-account-page", "customer-account.page.render"),
      ui("referral-account-blocks", "customer-account.order-status.block.render"),
      ui("referral-thank-you", "purchase.thank-you.block.render"),
    ]);
    await openHome(CURRENT);
    await page.getByText("Your shop uses the current customer accounts").waitFor();
    expect(await surfaces()).toEqual({
      accountPage: "live",
      profileBlock: "missing",
      trackingEmbed: "live",
      thankYouBlock: "live",
    });
    expect(
      await row("profileBlock").getByRole("link", { name: "Add the block to the profile page" }).getAttribute("href"),
    ).toBe(`https://${CURRENT}/admin/settings/checkout/editor?page=profile&context=apps`);
    // no theme block for a shop whose account pages are not the theme's
    expect(await page.getByRole("link", { name: "Add the block in the theme editor" }).count()).toBe(0);
    await shot("current");
  });

  test("the page not added yet: links to the checkout and accounts editor and the account menu, in Polish too", async () => {
    harness.sim.setAppExtensions(CURRENT, [theme("available", "active"), ui("referral-account-page")]);
    await openHome(CURRENT, "pl-PL");
    await row("accountPage").getByText("Strona „Poleć znajomemu” w kontach klientów").waitFor();
    await row("accountPage").getByText("Nie dodano", { exact: true }).waitFor();
    expect(
      await row("accountPage")
        .getByRole("link", { name: "Dodaj stronę w edytorze realizacji zakupu i kont" })
        .getAttribute("href"),
    ).toBe(`https://${CURRENT}/admin/settings/checkout/editor?context=apps`);
    expect(await row("accountPage").getByRole("link", { name: "Edytuj menu konta" }).getAttribute("href")).toBe(
      `https://${CURRENT}/admin/menus`,
    );
    await shot("current-pl");
  });

  test("when App Bridge cannot say, the card says so and keeps every link", async () => {
    harness.sim.setAppExtensions(SHOPS.demo, null);
    await openHome(SHOPS.demo);
    expect(await surfaces()).toEqual({ accountBlock: "unknown", trackingEmbed: "unknown" });
    await page.getByText("Shopify did not say which parts are live").waitFor();
    await row("accountBlock").getByRole("link", { name: "Add the block in the theme editor" }).waitFor();
    await row("trackingEmbed").getByRole("link", { name: "Turn on link tracking in the theme editor" }).waitFor();
  });
});
