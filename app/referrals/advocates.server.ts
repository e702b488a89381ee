import db, { type Tx } from "../db.server";
import { REWARD_STATES, asState } from "../states";
import { ConflictError, NotFoundError } from "../lib/errors";
import { isUniqueViolation } from "../lib/prisma-errors";
import { enqueueTask } from "../jobs/outbox.server";
import { generateAdvocateCode } from "./codes";
import { recordEvent } from "./ledger.server";

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
 * Bans an advocate: their held referrals are rejected and every reward not yet issued
 * is voided. Issued codes stay: they were earned before the ban.
 */
export async function banAdvocate(shop: string, advocateId: string, actor: string) {
  const advocate = await findAdvocate(shop, advocateId);
  if (advocate.status === "banned") throw new ConflictError("The advocate is already banned.");
  if (advocate.status === "redacted")
    throw new ConflictError("The advocate's data was erased at Shopify's request; their code no longer works.");
  await db.$transaction(async (tx) => {
    await tx.advocate.update({ where: { id: advocate.id }, data: { status: "banned", codeSyncedAt: null } });
    await recordEvent(tx, { shop, type: "advocate_banned", advocateId, fromState: "active", toState: "banned", actor });
    // Friends must not keep getting the welcome discount with a banned advocate's code.
    await enqueueAdvocateCodeInStep(tx, shop, advocate.id);
    const held = await tx.referral.findMany({ where: { shop, advocateId, status: "held" }, select: { id: true } });
    for (const r of held) {
      await tx.referral.update({ where: { id: r.id }, data: { status: "rejected", decidedAt: new Date() } });
      await recordEvent(tx, {
        shop,
        type: "referral_rejected",
        referralId: r.id,
        advocateId,
        fromState: "held",
        toState: "rejected",
        reason: "Advocate banned",
        actor,
      });
    }
    const open = await tx.reward.findMany({
      where: { shop, advocateId, state: { in: ["pending", "held", "failed", "parked"] } },
      select: { id: true, state: true },
    });
    for (const reward of open) {
      const { count } = await tx.reward.updateMany({
        where: { id: reward.id, state: reward.state },
        data: { state: "voided", voidedAt: new Date() },
      });
      if (count)
        await recordEvent(tx, {
          shop,
          type: "reward_voided",
          rewardId: reward.id,
          advocateId,
          fromState: asState(REWARD_STATES, reward.state),
          toState: "voided",
          reason: "Advocate banned",
          actor,
        });
    }
  });
}

export async function unbanAdvocate(shop: string, advocateId: string, actor: string) {
  const advocate = await findAdvocate(shop, advocateId);
  if (advocate.status !== "banned") throw new ConflictError("The advocate is not banned.");
  await db.$transaction(async (tx) => {
    await tx.advocate.update({ where: { id: advocate.id }, data: { status: "active" } });
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
}
