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

// The thank-you page block (purchase.thank-you.block.render, a checkout UI extension).
const HANDLE = "referral-thank-you";
const extension = getExtension("purchase.thank-you.block.render", { configSearchDir: extensionDir(HANDLE) });
const TOKEN = "checkout-session-token-3";
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
  setLanguage("en");
});
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
  delete process.env.APP_URL;
  expect(missing).toEqual([]);
});

async function renderWith(answers: Parameters<typeof appFetch>[0]) {
  const fetch = appFetch(answers);
  extension.fetch = fetch;
  await extension.render();
  return fetch;
}

const ready = (body = view()) => ({ "/api/customer/referral": { status: 200, body } });
const guestAnswers = {
  "/api/customer/referral": { status: 401 },
  "/api/customer/offer": { status: 200, body: { loggedIn: false, program: program(), advocate: null } },
};

describe("purchase.thank-you.block.render", () => {
  it("gives an identified buyer their code and link, asking the checkout surface with the session token", async () => {
    const fetch = await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe(`${APP_URL}/api/customer/referral?surface=checkout`);
    expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${TOKEN}`);
    expect(document.querySelector("s-section")?.getAttribute("heading")).toBe(`Give 15%, get ${money("en", 10)}`);
    expect([...document.querySelectorAll("s-clipboard-item")].map((i) => i.getAttribute("text"))).toEqual([
      "ANNA-7K2Q",
      advocate().link,
    ]);
    expect(document.querySelectorAll("s-link")).toHaveLength(5); // email, WhatsApp, Telegram, Facebook, X
  });

  it("says a copy worked in a line of text (checkout has no toast)", async () => {
    await renderWith(ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    const [code] = document.querySelectorAll("s-clipboard-item");
    expect(document.querySelector(`s-button[commandfor="${code.id}"]`)?.getAttribute("command")).toBe("--copy");
    expect(visibleText()).not.toContain("Copied to clipboard");
    code.dispatchEvent(new Event("copy"));
    await vi.waitFor(() => expect(visibleText()).toContain("Copied to clipboard"));
  });

  it("shows a guest the offer and how to get a code, from the public offer", async () => {
    const fetch = await renderWith(guestAnswers);
    await vi.waitFor(() => expect(visibleText()).toContain("Sign in to your account with the email of this order"));
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      `${APP_URL}/api/customer/referral?surface=checkout`,
      `${APP_URL}/api/customer/offer?surface=checkout`,
    ]);
    for (const [, init] of fetch.mock.calls)
      expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${TOKEN}`);
    expect(document.querySelector("s-section")?.getAttribute("heading")).toBe(`Give 15%, get ${money("en", 10)}`);
    expect(document.querySelector("s-link")?.getAttribute("href")).toBe("https://mock-shop.myshopify.com/account");
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("tells a banned advocate that rewards are paused", async () => {
    await renderWith(ready(view({ advocate: advocate({ banned: true }) })));
    await vi.waitFor(() => expect(visibleText()).toContain("Referral rewards are paused for your account."));
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("says the code is being prepared when the app has none yet", async () => {
    await renderWith(ready(view({ advocate: null })));
    await vi.waitFor(() => expect(visibleText()).toContain("Your referral code is being prepared."));
  });

  it("shows nothing when the program is off or the app cannot be reached", async () => {
    const off = await renderWith(ready(view({ program: program({ enabled: false }), advocate: null })));
    await vi.waitFor(() => expect(off).toHaveBeenCalled());
    await vi.waitFor(() => expect(document.querySelector("s-spinner")).toBeNull()); // loaded
    expect(document.body.innerHTML).toBe("");
    render(null, document.body);
    extension.tearDown();

    extension.setUp();
    setLanguage("en");
    const failing = vi.fn(async () => {
      throw new TypeError("network down");
    });
    extension.fetch = failing;
    await extension.render();
    expect(document.querySelector("s-spinner")).not.toBeNull(); // loading
    await vi.waitFor(() => expect(document.querySelector("s-spinner")).toBeNull());
    expect(failing).toHaveBeenCalled();
    expect(document.body.innerHTML).toBe("");
  });

  const intro = {
    en: "Thank you for your order!",
    ru: "Спасибо за заказ!",
    bg: "Благодарим ви за поръчката!",
    pl: "Dziękujemy za zamówienie!",
  };
  for (const language of LANGUAGES) {
    it(`speaks ${language} to buyers and guests`, async () => {
      setLanguage(language);
      await renderWith(ready());
      await vi.waitFor(() => expect(visibleText()).toContain(intro[language]));
      expect(document.querySelector("s-section")?.getAttribute("heading")).toContain(money(language, 10));
      render(null, document.body);
      extension.tearDown();
      expect(missing).toEqual([]);

      extension.setUp();
      setLanguage(language);
      await renderWith(guestAnswers);
      const guest = localeI18n(HANDLE, language).translate("thankYou.guest");
      await vi.waitFor(() => expect(visibleText()).toContain(guest));
    });
  }
});
