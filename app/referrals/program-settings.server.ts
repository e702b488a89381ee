import db, { type Tx } from "../db.server";
import { enqueueTask } from "../outbox.server";
import {
  programAmountsIn,
  validateSettings,
  type Milestone,
  type ProgramSettings,
  type SettingsUpdate,
} from "./program-settings";
import type { Tier } from "./tiers";

type SettingsRow = Awaited<ReturnType<typeof db.programSettings.findUniqueOrThrow>>;

function fromRow(row: SettingsRow): ProgramSettings {
  let milestones: Milestone[];
  try {
    milestones = JSON.parse(row.milestones) as Milestone[];
  } catch {
    milestones = [];
  }
  let tiers: Tier[];
  try {
    tiers = JSON.parse(row.tiers) as Tier[];
  } catch {
    tiers = [];
  }
  return {
    shop: row.shop,
    enabled: row.enabled,
    currencyCode: row.currencyCode,
    friendOfferType: row.friendOfferType as ProgramSettings["friendOfferType"],
    friendPercent: row.friendPercent,
    friendAmountMinor: row.friendAmountMinor,
    rewardType: row.rewardType as ProgramSettings["rewardType"],
    rewardAmountMinor: row.rewardAmountMinor,
    rewardPercent: row.rewardPercent,
    minimumSubtotalMinor: row.minimumSubtotalMinor,
    rewardDelayDays: row.rewardDelayDays,
    rewardExpiryDays: row.rewardExpiryDays,
    milestones,
    maxRewardsPerAdvocate: row.maxRewardsPerAdvocate,
    tiers,
    rewardFromReferral: row.rewardFromReferral,
    orderTag: row.orderTag,
    customerTag: row.customerTag,
    shareMessage: row.shareMessage,
    autoEnroll: row.autoEnroll,
    friendDiscountId: row.friendDiscountId,
    emailWelcome: row.emailWelcome,
    emailFriendOrdered: row.emailFriendOrdered,
    emailRewardReady: row.emailRewardReady,
    storeCreditShopifyNotify: row.storeCreditShopifyNotify,
    emailExpiryReminder: row.emailExpiryReminder,
    emailReminderDays: row.emailReminderDays,
  };
}

/** The shop's settings, created with safe defaults (program off) on first read. */
export async function getProgramSettings(shop: string): Promise<ProgramSettings> {
  // A read first: this runs on every storefront and webhook request, and an upsert is a
  // write (on SQLite, the database's one write lock and a disk sync) even when it
  // changes nothing. Only a shop without settings yet pays for the write.
  const row =
    (await db.programSettings.findUnique({ where: { shop } })) ??
    (await db.programSettings.upsert({ where: { shop }, create: { shop }, update: {} }));
  return fromRow(row);
}

/**
 * Saves validated settings. The friend discount in Shopify is brought in step by the
 * worker (an outbox task), so a slow or failing Admin API never loses the owner's save.
 */
export async function saveProgramSettings(shop: string, update: SettingsUpdate): Promise<ProgramSettings> {
  const { milestones, tiers, ...rest } = update;
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.programSettings.upsert({
      where: { shop },
      create: {
        shop,
        ...rest,
        milestones: JSON.stringify(milestones),
        tiers: JSON.stringify(tiers),
        friendDiscountSynced: false,
      },
      update: {
        ...rest,
        milestones: JSON.stringify(milestones),
        tiers: JSON.stringify(tiers),
        friendDiscountSynced: false,
      },
    });
    await enqueueFriendDiscountSync(tx, shop);
    return saved;
  });
  return fromRow(row);
}

/**
 * Queues "bring the friend discount in step with the settings". One task per shop:
 * repeated saves re-arm it, and it reads the settings as they are when it runs.
 */
export async function enqueueFriendDiscountSync(tx: Tx, shop: string) {
  await enqueueTask(tx, shop, { kind: "sync_friend_discount", key: "sync_friend_discount", payload: {}, rerun: true });
}

/**
 * The program's currency is the shop's (Shop.currencyCode, read from Shopify's
 * shop.currencyCode when the program is activated), never a value the form posts:
 * amounts are parsed and stored in it.
 */
export async function shopCurrency(shop: string): Promise<string> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { currencyCode: true } });
  if (row) return row.currencyCode;
  const settings = await db.programSettings.findUnique({ where: { shop }, select: { currencyCode: true } });
  return settings?.currencyCode ?? "USD";
}

/** validateSettings with the shop's currency in place of whatever currency was posted. */
export async function validateShopSettings(shop: string, input: Record<string, string | undefined>) {
  return validateSettings({ ...input, currencyCode: await shopCurrency(shop) });
}

/**
 * Puts the program in the shop's currency `to`, in the caller's transaction, and returns
 * the currency it was in (null: no settings yet, or already in `to`). With
 * `sameWrittenAmounts` the amounts keep their written numbers in the new currency
 * (programAmountsIn: never converted at a rate); without it (a shop whose currency was
 * never read, whose amounts are the defaults) only the currency is set. Compare-and-set on
 * the old currency, so two readers that noticed the same change rewrite the amounts once.
 */
export async function moveProgramToCurrency(
  tx: Tx,
  shop: string,
  to: string,
  { sameWrittenAmounts }: { sameWrittenAmounts: boolean },
): Promise<string | null> {
  const row = await tx.programSettings.findUnique({ where: { shop } });
  if (!row || row.currencyCode === to) return null;
  const from = row.currencyCode;
  let amounts = {};
  if (sameWrittenAmounts) {
    const { milestones, tiers, ...rest } = programAmountsIn(fromRow(row), from, to);
    amounts = { ...rest, milestones: JSON.stringify(milestones), tiers: JSON.stringify(tiers) };
  }
  const { count } = await tx.programSettings.updateMany({
    where: { shop, currencyCode: from },
    data: { currencyCode: to, ...amounts, ...(row.friendDiscountId ? { friendDiscountSynced: false } : {}) },
  });
  if (!count) return null;
  // The friend discount's amount and minimum in Shopify are written in the shop's currency.
  if (row.friendDiscountId) await enqueueFriendDiscountSync(tx, shop);
  return from;
}
