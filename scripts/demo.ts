// `npm run demo`: the app on the embedded default (a SQLite file) against the local
// Shopify simulator, with a seeded demo shop, in one command.
//
//   1. builds the app when build/ is missing or older than the sources;
//   2. applies migrations to .data/demo.sqlite (DEMO_DATABASE_URL overrides: any URL
//      the app accepts; DATABASE_URL is never used, it may be a real database);
//   3. starts the simulator (default port 4100) and seeds the demo shop: Shopify-side
//      customers and the friend discount, the app's session, settings, two months of
//      history (scripts/demo/seed.ts); the shop's earlier rows are removed first, so a
//      rerun starts from the same state (the simulator keeps nothing between runs);
//   4. starts the app (`node server.mjs`, web server and worker; default port 4101);
//   5. places a few friend orders with an advocate's code in the simulator, which sends
//      signed order webhooks to the app: live referrals through the real engine;
//   6. seeds a second shop on Shopify's current customer accounts, where customers see
//      the program through the customer account extension, and serves previews of that
//      extension's output (scripts/demo/surfaces.ts; default port app port + 1);
//   7. prints the admin, storefront and preview URLs and runs until Ctrl-C (SIGINT or
//      SIGTERM), which stops the app, its worker and the simulator, and exits 0.
//   The app's advocate emails go to a local SMTP sink (scripts/demo/mail-sink.ts); the
//   printed "Emails" URL lists what it received.
//
// Options: --port N (simulator; DEMO_PORT), --app-port N (DEMO_APP_PORT; default port+1),
// --mail-port N (the mailbox page; DEMO_MAIL_PORT; default a free port),
// --preview-port N (DEMO_PREVIEW_PORT; default app port + 1),
// --data-dir DIR (DEMO_DATA_DIR; default .data), --no-build (use build/ as it is),
// --quiet (do not echo the app's log).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { simulatorAdminUrl } from "../simulator/admin-entry";
import { startSimulator, type Simulator } from "../simulator/index";
import { ROOT, startAppProcess, type AppProcess } from "./demo/app-process";
import { startMailSink, type MailSink } from "./demo/mail-sink";
import { DEMO_PEOPLE, SEEDED_ORDERS, demoEmail, seedDemoShop, seedSession } from "./demo/seed";
import { demoThemeExtension, demoUiExtension, startPreviewServer, type PreviewServer } from "./demo/surfaces";

const SHOP = "demo-referrals.myshopify.com";
/** A second shop, on Shopify's current customer accounts (the theme block does not show there). */
const ACCOUNTS_SHOP = "demo-accounts.myshopify.com";
/** A second shop that has installed the app but not turned the program on: the onboarding. */
const NEW_SHOP = "new-referrals.myshopify.com";
const APP_HANDLE = "referrals";
const API_KEY = "demo-api-key";
const API_SECRET = "demo-api-secret";
// shopify.app.toml [access_scopes]
const SCOPES =
  "read_orders,write_orders,read_customers,write_customers,write_discounts,read_discounts,write_store_credit_account_transactions,read_locales";

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    "app-port": { type: "string" },
    "mail-port": { type: "string" },
    "preview-port": { type: "string" },
    "data-dir": { type: "string" },
    "no-build": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});
const simPort = Number(args.port ?? process.env.DEMO_PORT ?? 4100);
const appPort = Number(args["app-port"] ?? process.env.DEMO_APP_PORT ?? simPort + 1);
const previewPort = Number(args["preview-port"] ?? process.env.DEMO_PREVIEW_PORT ?? appPort + 1);
const dataDir = path.resolve(ROOT, args["data-dir"] ?? process.env.DEMO_DATA_DIR ?? ".data");
const databaseUrl = process.env.DEMO_DATABASE_URL || `file:${path.join(dataDir, "demo.sqlite")}`;
const appUrl = `http://127.0.0.1:${appPort}`;

const mailPort = Number(args["mail-port"] ?? process.env.DEMO_MAIL_PORT ?? 0);

let sim: Simulator | null = null;
let mail: MailSink | null = null;
let app: AppProcess | null = null;
let preview: PreviewServer | null = null;
let disconnect: (() => Promise<void>) | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the demo…");
  await preview?.stop().catch(() => undefined);
  await app?.stop().catch(() => undefined);
  await sim?.stop().catch(() => undefined);
  await mail?.stop().catch(() => undefined);
  await disconnect?.().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const log = (line: string) => console.log(`[demo] ${line}`);

/** The newest modification time under `dir` (files only). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const entry = path.join(ROOT, "build/server/index.js");
  if (!fs.existsSync(entry)) return true;
  const sources = Math.max(
    newestMtime(path.join(ROOT, "app")),
    ...["vite.config.ts", "package.json"].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs),
  );
  return sources > fs.statSync(entry).mtimeMs;
}

async function run(command: string, commandArgs: string[], what: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${what} failed (exit ${code})`);
}

async function build() {
  log("building the app (remix vite:build)…");
  const cli = path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
  await run(process.execPath, [cli, "vite:build"], "the build", { ...process.env, NODE_ENV: "production" });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${app ? `\n--- app log ---\n${app.logs()}` : ""}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function main() {
  if (!args["no-build"] && buildIsStale()) await build();

  // The app's modules are imported in this process to seed; they read the environment.
  Object.assign(process.env, {
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: appUrl,
    SCOPES,
  });
  if (databaseUrl.startsWith("file:")) fs.mkdirSync(dataDir, { recursive: true });
  // As `npm start` does, in a process of its own (its SQLite connection is gone after).
  await run(process.execPath, [path.join(ROOT, "scripts/migrate.mjs")], "the migrations");

  sim = await startSimulator({
    port: simPort,
    host: "127.0.0.1",
    appApiKey: API_KEY,
    appSecret: API_SECRET,
    appUrl,
    webhookUrl: `${appUrl}/webhooks`,
    flowTriggerHandles: [],
  });
  process.env.SHOPIFY_SIMULATOR_URL = sim.url;
  (await import("../app/config.server")).reloadConfig();

  const { default: db } = await import("../app/db.server");
  disconnect = () => db.$disconnect();
  const { redactShop } = await import("../app/privacy/privacy.server");
  const { activateProgram } = await import("../app/referrals/friend-discount.server");
  const { getProgramSettings } = await import("../app/referrals/program-settings.server");
  const { enqueueTask } = await import("../app/outbox.server");

  log(`seeding ${SHOP}…`);
  // A rerun starts over: the simulator kept nothing, so neither does the app.
  await redactShop(SHOP);
  await redactShop(NEW_SHOP);
  // Live orders continue the numbers of the seeded ones, so every order name is unique.
  const { accessToken } = sim.seedShop({
    domain: SHOP,
    name: "Demo Referrals",
    currencyCode: "USD",
    scopes: SCOPES,
    firstOrderNumber: 1001 + SEEDED_ORDERS,
  });
  const advocates = DEMO_PEOPLE.map(([firstName, lastName]) =>
    sim!.addCustomer(SHOP, { email: demoEmail(firstName), firstName, lastName }),
  );
  // A customer with no code yet: opening the account page as her enrolls her.
  const newcomer = sim.addCustomer(SHOP, { email: "grace@example.com", firstName: "Grace", lastName: "Hopper" });
  await seedSession(db, SHOP, accessToken, SCOPES);
  await activateProgram(SHOP);
  const seeded = await seedDemoShop(db, {
    shop: SHOP,
    accessToken,
    scopes: SCOPES,
    friendDiscountId: (await getProgramSettings(SHOP)).friendDiscountId,
    customerIds: advocates.map((c) => String(c.legacyResourceId)),
    hostileStrings: false,
  });
  // Installed (a session), never activated: the admin opens on the onboarding.
  const newShop = sim.seedShop({ domain: NEW_SHOP, name: "New Referrals", currencyCode: "EUR", scopes: SCOPES });
  await seedSession(db, NEW_SHOP, newShop.accessToken, SCOPES);
  // What enrollment would have queued: the codes on the friend discount, the metafields.
  await enqueueTask(db, SHOP, { kind: "sync_redeem_codes", key: "sync_redeem_codes", payload: {}, rerun: true });
  for (const a of seeded.advocates)
    await enqueueTask(db, SHOP, {
      kind: "advocate_metafield",
      key: `advocate_metafield:${a.id}`,
      payload: { advocateId: a.id },
    });

  // Every advocate email on in the demo, so each step of a referral shows in the mailbox.
  await db.programSettings.update({
    where: { shop: SHOP },
    data: { emailWelcome: true, emailFriendOrdered: true, emailRewardReady: true, emailExpiryReminder: true },
  });
  mail = await startMailSink({ httpPort: mailPort });
  // The same program on a shop that uses Shopify's current customer accounts: its
  // customers see their code in the customer account extension (previewed below).
  log(`seeding ${ACCOUNTS_SHOP} (current customer accounts)…`);
  await redactShop(ACCOUNTS_SHOP);
  const accountsShop = sim.seedShop({
    domain: ACCOUNTS_SHOP,
    name: "Demo Referrals (new accounts)",
    currencyCode: "USD",
    scopes: SCOPES,
    customerAccountsVersion: "NEW_CUSTOMER_ACCOUNTS",
    firstOrderNumber: 1001 + SEEDED_ORDERS,
  });
  const accountsAdvocates = DEMO_PEOPLE.map(([firstName, lastName]) =>
    sim!.addCustomer(ACCOUNTS_SHOP, { email: demoEmail(firstName, "n"), firstName, lastName }),
  );
  await seedSession(db, ACCOUNTS_SHOP, accountsShop.accessToken, SCOPES);
  await activateProgram(ACCOUNTS_SHOP);
  await seedDemoShop(db, {
    shop: ACCOUNTS_SHOP,
    accessToken: accountsShop.accessToken,
    scopes: SCOPES,
    label: "n",
    friendDiscountId: (await getProgramSettings(ACCOUNTS_SHOP)).friendDiscountId,
    customerIds: accountsAdvocates.map((c) => String(c.legacyResourceId)),
    hostileStrings: false,
  });
  await enqueueTask(db, ACCOUNTS_SHOP, {
    kind: "sync_redeem_codes",
    key: "sync_redeem_codes",
    payload: {},
    rerun: true,
  });
  // What each admin's App Bridge reports as live: everything on the legacy shop; on the
  // other, the page and the embed, with the profile block still to add.
  sim.setAppExtensions(SHOP, [demoThemeExtension(true, true)]);
  sim.setAppExtensions(ACCOUNTS_SHOP, [
    demoThemeExtension(false, true),
    demoUiExtension("referral-account-page", "customer-account.page.render"),
    demoUiExtension("referral-account-blocks", "customer-account.order-status.block.render"),
    demoUiExtension("referral-thank-you", "purchase.thank-you.block.render"),
  ]);

  log(`starting the app on ${appUrl}…`);
  app = await startAppProcess({
    port: appPort,
    echo: !args.quiet,
    env: {
      NODE_ENV: "development",
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_SIMULATOR_URL: sim.url,
      SCOPES,
      WORKER_POLL_MS: process.env.WORKER_POLL_MS ?? "250",
      SMTP_URL: mail.smtpUrl,
      MAIL_FROM: "Demo Referrals <referrals@demo-referrals.example>",
    },
  });
  app.child.once("exit", (code) => {
    if (stopping) return;
    console.error(`[demo] the app stopped unexpectedly (exit ${code})`);
    void shutdown(1);
  });

  // Live referrals: friends order with Anna's code; Shopify (the simulator) sends the
  // signed orders/create and orders/paid webhooks; the app's worker attributes them.
  const anna = seeded.advocates[0];
  await waitFor("the advocate codes in Shopify", () => sim!.codeDiscountByCode(SHOP, anna.code));
  const friends = [
    { email: "quinn@example.org", firstName: "Quinn", lastName: "Adler", subtotal: "64.00", ip: "198.51.100.21" },
    { email: "rosa@example.org", firstName: "Rosa", lastName: "Stein", subtotal: "120.00", ip: "198.51.100.22" },
    { email: "sven@example.org", firstName: "Sven", lastName: "Olsen", subtotal: "48.50", ip: "198.51.100.23" },
  ];
  const orderIds: string[] = [];
  for (const f of friends) {
    const placed = await sim.placeOrder(SHOP, {
      customer: { email: f.email, firstName: f.firstName, lastName: f.lastName },
      subtotal: f.subtotal,
      discountCodes: [anna.code],
      browserIp: f.ip,
      financialStatus: "paid",
    });
    const failed = placed.deliveries.filter((d) => d.status !== 200);
    if (failed.length)
      throw new Error(`the app refused a webhook (${failed.map((d) => d.status).join(", ")})\n${app.logs()}`);
    orderIds.push(String(placed.order.legacyResourceId));
  }
  await waitFor(
    "the live referrals",
    async () => (await db.referral.count({ where: { shop: SHOP, orderId: { in: orderIds } } })) === orderIds.length,
  );

  preview = await startPreviewServer({ sim, appUrl, port: previewPort });

  const annaCustomer = advocates[0];
  const accountsAnna = accountsAdvocates[0];
  const storefront = `${sim.url}/${SHOP}`;
  const rows: [string, string][] = [
    ["Admin (embedded app):", simulatorAdminUrl(sim.url, SHOP, APP_HANDLE)],
    ["Admin of a new shop (onboarding):", simulatorAdminUrl(sim.url, NEW_SHOP, APP_HANDLE)],
    ["Storefront, logged out:", `${storefront}/account/logout`],
    [
      `Storefront, as ${anna.name}:`,
      `${storefront}/account/login?customer=${annaCustomer.legacyResourceId}  (advocate code ${anna.code})`,
    ],
    [
      "Storefront, as a new customer:",
      `${storefront}/account/login?customer=${newcomer.legacyResourceId}  (gets a code on first view)`,
    ],
    ["Emails the app sent:", `${mail.webUrl}  (a local SMTP sink)`],
    ["Admin, shop on the new customer accounts:", simulatorAdminUrl(sim.url, ACCOUNTS_SHOP, APP_HANDLE)],
    [
      "Customer account preview (not Shopify's renderer):",
      `${preview.url}/${ACCOUNTS_SHOP}/page?customer=${accountsAnna.legacyResourceId}  (as ${anna.name}; also /profile, /order-status, /thank-you; &locale=pl|bg|ru)`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const shownDb = databaseUrl.startsWith("file:") ? databaseUrl : databaseUrl.replace(/\/\/[^@/]*@/, "//***@");
  console.log(`
Referral program demo is running (shop ${SHOP}).

${rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`).join("\n")}

  ${SHOP} uses legacy customer accounts (the theme block above); ${ACCOUNTS_SHOP} uses the
  current ones, where customers see the program in the customer account extension. The preview runs
  that extension's code through Shopify's UI extension tester in a simulated DOM against this app:
  a preview of its output, not Shopify's renderer.

  App: ${appUrl}   Shopify simulator: ${sim.url}   Preview: ${preview.url}   Database: ${shownDb}
  ${friends.length} friend orders with ${anna.code} just went through the engine (signed webhooks from the simulator).

Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void shutdown(1);
});
