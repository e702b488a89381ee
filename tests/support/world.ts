import crypto from "node:crypto";
import type { WorkerDeps } from "../../app/jobs/worker.server";
import { startSimulator, type Simulator } from "../../simulator/index";
import { startAppServer } from "./app-server";
import { flowTriggerExtensions } from "./flow-extensions";

/**
 * A test world: the Shopify simulator and the app's routes, wired together the way
 * production is (the app reaches Shopify only through SHOPIFY_SIMULATOR_URL).
 */
export async function startWorld(options: { restoreRate?: number; flowTriggerHandles?: string[] } = {}) {
  const app = await startAppServer();
  const sim = await startSimulator({
    appApiKey: process.env.SHOPIFY_API_KEY,
    appSecret: process.env.SHOPIFY_API_SECRET,
    webhookUrl: `${app.url}/webhooks`,
    restoreRate: options.restoreRate ?? 1000,
    // Like Shopify, accept only the handles of the app's flow_trigger extensions.
    flowTriggerHandles: options.flowTriggerHandles ?? flowTriggerExtensions().map((e) => e.handle),
  });
  process.env.SHOPIFY_SIMULATOR_URL = sim.url;
  (await import("../../app/config.server")).reloadConfig();
  return {
    sim,
    app,
    async stop() {
      await sim.stop();
      await app.stop();
    },
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

/** A fresh shop, installed: Shopify-side state, an offline session, settings, friend discount. */
export async function installShop(
  sim: Simulator,
  settings: Record<string, string> = {},
  domain = `shop-${crypto.randomBytes(4).toString("hex")}.myshopify.com`,
) {
  const { activateProgram } = await import("../../app/referrals/friend-discount.server");
  await prepareShop(sim, settings, domain);
  await activateProgram(domain);
  return domain;
}

/** A fresh shop with its session and saved settings, before the owner pressed Activate. */
export async function prepareShop(
  sim: Simulator,
  settings: Record<string, string> = {},
  domain = `shop-${crypto.randomBytes(4).toString("hex")}.myshopify.com`,
) {
  const { default: db } = await import("../../app/db.server");
  const { onShopAuthenticated } = await import("../../app/shops/shop-lifecycle.server");
  const { validateSettings } = await import("../../app/referrals/program-settings");
  const { saveProgramSettings } = await import("../../app/referrals/program-settings.server");
  const seeded = sim.seedShop({ domain, currencyCode: "USD", name: "Test Shop" });
  await db.session.create({
    data: {
      id: `offline_${domain}`,
      shop: domain,
      state: "",
      isOnline: false,
      accessToken: seeded.accessToken,
      scope: process.env.SCOPES,
    },
  });
  await onShopAuthenticated(domain, process.env.SCOPES!);
  const parsed = validateSettings({
    enabled: "true",
    currencyCode: "USD",
    friendOfferType: "percentage",
    friendPercent: "10",
    rewardType: "fixed_amount",
    rewardAmount: "10.00",
    minimumSubtotal: "",
    rewardDelayDays: "14",
    rewardExpiryDays: "180",
    maxRewardsPerAdvocate: "",
    milestones: "",
    orderTag: "referral",
    customerTag: "referred-customer",
    shareMessage: "",
    ...settings,
  });
  if (!parsed.ok) throw new Error(`bad test settings: ${JSON.stringify(parsed.errors)}`);
  await saveProgramSettings(domain, parsed.value);
  return domain;
}

/** Shopify tells the app it was uninstalled from the shop (a signed app/uninstalled webhook); the delivery's status. */
export async function uninstallShop(sim: Simulator, shop: string) {
  const delivery = await sim.sendWebhook(
    shop,
    "app/uninstalled",
    { id: 1, domain: shop, myshopify_domain: shop },
    { eventId: `evt-uninstall-${shop}` },
  );
  return delivery.status;
}

/** The shop's Admin API as the worker uses it, retrying quickly: for enrollAdvocate in tests. */
export function adminOf(shop: string) {
  return async () => {
    const { adminApiFor } = await import("../../app/shopify/admin-client.server");
    return adminApiFor(shop, { retryBaseMs: 5 });
  };
}

/**
 * A customer of the shop (in Shopify) who becomes an advocate, their identity read from
 * the Admin API, with their code on the friend discount.
 */
export async function enrollCustomer(
  sim: Simulator,
  shop: string,
  person: { email: string; firstName: string; lastName: string; locale?: string },
) {
  const { enrollAdvocate } = await import("../../app/referrals/advocates.server");
  const customer = sim.addCustomer(shop, person);
  const advocate = await enrollAdvocate(shop, String(customer.legacyResourceId), {
    via: "admin",
    admin: adminOf(shop),
  });
  await drain();
  return { customer, advocate };
}

export const DAY = 86_400_000;

/** Runs worker passes (the app's own runWorkerOnce) until nothing is due. */
export async function drainWorker(deps: WorkerDeps, now = () => new Date(), maxPasses = 1000) {
  const { runWorkerOnce } = await import("../../app/jobs/worker.server");
  const total = { deliveries: 0, tasks: 0, rewards: 0 };
  for (let i = 0; i < maxPasses; i++) {
    const pass = await runWorkerOnce(deps, now());
    total.deliveries += pass.deliveries;
    total.tasks += pass.tasks;
    total.rewards += pass.rewards;
    if (pass.deliveries + pass.tasks + pass.rewards === 0) return total;
  }
  return total;
}

/** Runs the worker until nothing is due, at `offsetMs` from now (to pass the reward delay). */
export async function drain(offsetMs = 0) {
  const { adminApiFor } = await import("../../app/shopify/admin-client.server");
  return drainWorker(
    { adminFor: (shop) => adminApiFor(shop, { retryBaseMs: 5 }) },
    () => new Date(Date.now() + offsetMs),
  );
}

export async function counts(shop: string) {
  const { default: db } = await import("../../app/db.server");
  const [referrals, rewards, issued] = await Promise.all([
    db.referral.groupBy({ by: ["status"], where: { shop }, _count: true }),
    db.reward.count({ where: { shop } }),
    db.reward.count({ where: { shop, state: "issued" } }),
  ]);
  return { referrals: Object.fromEntries(referrals.map((r) => [r.status, r._count])), rewards, issued };
}

/** Reward codes that exist in Shopify for the shop (discounts whose code starts RWD-). */
export function rewardDiscounts(sim: Simulator, shop: string) {
  return sim.discountCodes(shop).filter((d) => d.codes.some((c) => c.code.startsWith("RWD-")));
}
