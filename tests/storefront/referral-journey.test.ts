/**
 * A friend's whole journey in Chromium, through the simulator's storefront and the app's
 * real routes: the advocate's shared link (/apps/referrals/r/CODE, signed by the proxy,
 * answered by the app), the landing page with the "Referral link tracking" app embed, the
 * cart attribute its script sets (/cart/update.js), a login as a new customer, checkout,
 * the order webhook, the worker, and the referral in the database.
 * - one-sided (no friend offer; the code is not a valid discount in Shopify): the referral
 *   comes from the cart attribute alone, and the remembered code survives a lost cart;
 * - two-sided: the same journey also applies the advocate's code as the friend's discount.
 * Screenshots: test-output/storefront/journey-*.png.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LANDING_ATTRIBUTE } from "../../app/referrals/order-payload";
import { counts, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";
import { launch, SHOTS } from "./support/browser";

let world: World;
let browser: Browser;

beforeAll(async () => {
  world = await startWorld();
  // The storefront's app proxy forwards /apps/referrals/* to the app's /proxy/*.
  world.sim.appUrl = world.app.url;
  browser = await launch();
  const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
  await resetRateLimits();
});
afterAll(async () => {
  await browser?.close();
  await world?.stop();
});

interface Journey {
  shop: string;
  code: string;
  advocateId: string;
  friendId: number;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** GET /cart.js from the page, as a theme script would. */
const cartOf = (page: Page) =>
  page.evaluate(async () => (await fetch("/cart.js")).json() as Promise<{ attributes: Record<string, string> }>);

function watch(page: Page, errors: string[]) {
  page.on("pageerror", (e) => errors.push(String(e)));
  return page;
}

async function start(settings: Record<string, string>, label: string): Promise<Journey> {
  const shop = await installShop(world.sim, settings);
  const { advocate } = await enrollCustomer(world.sim, shop, {
    email: `anna.${label}@advocate.example`,
    firstName: "Anna",
    lastName: "Kowalska",
  });
  const friend = world.sim.addCustomer(shop, {
    email: `boris.${label}@friend.example`,
    firstName: "Boris",
    lastName: "Petrov",
  });
  const context = await browser.newContext({
    locale: "en-US",
    timezoneId: "UTC",
    viewport: { width: 900, height: 700 },
  });
  const errors: string[] = [];
  const page = watch(await context.newPage(), errors);
  return {
    shop,
    code: advocate.code,
    advocateId: advocate.id,
    friendId: friend.legacyResourceId,
    context,
    page,
    errors,
  };
}

/** The friend follows the shared link and lands on the home page; the embed's script runs. */
async function land(j: Journey) {
  const update = j.page.waitForResponse((r) => r.url().endsWith("/cart/update.js") && r.request().method() === "POST");
  await j.page.goto(`${world.sim.url}/${j.shop}/apps/referrals/r/${j.code}`);
  expect((await update).status()).toBe(200);
  // the embed is on the page, its parameter is gone from the address bar
  expect(await j.page.locator("[data-referral-tracking]").count()).toBe(1);
  expect(new URL(j.page.url()).pathname).toBe(`/${j.shop}/`);
  expect(new URL(j.page.url()).search).toBe("");
  expect((await cartOf(j.page)).attributes).toEqual({ [LANDING_ATTRIBUTE]: j.code });
}

/** Logs in as the friend, checks out the cart, and returns the thank-you page's order id. */
async function checkout(j: Journey, shot: string): Promise<string> {
  await j.page.goto(`${world.sim.url}/${j.shop}/account/login?customer=${j.friendId}`);
  await j.page.goto(`${world.sim.url}/${j.shop}/cart`);
  await j.page.click("[data-checkout]");
  await j.page.waitForSelector("[data-order-id]");
  await j.page.screenshot({ path: path.join(SHOTS, `journey-${shot}.png`), fullPage: true });
  // a checkout empties the cart
  expect((await cartOf(j.page)).attributes).toEqual({});
  return (await j.page.textContent("[data-order-id]"))!;
}

async function referralsOf(shop: string) {
  const { default: db } = await import("../../app/db.server");
  return db.referral.findMany({ where: { shop } });
}

describe("a friend's referral journey in Chromium", () => {
  test("one-sided: the link tracking embed alone credits the advocate, once", async () => {
    const j = await start({ friendOfferType: "none", friendPercent: "" }, "one");
    try {
      await land(j);
      expect(await j.page.locator("[data-discount-applied]").count()).toBe(0);

      // The cart is lost (cookies cleared) and the friend comes back in a new tab:
      // the remembered code is put on the new cart, once per browser session.
      await j.context.clearCookies();
      const tab = watch(await j.context.newPage(), j.errors);
      await j.page.close();
      j.page = tab;
      const again = tab.waitForResponse((r) => r.url().endsWith("/cart/update.js"));
      await tab.goto(`${world.sim.url}/${j.shop}/`);
      expect((await again).status()).toBe(200);
      expect((await cartOf(tab)).attributes).toEqual({ [LANDING_ATTRIBUTE]: j.code });
      // further pages of that session leave the cart alone
      let posts = 0;
      tab.on("request", (r) => void (r.url().endsWith("/cart/update.js") && posts++));
      // Every request of the page has settled (loaded, and no network for a while): none was a cart update.
      await tab.goto(`${world.sim.url}/${j.shop}/`, { waitUntil: "networkidle" });
      expect(posts).toBe(0);

      const orderId = await checkout(j, "one-sided");
      const order = world.sim.orderPayload(j.shop, orderId) as {
        discount_codes: unknown[];
        note_attributes: { name: string; value: string }[];
      };
      expect(order.discount_codes).toEqual([]);
      expect(order.note_attributes).toEqual([{ name: LANDING_ATTRIBUTE, value: j.code }]);
      expect(
        world.sim.webhookLog
          .filter((w) => w.shop === j.shop && w.topic.startsWith("orders/"))
          .map((w) => [w.topic, w.status]),
      ).toEqual([
        ["orders/create", 200],
        ["orders/paid", 200],
      ]);

      await drain();
      expect(await counts(j.shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 0 });
      const [referral] = await referralsOf(j.shop);
      expect(referral).toMatchObject({
        advocateId: j.advocateId,
        orderId,
        codeUsed: j.code,
        friendCustomerId: String(j.friendId),
        status: "accepted",
      });
      expect(j.errors).toEqual([]);
    } finally {
      await j.context.close();
    }
  });

  test("two-sided: the same journey applies the advocate's code and credits the advocate", async () => {
    const j = await start({}, "two");
    try {
      await land(j);
      expect(await j.page.textContent("[data-discount-applied] strong")).toBe(j.code);
      const orderId = await checkout(j, "two-sided");
      expect(await j.page.textContent("[data-order-codes]")).toBe(j.code);
      const order = world.sim.orderPayload(j.shop, orderId) as {
        discount_codes: { code: string; amount: string }[];
        note_attributes: unknown[];
      };
      expect(order.discount_codes).toEqual([expect.objectContaining({ code: j.code, amount: "5.00" })]);
      expect(order.note_attributes).toEqual([{ name: LANDING_ATTRIBUTE, value: j.code }]);

      await drain();
      expect(await counts(j.shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 0 });
      const [referral] = await referralsOf(j.shop);
      expect(referral).toMatchObject({
        advocateId: j.advocateId,
        orderId,
        codeUsed: j.code,
        friendCustomerId: String(j.friendId),
        status: "accepted",
      });
      expect(j.errors).toEqual([]);
    } finally {
      await j.context.close();
    }
  });
});
