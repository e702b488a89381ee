/**
 * The block in a real browser: Liquid output on a theme-like page, the extension's assets,
 * and a stubbed app proxy, opened in Chromium. Covers every language and state a customer
 * can meet, keyboard use, and the network contract. Screenshots: test-output/storefront/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { foreignRequests, launch, open, type OpenOptions, type Session } from "./support/browser";
import { TEXT } from "./support/expected";
import { loggedIn, loggedOut, program, type Program } from "./support/fixtures";
import { LOCALES, type Locale } from "../../simulator/storefront/liquid";
import { StorefrontServer } from "./support/storefront-server";

const ROOT = "[data-rfb]";
const sp = (s: string | null | undefined) =>
  (s ?? "")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Per language: a different program shape, and what the customer must read for it. */
const CASES: Record<
  Locale,
  {
    program: Partial<Program>;
    friend: string;
    advocate: string;
    clicks: string;
    totals: [string, string, string];
    rewards: string[];
    milestone: string;
    progress: string;
  }
> = {
  en: {
    program: {},
    friend: "Your friends get 10% off their first order. Orders from €50.00 qualify.",
    advocate: "You get a €10.00 discount code for every friend who orders. Rewards unlock 14 days after the order.",
    clicks: "1,234",
    totals: ["€1,234.50", "€10.00", "€10.00"],
    rewards: [
      "RWD-ABCD-EFGH | €10.00 | Available | Expires Jan 15, 2027 | Copy",
      "RWD-PEND-0002 | €10.00 | Pending | Available from Aug 20, 2026",
      "RWD-USED-0003 | €1,214.50 | Used",
      "RWD-EXPD-0004 | €5.00 | Expired",
      "RWD-VOID-0005 | €10.00 | Cancelled",
    ],
    milestone: "3 more friends to unlock a €25.00 bonus.",
    progress: "2 of 5 friends",
  },
  ru: {
    program: {
      friendOffer: { type: "fixed_amount", value: "5.00" },
      advocateReward: { type: "store_credit", value: "10.00" },
      minimumSubtotal: null,
      rewardDelayDays: 1,
    },
    friend: "Ваши друзья получают скидку 5,00 € на первый заказ.",
    advocate:
      "Вы получаете 10,00 € на счёт в магазине за каждого друга, сделавшего заказ. Награда становится доступной через 1 день после заказа.",
    clicks: "1 234",
    totals: ["1 234,50 €", "10,00 €", "10,00 €"],
    rewards: [
      "RWD-ABCD-EFGH | 10,00 € | Доступна | Действует до 15 янв. 2027 г. | Копировать",
      "RWD-PEND-0002 | 10,00 € | Ожидает | Станет доступна 20 авг. 2026 г.",
      "RWD-USED-0003 | 1 214,50 € | Использована",
      "RWD-EXPD-0004 | 5,00 € | Истекла",
      "RWD-VOID-0005 | 10,00 € | Отменена",
    ],
    milestone: "Ещё 3 друга — и вы получите бонус 25,00 €.",
    progress: "2 из 5 друзей",
  },
  bg: {
    program: {
      friendOffer: { type: "none", value: "0" },
      advocateReward: { type: "percentage", value: "15" },
      minimumSubtotal: "30.00",
      rewardDelayDays: 0,
    },
    friend: "Поканете приятелите си да разгледат нашия магазин. Зачитат се поръчки на стойност от 30,00 €.",
    advocate: "Получавате 15% отстъпка от следващата си поръчка за всеки приятел, който поръча.",
    clicks: "1234",
    totals: ["1234,50 €", "10,00 €", "10,00 €"],
    rewards: [
      "RWD-ABCD-EFGH | 10,00 € | Налична | Валидна до 15.01.2027 г. | Копирай",
      "RWD-PEND-0002 | 10,00 € | Изчакваща | Налична от 20.08.2026 г.",
      "RWD-USED-0003 | 1214,50 € | Използвана",
      "RWD-EXPD-0004 | 5,00 € | Изтекла",
      "RWD-VOID-0005 | 10,00 € | Анулирана",
    ],
    milestone: "Още 3 приятели и получавате бонус 25,00 €.",
    progress: "2 от 5 приятели",
  },
  pl: {
    program: {
      currencyCode: "PLN",
      advocateReward: { type: "fixed_amount", value: "20.00" },
      minimumSubtotal: "100.00",
    },
    friend: "Twoi znajomi otrzymują 10% rabatu na pierwsze zamówienie. Liczą się zamówienia od 100,00 zł.",
    advocate:
      "Za każdego znajomego, który złoży zamówienie, otrzymujesz kod rabatowy na 20,00 zł. Nagroda staje się dostępna 14 dni po zamówieniu.",
    clicks: "1234",
    totals: ["1234,50 zł", "10,00 zł", "10,00 zł"],
    rewards: [
      "RWD-ABCD-EFGH | 10,00 zł | Dostępna | Ważna do 15 sty 2027 | Kopiuj",
      "RWD-PEND-0002 | 10,00 zł | Oczekująca | Dostępna od 20 sie 2026",
      "RWD-USED-0003 | 1214,50 zł | Wykorzystana",
      "RWD-EXPD-0004 | 5,00 zł | Wygasła",
      "RWD-VOID-0005 | 10,00 zł | Anulowana",
    ],
    milestone: "Jeszcze 3 znajomych i otrzymasz bonus 25,00 zł.",
    progress: "2 z 5 znajomych",
  },
};

let browser: Browser;
let server: StorefrontServer;
let session: Session | undefined;

beforeAll(async () => {
  server = await new StorefrontServer().start();
  browser = await launch();
});

afterAll(async () => {
  await session?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function visit(opts: OpenOptions): Promise<Page> {
  session = await open(browser, server, opts);
  return session.page;
}

/** Every test ends here: no uncaught errors, no requests beyond page, assets and proxy. */
async function done() {
  const s = session!;
  session = undefined;
  await s.page.waitForTimeout(50);
  const errors = s.errors.map(String);
  const foreign = foreignRequests(s, server.origin);
  await s.close();
  expect(errors, "uncaught page errors").toEqual([]);
  expect(foreign, "requests outside the storefront").toEqual([]);
}

const text = (page: Page, sel: string) => page.locator(sel).first().textContent().then(sp);
const ready = (page: Page) => page.waitForSelector(`${ROOT}[data-state="ready"]`);
const rewardRows = (page: Page) =>
  page.$$eval("[data-rfb-rewards] li", (lis) =>
    lis.map((li) => [...li.children].map((c) => c.textContent).join(" | ")),
  );

describe.each(LOCALES)("storefront in %s", (locale) => {
  const t = TEXT[locale];
  const c = CASES[locale];

  test("logged in: the frame shows before the data, then everything is filled in", async () => {
    const page = await visit({
      locale,
      customer: true,
      api: { status: 200, body: loggedIn(c.program), delayMs: 1500 },
    });

    // The proxy is still holding its answer: only Liquid's frame can be on screen.
    expect(await text(page, "h2")).toBe(t.heading);
    expect(await page.isVisible("[data-rfb-code]")).toBe(true);
    expect(await page.getAttribute(ROOT, "aria-busy")).toBe("true");
    expect(await text(page, "[data-rfb-code]")).toBe("");
    expect(await text(page, '[data-rfb-rule="friend"]')).toBe("");
    expect(await page.isDisabled('[data-rfb-copy="code"]')).toBe(true);
    expect(server.apiCalls.length).toBeLessThanOrEqual(1);
    await session!.shot(`${locale}-loading`);

    await ready(page);
    expect(await page.getAttribute(ROOT, "aria-busy")).toBe("false");
    expect(await text(page, "[data-rfb-code]")).toBe("ANNA-7K3Q");
    expect(await page.inputValue("[data-rfb-link]")).toBe("https://shop.example/apps/referrals/r/ANNA-7K3Q");
    expect(await page.isEnabled('[data-rfb-copy="code"]')).toBe(true);
    expect(await text(page, '[data-rfb-stat="clicks"]')).toBe(c.clicks);
    expect(await text(page, '[data-rfb-stat="referred"]')).toBe("3");
    expect(await text(page, '[data-rfb-stat="qualified"]')).toBe("2");
    expect([
      await text(page, '[data-rfb-total="earned"]'),
      await text(page, '[data-rfb-total="available"]'),
      await text(page, '[data-rfb-total="pending"]'),
    ]).toEqual(c.totals);
    expect((await rewardRows(page)).map(sp)).toEqual(c.rewards);

    const bar = page.locator('[role="progressbar"]');
    expect(await bar.getAttribute("aria-valuemin")).toBe("0");
    expect(await bar.getAttribute("aria-valuemax")).toBe("5");
    expect(await bar.getAttribute("aria-valuenow")).toBe("2");
    expect(sp(await bar.getAttribute("aria-valuetext"))).toBe(c.progress);
    const fill = await page.$eval(
      ".rfb__barfill",
      (el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width,
    );
    expect(fill).toBeCloseTo(0.4, 2);
    expect(await text(page, "[data-rfb-milestone-text]")).toBe(c.milestone);

    expect(await text(page, '[data-rfb-rule="friend"]')).toBe(c.friend);
    expect(await text(page, '[data-rfb-rule="advocate"]')).toBe(c.advocate);

    const mail = new URL((await page.getAttribute('[data-rfb-share="email"]', "href"))!);
    expect(mail.protocol).toBe("mailto:");
    expect(mail.searchParams.get("subject")).toBe(t.emailSubject);
    expect(mail.searchParams.get("body")).toBe(
      "Get 10% off your first order with my code ANNA-7K3Q\nhttps://shop.example/apps/referrals/r/ANNA-7K3Q",
    );
    expect(await page.isVisible("[data-rfb-login]")).toBe(false);
    expect(await page.isVisible("[data-rfb-error]")).toBe(false);
    expect(server.apiCalls).toHaveLength(1);
    expect(server.apiCalls[0].accept).toBe("application/json");
    await session!.shot(`${locale}-logged-in`);
    await done();
  });

  test("logged out: the offer from the proxy and a login link", async () => {
    const page = await visit({
      locale,
      customer: false,
      api: { status: 200, body: loggedOut(c.program), delayMs: 300 },
    });
    expect(await text(page, "h2")).toBe(t.heading);
    expect(await page.isVisible(`a[href="/account/login"]`)).toBe(true);
    await ready(page);
    expect(await text(page, "[data-rfb-login] a")).toBe(t.login);
    expect(await text(page, "[data-rfb-login] span")).toBe(t.loginText);
    expect(await text(page, '[data-rfb-rule="friend"]')).toBe(c.friend);
    expect(await text(page, '[data-rfb-rule="advocate"]')).toBe(c.advocate);
    expect(await page.locator("[data-rfb-code]").count()).toBe(0);
    await session!.shot(`${locale}-logged-out`);
    await done();
  });

  test('server error: a short retry message, and "try again" recovers', async () => {
    const page = await visit({
      locale,
      customer: true,
      api: { status: 500, body: { error: "boom" } },
    });
    await page.waitForSelector(`${ROOT}[data-state="error"]`);
    expect(await page.isVisible("[data-rfb-error]")).toBe(true);
    expect(await text(page, "[data-rfb-error] p")).toBe(t.error);
    expect(await text(page, "[data-rfb-retry]")).toBe(t.retry);
    expect(await page.isVisible("[data-rfb-body]")).toBe(false); // no half-empty skeleton
    expect(await page.getAttribute(ROOT, "aria-busy")).toBe("false");
    await session!.shot(`${locale}-error`);

    server.api = { status: 200, body: loggedIn(c.program) };
    await page.focus("[data-rfb-retry]");
    await page.keyboard.press("Enter");
    await ready(page);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    expect(await text(page, "[data-rfb-code]")).toBe("ANNA-7K3Q");
    expect(server.apiCalls).toHaveLength(2);
    await done();
  });
});

describe("keyboard and clipboard", () => {
  const tabUntil = async (page: Page, selector: string, max = 40) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };

  test("Tab reaches code, link and every share button in order, with a visible focus ring", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn() },
    });
    await ready(page);
    const order: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.closest("[data-rfb]")) return null;
        const style = getComputedStyle(el);
        return {
          id: el.dataset.rfbCopy ?? el.dataset.rfbShare ?? (el.matches("[data-rfb-link]") ? "link-input" : el.tagName),
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!info) continue;
      expect(info.ring, `focus ring on ${info.id}`).toBe(true);
      order.push(info.id);
    }
    expect(order.slice(0, 9)).toEqual([
      "code",
      "link-input",
      "link",
      "email",
      "whatsapp",
      "telegram",
      "facebook",
      "x",
      "reward",
    ]);
    await done();
  });

  test('Enter on "Copy code" copies it and says so in the polite live region', async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn() },
      context: { permissions: ["clipboard-read", "clipboard-write"] },
    });
    await ready(page);
    await tabUntil(page, '[data-rfb-copy="code"]');
    await page.keyboard.press("Enter");
    const status = page.locator("[data-rfb-status]");
    await status.filter({ hasText: TEXT.en.copied }).waitFor({ state: "attached" });
    expect(await status.getAttribute("aria-live")).toBe("polite");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("ANNA-7K3Q");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-rfb-copy"))).toBe("code");

    await tabUntil(page, '[data-rfb-copy="reward"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Copy reward code RWD-ABCD-EFGH",
    );
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t === "RWD-ABCD-EFGH"));
    await done();
  });

  test("without the Clipboard API the fallback still copies, announces, and keeps focus", async () => {
    const page = await visit({
      locale: "pl",
      customer: true,
      api: { status: 200, body: loggedIn() },
      initScript: "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });",
    });
    await ready(page);
    await page.evaluate(() => {
      (window as unknown as { copied: string[] }).copied = [];
      document.addEventListener("copy", () =>
        (window as unknown as { copied: string[] }).copied.push(String(document.getSelection() ?? "")),
      );
    });
    await tabUntil(page, '[data-rfb-copy="link"]');
    await page.keyboard.press("Enter");
    await page.locator("[data-rfb-status]").filter({ hasText: TEXT.pl.copied }).waitFor({ state: "attached" });
    expect(await page.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([
      "https://shop.example/apps/referrals/r/ANNA-7K3Q",
    ]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-rfb-copy"))).toBe("link");
    expect(await page.locator("textarea").count()).toBe(0);
    await done();
  });
});

describe("sharing", () => {
  test("share links carry the message and link; native share only where navigator.share exists", async () => {
    let page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn() },
    });
    await ready(page);
    const href = async (net: string) => new URL((await page.getAttribute(`[data-rfb-share="${net}"]`, "href"))!);
    const msg = "Get 10% off your first order with my code ANNA-7K3Q";
    const link = "https://shop.example/apps/referrals/r/ANNA-7K3Q";
    const wa = await href("whatsapp");
    expect(wa.origin + wa.pathname).toBe("https://wa.me/");
    expect(wa.searchParams.get("text")).toBe(`${msg} ${link}`);
    const tg = await href("telegram");
    expect(tg.origin + tg.pathname).toBe("https://t.me/share/url");
    expect([tg.searchParams.get("url"), tg.searchParams.get("text")]).toEqual([link, msg]);
    const fb = await href("facebook");
    expect(fb.origin + fb.pathname).toBe("https://www.facebook.com/sharer/sharer.php");
    expect(fb.searchParams.get("u")).toBe(link);
    const x = await href("x");
    expect(x.origin + x.pathname).toBe("https://x.com/intent/tweet");
    expect([x.searchParams.get("text"), x.searchParams.get("url")]).toEqual([msg, link]);
    for (const net of ["whatsapp", "telegram", "facebook", "x"])
      expect(await page.getAttribute(`[data-rfb-share="${net}"]`, "target")).toBe("_blank");
    expect(await page.isVisible("[data-rfb-native]")).toBe(false); // desktop Linux Chromium has no Web Share
    await done();

    page = await visit({
      locale: "ru",
      customer: true,
      api: { status: 200, body: loggedIn() },
      initScript: "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };",
    });
    await ready(page);
    expect(await page.isVisible("[data-rfb-native]")).toBe(true);
    await page.click("[data-rfb-native]");
    expect(await page.evaluate(() => (window as unknown as { __shared: unknown }).__shared)).toEqual({
      title: TEXT.ru.emailSubject,
      text: msg,
      url: link,
    });
    await done();
  });
});

describe("states from the proxy", () => {
  test("401 for a page that thought the customer was logged in: logged-out view with the offer", async () => {
    const page = await visit({
      locale: "bg",
      customer: true,
      api: { status: 401, body: { program: program() } },
    });
    await ready(page);
    expect(await page.isVisible("[data-rfb-login]")).toBe(true);
    expect(await page.isVisible("[data-rfb-panel]")).toBe(false);
    expect(await text(page, '[data-rfb-rule="friend"]')).toMatch(/^Приятелите ви получават 10% отстъпка/);
    await done();
  });

  test("401 without a body: login link only, no empty rules skeleton", async () => {
    const page = await visit({ locale: "en", customer: true, api: { status: 401, raw: "" } });
    await ready(page);
    expect(await page.isVisible("[data-rfb-login]")).toBe(true);
    expect(await page.isVisible("[data-rfb-rules]")).toBe(false);
    await done();
  });

  test("program switched off: nothing visible", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn({ enabled: false }) },
    });
    await page.waitForSelector(`${ROOT}[hidden]`, { state: "attached" });
    expect(await page.isVisible(ROOT)).toBe(false);
    const box = await page.$eval(".shopify-app-block", (el) => el.getBoundingClientRect().height);
    expect(box).toBe(0);
    await done();
  });

  test("banned advocate: a notice instead of code, sharing and rewards", async () => {
    const page = await visit({
      locale: "ru",
      customer: true,
      api: { status: 200, body: loggedIn({}, { banned: true }) },
    });
    await ready(page);
    expect(await text(page, "[data-rfb-notice]")).toMatch(
      /^Реферальные награды для вашей учётной записи приостановлены/,
    );
    expect(await page.isVisible("[data-rfb-code]")).toBe(false);
    expect(await page.isVisible("[data-rfb-rewards]")).toBe(false);
    expect(await page.isVisible("[data-rfb-rules]")).toBe(true);
    await session!.shot("ru-banned");
    await done();
  });

  test('no advocate record yet: "being prepared" notice', async () => {
    const body = { ...loggedIn(), advocate: null };
    const page = await visit({ locale: "pl", customer: true, api: { status: 200, body } });
    await ready(page);
    expect(await text(page, "[data-rfb-notice]")).toBe(
      "Twój kod polecający jest w przygotowaniu. Sprawdź ponownie za kilka minut.",
    );
    await done();
  });

  test("no rewards and no next milestone: an explanation, no empty progress bar", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn({}, { rewards: [], nextMilestone: null }) },
    });
    await ready(page);
    expect(await text(page, "[data-rfb-rewards]")).toBe(
      "No rewards yet. They appear here once a friend's order qualifies.",
    );
    expect(await page.isVisible("[data-rfb-milestone]")).toBe(false);
    await done();
  });

  test("tiers for top advocates: the current tier and friends to the next, in the customer's language", async () => {
    const tier = (remaining: number | null) => ({
      level: 2,
      levels: 3,
      reward: { type: "fixed_amount" as const, value: "15.00" },
      next:
        remaining === null
          ? null
          : { level: 3, from: 10, remaining, reward: { type: "fixed_amount" as const, value: "20.00" } },
    });
    let page = await visit({
      locale: "pl",
      customer: true,
      api: { status: 200, body: loggedIn({}, { tier: tier(3) }) },
    });
    await ready(page);
    expect(await text(page, "[data-rfb-tier]")).toBe(
      "Twój poziom: 2 z 3, 15,00 € za każdego znajomego. Jeszcze 3 znajomych do poziomu 3: 20,00 € za każdego znajomego.",
    );
    await done();

    page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn({}, { tier: tier(null) }) },
    });
    await ready(page);
    expect(await text(page, "[data-rfb-tier]")).toBe(
      "Your tier: 2 of 3, €15.00 for each friend. You are in the top tier.",
    );
    await done();

    // a program without tiers says nothing about them
    page = await visit({ locale: "en", customer: true, api: { status: 200, body: loggedIn({}, { tier: null }) } });
    await ready(page);
    expect(await page.isVisible("[data-rfb-tier]")).toBe(false);
    await done();
  });

  test("network failure and malformed JSON both end in the retry message", async () => {
    let page = await visit({ locale: "en", customer: true, api: { dropConnection: true } });
    await page.waitForSelector(`${ROOT}[data-state="error"]`);
    expect(await page.isVisible("[data-rfb-retry]")).toBe(true);
    await done();

    page = await visit({ locale: "en", customer: false, api: { status: 200, raw: "<html>oops" } });
    await page.waitForSelector(`${ROOT}[data-state="error"]`);
    expect(await page.isVisible("[data-rfb-retry]")).toBe(true);
    expect(await page.isVisible("[data-rfb-login]")).toBe(true); // logging in still works
    await done();
  });

  test("two blocks on one page share one proxy call", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      blocks: 2,
      api: { status: 200, body: loggedIn(), delayMs: 200 },
    });
    await page.waitForFunction(() =>
      [...document.querySelectorAll("[data-rfb]")].every((b) => b.getAttribute("data-state") === "ready"),
    );
    expect(await page.$$eval("[data-rfb-code]", (els) => els.map((e) => e.textContent))).toEqual([
      "ANNA-7K3Q",
      "ANNA-7K3Q",
    ]);
    expect(server.apiCalls).toHaveLength(1);
    await done();
  });

  test("theme editor: a re-rendered section is picked up again", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      api: { status: 200, body: loggedIn() },
    });
    await ready(page);
    await page.evaluate(() => {
      const host = document.querySelector(".shopify-app-block")!;
      const fresh = host.innerHTML
        .replace(/ data-rfb-ready="1"/, "")
        .replace(/data-state="ready"/, 'data-state="loading"');
      host.innerHTML = fresh;
      host.querySelector("[data-rfb-code]")!.textContent = "";
      host.dispatchEvent(new CustomEvent("shopify:section:load", { bubbles: true }));
    });
    await ready(page);
    expect(await text(page, "[data-rfb-code]")).toBe("ANNA-7K3Q");
    await done();
  });
});

describe("at home in any theme", () => {
  test("without colour settings the block takes the theme colours (dark theme)", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      dark: true,
      api: { status: 200, body: loggedIn() },
    });
    await ready(page);
    const colours = await page.evaluate(() => {
      const body = getComputedStyle(document.body).color;
      const btn = getComputedStyle(document.querySelector('[data-rfb-copy="code"]')!);
      return {
        body,
        text: getComputedStyle(document.querySelector("[data-rfb]")!).color,
        btn: btn.color,
        border: btn.borderTopColor,
      };
    });
    expect(colours.text).toBe(colours.body);
    expect(colours.btn).toBe(colours.body);
    expect(colours.border).toBe(colours.body);
    await session!.shot("en-dark-theme");
    await done();
  });

  test("merchant accent and text colours apply", async () => {
    const page = await visit({
      locale: "en",
      customer: true,
      settings: { accent_color: "#b03a2e", text_color: "#1d3557" },
      api: { status: 200, body: loggedIn() },
    });
    await ready(page);
    const colours = await page.evaluate(() => {
      const btn = getComputedStyle(document.querySelector('[data-rfb-copy="code"]')!);
      return {
        text: getComputedStyle(document.querySelector("[data-rfb]")!).color,
        btn: btn.color,
        bar: getComputedStyle(document.querySelector(".rfb__barfill")!).backgroundColor,
      };
    });
    expect(colours).toEqual({
      text: "rgb(29, 53, 87)",
      btn: "rgb(176, 58, 46)",
      bar: "rgb(176, 58, 46)",
    });
    await session!.shot("en-custom-colours");
    await done();
  });

  test("narrow phone screen: nothing overflows sideways", async () => {
    const page = await visit({
      locale: "bg",
      customer: true,
      api: { status: 200, body: loggedIn() },
      context: { viewport: { width: 360, height: 800 } },
    });
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await session!.shot("bg-mobile");
    await done();
  });
});
