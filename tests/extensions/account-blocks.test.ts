// @vitest-environment jsdom
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
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

// The compact blocks on the profile page and the order status page of customer accounts.
const HANDLE = "referral-account-blocks";
const TARGETS = ["customer-account.profile.block.render", "customer-account.order-status.block.render"] as const;
const TOKEN = "customer-session-token-2";
let missing: string[] = [];
let current: ReturnType<typeof getExtension<(typeof TARGETS)[number]>> | null = null;

afterEach(() => {
  render(null, document.body);
  current?.tearDown();
  current = null;
  delete process.env.APP_URL;
  expect(missing).toEqual([]);
});

async function show(
  target: (typeof TARGETS)[number],
  answers: Parameters<typeof appFetch>[0],
  language: (typeof LANGUAGES)[number] = "en",
) {
  const extension = getExtension(target, { configSearchDir: extensionDir(HANDLE) });
  extension.setUp();
  current = extension;
  process.env.APP_URL = APP_URL;
  const locale = localeI18n(HANDLE, language);
  extension.shopify.i18n = locale.i18n as unknown as typeof extension.shopify.i18n;
  missing = locale.missing;
  extension.shopify.sessionToken.get = vi.fn(async () => TOKEN);
  extension.shopify.toast.show = vi.fn(async () => ({ hide: () => {} }));
  const fetch = appFetch(answers);
  extension.fetch = fetch;
  await extension.render();
  return { extension, fetch };
}

const ready = (body = view()) => ({ "/api/customer/referral": { status: 200, body } });

describe("customer-account.profile.block.render", () => {
  it("shows the code with a copy button and links to the full page, asking with the session token", async () => {
    const { extension, fetch } = await show(TARGETS[0], ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe(`${APP_URL}/api/customer/referral`);
    expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${TOKEN}`);
    expect(document.querySelector("s-section")?.getAttribute("heading")).toBe("Refer a friend");
    const item = document.querySelector("s-clipboard-item")!;
    expect(item.getAttribute("text")).toBe("ANNA-7K2Q");
    expect(document.querySelector(`s-button[commandfor="${item.id}"]`)?.getAttribute("command")).toBe("--copy");
    expect(document.querySelector("s-link")?.getAttribute("href")).toBe("extension://referral-account-page");
    expect(visibleText()).toContain(`Give 15%, get ${money("en", 10)}`);
    item.dispatchEvent(new Event("copy"));
    expect(extension.shopify.toast.show).toHaveBeenCalledWith("Copied to clipboard");
  });

  it("shows nothing while the program is off", async () => {
    const { fetch } = await show(TARGETS[0], ready(view({ program: program({ enabled: false }), advocate: null })));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await vi.waitFor(() => expect(document.querySelector("s-spinner")).toBeNull());
    expect(document.body.innerHTML).toBe("");
  });

  it("tells a banned advocate that rewards are paused, without a code", async () => {
    await show(TARGETS[0], ready(view({ advocate: advocate({ banned: true }) })));
    await vi.waitFor(() => expect(visibleText()).toContain("Referral rewards are paused for your account."));
    expect(document.querySelector("s-clipboard-item")).toBeNull();
  });

  it("shows the offer and how to get a code to a customer the token does not name", async () => {
    const { fetch } = await show(TARGETS[0], {
      "/api/customer/referral": { status: 401 },
      "/api/customer/offer": { status: 200, body: { loggedIn: false, program: program(), advocate: null } },
    });
    await vi.waitFor(() => expect(visibleText()).toContain("Sign in to your account to get your personal code"));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shows an error with a retry", async () => {
    const { fetch } = await show(TARGETS[0], { "/api/customer/referral": { status: 503 } });
    await vi.waitFor(() => expect(visibleText()).toContain("We couldn't load your referral details."));
    fetch.mockImplementation(async () => Response.json(view()));
    [...document.querySelectorAll("s-button")]
      .find((b) => b.textContent === "Try again")!
      .dispatchEvent(new Event("click"));
    await vi.waitFor(() => expect(visibleText()).toContain("ANNA-7K2Q"));
  });
});

describe("customer-account.order-status.block.render", () => {
  it("leads with give X, get Y and offers the code and the link to copy", async () => {
    await show(TARGETS[1], ready());
    await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
    expect(document.querySelector("s-section")?.getAttribute("heading")).toBe(`Give 15%, get ${money("en", 10)}`);
    expect([...document.querySelectorAll("s-clipboard-item")].map((i) => i.getAttribute("text"))).toEqual([
      "ANNA-7K2Q",
      advocate().link,
    ]);
  });

  it("says 'share our shop' when friends get no discount", async () => {
    const noFriendOffer = program({ friendOffer: { type: "none", value: "0" } });
    await show(TARGETS[1], ready(view({ program: noFriendOffer })));
    await vi.waitFor(() =>
      expect(document.querySelector("s-section")?.getAttribute("heading")).toBe(
        `Share our shop, get ${money("en", 10)}`,
      ),
    );
  });

  it("shows the preparing state when the app has no code yet", async () => {
    await show(TARGETS[1], ready(view({ advocate: null })));
    await vi.waitFor(() => expect(visibleText()).toContain("Your referral code is being prepared."));
  });

  const heading = {
    en: "Give 15%, get",
    ru: "Подарите 15\u00a0%, получите",
    bg: "Подарете 15%, получете",
    pl: "Podaruj 15%, zyskaj",
  };
  for (const language of LANGUAGES) {
    it(`speaks ${language} on both blocks`, async () => {
      await show(TARGETS[1], ready(), language);
      await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
      expect(document.querySelector("s-section")?.getAttribute("heading")).toBe(
        `${heading[language]} ${money(language, 10)}`,
      );
      render(null, document.body);
      current!.tearDown();
      expect(missing).toEqual([]);

      await show(TARGETS[0], ready(), language);
      await vi.waitFor(() => expect(document.querySelector("s-clipboard-item")).not.toBeNull());
      expect(visibleText()).toContain(localeI18n(HANDLE, language).translate("block.open"));
    });
  }
});
