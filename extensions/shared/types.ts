/**
 * The JSON of GET /api/customer/referral and GET /api/customer/offer: the app's one read
 * model of an advocate (app/storefront/advocate-view.server.ts), as the extensions see it.
 * Money arrives as decimal strings in the program's currency and is only formatted here.
 */

export type RewardStatus = "available" | "used" | "expired" | "pending" | "voided";

export interface ProgramView {
  enabled: boolean;
  currencyCode: string;
  friendOffer: { type: "percentage" | "fixed_amount" | "none"; value: string };
  advocateReward: { type: "percentage" | "fixed_amount" | "store_credit"; value: string };
  minimumSubtotal: string | null;
  rewardDelayDays: number;
  milestones: { count: number; reward: string }[];
  /** the first successful referral that earns a reward (1: every one) */
  rewardFromReferral: number;
  /** tiers for top advocates: from the `from`-th successful referral, `reward` per friend */
  tiers: { level: number; from: number; reward: RewardValue }[];
}

/** A reward per friend: a percentage of the friend's order, or an amount. */
export interface RewardValue {
  type: "percentage" | "fixed_amount" | "store_credit";
  value: string;
}

/** The advocate's tier, and what the next one needs (null at the top). */
export interface TierView {
  level: number;
  levels: number;
  reward: RewardValue;
  next: { level: number; from: number; remaining: number; reward: RewardValue } | null;
}

export interface AdvocateView {
  code: string;
  link: string;
  directLink: string;
  shareMessage: string;
  stats: { clicks: number; referred: number; qualified: number };
  totals: { earned: string; available: string; pending: string };
  rewards: {
    code: string | null;
    amount: string;
    status: RewardStatus;
    expiresAt: string | null;
    availableAt: string | null;
  }[];
  nextMilestone: { count: number; remaining: number; reward: string } | null;
  /** null when the program has no tiers */
  tier: TierView | null;
  banned: boolean;
}

export interface ReferralView {
  loggedIn: boolean;
  program: ProgramView;
  advocate: AdvocateView | null;
}
