// The owner's review of held referrals: approve or reject, each one transition with its
// ledger entry and counters, used by the review page, the bulk actions and a ban.
import db, { type Tx } from "../db.server";
import { ConflictError, NotFoundError } from "../lib/errors";
import { applyReferralFigures, recordEvent } from "./ledger.server";
import { enqueueReferralTags, qualifyIfReady, type Referral } from "./order-events.server";
import { getProgramSettings } from "./program-settings.server";

async function findHeld(shop: string, referralId: string) {
  const referral = await db.referral.findFirst({ where: { id: referralId, shop } });
  if (!referral) throw new NotFoundError("Referral");
  if (referral.status !== "held")
    throw new ConflictError(`Only held referrals can be reviewed (this one is ${referral.status}).`);
  return referral;
}

/** The owner accepts a held referral; if its order is paid, its rewards follow at once. */
export async function approveReferral(shop: string, referralId: string, actor: string) {
  const referral = await findHeld(shop, referralId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.referral.updateMany({
      where: { id: referralId, status: "held" },
      data: { status: "accepted", decidedAt: new Date() },
    });
    if (!count) throw new ConflictError("The referral changed meanwhile; reload and try again.");
    await recordEvent(tx, {
      shop,
      type: "referral_approved",
      referralId,
      advocateId: referral.advocateId,
      fromState: "held",
      toState: "accepted",
      reason: "Approved after review.",
      actor,
    });
    await applyReferralFigures(tx, referral, referral, { ...referral, status: "accepted" });
    await enqueueReferralTags(tx, referral);
  });
  await qualifyIfReady(await getProgramSettings(shop), referralId);
}

/** The owner rejects a held referral: it never earns a reward. */
export async function rejectReferral(shop: string, referralId: string, actor: string, note = "Rejected after review.") {
  const referral = await findHeld(shop, referralId);
  await db.$transaction(async (tx) => {
    if (!(await rejectReferralIn(tx, referral, { reason: note, actor })))
      throw new ConflictError("The referral changed meanwhile; reload and try again.");
  });
}

/**
 * held -> rejected, in the caller's transaction (a review, or a ban of the advocate): its
 * ledger entry, and the counts the referral had added come off again (the advocate's
 * referred friends, the day's held referrals and referred revenue). False when the
 * referral is no longer held.
 */
export async function rejectReferralIn(
  tx: Tx,
  referral: Pick<Referral, "id" | "shop" | "advocateId" | "orderCreatedAt" | "subtotalMinor" | "refundedMinor">,
  order: { reason: string; actor: string },
): Promise<boolean> {
  const { count } = await tx.referral.updateMany({
    where: { id: referral.id, status: "held" },
    data: { status: "rejected", decidedAt: new Date() },
  });
  if (!count) return false;
  await recordEvent(tx, {
    shop: referral.shop,
    type: "referral_rejected",
    referralId: referral.id,
    advocateId: referral.advocateId,
    fromState: "held",
    toState: "rejected",
    reason: order.reason.slice(0, 500),
    actor: order.actor,
  });
  await applyReferralFigures(tx, referral, { ...referral, status: "held" }, { ...referral, status: "rejected" });
  return true;
}
