import type { Formatters } from "../i18n/format";
import type { Translate } from "../i18n/translate";
import { displayMoney, isKnownCurrency, parseMoney } from "../lib/money";
import { parseMilestones } from "../referrals/program-settings";

/**
 * The program in the words a customer reads: the friend's offer and the advocate's
 * reward. Used by the onboarding text and the settings preview (client-safe, pure).
 */

export interface OfferValues {
  friendOfferType: string;
  friendPercent: number;
  friendAmountMinor: number;
  rewardType: string;
  rewardAmountMinor: number;
  rewardPercent: number;
  currencyCode: string;
}

export function friendOfferText(v: OfferValues): string {
  if (v.friendOfferType === "percentage") return `Your friends get ${v.friendPercent}% off their first order.`;
  if (v.friendOfferType === "fixed_amount")
    return `Your friends get ${displayMoney(v.friendAmountMinor, v.currencyCode)} off their first order.`;
  return "Share your link with friends who would love the shop.";
}

export function rewardText(v: OfferValues): string {
  if (v.rewardType === "percentage")
    return `You get ${v.rewardPercent}% of each friend’s first order back as a discount code.`;
  if (v.rewardType === "store_credit")
    return `You get ${displayMoney(v.rewardAmountMinor, v.currencyCode)} in store credit for each friend’s first order.`;
  return `You get a ${displayMoney(v.rewardAmountMinor, v.currencyCode)} discount code for each friend’s first order.`;
}

/** What the owner sees about the program (third person, in the admin's language), for onboarding. */
export function ownerSummary(v: OfferValues, t: Translate, format: Formatters): { offer: string; reward: string } {
  const offer =
    v.friendOfferType === "none"
      ? t("onboarding.offerNone")
      : t("onboarding.offerOff", {
          amount:
            v.friendOfferType === "percentage"
              ? `${v.friendPercent}%`
              : format.money(v.friendAmountMinor, v.currencyCode),
        });
  const amount =
    v.rewardType === "percentage"
      ? t("onboarding.rewardPercentAmount", { percent: v.rewardPercent })
      : format.money(v.rewardAmountMinor, v.currencyCode);
  const reward = t(v.rewardType === "store_credit" ? "onboarding.rewardCredit" : "onboarding.rewardCode", { amount });
  return { offer, reward };
}

/**
 * The offer values from the settings form as typed (strings). Unparseable amounts show
 * as zero in the preview; the save itself is refused with field errors by validateSettings.
 */
export function offerValuesFromInput(input: Record<string, string>): OfferValues {
  const currencyCode = isKnownCurrency((input.currencyCode ?? "").trim().toUpperCase())
    ? input.currencyCode.trim().toUpperCase()
    : "USD";
  const money = (field: string) => parseMoney(input[field] ?? "", currencyCode) ?? 0;
  const whole = (field: string) => (/^\d{1,3}$/.test((input[field] ?? "").trim()) ? Number(input[field]) : 0);
  return {
    friendOfferType: input.friendOfferType,
    friendPercent: whole("friendPercent"),
    friendAmountMinor: money("friendAmount"),
    rewardType: input.rewardType,
    rewardAmountMinor: money("rewardAmount"),
    rewardPercent: whole("rewardPercent"),
    currencyCode,
  };
}

/** "Bonus: $25.00 at 5 friends, $50.00 at 10 friends."; null when none or not yet valid. */
export function milestoneText(text: string, currency: string): string | null {
  const milestones = parseMilestones(text, currency);
  if (typeof milestones === "string" || milestones.length === 0) return null;
  return `Bonus: ${milestones.map((m) => `${displayMoney(m.amountMinor, currency)} at ${m.count} friends`).join(", ")}.`;
}
