// A preview of the app's customer account UI extensions for `npm run demo`: Shopify draws
// these surfaces only inside its own customer accounts, which are not reachable offline.
// The preview runs the extension's real code through Shopify's test harness
// (@shopify/ui-extensions-tester) in a simulated DOM (jsdom), with a session token the
// simulator signs for the customer, against the running app; the Polaris elements it
// produces (<s-page>, <s-section>, ...) are shown with a few plain styles. It is a
// preview of the extension's output, not Shopify's renderer.
//
// Each preview renders in a child process of its own (this file run as a script), so the
// simulated DOM and the tester's `shopify` global never touch the demo process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The surfaces the preview knows: the extension that draws each and the target it renders. */
export const PREVIEW_SURFACES = {
  page: { handle: "referral-account-page", target: "customer-account.page.render", title: "Refer a friend page" },
  profile: {
    handle: "referral-account-blocks",
    target: "customer-account.profile.block.render",
    title: "Profile block",
  },
  "order-status": {
    handle: "referral-account-blocks",
    target: "customer-account.order-status.block.render",
    title: "Order status block",
  },
  "thank-you": { handle: "referral-thank-you", target: "purchase.thank-you.block.render", title: "Thank-you block" },
} as const;
export type PreviewSurface = keyof typeof PREVIEW_SURFACES;
export const PREVIEW_LANGUAGES = ["en", "pl", "bg", "ru"] as const;
export type PreviewLanguage = (typeof PREVIEW_LANGUAGES)[number];

export interface PreviewJob {
  surface: PreviewSurface;
  language: PreviewLanguage;
  /** what shopify.sessionToken.get() gives the extension */
  token: string;
  /** the app the extension calls (process.env.APP_URL in the bundle) */
  appUrl: string;
  /** the browser that asked for the preview, whose request the extension's call stands for */
  userAgent?: string;
}

/** Runs one preview in a child process; resolves to the HTML the extension rendered into its body. */
export function renderExtensionPreview(job: PreviewJob, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--render"], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
      // The extension's own tsconfig, so tsx compiles its JSX for Preact (the app's is React's).
      env: {
        ...process.env,
        NODE_ENV: "test",
        TSX_TSCONFIG_PATH: path.join(ROOT, "extensions", PREVIEW_SURFACES[job.surface].handle, "tsconfig.json"),
      },
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`the extension preview failed (exit ${code}): ${err.slice(-2000)}`));
    });
    child.stdin.end(JSON.stringify(job));
  });
}

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

/** `shopify.i18n` for a language, from the extension's locale files, as Shopify fills it. */
function i18nFor(handle: string, language: PreviewLanguage) {
  const file = language === "en" ? "en.default.json" : `${language}.json`;
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, "extensions", handle, "locales", file), "utf8"));
  const plural = new Intl.PluralRules(language);
  return {
    translate(key: string, options: Record<string, unknown> = {}) {
      let value: unknown = key
        .split(".")
        .reduce<unknown>(
          (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
          messages,
        );
      if (value && typeof value === "object" && typeof options.count === "number") {
        const forms = value as Record<string, string>;
        value = forms[plural.select(options.count)] ?? forms.other;
      }
      if (typeof value !== "string") return key;
      return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
        name in options ? String(options[name]) : whole,
      );
    },
    formatCurrency: (value: number | bigint, options: Intl.NumberFormatOptions = {}) =>
      new Intl.NumberFormat(language, { style: "currency", currency: "USD", ...options }).format(value),
    formatNumber: (value: number | bigint, options: Intl.NumberFormatOptions = {}) =>
      new Intl.NumberFormat(language, options).format(value),
    formatDate: (date: Date, options: Intl.DateTimeFormatOptions = {}) =>
      new Intl.DateTimeFormat(language, options).format(date),
  };
}

/** The child's side: render the job's surface and print what the extension put in the body. */
async function renderInThisProcess(job: PreviewJob): Promise<string> {
  // jsdom ships no types (the tests get it through vitest's environment): its constructor as used here.
  const jsdom = "jsdom";
  const { JSDOM } = (await import(jsdom)) as {
    JSDOM: new (html: string, options: Record<string, unknown>) => { window: Window & typeof globalThis };
  };
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
    url: "https://shopify.com/account",
    pretendToBeVisual: true,
  });
  // The globals a browser would give the extension (as vitest's jsdom environment does).
  const realFetch = globalThis.fetch;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in globalThis || key.startsWith("_")) continue;
    Object.defineProperty(globalThis, key, {
      configurable: true,
      get: () => (dom.window as unknown as Record<string, unknown>)[key],
    });
  }
  for (const key of ["window", "document", "navigator", "location", "HTMLElement", "Element", "Node", "customElements"])
    Object.defineProperty(globalThis, key, {
      configurable: true,
      value: (dom.window as unknown as Record<string, unknown>)[key],
    });

  const surface = PREVIEW_SURFACES[job.surface];
  const { getExtension } = await import("@shopify/ui-extensions-tester");
  const extension = getExtension(surface.target, { configSearchDir: path.join(ROOT, "extensions", surface.handle) });
  extension.setUp();
  process.env.APP_URL = job.appUrl;
  const shopify = extension.shopify as unknown as Record<string, unknown> & {
    sessionToken: { get: () => Promise<string> };
    toast: { show: (message: string) => Promise<unknown> };
  };
  shopify.sessionToken.get = async () => job.token;
  // Checkout targets have no toast; customer account targets show one after a copy.
  if (surface.target.startsWith("customer-account.")) shopify.toast.show = async () => ({ hide: () => undefined });
  shopify.i18n = i18nFor(surface.handle, job.language);
  // The extension talks to the real app, as it would from Shopify's customer accounts: from
  // the customer's browser (the Shopify library answers requests from bots with 410).
  const userAgent = job.userAgent || BROWSER_UA;
  extension.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("User-Agent", userAgent);
    return realFetch(input, { ...init, headers });
  }) as typeof extension.fetch;
  await extension.render();
  // Done when the app answered: no spinner left (or, at worst, after a while).
  const deadline = Date.now() + 15_000;
  await new Promise((r) => setTimeout(r, 50));
  while (dom.window.document.querySelector("s-spinner") && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  return dom.window.document.body.innerHTML;
}

if (process.argv.includes("--render")) {
  const chunks: Buffer[] = [];
  process.stdin.on("data", (c: Buffer) => chunks.push(c));
  process.stdin.on("end", () => {
    renderInThisProcess(JSON.parse(Buffer.concat(chunks).toString()) as PreviewJob)
      .then((html) => {
        process.stdout.write(html, () => process.exit(0));
      })
      .catch((error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        process.exit(1);
      });
  });
}
