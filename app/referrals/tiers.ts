import type { LocalMessage } from "../i18n/translate";
import { formatMinor, parseMoney } from "../lib/money";
import type { ProgramSettings, RewardType } from "./program-settings";

/**
 * Tiers for top advocates: from the `from`-th successful referral on, each further
 * friend earns the tier's reward instead of the base one. Level 1 is the base reward
 * (from `rewardFromReferral` on); tiers are levels 2, 3, ... in ascending `from`.
 */
export interface Tier {
  /** the successful referral (1st, 2nd, ...) from which this tier's reward applies */
  from: number;
  /** the reward per friend in this tier, minor units (fixed amount and store credit) */
  amountMinor: number;
  /** the reward per friend in this tier, percent of the order (percentage rewards) */
  percent: number;
}

export const MAX_TIERS = 5;

type TierSettings = Pick<
  ProgramSettings,
  "rewardType" | "rewardAmountMinor" | "rewardPercent" | "tiers" | "rewardFromReferral" | "currencyCode"
>;

/**
 * Tiers as the form posts them: "5:15, 10:20" means 15 per friend from the 5th successful
 * referral and 20 from the 10th; for percentage rewards the values are percentages
 * ("5:15%" or "5:15"). Returns an error message instead when the text is wrong.
 */
export function parseTiers(
  text: string,
  currency: string,
  rewardType: RewardType,
  rewardFrom = 1,
): Tier[] | LocalMessage {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > MAX_TIERS) return { key: "settings.errors.tiersMax", vars: { max: MAX_TIERS } };
  const out: Tier[] = [];
  for (const part of parts) {
    const match = /^(\d{1,5})\s*:\s*(\S+)$/.exec(part);
    if (!match) return { key: "settings.errors.tierFormat", vars: { text: part.slice(0, 30) } };
    const from = Number(match[1]);
    if (from < 2) return { key: "settings.errors.tierFrom", vars: { from: rewardFrom + 1 } };
    if (from <= rewardFrom) return { key: "settings.errors.tierFrom", vars: { from: rewardFrom + 1 } };
    if (out.some((t) => t.from === from)) return { key: "settings.errors.tierTwice", vars: { from } };
    if (rewardType === "percentage") {
      const value = match[2].replace(/%$/, "");
      const percent = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (!(percent >= 1 && percent <= 100)) return { key: "settings.errors.tierPercent", vars: { from } };
      out.push({ from, amountMinor: 0, percent });
    } else {
      const amountMinor = parseMoney(match[2], currency);
      if (amountMinor === null || amountMinor === 0) return { key: "settings.errors.tierAmount", vars: { from } };
      out.push({ from, amountMinor, percent: 0 });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

export function formatTiers(tiers: Tier[], currency: string, rewardType: RewardType): string {
  return tiers
    .map((t) => `${t.from}:${rewardType === "percentage" ? `${t.percent}%` : formatMinor(t.amountMinor, currency)}`)
    .join(", ");
}

/** The level (1 = base, 2 = first tier, ...) an advocate with `count` successful referrals is at. */
export function tierLevel(s: Pick<TierSettings, "tiers">, count: number): number {
  let level = 1;
  s.tiers.forEach((tier, i) => {
    if (count >= tier.from) level = i + 2;
  });
  return level;
}

/** What one friend earns at a level: the base reward at level 1, else the tier's. */
export function levelReward(s: TierSettings, level: number): { amountMinor: number; percent: number } {
  if (level <= 1) return { amountMinor: s.rewardAmountMinor, percent: s.rewardPercent };
  const tier = s.tiers[level - 2];
  return { amountMinor: tier.amountMinor, percent: tier.percent };
}

/**
 * The reward the n-th successful referral earns (n counts the advocate's qualified
 * referrals, this one included), or null when rewards start later ("reward from the
 * Nth referral"). Amounts of rewards already created never change: this is read once,
 * when the reward is created.
 */
export function rewardForNthReferral(
  s: TierSettings,
  n: number,
  orderSubtotalMinor: number,
): { amountMinor: number; percent: number; level: number } | null {
  if (n < s.rewardFromReferral) return null;
  const level = tierLevel(s, n);
  const { amountMinor, percent } = levelReward(s, level);
  if (s.rewardType === "percentage")
    return { amountMinor: Math.floor((orderSubtotalMinor * percent + 50) / 100), percent, level };
  return { amountMinor, percent: 0, level };
}

/** Where an advocate stands: their level and what the next one needs, for the account surfaces. */
export function tierProgress(s: TierSettings, count: number) {
  const level = tierLevel(s, count);
  const next = s.tiers[level - 1];
  return {
    level,
    levels: s.tiers.length + 1,
    reward: levelReward(s, level),
    next: next
      ? { level: level + 1, from: next.from, remaining: next.from - count, reward: levelReward(s, level + 1) }
      : null,
  };
}

/** "1st", "2nd", "3rd", "11th": the English ordinal used in ledger reasons (which are English, as the rest of the history). */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[(n % 10) as 1 | 2 | 3] ?? "th"}`;
}
