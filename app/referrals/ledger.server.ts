import type { Tx } from "../db.server";
import { dayInTimeZone } from "../i18n/time-zone";
import { storedTimeZone } from "../shops/time-zone.server";
import type { AnyState, LedgerEventType } from "../states";
import { referralFigureChange, type ReferralFigureFacts } from "./figures";

/** One entry of a referral's or reward's history: what changed, when, why and by whom. */
export interface LedgerEntry {
  shop: string;
  type: LedgerEventType;
  referralId?: string | null;
  rewardId?: string | null;
  advocateId?: string | null;
  fromState?: AnyState | null;
  toState?: AnyState | null;
  reason?: string;
  actor?: string;
}

export async function recordEvent(tx: Tx, entry: LedgerEntry) {
  await tx.ledgerEvent.create({
    data: {
      shop: entry.shop,
      type: entry.type,
      referralId: entry.referralId ?? null,
      rewardId: entry.rewardId ?? null,
      advocateId: entry.advocateId ?? null,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      reason: (entry.reason ?? "").slice(0, 1000),
      actor: entry.actor ?? "system",
    },
  });
}

export type DailyCounter =
  | "clicks"
  | "referrals"
  | "accepted"
  | "held"
  | "blocked"
  | "voided"
  | "referredRevenueMinor"
  | "rewardsIssued"
  | "rewardCostMinor";

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Adds to the shop's pre-aggregated figures for a day, in the caller's transaction. The
 * day is the shop's calendar day (shop.ianaTimezone, UTC until Shopify has told us), so
 * the dashboard's days are the owner's days.
 */
export async function bumpDailyStat(tx: Tx, shop: string, date: Date, counts: Partial<Record<DailyCounter, number>>) {
  const entries = Object.entries(counts).filter(([, n]) => n);
  if (entries.length === 0) return;
  const day = dayInTimeZone(date, await storedTimeZone(shop, tx));
  await tx.dailyStat.upsert({
    where: { shop_day: { shop, day } },
    create: { shop, day, ...Object.fromEntries(entries) },
    update: Object.fromEntries(entries.map(([k, n]) => [k, { increment: n }])),
  });
}

/**
 * Moves the counters a referral feeds (the day of its order, the advocate's referred
 * friends) from what `before` counted to what `after` counts (referrals/figures): every
 * change of a referral's status or refunded amount goes through here.
 */
export async function applyReferralFigures(
  tx: Tx,
  referral: { shop: string; advocateId: string; orderCreatedAt: Date },
  before: ReferralFigureFacts | null,
  after: ReferralFigureFacts | null,
) {
  const change = referralFigureChange(before, after);
  await bumpDailyStat(tx, referral.shop, referral.orderCreatedAt, change.day);
  if (change.referredFriends !== 0)
    await tx.advocate.update({
      where: { id: referral.advocateId },
      data: { referredCount: { increment: change.referredFriends } },
    });
}
