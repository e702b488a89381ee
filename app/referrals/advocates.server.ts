import db, { type Tx } from "../db.server";
import { ConflictError, NotFoundError } from "../lib/errors";
import { isUniqueViolation } from "../lib/prisma-errors";
import { enqueueTask } from "../outbox.server";
import { log } from "../lib/log.server";
import type { AdminApi } from "../shopify/admin-client.server";
import { readCustomerIdentity, type CustomerIdentity } from "../shopify/customers.server";
import { REDACTED_ADVOCATE_STATUS } from "../privacy/privacy.server";
import { enqueueAdvocateEmail } from "../mail/enqueue.server";
import { generateAdvocateCode } from "./codes";
import { getProgramSettings } from "./program-settings.server";
import { BAN_VOIDED_REWARD_STATES } from "../states";
import { recordEvent } from "./ledger.server";
import { rejectReferralIn } from "./review.server";
import { restoreRewardIn, voidRewardIn } from "./rewards.server";

export type Advocate = Awaited<ReturnType<typeof db.advocate.findFirstOrThrow>>;

/** How a customer became an advocate, for the ledger. */
export type EnrollmentSource = "account_page" | "customer_account" | "thank_you" | "order" | "admin";

const SOURCE_TEXT: Record<EnrollmentSource, string> = {
  account_page: "the account page",
  customer_account: "the customer account",
  thank_you: "the thank-you page",
  order: "a paid order",
  admin: "the admin",
};

export interface EnrollOptions {
  via: EnrollmentSource;
  /**
   * The shop's Admin API, to read who the customer is before their code is made (the
   * code begins with the first name). Without it, or when Shopify fails, the advocate is
   * stored at once and the worker reads their identity afterwards.
   */
  admin?: () => Promise<AdminApi>;
}

/** How old an advocate's identity may grow before a view or an order reads it again. */
export const IDENTITY_REFRESH_MS = 86_400_000;

const findByCustomer = (shop: string, customerId: string) =>
  db.advocate.findUnique({ where: { shop_customerId: { shop, customerId } } });

/**
 * Makes a customer an advocate: the one way in, whatever the door (account page,
 * customer account, thank-you page, a paid order, the admin). Their first and last
 * name, email and locale come from the Admin API, and their code begins with the first
 * name in A-Z. Idempotent: the (shop, customerId) key means two simultaneous first
 * views, or duplicate order webhooks, end with one advocate and one code. The code is
 * then added to the friend discount and written to the customer's metafield by the
 * worker. An advocate already enrolled is returned as is; if their identity is older
 * than a day and an Admin API is at hand, the worker reads it again.
 */
export async function enrollAdvocate(shop: string, customerId: string, options: EnrollOptions): Promise<Advocate> {
  const existing = await findByCustomer(shop, customerId);
  if (existing) {
    if (options.admin && identityIsStale(existing)) await requestIdentityRead(shop, existing.id);
    return existing;
  }
  // Enrolment by order may send the welcome email (its own switch, off by default).
  const settings = options.via === "order" ? await getProgramSettings(shop) : null;
  let identity: CustomerIdentity | null = null;
  let identityReadAt: Date | null = null;
  if (options.admin) {
    try {
      identity = await readCustomerIdentity(await options.admin(), customerId);
      identityReadAt = new Date();
    } catch (error) {
      // Enrolment does not wait on Shopify: the worker reads the identity later.
      log.warn(
        `advocate identity for ${shop} not read at enrolment: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const advocate = await tx.advocate.create({
          data: {
            shop,
            customerId,
            code: generateAdvocateCode(identity?.firstName, identity?.locale),
            ...identityFields(identity),
            identityReadAt,
          },
        });
        await enqueueTask(tx, shop, { kind: "sync_redeem_codes", key: "sync_redeem_codes", payload: {}, rerun: true });
        await enqueueTask(tx, shop, {
          kind: "advocate_metafield",
          key: `advocate_metafield:${advocate.id}`,
          payload: { advocateId: advocate.id },
        });
        if (!identityReadAt) await enqueueIdentityRead(tx, shop, advocate.id);
        if (settings) await enqueueAdvocateEmail(tx, settings, "welcome", { advocateId: advocate.id });
        await recordEvent(tx, {
          shop,
          type: "advocate_enrolled",
          advocateId: advocate.id,
          toState: "active",
          reason: `Code ${advocate.code}, from ${SOURCE_TEXT[options.via]}.`,
        });
        return advocate;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either the customer was enrolled concurrently (use theirs) or the random code
      // collided with another advocate's (try a new one).
      const raced = await findByCustomer(shop, customerId);
      if (raced) return raced;
    }
  }
  throw new Error("could not allocate a unique advocate code");
}

function identityFields(identity: CustomerIdentity | null) {
  return {
    firstName: identity?.firstName ?? null,
    lastName: identity?.lastName ?? null,
    email: identity?.email ?? null,
    locale: identity?.locale ?? null,
  };
}

export function identityIsStale(advocate: Pick<Advocate, "identityReadAt" | "status">, now = new Date()) {
  if (advocate.status === REDACTED_ADVOCATE_STATUS) return false;
  return !advocate.identityReadAt || now.getTime() - advocate.identityReadAt.getTime() > IDENTITY_REFRESH_MS;
}

function enqueueIdentityRead(tx: Tx, shop: string, advocateId: string) {
  return enqueueTask(tx, shop, {
    kind: "advocate_identity",
    key: `advocate_identity:${advocateId}`,
    payload: { advocateId },
    rerun: true,
  });
}

/** Asks the worker to read the advocate's identity again, unless a read is already waiting. */
export async function requestIdentityRead(shop: string, advocateId: string) {
  const waiting = await db.outboxTask.findUnique({
    where: { shop_key: { shop, key: `advocate_identity:${advocateId}` } },
    select: { status: true },
  });
  if (waiting?.status === "pending") return;
  await db.$transaction((tx) => enqueueIdentityRead(tx, shop, advocateId));
}

/**
 * Reads the advocate's first and last name, email and locale from the Admin API and
 * stores them: how identities are filled in and kept in step with Shopify. The code is
 * left as it is (it may already be shared). Never writes to an advocate erased by
 * customers/redact meanwhile: the update matches the customer id it read.
 */
export async function refreshAdvocateIdentity(admin: AdminApi, shop: string, advocateId: string) {
  const advocate = await db.advocate.findFirst({ where: { id: advocateId, shop } });
  if (!advocate || advocate.status === REDACTED_ADVOCATE_STATUS) return null;
  const identity = await readCustomerIdentity(admin, advocate.customerId);
  // A customer Shopify no longer has keeps what the app last knew about them.
  const fields = identity ? identityFields(identity) : {};
  await db.advocate.updateMany({
    where: { id: advocate.id, customerId: advocate.customerId, status: { not: REDACTED_ADVOCATE_STATUS } },
    data: { ...fields, identityReadAt: new Date() },
  });
  return db.advocate.findFirst({ where: { id: advocate.id, status: { not: REDACTED_ADVOCATE_STATUS } } });
}

const BACKFILL_KEY = "advocate_identity_backfill";
const BACKFILL_BATCH = 50;
const neverRead = (shop?: string) => ({
  ...(shop ? { shop } : {}),
  identityReadAt: null,
  status: { not: REDACTED_ADVOCATE_STATUS },
});

/**
 * Queues the identity backfill for every shop with advocates never read from the Admin
 * API (advocates enrolled before identities were read, or while Shopify failed). The
 * worker runs it when it starts; a backfill already waiting is left as it is.
 */
export async function enqueueIdentityBackfills() {
  const shops = await db.advocate.groupBy({ by: ["shop"], where: neverRead() });
  for (const { shop } of shops) {
    const waiting = await db.outboxTask.findUnique({
      where: { shop_key: { shop, key: BACKFILL_KEY } },
      select: { status: true },
    });
    if (waiting?.status === "pending") continue;
    await db.$transaction((tx) =>
      enqueueTask(tx, shop, { kind: BACKFILL_KEY, key: BACKFILL_KEY, payload: {}, rerun: true }),
    );
  }
  return shops.length;
}

/**
 * One batch of the backfill: reads up to 50 advocates' identities, one Admin API call
 * each through the shop's rate-limited client. While more remain, the task re-arms
 * itself, so a large shop is filled in step by step without holding the worker.
 */
export async function backfillAdvocateIdentities(admin: AdminApi, shop: string) {
  const batch = await db.advocate.findMany({
    where: neverRead(shop),
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: BACKFILL_BATCH,
  });
  for (const { id } of batch) await refreshAdvocateIdentity(admin, shop, id);
  if (batch.length === BACKFILL_BATCH && (await db.advocate.count({ where: neverRead(shop) })) > 0)
    await db.$transaction((tx) =>
      enqueueTask(tx, shop, { kind: BACKFILL_KEY, key: BACKFILL_KEY, payload: {}, rerun: true }),
    );
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
