import db, { type Tx } from "../db.server";
import { ConflictError, NotFoundError } from "../lib/errors";
import { isUniqueViolation } from "../lib/prisma-errors";
import { enqueueTask } from "../jobs/outbox.server";
import { generateAdvocateCode } from "./codes";
import { BAN_VOIDED_REWARD_STATES } from "../states";
import { recordEvent } from "./ledger.server";
import { rejectReferralIn } from "./review.server";
import { restoreRewardIn, voidRewardIn } from "./rewards.server";

export interface CustomerIdentity {
  customerId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export type Advocate = Awaited<ReturnType<typeof db.advocate.findFirstOrThrow>>;

/**
 * Gives a customer their personal code the first time they need one (the storefront
 * block, an order, an admin action). Idempotent: the (shop, customerId) key means two
 * simultaneous first views end with one advocate and one code. The code is then added
 * to the friend discount and written to the customer's metafield by the worker.
 */
export async function enrollAdvocate(shop: string, customer: CustomerIdentity): Promise<Advocate> {
  const existing = await db.advocate.findUnique({
    where: { shop_customerId: { shop, customerId: customer.customerId } },
  });
  if (existing) return existing;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const advocate = await tx.advocate.create({
          data: {
            shop,
            customerId: customer.customerId,
            code: generateAdvocateCode(customer.firstName),
            email: customer.email?.toLowerCase() ?? null,
            firstName: customer.firstName ?? null,
            lastName: customer.lastName ?? null,
          },
        });
        await enqueueTask(tx, shop, { kind: "sync_redeem_codes", key: "sync_redeem_codes", payload: {}, rerun: true });
        await enqueueTask(tx, shop, {
          kind: "advocate_metafield",
          key: `advocate_metafield:${advocate.id}`,
          payload: { advocateId: advocate.id },
        });
        await recordEvent(tx, {
          shop,
          type: "advocate_enrolled",
          advocateId: advocate.id,
          toState: "active",
          reason: `Code ${advocate.code}`,
        });
        return advocate;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either the customer was enrolled concurrently (use theirs) or the random code
      // collided with another advocate's (try a new one).
      const raced = await db.advocate.findUnique({
        where: { shop_customerId: { shop, customerId: customer.customerId } },
      });
      if (raced) return raced;
    }
  }
  throw new Error("could not allocate a unique advocate code");
}

async function findAdvocate(shop: string, advocateId: string) {
  const advocate = await db.advocate.findFirst({ where: { id: advocateId, shop } });
  if (!advocate) throw new NotFoundError("Advocate");
  return advocate;
}

/**
 * One task per advocate that brings their code on the friend discount in step with their
 * status when it runs (present while active, absent while banned). Re-armed on every
 * change, so a ban and an unban in quick succession end in the latest state.
 */
function enqueueAdvocateCodeInStep(tx: Tx, shop: string, advocateId: string) {
  return enqueueTask(tx, shop, {
    kind: "advocate_code_in_step",
    key: `advocate_code:${advocateId}`,
    payload: { advocateId },
    rerun: true,
  });
}

/**
 * Bans an advocate: their held referrals are rejected (through the same transition as a
 * review, so counts and daily figures drop alike) and every reward not yet issued is
 * voided (cause "advocate_banned", so an unban can offer them back). Issued codes stay:
 * they were earned before the ban; so does a reward being issued right now.
 */
export async function banAdvocate(shop: string, advocateId: string, actor: string) {
  const advocate = await findAdvocate(shop, advocateId);
  if (advocate.status === "banned") throw new ConflictError("The advocate is already banned.");
  if (advocate.status === "redacted")
    throw new ConflictError("The advocate's data was erased at Shopify's request; their code no longer works.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.advocate.updateMany({
      where: { id: advocate.id, status: "active" },
      data: { status: "banned", codeSyncedAt: null },
    });
    if (!count) throw new ConflictError("The advocate changed meanwhile; reload and try again.");
    await recordEvent(tx, { shop, type: "advocate_banned", advocateId, fromState: "active", toState: "banned", actor });
    // Friends must not keep getting the welcome discount with a banned advocate's code.
    await enqueueAdvocateCodeInStep(tx, shop, advocate.id);
    const held = await tx.referral.findMany({ where: { shop, advocateId, status: "held" } });
    for (const referral of held) await rejectReferralIn(tx, referral, { reason: "Advocate banned", actor });
    const open = await tx.reward.findMany({
      where: { shop, advocateId, state: { in: [...BAN_VOIDED_REWARD_STATES] } },
    });
    for (const reward of open)
      await voidRewardIn(tx, reward, { cause: "advocate_banned", reason: "Advocate banned", actor });
  });
}

export async function unbanAdvocate(shop: string, advocateId: string, actor: string) {
  const advocate = await findAdvocate(shop, advocateId);
  if (advocate.status !== "banned") throw new ConflictError("The advocate is not banned.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.advocate.updateMany({
      where: { id: advocate.id, status: "banned" },
      data: { status: "active" },
    });
    if (!count) throw new ConflictError("The advocate changed meanwhile; reload and try again.");
    await recordEvent(tx, {
      shop,
      type: "advocate_unbanned",
      advocateId,
      fromState: "banned",
      toState: "active",
      actor,
    });
    await enqueueAdvocateCodeInStep(tx, shop, advocate.id);
  });
  return banVoidedRewards(shop, advocateId);
}

/**
 * What a ban voided and an unban leaves voided: every reward voided by a ban and never
 * issued, and of those the ones that can be restored (their referral still stands).
 */
export async function banVoidedRewards(shop: string, advocateId: string) {
  const rewards = await db.reward.findMany({
    where: { shop, advocateId, state: "voided", voidCause: "advocate_banned", issuedAt: null },
    include: { referral: { select: { status: true } } },
  });
  const restorable = rewards.filter((r) => !r.referral || r.referral.status === "accepted");
  return {
    voided: rewards.length,
    restorable: restorable.length,
    restorableMinor: restorable.reduce((sum, r) => sum + r.amountMinor, 0),
  };
}

/**
 * The owner's confirmed choice after an unban: the rewards the ban voided are issued
 * after all (each through the restore transition). Only for an active advocate, and only
 * rewards whose referral was not voided or rejected since.
 */
export async function restoreBanVoidedRewards(shop: string, advocateId: string, actor: string): Promise<number> {
  const advocate = await findAdvocate(shop, advocateId);
  if (advocate.status !== "active") throw new ConflictError("Unban the advocate before restoring their rewards.");
  return db.$transaction(async (tx) => {
    const rewards = await tx.reward.findMany({
      where: { shop, advocateId, state: "voided", voidCause: "advocate_banned", issuedAt: null },
      include: { referral: { select: { status: true } } },
    });
    let restored = 0;
    for (const { referral, ...reward } of rewards) {
      if (referral && referral.status !== "accepted") continue;
      if (await restoreRewardIn(tx, reward, actor)) restored++;
    }
    return restored;
  });
}
