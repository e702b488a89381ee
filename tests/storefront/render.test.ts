/**
 * Server-side rendering of the account block through the Shopify-Liquid shim, in every
 * storefront language, for a logged-out and a logged-in customer, plus the block settings.
 */
import { describe, expect, test } from "vitest";
import { TEXT } from "./support/expected";
import { i18nOf, tagOf, textOf } from "./support/html";
import { LOCALES, readLocale, renderBlock, type RenderContext } from "../../simulator/storefront/liquid";

const BLOCK = "referral-account.liquid";
const CUSTOMER = { id: 7, first_name: "Anna", email: "anna@example.com" };
const render = (ctx: RenderContext) => renderBlock(BLOCK, ctx);

describe.each(LOCALES)("referral block in %s", (locale) => {
  const t = TEXT[locale];

  test("logged out: heading, offer frame and a login link, no customer panel", async () => {
    const html = await render({ locale, customer: null });
    expect(textOf(html, 'class="rfb__title"')).toBe(t.heading);
    expect(textOf(html, 'class="rfb__intro"')).toBe(t.intro);
    expect(textOf(html, "data-rfb-login")).toBe(`${t.loginText} ${t.login}`);
    expect(tagOf(html, "data-rfb-login")).not.toMatch(/hidden/);
    expect(html).toContain(`<a class="rfb__btn" href="/account/login">${t.login}</a>`);
    // The offer is filled from the proxy data; its frame is there at once.
    expect(textOf(html, "data-rfb-rules")).toBe(t.rules);
    expect(html).toContain('<li data-rfb-rule="friend" data-rfb-fill></li>');
    expect(html).not.toContain("data-rfb-panel");
    expect(tagOf(html, 'class="rfb"')).toMatch(/aria-busy="true"/);
  });

  test("logged in: skeleton with every label, login link present but hidden", async () => {
    const html = await render({ locale, customer: CUSTOMER });
    expect(textOf(html, 'class="rfb__title"')).toBe(t.heading);
    expect(html).toContain("data-rfb-panel");
    expect(tagOf(html, "data-rfb-login")).toMatch(/hidden/);
    expect(textOf(html, 'data-rfb-copy="code"')).toBe(t.copyCode);
    expect(textOf(html, 'data-rfb-copy="link"')).toBe(t.copyLink);
    expect(tagOf(html, 'data-rfb-copy="code"')).toMatch(/disabled/);
    expect(textOf(html, 'id="rfb-AbC123xyz-share"')).toBe(t.share);
    expect(textOf(html, 'data-rfb-share="email"')).toBe(t.email);
    for (const net of ["whatsapp", "telegram", "facebook", "x"])
      expect(tagOf(html, `data-rfb-share="${net}"`)).toMatch(/target="_blank" rel="noopener noreferrer"/);
    expect(html).toContain(`<dt>${t.clicks}</dt>`);
    expect(html).toContain(`<dt>${t.referred}</dt>`);
    expect(html).toContain(`<dt>${t.qualified}</dt>`);
    expect(html).toContain(`<dt>${t.earned}</dt>`);
    expect(html).toContain(`>${t.rewards}</h3>`);
    expect(html).toContain(`>${t.milestone}</h3>`);
    expect(textOf(html, "data-rfb-rules")).toBe(t.rules);
    expect(textOf(html, "data-rfb-error")).toBe(`${t.error} ${t.retry}`);
    expect(tagOf(html, 'role="progressbar"')).toMatch(/aria-labelledby="rfb-AbC123xyz-ms" aria-valuemin="0"/);
    expect(tagOf(html, "data-rfb-status")).toMatch(/aria-live="polite"/);
  });

  test("strings for the script: locale code and every js.* text, translated", async () => {
    const i18n = i18nOf(await render({ locale, customer: CUSTOMER }));
    expect(i18n.locale).toBe(locale);
    expect(i18n.copied).toBe(t.copied);
    expect(i18n.email_subject).toBe(t.emailSubject);
    const js = (readLocale(locale) as { referral: { js: Record<string, string> } }).referral.js;
    for (const [key, value] of Object.entries(js)) {
      // The shim escapes like Shopify's t; the script decodes entities before use.
      expect(i18n[key]?.replace(/&#39;/g, "'"), key).toBe(value);
    }
  });
});

describe("block settings", () => {
  test("merchant heading and intro replace the translated defaults and are escaped", async () => {
    const html = await render({
      locale: "ru",
      customer: null,
      settings: { heading: "Bring a <b>friend</b>", intro: "Line one\nLine two" },
    });
    expect(html).toContain(">Bring a &lt;b&gt;friend&lt;/b&gt;</h2>");
    expect(html).toContain("Line one<br />\nLine two");
  });

  test("colours stay unset (inherited) unless the merchant picks them", async () => {
    const plain = await render({ locale: "en", customer: CUSTOMER });
    expect(tagOf(plain, 'class="rfb"')).not.toMatch(/style=/);
    const coloured = await render({
      locale: "en",
      customer: CUSTOMER,
      settings: { accent_color: "#c0392b", text_color: "#222222" },
    });
    expect(tagOf(coloured, 'class="rfb"')).toMatch(/style="--rfb-accent:#c0392b;--rfb-text:#222222;"/);
  });

  test("checkboxes remove share buttons, stats, rewards, milestones and rules", async () => {
    const html = await render({
      locale: "en",
      customer: CUSTOMER,
      settings: {
        show_share: false,
        show_stats: false,
        show_rewards: false,
        show_milestones: false,
        show_rules: false,
      },
    });
    expect(html).not.toContain("data-rfb-share");
    expect(html).not.toContain("data-rfb-stat=");
    expect(html).not.toContain("data-rfb-rewards");
    expect(html).not.toContain("data-rfb-milestone");
    expect(html).not.toContain("data-rfb-rules");
    // Code and link are the point of the block and always stay.
    expect(html).toContain("data-rfb-code");
    expect(html).toContain("data-rfb-link");
  });

  test("a logged-out visitor still sees the offer when rules are switched off", async () => {
    const html = await render({ locale: "en", customer: null, settings: { show_rules: false } });
    expect(html).toContain("data-rfb-rules");
  });

  test("block ids keep labels unique when a page has two blocks", async () => {
    const a = await render({ locale: "en", customer: CUSTOMER, blockId: "one" });
    const b = await render({ locale: "en", customer: CUSTOMER, blockId: "two" });
    expect(a).toContain('id="rfb-one-link"');
    expect(b).toContain('id="rfb-two-link"');
    expect(a).not.toContain("rfb-two");
  });
});

describe("launcher embed", () => {
  test.each(LOCALES)("%s: links to the account page, hidden on the account page", async (locale) => {
    const html = await renderBlock("referral-launcher.liquid", { locale, pageType: "index" });
    const label = (readLocale(locale) as { referral: { launcher: { label: string } } }).referral.launcher.label;
    expect(textOf(html, 'class="rfl')).toBe(label);
    expect(tagOf(html, 'class="rfl')).toMatch(/href="\/account"/);
    const onAccount = await renderBlock("referral-launcher.liquid", {
      locale,
      pageType: "customers/account",
    });
    expect(onAccount.trim()).toBe("");
  });
});

describe("referral link tracking embed", () => {
  test.each(LOCALES)("%s: renders only a hidden marker with the shop's root for the script", async (locale) => {
    const html = await renderBlock("referral-tracking.liquid", { locale, pageType: "index" });
    expect(html.trim()).toBe('<span hidden data-referral-tracking data-root="/"></span>');
    const inFolder = await renderBlock("referral-tracking.liquid", {
      locale,
      pageType: "product",
      routes: { root_url: "/pl", account_url: "/pl/account", account_login_url: "/pl/account/login" },
    });
    expect(tagOf(inFolder, "data-referral-tracking")).toMatch(/data-root="\/pl"/);
  });
});
