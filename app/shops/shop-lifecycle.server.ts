import db from "../db.server";
import { resumeParked } from "../jobs/queue.server";
import { recordEvent } from "../referrals/ledger.server";
import { enqueueFriendDiscountSync } from "../referrals/program-settings.server";

/** Why a job is parked, for the owner to read (never compared: the state is "parked"). */
export const UNINSTALLED_NOTE = "The shop has uninstalled the app; waiting for a reinstall.";

/**
 * After Shopify hands the app a token for a shop (install or reinstall): the shop is
 * active again and keeps whatever settings and history it had before uninstalling.
 * On a reinstall, the work parked at uninstall goes on: webhook deliveries, outbox
 * tasks and rewards waiting to be issued, and the friend discount is brought in step
 * with the settings again. The program's settings (on or off, offer, rewards) are
 * exactly what the owner left.
 */
export async function onShopAuthenticated(shop: string, scopes: string) {
  const before = await db.shop.findUnique({ where: { domain: shop }, select: { uninstalledAt: true } });
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, scopes },
    update: { uninstalledAt: null, scopes },
  });
  await db.programSettings.upsert({ where: { shop }, create: { shop }, update: {} });
  if (before?.uninstalledAt || (await hasParkedWork(shop))) await resumeShop(shop);
}

/**
 * Work parked while the shop could not authenticate without having uninstalled: Shopify
 * refused its token, or the app held no offline session for it. A new session resumes it.
 */
async function hasParkedWork(shop: string): Promise<boolean> {
  const [delivery, task, reward] = await Promise.all([
    db.webhookDelivery.findFirst({ where: { shop, status: "parked" }, select: { id: true } }),
    db.outboxTask.findFirst({ where: { shop, status: "parked" }, select: { id: true } }),
    db.reward.findFirst({ where: { shop, state: "parked" }, select: { id: true } }),
  ]);
  return Boolean(delivery || task || reward);
}

/** Puts back to work what waited while the shop was uninstalled or unauthenticated. Idempotent. */
export async function resumeShop(shop: string) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    await resumeParked(tx, shop, now);
    // Rewards parked on uninstall, or on a token Shopify refused before app/uninstalled arrived.
    const parked = await tx.reward.findMany({
      where: { shop, state: "parked" },
      select: { id: true, advocateId: true },
    });
    for (const reward of parked) {
      const { count } = await tx.reward.updateMany({
        where: { id: reward.id, state: "parked" },
        data: { state: "pending", attempts: 0, nextAttemptAt: null, lastError: null },
      });
      if (count)
        await recordEvent(tx, {
          shop,
          type: "reward_resumed",
          rewardId: reward.id,
          advocateId: reward.advocateId,
          fromState: "parked",
          toState: "pending",
          reason: "The shop authenticated again.",
        });
    }
    const settings = await tx.programSettings.findUnique({ where: { shop }, select: { friendDiscountId: true } });
    if (settings?.friendDiscountId) await enqueueFriendDiscountSync(tx, shop);
  });
}

/**
 * app/uninstalled: the shop's tokens are gone, so its sessions are deleted and the
 * program pauses: nothing calls the Admin API for the shop any more (the worker parks
 * the shop's deliveries and tasks, and leaves its rewards pending). Referrals, rewards
 * and settings stay until shop/redact (48 hours later), so a reinstall resumes where
 * the shop left off. A repeated delivery keeps the first uninstall time.
 */
export async function onShopUninstalled(shop: string) {
  const now = new Date();
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.upsert({ where: { domain: shop }, create: { domain: shop, uninstalledAt: now }, update: {} }),
    db.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: now } }),
    db.outboxTask.updateMany({
      where: { shop, status: "pending" },
      data: { status: "parked", lastError: UNINSTALLED_NOTE },
    }),
    db.webhookDelivery.updateMany({
      where: { shop, status: "received" },
      data: { status: "parked", lastError: UNINSTALLED_NOTE },
    }),
  ]);
}

/** app/scopes_update: keep the stored scopes equal to what the shop granted. */
export async function onScopesUpdated(shop: string, payload: unknown) {
  const current = (payload as { current?: unknown })?.current;
  if (!Array.isArray(current) || !current.every((s) => typeof s === "string")) return;
  const scope = (current as string[]).join(",");
  await db.$transaction([
    db.session.updateMany({ where: { shop }, data: { scope } }),
    db.shop.updateMany({ where: { domain: shop }, data: { scopes: scope } }),
  ]);
}

/** Shops known to have a record, each until when this process believes it (ms). */
const knownShops = new Map<string, number>();
const KNOWN_SHOP_TTL_MS = 30_000;
const KNOWN_SHOPS_MAX = 10_000;

/**
 * Whether the app holds a record of the shop (installed now or before, not yet
 * redacted). Every webhook asks, so a "yes" is remembered by this process for 30 s
 * instead of costing a query per delivery (BENCHMARKS.md, ingest): a shop's record only
 * disappears at shop/redact, 48 hours after the uninstall that stops its webhooks, and
 * redactShop forgets it here at once. A "no" is never remembered.
 */
export async function isKnownShop(shop: string, now = Date.now()): Promise<boolean> {
  const until = knownShops.get(shop);
  if (until !== undefined && until > now) return true;
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { domain: true } });
  if (!row) {
    knownShops.delete(shop);
    return false;
  }
  // Bounded: an app on more shops than this simply asks the database more often.
  if (knownShops.size >= KNOWN_SHOPS_MAX) knownShops.clear();
  knownShops.set(shop, now + KNOWN_SHOP_TTL_MS);
  return true;
}

/** After the shop's record is deleted (shop/redact). */
export function forgetKnownShop(shop: string) {
  knownShops.delete(shop);
}
