import type { Formatters } from "../i18n/format";
import type { Translate } from "../i18n/translate";
import { isKnownCurrency, parseMoney } from "../lib/money";
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

export function friendOfferText(v: OfferValues, t: Translate, format: Formatters): string {
  if (v.friendOfferType === "percentage") return t("preview.friendPercent", { percent: v.friendPercent });
  if (v.friendOfferType === "fixed_amount")
    return t("preview.friendAmount", { amount: format.money(v.friendAmountMinor, v.currencyCode) });
  return t("preview.friendNone");
}

export function rewardText(v: OfferValues, t: Translate, format: Formatters): string {
  if (v.rewardType === "percentage") return t("preview.rewardPercent", { percent: v.rewardPercent });
  const amount = format.money(v.rewardAmountMinor, v.currencyCode);
  return t(v.rewardType === "store_credit" ? "preview.rewardCredit" : "preview.rewardCode", { amount });
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
export function milestoneText(text: string, currency: string, t: Translate, format: Formatters): string | null {
  const milestones = parseMilestones(text, currency);
  if (!Array.isArray(milestones) || milestones.length === 0) return null;
  const list = milestones.map((m) =>
    t("preview.milestone", { amount: format.money(m.amountMinor, currency), count: m.count }),
  );
  return t("preview.milestones", { list: list.join(", ") });
}
