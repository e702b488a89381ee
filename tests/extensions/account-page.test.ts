// @vitest-environment jsdom
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  advocate,
  APP_URL,
  appFetch,
  extensionDir,
  LANGUAGES,
  localeI18n,
  money,
  program,
  view,
  visibleText,
} from "./support";

// The "Refer a friend" page (customer-account.page.render) rendered by Shopify's tester
// with a mock `shopify` global, against answers shaped like the app's endpoint.
const HANDLE = "referral-account-page";
const extension = getExtension("customer-account.page.render", { configSearchDir: extensionDir(HANDLE) });
const TOKEN = "customer-session-token-1";
let missing: string[];

function setLanguage(language: (typeof LANGUAGES)[number]) {
  const locale = localeI18n(HANDLE, language);
  extension.shopify.i18n = locale.i18n as unknown as typeof extension.shopify.i18n;
  missing = locale.missing;
}

beforeEach(() => {
  extension.setUp();
  process.env.APP_URL = APP_URL;
  extension.shopify.sessionToken.get = vi.fn(async () => TOKEN);
  extension.shopify.toast.show = vi.fn(async () => ({ hide: () => {} }));
  setLanguage("en");
});
afterEach(() => {
  render(null, document.body); // unmount, so effects of this test stop
  extension.tearDown();
  delete process.env.APP_URL;
  vi.unstubAllGlobals();
  expect(missing).toEqual([]);
});

async function renderWith(answers: Parameters<typeof appFetch>[0]) {
  const fetch = appFetch(answers);
  extension.fetch = fetch;
  await extension.render();
  return fetch;
}

const ready = (body = view()) => ({ "/api/customer/referral": { status: 200, body } });

describe("customer-account.page.render", () => {
  it("asks the app with the session token and shows the code, link, figures, rewards, milestone and rules", async () => {
    const fetch = await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe(`${APP_URL}/api/customer/referral`);
    expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${TOKEN}`);

    const text = visibleText();
    expect(document.querySelector("s-page")?.getAttribute("heading")).toBe("Refer a friend");
    expect(text).toContain("ANNA-7K2Q");
    expect(text).toContain("https://shop-a.myshopify.com/apps/referrals/r/ANNA-7K2Q");
    expect(text).toContain(`Give 15%, get ${money("en", 10)}`);
    expect(text).toContain("1,234"); // clicks, through shopify.i18n
    expect(text).toMatch(/3\s*Friends who ordered/);
    expect(text).toMatch(/2\s*Qualified referrals/);
    expect(text).toContain(`${money("en", 20)}Earned${money("en", 10)}Available${money("en", 10)}Pending`);
    expect(text).toContain(`3 more friends to unlock a ${money("en", 25)} bonus.`);
    expect(document.querySelector("s-progress")?.getAttribute("value")).toBe("2");
    expect(document.querySelector("s-progress")?.getAttribute("max")).toBe("5");
    // Rewards with their state; only the available one offers its code.
    expect(text).toContain("THANKS-A1B2");
    expect(text).toContain("Expires Mar 1, 2027");
    expect(text).toContain("Available from Dec 20, 2026");
    expect([...document.querySelectorAll("s-badge")].map((b) => b.textContent)).toEqual([
      "Available",
      "Pending",
      "Used",
    ]);
    // Rules in plain words.
    expect(text).toContain("Your friends get 15% off their first order.");
    expect(text).toContain(`Orders from ${money("en", 30)} qualify.`);
    expect(text).toContain(`You get a ${money("en", 10)} discount code for every friend who orders.`);
    expect(text).toContain("Rewards unlock 14 days after the order.");
    expect(text).toContain(`Bonus: ${money("en", 25)} once 5 friends qualify.`);
  });

  it("copies the code, the link and an available reward code through Shopify's clipboard item, and says so", async () => {
    await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    const items = new Map(
      [...document.querySelectorAll("s-clipboard-item")].map((item) => [item.getAttribute("text"), item]),
    );
    expect([...items.keys()]).toEqual([
      "ANNA-7K2Q",
      "https://shop-a.myshopify.com/apps/referrals/r/ANNA-7K2Q",
      "THANKS-A1B2",
    ]);
    for (const [value, item] of items) {
      const button = document.querySelector(`s-button[commandfor="${item.id}"]`);
      expect(button?.getAttribute("command"), value ?? "").toBe("--copy");
    }
    items.get("ANNA-7K2Q")!.dispatchEvent(new Event("copy"));
    expect(extension.shopify.toast.show).toHaveBeenCalledWith("Copied to clipboard");
  });

  it("offers the share links of the theme block, and the device's share sheet only where there is one", async () => {
    await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-link")).not.toBeNull());
    const hrefs = [...document.querySelectorAll("s-link")].map((a) => a.getAttribute("href") ?? "");
    const link = encodeURIComponent("https://shop-a.myshopify.com/apps/referrals/r/ANNA-7K2Q");
    expect(hrefs).toHaveLength(5);
    expect(hrefs[0]).toMatch(/^mailto:\?subject=A%20discount%20for%20your%20first%20order&body=/);
    expect(hrefs[1]).toContain(`https://wa.me/?text=`);
    expect(hrefs[2]).toBe(`https://t.me/share/url?url=${link}&text=${encodeURIComponent(advocate().shareMessage)}`);
    expect(hrefs[3]).toBe(`https://www.facebook.com/sharer/sharer.php?u=${link}`);
    expect(hrefs[4]).toMatch(/^https:\/\/x\.com\/intent\/tweet\?text=.+&url=/);
    expect(visibleText()).not.toContain("Share Email"); // no native share button without navigator.share
    expect([...document.querySelectorAll("s-button")].map((b) => b.textContent)).not.toContain("Share");
  });

  it("opens the device's share sheet with the message and link when the device has one", async () => {
    const share = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, share });
    await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-link")).not.toBeNull());
    const button = [...document.querySelectorAll("s-button")].find((b) => b.textContent === "Share");
    expect(button).toBeDefined();
    button!.dispatchEvent(new Event("click"));
    expect(share).toHaveBeenCalledWith({
      title: "A discount for your first order",
      text: advocate().shareMessage,
      url: advocate().link,
    });
  });

  it("says rewards are paused for a banned advocate and shows no code", async () => {
    await renderWith(ready(view({ advocate: advocate({ banned: true }) })));
    await vi.waitFor(() => expect(visibleText()).toContain("Referral rewards are paused for your account."));
    expect(visibleText()).not.toContain("ANNA-7K2Q");
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("says the program is paused when the shop switched it off", async () => {
    await renderWith(ready(view({ program: program({ enabled: false }), advocate: null })));
    await vi.waitFor(() => expect(visibleText()).toContain("Our referral program is paused at the moment."));
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("shows the offer and how to get a code when the token names no customer (logged out)", async () => {
    const offer = { loggedIn: false, program: program(), advocate: null };
    const fetch = await renderWith({
      "/api/customer/referral": { status: 401 },
      "/api/customer/offer": { status: 200, body: offer },
    });
    await vi.waitFor(() => expect(visibleText()).toContain("Sign in to your account to get your personal code"));
    expect(visibleText()).toContain(`Give 15%, get ${money("en", 10)}`);
    expect(fetch.mock.calls.map(([url]) => new URL(String(url)).pathname)).toEqual([
      "/api/customer/referral",
      "/api/customer/offer",
    ]);
    for (const [, init] of fetch.mock.calls)
      expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("says the code is being prepared when the app has none yet", async () => {
    await renderWith(ready(view({ advocate: null })));
    await vi.waitFor(() => expect(visibleText()).toContain("Your referral code is being prepared."));
  });

  it("shows a spinner while loading, then an error with a retry that loads again", async () => {
    let calls = 0;
    const fetch = vi.fn(async () => {
      calls += 1;
      if (calls === 1) return new Response("oops", { status: 500 });
      return Response.json(view());
    });
    extension.fetch = fetch;
    await extension.render();
    // Loading first: a spinner with its label, nothing else yet.
    expect(document.querySelector("s-spinner")?.getAttribute("accessibilitylabel")).toBe(
      "Loading your referral details…",
    );
    expect(document.querySelector("s-clipboard-item")).toBeNull();
    await vi.waitFor(() => expect(visibleText()).toContain("We couldn't load your referral details."));
    expect(document.querySelector("s-spinner")).toBeNull();
    const retry = [...document.querySelectorAll("s-button")].find((b) => b.textContent === "Try again")!;
    retry.dispatchEvent(new Event("click"));
    await vi.waitFor(() => expect(visibleText()).toContain("ANNA-7K2Q"));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("treats a network failure or an unexpected answer as an error", async () => {
    await renderWith({ "/api/customer/referral": { status: 200, body: { hello: "world" } } });
    await vi.waitFor(() => expect(visibleText()).toContain("We couldn't load your referral details."));
  });

  const tier = {
    level: 2,
    levels: 3,
    reward: { type: "fixed_amount" as const, value: "15.00" },
    next: { level: 3, from: 10, remaining: 3, reward: { type: "fixed_amount" as const, value: "20.00" } },
  };
  const expectedTier = {
    en: `Tier 2 of 3: ${money("en", 15)} for each friend. 3 more friends to tier 3: ${money("en", 20)} for each friend.`,
    ru: `Уровень 2 из 3: ${money("ru", 15)} за каждого друга. Ещё 3 друга до уровня 3: ${money("ru", 20)} за каждого друга.`,
    bg: `Ниво 2 от 3: ${money("bg", 15)} за всеки приятел. Още 3 приятели до ниво 3: ${money("bg", 20)} за всеки приятел.`,
    pl: `Poziom 2 z 3: ${money("pl", 15)} za każdego znajomego. Jeszcze 3 znajomych do poziomu 3: ${money("pl", 20)} za każdego znajomego.`,
  };
  for (const language of LANGUAGES) {
    it(`shows the advocate's tier and friends to the next tier in ${language}`, async () => {
      setLanguage(language);
      await renderWith(ready(view({ advocate: advocate({ tier }) })));
      await vi.waitFor(() => expect(visibleText()).toContain(expectedTier[language]));
    });
  }

  it("says so at the top tier, and says nothing of tiers for a program without them", async () => {
    await renderWith(ready(view({ advocate: advocate({ tier: { ...tier, level: 3, next: null } }) })));
    await vi.waitFor(() => expect(visibleText()).toContain("Tier 3 of 3"));
    expect(visibleText()).toContain("You are in the top tier.");
    render(null, document.body);

    await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    expect(visibleText()).not.toContain("Tier");
  });

  const expected = {
    en: { heading: "Refer a friend", milestone: "3 more friends to unlock a", one: "1 more friend to unlock a" },
    ru: { heading: "Пригласите друга", milestone: "Ещё 3 друга — и вы получите бонус", one: "Ещё 1 друг — и" },
    bg: { heading: "Препоръчайте на приятел", milestone: "Още 3 приятели и получавате бонус", one: "Още 1 приятел и" },
    pl: { heading: "Poleć znajomemu", milestone: "Jeszcze 3 znajomych i otrzymasz bonus", one: "Jeszcze 1 znajomy i" },
  };
  for (const language of LANGUAGES) {
    it(`speaks ${language}: texts, plural forms, money and dates in the buyer's locale`, async () => {
      setLanguage(language);
      await renderWith(ready());
      await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
      const text = visibleText();
      expect(document.querySelector("s-page")?.getAttribute("heading")).toBe(expected[language].heading);
      expect(text).toContain(expected[language].milestone);
      expect(text).toContain(money(language, 25));
      expect(text).toContain(
        new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(new Date("2027-03-01T12:00:00Z")),
      );
      render(null, document.body);
      extension.tearDown();

      extension.setUp();
      setLanguage(language);
      const one = advocate({ nextMilestone: { count: 5, remaining: 1, reward: "25.00" } });
      await renderWith(ready(view({ advocate: one })));
      await vi.waitFor(() => expect(visibleText()).toContain(expected[language].one));
    });
  }
});
