import type { Tx } from "../db.server";
import { formatMinor } from "../lib/money";
import { recordEvent } from "./ledger.server";
import type { ProgramSettings } from "./program-settings";
import { levelReward, ordinal, tierLevel } from "./tiers";

/**
 * Records in the advocate's history that their tier changed when their count of
 * successful referrals went from `before` to `after` (a referral qualified, or a
 * qualified one was voided). Rewards already created keep their amounts: a tier only
 * decides the reward of referrals that qualify while it applies.
 */
export async function recordTierChange(
  tx: Tx,
  settings: ProgramSettings,
  advocate: { shop: string; advocateId: string },
  before: number,
  after: number,
  cause: string,
) {
  if (settings.tiers.length === 0) return;
  const from = tierLevel(settings, before);
  const to = tierLevel(settings, after);
  if (from === to) return;
  const { amountMinor, percent } = levelReward(settings, to);
  const reward =
    settings.rewardType === "percentage"
      ? `${percent}% of each friend's order`
      : `${formatMinor(amountMinor, settings.currencyCode)} ${settings.currencyCode} per friend`;
  const start = to === 1 ? settings.rewardFromReferral : settings.tiers[to - 2].from;
  await recordEvent(tx, {
    shop: advocate.shop,
    type: "advocate_tier_changed",
    advocateId: advocate.advocateId,
    reason:
      `${to > from ? "Up" : "Down"} from tier ${from} to tier ${to} (from the ${ordinal(start)} successful ` +
      `referral: ${reward}) at ${after} successful referrals. ${cause}`,
  });
}
