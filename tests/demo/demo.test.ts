/**
 * `npm run demo` end to end: the command as a person runs it (on free ports and a
 * temporary data folder), its printed admin and storefront URLs, the account block
 * through the simulator's storefront and the REAL app proxy (signed by the simulator,
 * verified by the app, answered from the app's database), in Chromium too, and a clean
 * Ctrl-C; the second shop, on Shopify's current customer accounts, with its admin and the
 * preview of the customer account extension's output. On the PostgreSQL run the demo gets a database of its own on that server.
 * Screenshots: test-output/storefront-real-proxy/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { ROOT, freePort } from "../../scripts/demo/app-process";
import { ensureAppBuild } from "../support/app-build";
import { launch } from "../storefront/support/browser";

const SHOTS = path.join(ROOT, "test-output/storefront-real-proxy");
const SHOP = "demo-referrals.myshopify.com";
const ACCOUNTS_SHOP = "demo-accounts.myshopify.com";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

let demo: ChildProcess;
let output = "";
let dataDir: string;
let simPort: number;
let appPort: number;
let previewPort: number;
let pgDatabase: { admin: string; name: string } | null = null;
let urls: {
  admin: string;
  newShopAdmin: string;
  loggedOut: string;
  advocate: string;
  advocateName: string;
  code: string;
  app: string;
  sim: string;
  mailbox: string;
  accountsAdmin: string;
  preview: string;
  previewServer: string;
};
let exit: Promise<number | null>;

async function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output)) {
    if (demo.exitCode !== null) throw new Error(`the demo exited with ${demo.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the demo did not get ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const line = (label: string) => {
  const m = new RegExp(`${label}\\s+(http\\S+)`).exec(output);
  if (!m) throw new Error(`no "${label}" line in:\n${output}`);
  return m[1];
};

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** GET with the storefront session cookie the login/logout URL set; redirects not followed. */
async function storefrontSession(loginUrl: string): Promise<string> {
  const res = await fetch(loginUrl, { redirect: "manual" });
  expect(res.status).toBe(302);
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  expect(cookie).toMatch(/^_sim_storefront=/);
  return cookie!;
}

beforeAll(async () => {
  await ensureAppBuild();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "referrals-demo-"));
  simPort = await freePort();
  appPort = await freePort();
  previewPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DATABASE_URL: "" };
  const given = process.env.DATABASE_URL ?? "";
  if (/^postgres(ql)?:\/\//.test(given)) {
    // The demo wipes and seeds its shop: never in the database other test files use.
    const url = new URL(given);
    const name = `referrals_demo_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    pgDatabase = { admin: given, name };
    url.pathname = `/${name}`;
    env.DEMO_DATABASE_URL = url.toString();
  }
  // What `npm run demo` runs (npm itself reports any Ctrl-C as exit 130: its `sh -c`
  // dies of the SIGINT), in a process group of its own, so the test can press "Ctrl-C"
  // the way a terminal does: SIGINT to the whole group. One node process with tsx as a
  // module hook, as package.json runs it: the tsx command would wrap it in a second
  // process whose signal relay gives up after 30 ms and exits 130 on a busy machine.
  demo = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/demo.ts",
      "--port",
      String(simPort),
      "--app-port",
      String(appPort),
      "--preview-port",
      String(previewPort),
      "--data-dir",
      dataDir,
      "--no-build",
      "--quiet",
    ],
    {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  exit = new Promise((resolve) => demo.once("exit", (code) => resolve(code)));
  demo.stdout!.on("data", (d) => (output += d));
  demo.stderr!.on("data", (d) => (output += d));
  await waitForOutput(/Press Ctrl-C to stop\./, 100_000);
  const advocate = /Storefront, as ([^:]+):\s+(http\S+)\s+\(advocate code (\S+)\)/.exec(output)!;
  urls = {
    admin: line("Admin \\(embedded app\\):"),
    loggedOut: line("Storefront, logged out:"),
    advocate: advocate[2],
    advocateName: advocate[1],
    code: advocate[3],
    app: line("App:"),
    sim: line("Shopify simulator:"),
    mailbox: line("Emails the app sent:"),
    accountsAdmin: line("Admin, shop on the new customer accounts:"),
    preview: line("Customer account preview \\(not Shopify's renderer\\):"),
    previewServer: line("Preview:"),
    newShopAdmin: line("Admin of a new shop \\(onboarding\\):"),
  };
}, 120_000);

afterAll(async () => {
  if (demo && demo.exitCode === null && demo.signalCode === null) {
    try {
      process.kill(-demo.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (pgDatabase) {
    const admin = new pg.Client({ connectionString: pgDatabase.admin });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${pgDatabase.name}" WITH (FORCE)`);
    await admin.end();
  }
});

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm run demo", () => {
  test("is the npm script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    // the prerequisite check first, so a missing piece is one line, not a stack trace
    expect(pkg.scripts.demo).toBe("node scripts/prerequisites.mjs demo && node --import tsx scripts/demo.ts");
  });

  test("prints the admin and storefront URLs on the chosen ports", () => {
    expect(urls.sim).toBe(`http://127.0.0.1:${simPort}`);
    expect(urls.app).toBe(`http://127.0.0.1:${appPort}`);
    expect(urls.admin).toBe(`${urls.sim}/admin/${SHOP}/apps/referrals`);
    expect(urls.loggedOut).toBe(`${urls.sim}/${SHOP}/account/logout`);
    expect(urls.advocate).toMatch(new RegExp(`^${urls.sim}/${SHOP}/account/login\\?customer=\\d+$`));
    expect(urls.code).toMatch(/^[A-Z]+-\d+$/);
  });

  test("a second shop has installed the app but not turned it on: its admin shows the onboarding", async () => {
    expect(urls.newShopAdmin).toBe(`${urls.sim}/admin/new-referrals.myshopify.com/apps/referrals`);
    const page = await fetch(urls.newShopAdmin, { headers: { "User-Agent": BROWSER_UA } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Turn your customers into your best marketing");
  });

  test("the admin URL opens the embedded app with a fresh session token", async () => {
    const entry = await fetch(urls.admin, { redirect: "manual" });
    expect(entry.status).toBe(302);
    const target = new URL(entry.headers.get("location")!);
    expect(target.origin).toBe(urls.app);
    expect(target.searchParams.get("shop")).toBe(SHOP);
    expect(target.searchParams.get("embedded")).toBe("1");
    expect(target.searchParams.get("id_token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const page = await fetch(urls.admin, { headers: { "User-Agent": BROWSER_UA } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`${urls.sim}/__sim/app-bridge.js`);
    expect(html).toContain("Dashboard");
  });

  test("the storefront page has the block, and /apps/referrals/api/me answers from the app through the signed proxy", async () => {
    const cookie = await storefrontSession(urls.advocate);
    const page = await fetch(`${urls.sim}/${SHOP}/account`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-endpoint="/apps/referrals/api/me"');
    expect(html).toContain('<script src="/assets/referral-block.js" defer></script>');
    expect(html).toContain(`Logged in as <strong`);
    const js = await fetch(`${urls.sim}/assets/referral-block.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");

    const me = await fetch(`${urls.sim}/apps/referrals/api/me`, {
      headers: { Cookie: cookie, Accept: "application/json" },
    });
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      loggedIn: boolean;
      advocate: { code: string; link: string; stats: { referred: number } } | null;
    };
    expect(body.loggedIn).toBe(true);
    expect(body.advocate?.code).toBe(urls.code);
    expect(body.advocate?.link).toBe(`https://${SHOP}/apps/referrals/r/${urls.code}`);
    // the demo's live friend orders went through the engine on top of the history
    expect(body.advocate!.stats.referred).toBeGreaterThanOrEqual(3);

    // the app itself refuses what the proxy did not sign
    const direct = await fetch(
      `${urls.app}/proxy/api/me?shop=${SHOP}&logged_in_customer_id=1&path_prefix=/apps/referrals&timestamp=${Math.floor(Date.now() / 1000)}&signature=00`,
    );
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(direct.status).toBeLessThan(500);
  });

  test("lists the advocate emails the app sent to the local SMTP sink: the friend orders reached the advocate", async () => {
    const friendOrderedTo = async () => {
      const res = await fetch(`${urls.mailbox}messages.json`);
      const messages = (await res.json()) as { to: string[]; subject: string; headers: Record<string, string> }[];
      return messages.filter((m) => m.headers["x-referral-email"]?.startsWith("email:friend_ordered:"));
    };
    // the worker sends them after the demo started: wait on the sink, not a fixed time
    const found = await vi.waitFor(
      async () => {
        const messages = await friendOrderedTo();
        expect(messages).toHaveLength(3);
        return messages;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(new Set(found.map((m) => m.to.join()))).toEqual(new Set([found[0].to.join()]));
    expect(found[0].subject).toBe("A friend ordered from Demo Referrals with your code");
    const page = await fetch(urls.mailbox);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("A friend ordered from Demo Referrals with your code");
  });

  test("logged out, a customer id the browser sends is dropped by the proxy", async () => {
    const advocateId = new URL(urls.advocate).searchParams.get("customer")!;
    const cookie = await storefrontSession(urls.loggedOut);
    const me = await fetch(
      `${urls.sim}/apps/referrals/api/me?logged_in_customer_id=${advocateId}&shop=other.myshopify.com`,
      { headers: { Cookie: cookie } },
    );
    expect(me.status).toBe(200);
    const body = (await me.json()) as { loggedIn: boolean; advocate: unknown };
    expect(body).toMatchObject({ loggedIn: false, advocate: null });
    // the referral link counts a click in the app and lands on the storefront with the code
    const click = await fetch(`${urls.sim}/apps/referrals/r/${urls.code}`, {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(click.status).toBe(302);
    expect(click.headers.get("location")).toBe(
      `/${SHOP}/discount/${urls.code}?redirect=%2F%3Freferral_code%3D${urls.code}`,
    );
  });

  describe("in Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    test("a logged-in advocate sees their code, link and stats from the app; a visitor sees the offer and a login link", async () => {
      const context = await browser.newContext({
        locale: "en-US",
        timezoneId: "UTC",
        viewport: { width: 960, height: 1000 },
        reducedMotion: "reduce",
      });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("request", (r) => requests.push(r.url()));
      try {
        const api = page.waitForResponse((r) => r.url().endsWith("/apps/referrals/api/me"));
        await page.goto(urls.advocate);
        const me = (await (await api).json()) as {
          advocate: { code: string; link: string; stats: { clicks: number; referred: number; qualified: number } };
        };
        await page.waitForSelector('[data-rfb][data-state="ready"]');
        expect(await page.textContent("[data-rfb-code]")).toBe(urls.code);
        expect(await page.inputValue("[data-rfb-link]")).toBe(me.advocate.link);
        expect(await page.textContent('[data-rfb-stat="referred"]')).toBe(String(me.advocate.stats.referred));
        expect(await page.textContent('[data-rfb-stat="qualified"]')).toBe(String(me.advocate.stats.qualified));
        expect(await page.textContent("[data-sim-session]")).toContain(urls.advocateName);
        await page.screenshot({ path: path.join(SHOTS, "advocate.png"), fullPage: true });

        await page.goto(urls.loggedOut);
        await page.waitForSelector('[data-rfb][data-state="ready"]');
        expect(await page.isVisible(`[data-rfb-login] a[href="/${SHOP}/account/login"]`)).toBe(true);
        expect(await page.locator("[data-rfb-code]").count()).toBe(0);
        expect(await page.textContent('[data-rfb-rule="friend"]')).toContain("10%");
        await page.screenshot({ path: path.join(SHOTS, "logged-out.png"), fullPage: true });

        expect(errors, "uncaught page errors").toEqual([]);
        // nothing but the storefront itself (page, assets, proxy): no CDN, no app origin
        expect(requests.filter((u) => new URL(u).origin !== urls.sim)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe("the shop on the current customer accounts", () => {
    test("is printed with its admin and the preview of the customer account extension", () => {
      expect(urls.accountsAdmin).toBe(`${urls.sim}/admin/${ACCOUNTS_SHOP}/apps/referrals`);
      expect(urls.previewServer).toBe(`http://127.0.0.1:${previewPort}`);
      expect(urls.preview).toMatch(new RegExp(`^${urls.previewServer}/${ACCOUNTS_SHOP}/page\\?customer=\\d+$`));
    });

    test("its admin guides the owner to the customer account extension, not the theme block", async () => {
      const page = await fetch(urls.accountsAdmin, { headers: { "User-Agent": BROWSER_UA } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html.includes("Your shop uses the current customer accounts")).toBe(true);
      expect(html).toContain(`https://${ACCOUNTS_SHOP}/admin/settings/checkout/editor?page=profile&amp;context=apps`);
      expect(html).toContain('data-surface="accountPage"');
      expect(html.includes('data-surface="accountBlock"'), "no theme block row for this shop").toBe(false);
      // the legacy shop's admin still points to the theme block
      const legacy = await (await fetch(urls.admin, { headers: { "User-Agent": BROWSER_UA } })).text();
      expect(legacy).toContain("Your shop uses legacy customer accounts");
      expect(legacy).toContain('data-surface="accountBlock"');
    });

    test("the preview shows what the extension renders from the app's answer, labelled as a preview", async () => {
      const customerId = new URL(urls.preview).searchParams.get("customer")!;
      // what the app answers the extension for this customer (a token the simulator signs)
      const minted = await fetch(`${urls.sim}/__sim/shops/${ACCOUNTS_SHOP}/extension-token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ surface: "customer-account", customerId }),
      });
      const { token } = (await minted.json()) as { token: string };
      const answer = await fetch(`${urls.app}/api/customer/referral`, {
        headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_UA },
      });
      expect(answer.status).toBe(200);
      const { advocate } = (await answer.json()) as { advocate: { code: string; link: string } };

      const page = await fetch(urls.preview, { headers: { "User-Agent": BROWSER_UA } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Preview, not Shopify's renderer.");
      expect(html).toContain("@shopify/ui-extensions-tester");
      const output = html.slice(html.indexOf("<main data-extension-output>"));
      expect(output).toContain('<s-page heading="Refer a friend"');
      expect(output).toContain(advocate.code);
      expect(output).toContain(advocate.link);

      const polish = await (await fetch(`${urls.preview}&locale=pl`, { headers: { "User-Agent": BROWSER_UA } })).text();
      expect(polish).toContain('<s-page heading="Poleć znajomemu"');
      const profile = await fetch(urls.preview.replace("/page?", "/profile?"), {
        headers: { "User-Agent": BROWSER_UA },
      });
      expect(profile.status).toBe(200);
      expect(await profile.text()).toContain(advocate.code);
      // the thank-you block, a checkout extension, with a checkout session token
      const thankYou = await fetch(urls.preview.replace("/page?", "/thank-you?"), {
        headers: { "User-Agent": BROWSER_UA },
      });
      expect(thankYou.status).toBe(200);
      expect(await thankYou.text()).toContain(advocate.code);
      expect((await fetch(urls.preview.replace("/page?", "/nowhere?"))).status).toBe(404);
    });
  });

  test("Ctrl-C stops the app, its worker and the simulator, and exits 0", async () => {
    process.kill(-demo.pid!, "SIGINT");
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 20_000));
    expect(await Promise.race([exit, timeout])).toBe(0);
    expect(await portOpen(simPort)).toBe(false);
    expect(await portOpen(appPort)).toBe(false);
    expect(await portOpen(previewPort)).toBe(false);
    expect(output).toContain("Stopping the demo");
    // no orphans: nothing of the process group (tsx, the demo, server.mjs) is left
    const deadline = Date.now() + 5_000;
    while (groupAlive(demo.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(groupAlive(demo.pid!)).toBe(false);
  });
});
