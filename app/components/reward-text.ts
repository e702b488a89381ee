import type { RewardView } from "../admin/referrals.server";
import type { Formatters } from "../i18n/format";
import type { Translate } from "../i18n/translate";

/** A reward's value as the owner reads it: "10,00 zł", "10% (5,00 zł)", "10,00 zł store credit". */
export function rewardValue(
  r: Pick<RewardView, "rewardType" | "amountMinor" | "percent" | "currencyCode">,
  t: Translate,
  format: Formatters,
): string {
  const amount = format.money(r.amountMinor, r.currencyCode);
  if (r.rewardType === "percentage" && r.percent) return t("rewards.percentOf", { percent: r.percent, amount });
  return r.rewardType === "store_credit" ? t("rewards.storeCredit", { amount }) : amount;
}

export function rewardKind(r: Pick<RewardView, "kind" | "milestone">, t: Translate): string {
  return r.kind === "milestone" ? t("rewards.kindMilestone", { count: r.milestone ?? 0 }) : t("rewards.kindReferral");
}

/** Used, issued or due, with the day. */
export function rewardWhen(
  r: Pick<RewardView, "usedAt" | "issuedAt" | "dueAt">,
  t: Translate,
  format: Formatters,
): string {
  if (r.usedAt) return t("rewards.used", { date: format.date(r.usedAt) });
  if (r.issuedAt) return t("rewards.issuedOn", { date: format.date(r.issuedAt) });
  return t("rewards.dueOn", { date: format.date(r.dueAt) });
}
