/**
 * The embedded admin in Chromium, against the built app (`node server.mjs`) and the
 * Shopify simulator: every page opens with its key content, onboarding activates a new
 * shop, a settings change is saved and persists, a held referral is approved, an
 * advocate is banned and unbanned, a failed reward is retried, a CSV is downloaded, and
 * another shop's referral is a 404. Fails on any uncaught page error or hydration error;
 * fails (never skips) when Chromium is missing. Screenshots: test-output/admin/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import db from "../../app/db.server";
import { recordDataRequest } from "../../app/privacy/privacy.server";
import { desktopUserAgent, launchChromium } from "../../scripts/chromium";
import { ROOT, SHOPS, adminUrl, serveAppBridge, startHarness, type Harness } from "./support/admin-harness";

const SHOTS = path.join(ROOT, "test-output/admin");

let harness: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const reactErrors: string[] = [];

async function open(pathname: string, shop: string = SHOPS.demo, locale?: string) {
  // Shopify puts the admin's language on the document URL as `locale`.
  const url = adminUrl(harness.appUrl, shop, pathname) + (locale ? `&locale=${locale}` : "");
  await page.goto(url, { waitUntil: "load" });
  // hydrated: App Bridge's stand-in defined window.shopify and React attached handlers
  await page.waitForFunction(() => Boolean((window as unknown as { shopify?: unknown }).shopify));
  await page.waitForLoadState("networkidle");
}

async function shot(name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function toast(text: string | RegExp) {
  try {
    await page.locator("[data-sim-toast]", { hasText: text }).first().waitFor({ timeout: 10_000 });
  } catch (error) {
    const shown = await page.locator("[data-sim-toast]").allTextContents();
    throw new Error(`no toast ${String(text)}; toasts on screen: ${JSON.stringify(shown)}`, { cause: error });
  }
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness();
  // Part of the suite: a missing browser is a failure (one line saying how to get it), not a skip.
  browser = await launchChromium();
  const userAgent = await desktopUserAgent(browser);
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true, userAgent });
  await serveAppBridge(context, harness.sim.url);
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Minified React error|Hydration|did not match/i.test(msg.text()))
      reactErrors.push(msg.text());
  });
}, 240_000);

afterEach((ctx) => {
  if (ctx.task.result?.state === "fail") console.log(`--- app server output ---\n${harness?.logs()}`);
  expect(pageErrors, "uncaught page errors").toEqual([]);
  expect(reactErrors, "React hydration errors").toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe("embedded admin in Chromium", () => {
  test("in Polish: onboarding before the program is on", async () => {
    await open("/app", SHOPS.fresh, "pl");
    await page.getByText("Zamień klientów w swój najlepszy marketing").waitFor();
    await shot("pl-onboarding");
  });

  test("onboarding explains the program and turns it on with one click", async () => {
    await open("/app", SHOPS.fresh);
    await page.getByText("Turn your customers into your best marketing").waitFor();
    const themeLink = page.getByRole("link", { name: "Add the block in the theme editor" });
    expect(await themeLink.getAttribute("href")).toBe(
      `https://${SHOPS.fresh}/admin/themes/current/editor?template=customers/account&addAppBlockId=${process.env.SHOPIFY_API_KEY}/referral-account&target=mainSection`,
    );
    const embedLink = page.getByRole("link", { name: "Turn on link tracking in the theme editor" });
    expect(await embedLink.getAttribute("href")).toBe(
      `https://${SHOPS.fresh}/admin/themes/current/editor?context=apps&activateAppId=${process.env.SHOPIFY_API_KEY}/referral-tracking`,
    );
    await shot("onboarding");
    await page.getByRole("button", { name: "Create the friend discount and turn the program on" }).click();
    await page.getByText("No referrals yet").waitFor({ timeout: 20_000 });
    const settings = await db.programSettings.findUniqueOrThrow({ where: { shop: SHOPS.fresh } });
    expect(settings.enabled).toBe(true);
    expect(settings.friendDiscountId).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\//);
    expect(settings.currencyCode).toBe("EUR");
    expect(harness.sim.discountCodes(SHOPS.fresh).length).toBeGreaterThan(0);
    await shot("dashboard-empty");
  });

  test("dashboard shows the figures, a chart and the top advocates", async () => {
    await open("/app?range=90d");
    for (const title of [
      "Clicks",
      "Referred orders",
      "Conversion rate",
      "Referred revenue",
      "Reward cost",
      "Return on reward spend",
      "Referral velocity",
      "Repeat-purchase rate",
    ]) {
      await expect(page.getByRole("heading", { name: title, exact: true }).count()).resolves.toBe(1);
    }
    await page.locator('[data-testid="referrals-chart"] svg').first().waitFor();
    await page.getByRole("heading", { name: "Top advocates" }).waitFor();
    await page.getByRole("link", { name: "Anna Berg" }).first().waitFor();
    await page.getByText(/waiting for your review/).waitFor();
    await shot("dashboard");
    // the date range lives in the URL
    await page.getByLabel("Date range").selectOption("7d");
    await page.waitForURL(/range=7d/);
    await page.getByText("Previous period:").first().waitFor();
  });

  test("in Polish: the dashboard, its title and money as Polish writes them, kept across navigation", async () => {
    await open("/app?range=90d", SHOPS.demo, "pl-PL");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("pl");
    await page.getByRole("heading", { name: "Zamówienia z polecenia", exact: true }).waitFor();
    await page.getByText(/czeka(ją)? na Twoją decyzję/).waitFor();
    await expect(page.title()).resolves.toBe("Pulpit · Program poleceń");
    // Polaris's own strings come in Polish too (its translations have Polish)
    await page.getByLabel("Zakres dat").waitFor();
    // money: decimal comma, currency after the amount
    await page
      .getByText(/\d+,\d{2}\s(USD|US\$)/)
      .first()
      .waitFor();
    await shot("pl-dashboard");
    await page.locator("ui-nav-menu").getByRole("link", { name: "Ustawienia" }).click();
    await page.waitForURL(/\/app\/settings/);
    await expect.poll(() => page.title()).toBe("Ustawienia · Program poleceń");
    await expect(page.locator("ui-nav-menu").getByRole("link", { name: "Polecenia" }).count()).resolves.toBe(1);
  });

  test("an admin language the app does not speak falls back to English", async () => {
    await open("/app", SHOPS.demo, "de");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await page.getByRole("heading", { name: "Referred orders", exact: true }).waitFor();
    await expect(page.title()).resolves.toBe("Dashboard · Referral program");
  });

  test("referrals list filters by status, searches and opens a detail with its history", async () => {
    await open("/app/referrals");
    await page.getByRole("link", { name: "#1001" }).waitFor();
    await shot("referrals");
    await page.getByRole("tab", { name: "Held" }).click();
    await page.waitForURL(/status=held/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(harness.demo.heldReferralIds.length);
    await expect
      .poll(() => page.getByTestId("result-count").textContent())
      .toBe(`${harness.demo.heldReferralIds.length} results`);
    await page.getByRole("tab", { name: "All" }).click();
    await page.waitForURL((url) => !url.searchParams.has("status"));
    await page.getByPlaceholder("Search by code, email, name or order").fill("#1008");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=%231008/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByRole("link", { name: "#1008" }).click();
    await page.getByRole("heading", { name: "History" }).waitFor();
    await page.getByText("Looks like a coupon site.").waitFor();
    await shot("referral-detail");
  });

  test("another shop's referral is not found", async () => {
    const foreign = harness.other.referralIds.accepted[0];
    await open(`/app/referrals/${foreign}`);
    await page.getByText("This referral does not exist in your shop").waitFor();
    await shot("referral-not-found");
  });

  test("review queue approves a held referral", async () => {
    await open("/app/review");
    const held = await db.referral.findMany({
      where: { shop: SHOPS.demo, status: "held" },
      orderBy: { createdAt: "asc" },
    });
    expect(held.length).toBeGreaterThan(0);
    // reasons in plain words, not rule ids
    await page.getByText("Similar email:").first().waitFor();
    await shot("review");
    const target = held[0];
    const row = page.locator("tbody tr", { hasText: target.orderName });
    await row.locator('input[type="checkbox"]').check({ force: true });
    await page.getByRole("button", { name: "Approve" }).click();
    // a bulk action asks first, naming what will happen
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Approve 1 referral?").waitFor();
    await shot("review-confirm-approve");
    expect((await db.referral.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("held");
    await dialog.getByRole("button", { name: "Approve 1 referral" }).click();
    await toast("1 referral approved.");
    await expect
      .poll(async () => (await db.referral.findUniqueOrThrow({ where: { id: target.id } })).status)
      .toBe("accepted");
    await expect.poll(() => page.locator("tbody tr", { hasText: target.orderName }).count()).toBe(0);
    await shot("review-after-approve");
  });

  test("advocates: list, detail, ban and unban", async () => {
    await open("/app/advocates");
    await page.getByRole("link", { name: "Anna Berg" }).waitFor();
    await shot("advocates");
    await page.getByRole("link", { name: "Boris Petrov" }).click();
    await page.getByRole("heading", { name: "Referrals" }).waitFor();
    await page.getByRole("heading", { name: "Rewards" }).waitFor();
    await shot("advocate-detail");
    await page.getByRole("button", { name: "Ban advocate" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Ban Boris Petrov?").waitFor();
    await shot("advocate-confirm-ban");
    await dialog.getByRole("button", { name: "Ban advocate and void pending rewards" }).click();
    await toast(/Advocate banned/);
    const boris = harness.demo.advocates.find((a) => a.name === "Boris Petrov")!;
    await expect
      .poll(async () => (await db.advocate.findUniqueOrThrow({ where: { id: boris.id } })).status)
      .toBe("banned");
    await page.getByRole("button", { name: "Unban advocate" }).click();
    await toast("Advocate unbanned.");
    await expect
      .poll(async () => (await db.advocate.findUniqueOrThrow({ where: { id: boris.id } })).status)
      .toBe("active");
  });

  test("rewards: tabs and retrying a failed reward", async () => {
    await open("/app/rewards");
    await page.getByText("Shopify answered 502 Bad Gateway").first().waitFor();
    await shot("rewards");
    await page.getByRole("tab", { name: "Failed" }).click();
    await page.waitForURL(/state=failed/);
    const failed = harness.demo.rewardIds.failed[0];
    const before = await db.reward.count({ where: { shop: SHOPS.demo, state: "failed" } });
    await page.getByRole("button", { name: "Retry issuing this reward" }).first().click();
    await toast("Reward queued to be issued again.");
    await expect.poll(() => db.reward.count({ where: { shop: SHOPS.demo, state: "failed" } })).toBe(before - 1);
    expect(failed).toBeTruthy();
    await page.getByRole("tab", { name: "Issued" }).click();
    await page.waitForURL(/state=issued/);
    await shot("rewards-issued");
  });

  test("settings: field errors, live preview, save bar, and a saved change persists", async () => {
    await open("/app/settings");
    const message = page.getByLabel("Share message");
    await message.waitFor();
    await shot("settings");

    // invalid input is refused with a message per field, and nothing changes
    const before = await db.programSettings.findUniqueOrThrow({ where: { shop: SHOPS.demo } });
    await page.getByLabel("Friend discount").fill("150");
    // the bar is drawn fixed at the top; its buttons are what is visible
    const saveBar = page.locator("ui-save-bar[data-sim-showing]");
    await saveBar.getByRole("button", { name: "Save" }).waitFor();
    await saveBar.getByRole("button", { name: "Save" }).click();
    await page.getByText("Enter a whole percentage from 1 to 100.").waitFor();
    // a failure is a critical banner that stays, not a toast
    await page.getByText("1 field needs attention").waitFor();
    expect(await page.locator("[data-sim-toast]").count()).toBe(0);
    expect((await db.programSettings.findUniqueOrThrow({ where: { shop: SHOPS.demo } })).updatedAt).toEqual(
      before.updatedAt,
    );
    await shot("settings-errors");
    await saveBar.getByRole("button", { name: "Discard" }).click();
    await saveBar.waitFor({ state: "detached" });

    // the preview follows the form as typed
    await page.getByLabel("Friend discount").fill("15");
    await page.getByTestId("preview-offer").getByText("Your friends get 15% off their first order.").waitFor();
    await message.fill("Treat yourself: 15% off with my code!");
    await page
      .getByTestId("preview-message")
      .getByText("Treat yourself: 15% off with my code!", { exact: false })
      .waitFor();
    await page.getByLabel("Reward amount").fill("12.5");
    await page.getByTestId("preview-reward").getByText("$12.50", { exact: false }).waitFor();
    // milestones as rows: a count and a bonus each
    await page.getByRole("button", { name: "Add milestone" }).click();
    await page.getByRole("button", { name: "Add milestone" }).click();
    const rows = page.getByTestId("milestone-row");
    await rows.nth(0).getByRole("spinbutton").fill("10");
    await rows.nth(0).getByRole("textbox").fill("50");
    await rows.nth(1).getByRole("spinbutton").fill("5");
    await rows.nth(1).getByRole("textbox").fill("25");
    await page
      .getByTestId("preview-milestones")
      .getByText("Bonus: $25.00 at 5 friends, $50.00 at 10 friends.")
      .waitFor();
    // tiers for top advocates as rows: from which successful referral, the reward per friend
    await page.getByRole("button", { name: "Add tier" }).click();
    const tierRows = page.getByTestId("tier-row");
    await tierRows.nth(0).getByRole("spinbutton").fill("3");
    await tierRows.nth(0).getByRole("textbox").fill("15");
    await shot("settings-preview");
    await saveBar.getByRole("button", { name: "Save" }).click();
    await toast("Settings saved");
    await saveBar.waitFor({ state: "detached" });

    const saved = await db.programSettings.findUniqueOrThrow({ where: { shop: SHOPS.demo } });
    expect(saved).toMatchObject({
      friendPercent: 15,
      rewardAmountMinor: 1250,
      shareMessage: "Treat yourself: 15% off with my code!",
    });
    expect(JSON.parse(saved.milestones)).toEqual([
      { count: 5, amountMinor: 2500 },
      { count: 10, amountMinor: 5000 },
    ]);
    expect(JSON.parse(saved.tiers)).toEqual([{ from: 3, amountMinor: 1500, percent: 0 }]);

    // a fresh load shows the saved values, normalised by the server
    await open("/app/settings");
    await expect(page.getByLabel("Share message").inputValue()).resolves.toBe("Treat yourself: 15% off with my code!");
    await expect(page.getByLabel("Reward amount").inputValue()).resolves.toBe("12.50");
    const savedRows = page.getByTestId("milestone-row");
    await expect(savedRows.count()).resolves.toBe(2);
    await expect(savedRows.nth(0).getByRole("spinbutton").inputValue()).resolves.toBe("5");
    await expect(savedRows.nth(1).getByRole("textbox").inputValue()).resolves.toBe("50.00");
    const savedTiers = page.getByTestId("tier-row");
    await expect(savedTiers.count()).resolves.toBe(1);
    await expect(savedTiers.nth(0).getByRole("textbox").inputValue()).resolves.toBe("15.00");
  });

  test("export downloads a CSV of referrals with formula cells defused", async () => {
    await open("/app/export");
    await page.getByRole("button", { name: "Download CSV" }).waitFor();
    await shot("export");
    await page.getByLabel("From").fill("2000-01-01");
    await page.getByRole("button", { name: "Download CSV" }).click();
    await page.getByText("Choose at most ten years.").waitFor();
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("From").fill(from);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^referrals-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const csv = fs.readFileSync(file!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("created_at,referral_id,status,order_name");
    expect(lines).toHaveLength(1 + (await db.referral.count({ where: { shop: SHOPS.demo } })));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toContain(harness.other.advocates[0].code);
  });

  test("privacy lists a customer's data request and downloads the record", async () => {
    const advocate = await db.advocate.findFirstOrThrow({
      where: { shop: SHOPS.demo, code: harness.demo.advocates[0].code },
    });
    await recordDataRequest(SHOPS.demo, {
      shop_domain: SHOPS.demo,
      customer: { id: Number(advocate.customerId), email: advocate.email },
      orders_requested: [],
      data_request: { id: 4242 },
    });
    await open("/app/privacy");
    await page.getByText("Ready").first().waitFor();
    await shot("privacy");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole("button", { name: /Download/ })
        .first()
        .click(),
    ]);
    const record = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as Record<string, unknown>;
    expect(JSON.stringify(record)).toContain(advocate.code);
    expect(JSON.stringify(record)).not.toContain(harness.other.advocates[0].code);
  });

  test("help page: the operator's support contact and what the app does with customer data", async () => {
    await open("/app/help");
    await page.getByRole("heading", { name: "What the app does with customer data" }).waitFor();
    await page.getByRole("link", { name: "Email help@referrals.example" }).waitFor();
    expect(await page.getByRole("link", { name: "Email help@referrals.example" }).getAttribute("href")).toBe(
      "mailto:help@referrals.example",
    );
    await shot("help");
  });

  test("a refused reward action is a critical banner that stays, not a toast", async () => {
    await open("/app/rewards?state=failed");
    const button = page.getByRole("button", { name: "Retry issuing this reward" }).first();
    await button.waitFor();
    // someone else retried it meanwhile: the engine refuses the second retry
    const failed = await db.reward.findMany({ where: { shop: SHOPS.demo, state: "failed" } });
    await db.reward.updateMany({
      where: { id: { in: failed.map((r) => r.id) } },
      data: { state: "pending", lastError: null },
    });
    await button.click();
    await page.getByText("The reward was not changed").waitFor();
    await page.getByText("Only a failed reward can be retried").waitFor();
    expect(await page.locator("[data-sim-toast]").count()).toBe(0);
    await shot("rewards-error-banner");
    await db.reward.updateMany({ where: { id: { in: failed.map((r) => r.id) } }, data: { state: "failed" } });
  });

  test("voiding an issued reward asks first in a modal naming what happens", async () => {
    const issued = await db.reward.findFirstOrThrow({
      where: { shop: SHOPS.demo, state: "issued", usedAt: null },
      orderBy: { createdAt: "desc" },
    });
    await open("/app/rewards?state=issued");
    await page.getByRole("button", { name: "Void this reward" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Void this reward?").waitFor();
    await dialog.getByText("stops working at once").waitFor();
    await shot("rewards-confirm-void");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect((await db.reward.findUniqueOrThrow({ where: { id: issued.id } })).state).toBe("issued");
  });

  test("navigation shows App Bridge's loading bar, and Web Vitals reach the server log", async () => {
    await open("/app/referrals");
    await page.locator("ui-nav-menu").getByRole("link", { name: "Advocates" }).click();
    await page.waitForURL(/\/app\/advocates/);
    await expect.poll(() => page.locator("html").getAttribute("data-sim-loading-count")).toMatch(/^[1-9]/);
    await expect
      .poll(() => harness.logs())
      .toMatch(/web-vitals shop=demo-referrals\.myshopify\.com path=\/app\S* LCP=/);
  });

  describe("in Polish, every page", () => {
    const pl = (pathname: string) => open(pathname, SHOPS.demo, "pl");

    test("referrals, a referral and its history", async () => {
      await pl("/app/referrals");
      await page.getByRole("tab", { name: "Wstrzymane" }).waitFor();
      await page.getByPlaceholder("Szukaj po kodzie, e-mailu, nazwisku lub zamówieniu").waitFor();
      await expect(page.title()).resolves.toBe("Polecenia · Program poleceń");
      await shot("pl-referrals");
      await page.getByRole("link", { name: "#1008" }).click();
      await page.getByRole("heading", { name: "Historia" }).waitFor();
      await shot("pl-referral-detail");
    });

    test("review queue with reasons in plain words and the confirmation", async () => {
      await pl("/app/review");
      await page.getByText("Podobny e-mail:").first().waitFor();
      await shot("pl-review");
      await page.locator("tbody tr").first().locator('input[type="checkbox"]').check({ force: true });
      await page.getByRole("button", { name: "Odrzuć" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Odrzucić 1 polecenie?").waitFor();
      await dialog.getByRole("button", { name: "Odrzuć 1 polecenie" }).waitFor();
      await shot("pl-review-confirm-reject");
      await dialog.getByRole("button", { name: "Anuluj" }).click();
    });

    test("advocates, an advocate and the ban confirmation", async () => {
      await pl("/app/advocates");
      await page.getByRole("columnheader", { name: "Polecający" }).waitFor();
      await shot("pl-advocates");
      await page.getByRole("link", { name: "Anna Berg" }).first().click();
      await page.getByRole("heading", { name: "Polecenia" }).waitFor();
      await shot("pl-advocate-detail");
      await page.getByRole("button", { name: "Zablokuj polecającego" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Zablokować: Anna Berg?").waitFor();
      await shot("pl-advocate-confirm-ban");
      await dialog.getByRole("button", { name: "Anuluj" }).click();
    });

    test("rewards, with money as Polish writes it", async () => {
      await pl("/app/rewards");
      await page.getByRole("tab", { name: "Oczekujące" }).waitFor();
      await page
        .getByText(/\d+,\d{2}\s(USD|US\$)/)
        .first()
        .waitFor();
      await shot("pl-rewards");
      await page.getByRole("button", { name: "Unieważnij tę nagrodę" }).first().click();
      await page.getByRole("dialog").getByText("Unieważnić tę nagrodę?").waitFor();
      await shot("pl-rewards-confirm-void");
      await page.getByRole("dialog").getByRole("button", { name: "Anuluj" }).click();
    });

    test("settings, with a field error banner and milestone rows", async () => {
      await pl("/app/settings");
      await page.getByRole("button", { name: "Dodaj próg" }).waitFor();
      await shot("pl-settings");
      await page.getByLabel("Rabat dla znajomego").fill("150");
      const saveBar = page.locator("ui-save-bar[data-sim-showing]");
      await saveBar.getByRole("button", { name: "Zapisz" }).click();
      await page.getByText("Wpisz pełny procent od 1 do 100.").waitFor();
      await page.getByText("1 pole wymaga poprawy").waitFor();
      await shot("pl-settings-errors");
      await saveBar.getByRole("button", { name: "Odrzuć zmiany" }).click();
    });

    test("export, privacy and help", async () => {
      await pl("/app/export");
      await page.getByRole("button", { name: "Pobierz CSV" }).waitFor();
      await shot("pl-export");
      await pl("/app/privacy");
      await page.getByText("Gdy klient poprosi Twój sklep o swoje dane", { exact: false }).waitFor();
      await shot("pl-privacy");
      await pl("/app/help");
      await page.getByRole("heading", { name: "Co aplikacja robi z danymi klientów" }).waitFor();
      await shot("pl-help");
    });
  });

  test("navigation menu moves between pages inside the app", async () => {
    await open("/app/referrals");
    await page.locator("ui-nav-menu").getByRole("link", { name: "Review queue" }).click();
    await page.waitForURL(/\/app\/review/);
    await page.getByText("Referrals the fraud rules held").waitFor();
    await page.locator("ui-nav-menu").getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Share message").waitFor();
  });
});
