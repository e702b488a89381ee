/**
 * Chromium sessions against the stand-in storefront. Every session records uncaught page
 * errors and every request the page makes, so each test can insist on none of the former and
 * nothing but the storefront's own page, assets and proxy call among the latter.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { launchChromium } from "../../../scripts/chromium";
import { assetTags, renderBlock, type BlockSettings, type Locale } from "../../../simulator/storefront/liquid";
import { themePage, type ApiStub, type StorefrontServer } from "./storefront-server";

export const SHOTS = fileURLToPath(new URL("../../../test-output/storefront/", import.meta.url));
const BLOCK = "referral-account.liquid";

/** Fails (never skips) when Chromium is missing: the browser checks are part of the suite. */
export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return launchChromium();
}

export type Session = {
  page: Page;
  context: BrowserContext;
  errors: Error[];
  requests: string[];
  path: string;
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
};

export type OpenOptions = {
  locale: Locale;
  customer: boolean;
  api: ApiStub;
  settings?: BlockSettings;
  dark?: boolean;
  blocks?: number;
  context?: BrowserContextOptions;
  initScript?: string;
};

let counter = 0;
const BCP47: Record<Locale, string> = { en: "en-US", ru: "ru-RU", bg: "bg-BG", pl: "pl-PL" };

export async function open(browser: Browser, server: StorefrontServer, opts: OpenOptions): Promise<Session> {
  const customer = opts.customer ? { id: 7, first_name: "Anna", email: "anna@example.com" } : null;
  const blocks: string[] = [];
  for (let i = 0; i < (opts.blocks ?? 1); i++)
    blocks.push(
      await renderBlock(BLOCK, {
        locale: opts.locale,
        customer,
        settings: opts.settings,
        blockId: `blk${i}`,
      }),
    );
  const pagePath = `/${opts.locale}/account/${++counter}`;
  server.pages.set(
    pagePath,
    themePage({
      lang: opts.locale,
      head: assetTags(BLOCK),
      block: blocks.join("\n"),
      dark: opts.dark,
    }),
  );
  server.api = opts.api;
  server.apiCalls.length = 0;

  const context = await browser.newContext({
    locale: BCP47[opts.locale],
    timezoneId: "UTC",
    viewport: { width: 960, height: 900 },
    reducedMotion: "reduce",
    ...opts.context,
  });
  if (opts.initScript) await context.addInitScript(opts.initScript);
  const page = await context.newPage();
  const errors: Error[] = [];
  const requests: string[] = [];
  page.on("pageerror", (e) => errors.push(e));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(server.origin + pagePath, { waitUntil: "domcontentloaded" });
  return {
    page,
    context,
    errors,
    requests,
    path: pagePath,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    close: () => context.close(),
  };
}

/** The only requests a storefront page with this block may make. */
export function foreignRequests(s: Session, origin: string): string[] {
  const allowed = new Set([
    s.path,
    "/assets/referral-block.css",
    "/assets/referral-block.js",
    "/apps/referrals/api/me",
  ]);
  return s.requests.filter((url) => {
    const u = new URL(url);
    return u.origin !== origin || !allowed.has(u.pathname);
  });
}
