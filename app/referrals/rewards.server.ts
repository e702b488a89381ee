import crypto from "node:crypto";
import { REWARD_STATES, REWARD_TRANSITIONS, allows, asState, type VoidCause } from "../states";
import db, { type Tx } from "../db.server";
import { ConflictError, NotFoundError } from "../lib/errors";
import { formatMinor } from "../lib/money";
import { enqueueTask } from "../outbox.server";
import { enqueueRewardIssuedEmails } from "../mail/enqueue.server";
import { rewardCodeFor } from "./codes";
import { bumpDailyStat, recordEvent } from "./ledger.server";
import type { ProgramSettings } from "./program-settings";
import { recordTierChange } from "./tiers.server";
import { ordinal, rewardForNthReferral } from "./tiers";
import { rewardCodeSecret } from "./secrets.server";

export type Reward = Awaited<ReturnType<typeof db.reward.findFirstOrThrow>>;
const DAY_MS = 86_400_000;

/**
 * Creates the rewards a newly qualified referral earns, in the caller's transaction:
 * the referral reward at the advocate's tier (unless the advocate hit the cap, or rewards
 * start from a later referral) and any milestone reached. A tier reached is recorded.
 * The unique (shop, cause) key makes a second call for the same referral a no-op.
 */
export async function createRewardsForQualifiedReferral(
  tx: Tx,
  settings: ProgramSettings,
  referral: { id: string; shop: string; advocateId: string; subtotalMinor: number; currencyCode: string },
  now = new Date(),
) {
  const { shop, advocateId } = referral;
  const dueAt = new Date(now.getTime() + settings.rewardDelayDays * DAY_MS);
  const advocate = await tx.advocate.update({ where: { id: advocateId }, data: { qualifiedCount: { increment: 1 } } });
  const n = advocate.qualifiedCount;
  await recordTierChange(tx, settings, { shop, advocateId }, n - 1, n, `The ${ordinal(n)} successful referral.`);
  const earned = rewardForNthReferral(settings, n, referral.subtotalMinor);
  // The cap needs a count of the advocate's rewards: only asked when there is a cap.
  const capped =
    settings.maxRewardsPerAdvocate !== null &&
    (await tx.reward.count({ where: { advocateId, kind: "referral", state: { not: "voided" } } })) >=
      settings.maxRewardsPerAdvocate;
  if (!earned) {
    await recordEvent(tx, {
      shop,
      type: "reward_not_created",
      referralId: referral.id,
      advocateId,
      reason: `Rewards start from the ${ordinal(settings.rewardFromReferral)} successful referral; this is the ${ordinal(n)}.`,
    });
  } else if (capped) {
    await recordEvent(tx, {
      shop,
      type: "reward_not_created",
      referralId: referral.id,
      advocateId,
      reason: `The advocate reached the cap of ${settings.maxRewardsPerAdvocate} rewards.`,
    });
  } else {
    await createReward(tx, settings, {
      shop,
      advocateId,
      referralId: referral.id,
      kind: "referral",
      milestone: 0,
      cause: `referral:${referral.id}`,
      amountMinor: earned.amountMinor,
      // The share the amount was computed from, kept so the owner reads "10% ($5.00)".
      percent: earned.percent,
      dueAt,
    });
  }
  for (const milestone of settings.milestones) {
    if (milestone.count !== advocate.qualifiedCount) continue;
    await createReward(tx, settings, {
      shop,
      advocateId,
      referralId: null,
      kind: "milestone",
      milestone: milestone.count,
      cause: `milestone:${advocateId}:${milestone.count}`,
      amountMinor: milestone.amountMinor,
      percent: 0,
      dueAt,
    });
  }
}

async function createReward(
  tx: Tx,
  settings: ProgramSettings,
  r: {
    shop: string;
    advocateId: string;
    referralId: string | null;
    kind: string;
    milestone: number;
    cause: string;
    amountMinor: number;
    percent: number;
    dueAt: Date;
  },
) {
  const existing = await tx.reward.findUnique({ where: { shop_cause: { shop: r.shop, cause: r.cause } } });
  if (existing) return existing;
  const id = crypto.randomUUID();
  const reward = await tx.reward.create({
    data: {
      id,
      ...r,
      rewardType: settings.rewardType,
      currencyCode: settings.currencyCode,
      state: "pending",
      code: rewardCodeFor(id, rewardCodeSecret()),
    },
  });
  const why =
    r.kind === "milestone"
      ? `Milestone of ${r.milestone} successful referrals reached.`
      : "The referred order qualified.";
  await recordEvent(tx, {
    shop: r.shop,
    type: "reward_created",
    rewardId: id,
    referralId: r.referralId,
    advocateId: r.advocateId,
    toState: "pending",
    reason: `${why} ${formatMinor(r.amountMinor, settings.currencyCode)} ${settings.currencyCode}, due ${r.dueAt.toISOString().slice(0, 10)}.`,
  });
  return reward;
}

/** The program settings the issued reward's email reads. */
export type IssuedRewardSettings = Parameters<typeof enqueueRewardIssuedEmails>[1];

/**
 * issuing -> issued, in the worker's transaction once it has settled the job: the code
 * (or store credit) now exists in Shopify. The ledger entry, the advocate's earnings, the
 * day's figures, the Flow trigger and the advocate's email.
 */
export async function rewardIssuedIn(
  tx: Tx,
  reward: Reward,
  issued: {
    discountId: string | null;
    expiresAt: Date | null;
    now: Date;
    settings: IssuedRewardSettings | null;
  },
) {
  const { discountId, expiresAt, now, settings } = issued;
  await tx.reward.update({ where: { id: reward.id }, data: { discountId, issuedAt: now, expiresAt } });
  await recordEvent(tx, {
    shop: reward.shop,
    type: "reward_issued",
    rewardId: reward.id,
    referralId: reward.referralId,
    advocateId: reward.advocateId,
    fromState: "issuing",
    toState: "issued",
    reason: discountId ? `Discount code ${reward.code} created in Shopify.` : "Store credit added in Shopify.",
  });
  await tx.advocate.update({
    where: { id: reward.advocateId },
    data: { earnedMinor: { increment: reward.amountMinor } },
  });
  await bumpDailyStat(tx, reward.shop, now, { rewardsIssued: 1, rewardCostMinor: reward.amountMinor });
  await enqueueTask(tx, reward.shop, {
    kind: "flow_reward_issued",
    key: `flow_reward_issued:${reward.id}`,
    payload: { rewardId: reward.id },
  });
  if (settings) await enqueueRewardIssuedEmails(tx, settings, { ...reward, expiresAt }, now);
}

/**
 * A code was created for a reward voided (refund, ban) while it was being issued: it is
 * taken back out of use.
 */
export async function rewardCodeMadeAfterVoidIn(tx: Tx, reward: Reward, discountId: string | null) {
  const current = await tx.reward.findUniqueOrThrow({ where: { id: reward.id } });
  if (current.state !== "voided" || !discountId) return;
  await tx.reward.update({ where: { id: reward.id }, data: { discountId } });
  // rerun: a deactivation queued at the void may have run already without the id.
  await enqueueTask(tx, reward.shop, {
    kind: "deactivate_reward_code",
    key: `deactivate:${reward.id}`,
    payload: { rewardId: reward.id },
    rerun: true,
  });
}

/**
 * issuing -> failed / held / parked: the ledger entry of an attempt that ended without a
 * code, in the worker's transaction once it has settled the job.
 */
export async function rewardStoppedIn(tx: Tx, reward: Reward, to: "failed" | "held" | "parked", reason: string) {
  const type = ({ failed: "reward_failed", held: "reward_held", parked: "reward_parked" } as const)[to];
  await recordEvent(tx, {
    shop: reward.shop,
    type,
    rewardId: reward.id,
    advocateId: reward.advocateId,
    fromState: "issuing",
    toState: to,
    reason,
  });
}

async function findReward(shop: string, rewardId: string) {
  const reward = await db.reward.findFirst({ where: { id: rewardId, shop } });
  if (!reward) throw new NotFoundError("Reward");
  return reward;
}

/** A failed (or held) reward goes back to the queue with a fresh set of attempts. */
export async function retryReward(shop: string, rewardId: string, actor: string) {
  const reward = await findReward(shop, rewardId);
  if (reward.state !== "failed" && reward.state !== "held")
    throw new ConflictError(`Only failed or held rewards can be retried (this one is ${reward.state}).`);
  await db.$transaction(async (tx) => {
    const { count } = await tx.reward.updateMany({
      where: { id: reward.id, state: reward.state },
      data: { state: "pending", attempts: 0, nextAttemptAt: null, sendingAt: null, dueAt: new Date() },
    });
    if (!count) throw new ConflictError("The reward changed meanwhile; reload and try again.");
    await recordEvent(tx, {
      shop,
      type: "reward_retried",
      rewardId,
      advocateId: reward.advocateId,
      fromState: asState(REWARD_STATES, reward.state),
      toState: "pending",
      actor,
    });
  });
}

/**
 * Voids a reward. Not yet issued: it simply never is. Issued: its code is deactivated
 * in Shopify by the worker, unless the advocate already used it.
 */
export async function voidReward(shop: string, rewardId: string, actor: string, note = "Voided by staff") {
  const reward = await findReward(shop, rewardId);
  await db.$transaction(async (tx) => {
    if (!(await voidRewardIn(tx, reward, { cause: "staff", reason: note, actor })))
      throw new ConflictError("The reward changed meanwhile; reload and try again.");
  });
}

/** Why a reward is voided, for its ledger entry; the cause is kept on the reward. */
export interface VoidOrder {
  cause: VoidCause;
  reason: string;
  actor?: string;
}

/** The void of customers/redact: nobody can receive the reward any more. */
export const REDACTED_VOID: VoidOrder = {
  cause: "customer_redacted",
  reason: "The customer's personal data was erased (customers/redact); nobody can receive this reward.",
  actor: "shopify",
};

/**
 * The one way a reward is voided, in the caller's transaction: its ledger entry, the
 * advocate's earnings (an issued reward's amount comes off) and the Shopify side effect
 * (its code deactivated; a code still being created is looked for once that attempt can
 * no longer land). False when the reward changed since it was read (the caller decides).
 */
export async function voidRewardIn(tx: Tx, reward: Reward, order: VoidOrder): Promise<boolean> {
  const { cause, reason, actor = "system" } = order;
  if (reward.state === "voided") return true;
  if (!allows(REWARD_TRANSITIONS.void, reward.state))
    throw new ConflictError(`A ${reward.state} reward cannot be voided.`);
  if (reward.state === "issued" && reward.usedAt)
    throw new ConflictError("The reward code was already used; it cannot be voided.");
  const { count } = await tx.reward.updateMany({
    where: { id: reward.id, state: reward.state },
    data: { state: "voided", voidedAt: new Date(), voidCause: cause, leaseOwner: null },
  });
  if (!count) return false;
  await recordEvent(tx, {
    shop: reward.shop,
    type: "reward_voided",
    rewardId: reward.id,
    referralId: reward.referralId,
    advocateId: reward.advocateId,
    fromState: asState(REWARD_STATES, reward.state),
    toState: "voided",
    reason,
    actor,
  });
  if (reward.state === "issued") {
    // No longer spent (referrals/figures: rewardSpendOf), on the day it was issued.
    await tx.advocate.update({
      where: { id: reward.advocateId },
      data: { earnedMinor: { decrement: reward.amountMinor } },
    });
    await bumpDailyStat(tx, reward.shop, reward.issuedAt ?? new Date(), {
      rewardsIssued: -1,
      rewardCostMinor: -reward.amountMinor,
    });
    if (reward.discountId)
      await enqueueTask(tx, reward.shop, {
        kind: "deactivate_reward_code",
        key: `deactivate:${reward.id}`,
        payload: { rewardId: reward.id },
      });
  } else if (reward.state === "issuing" && reward.rewardType !== "store_credit") {
    // An attempt is (or was, if its worker died) creating the code in Shopify. A live
    // worker deactivates what it made when it sees the void; a dead one cannot, so
    // look for the code once that attempt can no longer land: when its lease ends.
    await enqueueTask(tx, reward.shop, {
      kind: "deactivate_reward_code",
      key: `deactivate:${reward.id}`,
      payload: { rewardId: reward.id },
      notBefore: reward.leaseUntil ?? new Date(),
    });
  }
  return true;
}

/**
 * voided -> pending: the owner restores a reward that a ban voided before it was issued,
 * once the advocate is unbanned. It is issued as if never voided (due at its old date,
 * or at once if that passed), with a fresh set of attempts.
 */
export async function restoreRewardIn(tx: Tx, reward: Reward, actor: string): Promise<boolean> {
  if (reward.state !== "voided" || reward.voidCause !== "advocate_banned" || reward.issuedAt) return false;
  const { count } = await tx.reward.updateMany({
    where: { id: reward.id, state: "voided", voidCause: "advocate_banned" },
    data: { state: "pending", voidedAt: null, voidCause: null, attempts: 0, nextAttemptAt: null, lastError: null },
  });
  if (!count) return false;
  await recordEvent(tx, {
    shop: reward.shop,
    type: "reward_restored",
    rewardId: reward.id,
    referralId: reward.referralId,
    advocateId: reward.advocateId,
    fromState: "voided",
    toState: "pending",
    reason: "Restored after the advocate was unbanned.",
    actor,
  });
  return true;
}
