import db from "../db.server";
import { formatMinor } from "../lib/money";
import {
  enrollAdvocate,
  identityIsStale,
  requestIdentityRead,
  type EnrollmentSource,
} from "../referrals/advocates.server";
import { adminApiFor } from "../shopify/admin-client.server";
import type { ProgramSettings } from "../referrals/program-settings";
import { getProgramSettings } from "../referrals/program-settings.server";
import { directLink, referralLink } from "../referrals/links";
import { tierProgress } from "../referrals/tiers";

/**
 * What the customer account block shows (the JSON of GET /apps/referrals/api/me).
 * Money leaves as decimal strings in the shop's currency; the block only formats them.
 */

export type RewardStatus = "available" | "used" | "expired" | "pending" | "voided";

function programView(s: ProgramSettings) {
  const money = (minor: number) => formatMinor(minor, s.currencyCode);
  return {
    enabled: s.enabled,
    currencyCode: s.currencyCode,
    friendOffer:
      s.friendOfferType === "none"
        ? { type: "none" as const, value: "0" }
        : s.friendOfferType === "percentage"
          ? { type: "percentage" as const, value: String(s.friendPercent) }
          : { type: "fixed_amount" as const, value: money(s.friendAmountMinor) },
    advocateReward:
      s.rewardType === "percentage"
        ? { type: "percentage" as const, value: String(s.rewardPercent) }
        : { type: s.rewardType, value: money(s.rewardAmountMinor) },
    minimumSubtotal: s.minimumSubtotalMinor ? money(s.minimumSubtotalMinor) : null,
    rewardDelayDays: s.rewardDelayDays,
    milestones: s.milestones.map((m) => ({ count: m.count, reward: money(m.amountMinor) })),
    // the first successful referral that earns a reward (1: every one)
    rewardFromReferral: s.rewardFromReferral,
    tiers: s.tiers.map((t, i) => ({ level: i + 2, from: t.from, reward: tierRewardView(s, t) })),
  };
}

/** A tier's reward per friend, as the program states it: a percentage or an amount. */
function tierRewardView(s: ProgramSettings, reward: { amountMinor: number; percent: number }) {
  return s.rewardType === "percentage"
    ? { type: "percentage" as const, value: String(reward.percent) }
    : { type: s.rewardType, value: formatMinor(reward.amountMinor, s.currencyCode) };
}

/** The advocate's tier and how many friends to the next one; null when the program has no tiers. */
function tierView(s: ProgramSettings, qualified: number) {
  if (s.tiers.length === 0) return null;
  const progress = tierProgress(s, qualified);
  return {
    level: progress.level,
    levels: progress.levels,
    reward: tierRewardView(s, progress.reward),
    next: progress.next
      ? {
          level: progress.next.level,
          from: progress.next.from,
          remaining: progress.next.remaining,
          reward: tierRewardView(s, progress.next.reward),
        }
      : null,
  };
}

function rewardStatus(r: { state: string; usedAt: Date | null; expiresAt: Date | null }, now: Date): RewardStatus {
  if (r.state === "voided") return "voided";
  if (r.state !== "issued") return "pending";
  if (r.usedAt) return "used";
  if (r.expiresAt && r.expiresAt <= now) return "expired";
  return "available";
}

export function shareMessage(s: ProgramSettings, code: string, link: string) {
  if (s.shareMessage) return s.shareMessage.replaceAll("{code}", code).replaceAll("{link}", link);
  const offer =
    s.friendOfferType === "percentage"
      ? `${s.friendPercent}% off`
      : s.friendOfferType === "fixed_amount"
        ? `${formatMinor(s.friendAmountMinor, s.currencyCode)} ${s.currencyCode} off`
        : "a warm welcome";
  return `Get ${offer} your first order with my code ${code}: ${link}`;
}

/**
 * The read model for one customer (null: a visitor). `via` is the surface asking: a
 * customer seen for the first time is enrolled from it.
 */
export async function advocateView(
  shop: string,
  customerId: string | null,
  via: EnrollmentSource = "account_page",
  now = new Date(),
) {
  // The settings and the advocate, read side by side.
  const [settings, known] = await Promise.all([
    getProgramSettings(shop),
    customerId ? db.advocate.findUnique({ where: { shop_customerId: { shop, customerId } } }) : null,
  ]);
  const program = programView(settings);
  if (!customerId) return { loggedIn: false, program, advocate: null };
  if (!settings.enabled) return { loggedIn: true, program, advocate: null };
  // A customer with no code yet is enrolled on first view (no rewards yet). Shopify is
  // asked once, briefly: if it is slow the advocate is stored at once and the worker
  // reads who they are.
  const advocate =
    known ??
    (await enrollAdvocate(shop, customerId, {
      via,
      admin: () => adminApiFor(shop, { maxAttempts: 2, timeoutMs: 5_000, retryBaseMs: 200 }),
    }));
  if (known && identityIsStale(known)) await requestIdentityRead(shop, known.id);
  // A query of its own with LIMIT in SQL: an advocate may have thousands of rewards.
  const rewards = known
    ? await db.reward.findMany({ where: { advocateId: known.id }, orderBy: { createdAt: "desc" }, take: 50 })
    : [];
  const money = (minor: number) => formatMinor(minor, settings.currencyCode);
  const views = rewards.map((r) => ({
    code: r.state === "issued" && r.rewardType !== "store_credit" ? r.code : null,
    amount: money(r.amountMinor),
    status: rewardStatus(r, now),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    availableAt: r.state === "pending" || r.state === "parked" ? r.dueAt.toISOString() : null,
  }));
  const sum = (status: RewardStatus[]) =>
    money(rewards.filter((r) => status.includes(rewardStatus(r, now))).reduce((total, r) => total + r.amountMinor, 0));
  const next = settings.milestones.find((m) => m.count > advocate.qualifiedCount);
  const link = referralLink(shop, advocate.code);
  return {
    loggedIn: true,
    program,
    advocate: {
      code: advocate.code,
      link,
      directLink: directLink(shop, advocate.code, settings),
      shareMessage: shareMessage(settings, advocate.code, link),
      stats: { clicks: advocate.clicks, referred: advocate.referredCount, qualified: advocate.qualifiedCount },
      totals: {
        earned: sum(["available", "used", "expired"]),
        available: sum(["available"]),
        pending: sum(["pending"]),
      },
      rewards: views,
      nextMilestone: next
        ? { count: next.count, remaining: next.count - advocate.qualifiedCount, reward: money(next.amountMinor) }
        : null,
      tier: tierView(settings, advocate.qualifiedCount),
      banned: advocate.status === "banned",
    },
  };
}
