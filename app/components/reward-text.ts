import type { RewardView } from "../admin/referrals.server";
import { displayMoney } from "../lib/money";

/** A reward's value as the owner reads it: "$10.00", "10%", "$10.00 store credit". */
export function rewardValue(r: Pick<RewardView, "rewardType" | "amountMinor" | "percent" | "currencyCode">): string {
  if (r.rewardType === "percentage" && r.percent)
    return `${r.percent}% (${displayMoney(r.amountMinor, r.currencyCode)})`;
  const amount = displayMoney(r.amountMinor, r.currencyCode);
  return r.rewardType === "store_credit" ? `${amount} store credit` : amount;
}

export function rewardKind(r: Pick<RewardView, "kind" | "milestone">): string {
  return r.kind === "milestone" ? `Milestone (${r.milestone} referrals)` : "Referral";
}
