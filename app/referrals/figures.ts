/**
 * One definition per figure the owner reads. The dashboard (from the daily counters),
 * Top advocates and the storefront (from the advocate's counters), the CSV (per row) and
 * the counters themselves (kept by the transitions through ledger.server's
 * applyReferralFigures) all use these functions, so they cannot disagree.
 *
 * - A **referred order** is an accepted referral. Held ones are undecided and shown on
 *   their own; blocked, rejected and voided (cancelled or refunded) ones are not.
 * - **Referred revenue** is the subtotal of referred orders less what was refunded.
 * - A **referred friend** of an advocate is an accepted or held referral: the advocate's
 *   "friends referred", which a rejection, a ban (it rejects) or a void takes back.
 * - A **successful referral** is a referred order that qualified (paid): Top advocates
 *   rank by it, milestones and tiers count it.
 * - **Reward spend** is the amount of rewards issued and not voided since; it is also
 *   what an advocate has earned.
 * - **Return on reward spend** is referred revenue / reward spend over the same days.
 * - **Repeat purchase**: referred friends (of referred orders) with more than one order seen.
 */

export interface ReferralFigureFacts {
  status: string;
  subtotalMinor: number;
  refundedMinor: number;
}

export const REFERRED_ORDER_STATUS = "accepted";

export function isReferredOrder(r: Pick<ReferralFigureFacts, "status">): boolean {
  return r.status === REFERRED_ORDER_STATUS;
}

export function referredRevenueOf(r: ReferralFigureFacts): number {
  return isReferredOrder(r) ? Math.max(0, r.subtotalMinor - r.refundedMinor) : 0;
}

export function isReferredFriend(r: Pick<ReferralFigureFacts, "status">): boolean {
  return r.status === "accepted" || r.status === "held";
}

export function isSuccessfulReferral(r: { status: string; qualifiedAt: Date | null }): boolean {
  return isReferredOrder(r) && r.qualifiedAt !== null;
}

export function rewardSpendOf(r: { state: string; issuedAt: Date | null; amountMinor: number }): number {
  return r.issuedAt !== null && r.state !== "voided" ? r.amountMinor : 0;
}

/** What one referral adds to the day of its order (DailyStat). */
export interface ReferralDayCounts {
  referrals: number;
  accepted: number;
  held: number;
  blocked: number;
  voided: number;
  referredRevenueMinor: number;
}

export function referralDayCounts(r: ReferralFigureFacts | null): ReferralDayCounts {
  if (!r) return { referrals: 0, accepted: 0, held: 0, blocked: 0, voided: 0, referredRevenueMinor: 0 };
  return {
    referrals: 1,
    accepted: isReferredOrder(r) ? 1 : 0,
    held: r.status === "held" ? 1 : 0,
    blocked: r.status === "blocked" ? 1 : 0,
    voided: r.status === "voided" ? 1 : 0,
    referredRevenueMinor: referredRevenueOf(r),
  };
}

/**
 * How the counters move when a referral goes from `before` (null: it did not exist) to
 * `after`: the day's counts and the advocate's referred friends.
 */
export function referralFigureChange(
  before: ReferralFigureFacts | null,
  after: ReferralFigureFacts | null,
): { day: Partial<ReferralDayCounts>; referredFriends: number } {
  const a = referralDayCounts(before);
  const b = referralDayCounts(after);
  const day: Partial<ReferralDayCounts> = {};
  for (const key of Object.keys(a) as (keyof ReferralDayCounts)[]) if (b[key] !== a[key]) day[key] = b[key] - a[key];
  const friends = (r: ReferralFigureFacts | null) => (r && isReferredFriend(r) ? 1 : 0);
  return { day, referredFriends: friends(after) - friends(before) };
}
