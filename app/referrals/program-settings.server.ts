import db, { type Tx } from "../db.server";
import { enqueueTask } from "../outbox.server";
import type { Milestone, ProgramSettings, SettingsUpdate } from "./program-settings";
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
