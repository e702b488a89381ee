import fs from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import type { AdvocateView, ProgramView, ReferralView } from "../../extensions/shared/types";

// Helpers for the UI extension tests: Shopify's i18n as it behaves for a buyer in a given
// language (the tester's default echoes keys), read models as the app answers them, and
// a fetch that answers like the app and records what the extension sent.

export const LANGUAGES = ["en", "ru", "bg", "pl"] as const;
export type Language = (typeof LANGUAGES)[number];
export const APP_URL = "https://referrals.example.test";

export function extensionDir(handle: string) {
  return path.resolve("extensions", handle);
}

export function readLocale(handle: string, language: Language): Record<string, unknown> {
  const file = language === "en" ? "en.default.json" : `${language}.json`;
  return JSON.parse(fs.readFileSync(path.join(extensionDir(handle), "locales", file), "utf8"));
}

/**
 * `shopify.i18n` for one language, as Shopify implements it for an extension: nested keys,
 * `{{name}}` replacements, the plural form chosen from `count` by the language's rules,
 * money, numbers and dates through Intl in the buyer's locale. A key the locale file lacks
 * is recorded in `missing` (and shows as ⟦key⟧) so a test can fail on it.
 */
export function localeI18n(handle: string, language: Language) {
  const messages = readLocale(handle, language);
  const missing: string[] = [];
  const plural = new Intl.PluralRules(language);
  const translate = (key: string, options: Record<string, unknown> = {}) => {
    let value: unknown = key.split(".").reduce<unknown>((node, part) => {
      return node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    }, messages);
    if (value && typeof value === "object" && typeof options.count === "number") {
      const forms = value as Record<string, string>;
      value = forms[plural.select(options.count)] ?? forms.other;
    }
    if (typeof value !== "string") {
      missing.push(key);
      return `⟦${key}⟧`;
    }
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      name in options ? String(options[name]) : whole,
    );
  };
  const i18n = {
    translate,
    formatCurrency: (value: number | bigint, options: Intl.NumberFormatOptions = {}) =>
      new Intl.NumberFormat(language, { style: "currency", currency: "USD", ...options }).format(value),
    formatNumber: (value: number | bigint, options: Intl.NumberFormatOptions = {}) =>
      new Intl.NumberFormat(language, options).format(value),
    formatDate: (date: Date, options: Intl.DateTimeFormatOptions = {}) =>
      new Intl.DateTimeFormat(language, options).format(date),
  };
  return { i18n, missing, translate };
}

export function program(overrides: Partial<ProgramView> = {}): ProgramView {
  return {
    enabled: true,
    currencyCode: "EUR",
    friendOffer: { type: "percentage", value: "15" },
    advocateReward: { type: "fixed_amount", value: "10.00" },
    minimumSubtotal: "30.00",
    rewardDelayDays: 14,
    milestones: [{ count: 5, reward: "25.00" }],
    rewardFromReferral: 1,
    tiers: [],
    ...overrides,
  };
}

export function advocate(overrides: Partial<AdvocateView> = {}): AdvocateView {
  const link = "https://shop-a.myshopify.com/apps/referrals/r/ANNA-7K2Q";
  return {
    code: "ANNA-7K2Q",
    link,
    directLink: "https://shop-a.myshopify.com/discount/ANNA-7K2Q",
    shareMessage: `Get 15% off your first order with my code ANNA-7K2Q: ${link}`,
    stats: { clicks: 1234, referred: 3, qualified: 2 },
    totals: { earned: "20.00", available: "10.00", pending: "10.00" },
    rewards: [
      {
        code: "THANKS-A1B2",
        amount: "10.00",
        status: "available",
        expiresAt: "2027-03-01T12:00:00.000Z",
        availableAt: null,
      },
      { code: null, amount: "10.00", status: "pending", expiresAt: null, availableAt: "2026-12-20T12:00:00.000Z" },
      { code: null, amount: "10.00", status: "used", expiresAt: null, availableAt: null },
    ],
    nextMilestone: { count: 5, remaining: 3, reward: "25.00" },
    tier: null,
    banned: false,
    ...overrides,
  };
}

export function view(overrides: Partial<ReferralView> = {}): ReferralView {
  return { loggedIn: true, program: program(), advocate: advocate(), ...overrides };
}

/** A fetch that answers each path (without query) with a status and JSON body; vi.fn records the calls. */
export function appFetch(answers: Record<string, { status: number; body?: unknown }>) {
  return vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const answer = answers[new URL(String(input)).pathname];
    if (!answer) return new Response(null, { status: 404 });
    const { status, body } = answer;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
}

/** What the customer can read or hear: text, plus the headings, labels and texts Polaris elements take as attributes. */
export function visibleText(root: ParentNode = document.body): string {
  const parts = [root.textContent ?? ""];
  for (const el of root.querySelectorAll("*"))
    for (const name of ["heading", "subheading", "accessibilitylabel", "text"])
      if (el.hasAttribute(name)) parts.push(el.getAttribute(name) ?? "");
  return parts.join(" ").replace(/[ \t\r\n]+/g, " ");
}

/** Intl's currency text, for expectations written in the buyer's locale. */
export function money(language: Language, value: number, currency = "EUR") {
  return new Intl.NumberFormat(language, { style: "currency", currency }).format(value);
}
