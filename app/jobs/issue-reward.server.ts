import db from "../db.server";
import { formatMinor } from "../lib/money";
import {
  REDACTED_VOID,
  rewardCodeMadeAfterVoidIn,
  rewardIssuedIn,
  rewardStoppedIn,
  voidRewardIn,
  type IssuedRewardSettings,
  type Reward,
} from "../referrals/rewards.server";
import { AdminApiError, type AdminApi, type UserError } from "../shopify/admin-client.server";
import { createRewardCode, creditStoreCredit, findDiscountIdByCode } from "../shopify/discounts.server";
import { complete, failure as failureOf, park, rewards, settle, type Outcome } from "./queue.server";

/**
 * Reward issuance, the worker's side: a reward claimed from the job queue gets its code
 * (or store credit) in Shopify, and its job is settled -- issued, backed off, failed,
 * held or parked -- in the same transaction as the domain's record of it
 * (app/referrals/rewards.server.ts).
 */

const DAY_MS = 86_400_000;

const isCodeTaken = (errors: UserError[]) =>
  errors.some((e) => /unique|already|taken|exists/i.test(e.message) || e.code === "TAKEN");

/**
 * What issuing needs besides the reward, read by the worker once per batch rather than
 * once per reward: the advocate, and the shop's settings row (null: none).
 */
export interface IssueContext {
  advocate?: Awaited<ReturnType<typeof db.advocate.findUniqueOrThrow>>;
  settings?: Awaited<ReturnType<typeof db.programSettings.findUnique>>;
}

/**
 * Issues one claimed reward exactly once. The code is derived from the reward's id, so
 * if an earlier attempt created it and then crashed before recording it, Shopify's
 * "code must be unique" tells us, and we adopt the discount we made instead of making a
 * second one.
 */
export async function issueReward(admin: AdminApi, reward: Reward, now = new Date(), context: IssueContext = {}) {
  const advocate = context.advocate ?? (await db.advocate.findUniqueOrThrow({ where: { id: reward.advocateId } }));
  if (advocate.status === "redacted") {
    // customers/redact erased this customer (a held referral approved afterwards): nobody can receive it.
    await db.$transaction((tx) => voidRewardIn(tx, reward, REDACTED_VOID));
    return;
  }
  const settings =
    context.settings !== undefined
      ? context.settings
      : await db.programSettings.findUnique({ where: { shop: reward.shop } });
  const expiresAt = settings?.rewardExpiryDays ? new Date(now.getTime() + settings.rewardExpiryDays * DAY_MS) : null;
  const customerGid = `gid://shopify/Customer/${advocate.customerId}`;
  try {
    let discountId: string | null = null;
    if (reward.rewardType === "store_credit") {
      // Shopify's store credit has no idempotency key: an attempt whose outcome is
      // unknown (sendingAt still set) must not be repeated blindly, so it goes to the owner.
      if (reward.sendingAt) {
        await finish(reward, {
          to: "held",
          error: "An earlier attempt may have credited the customer; check their store credit, then approve or void.",
        });
        return;
      }
      await db.reward.updateMany({
        where: { id: reward.id, state: "issuing", leaseOwner: reward.leaseOwner },
        data: { sendingAt: now },
      });
      const errors = await creditStoreCredit(admin, customerGid, {
        creditAmount: {
          amount: formatMinor(reward.amountMinor, reward.currencyCode),
          currencyCode: reward.currencyCode,
        },
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        // Shopify's own email, unless the owner chose the app's "reward ready" email instead.
        notify: settings?.storeCreditShopifyNotify ?? true,
      });
      if (errors.length)
        throw new AdminApiError(
          `storeCreditAccountCredit: ${errors.map((e) => e.message).join("; ")}`,
          false,
          "graphql",
        );
    } else {
      const { codeDiscountNode, userErrors } = await createRewardCode(admin, {
        title: `Referral reward ${reward.code}`,
        code: reward.code,
        startsAt: now.toISOString(),
        ...(expiresAt ? { endsAt: expiresAt.toISOString() } : {}),
        usageLimit: 1,
        appliesOncePerCustomer: true,
        context: { customers: { add: [customerGid] } },
        customerGets: {
          value: {
            discountAmount: {
              amount: formatMinor(reward.amountMinor, reward.currencyCode),
              appliesOnEachItem: false,
            },
          },
          items: { all: true },
        },
        combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
      });
      if (codeDiscountNode) discountId = codeDiscountNode.id;
      else if (isCodeTaken(userErrors)) {
        discountId = await findDiscountIdByCode(admin, reward.code);
        if (!discountId)
          throw new AdminApiError("Shopify says the reward code exists but cannot find it", true, "server");
      } else {
        throw new AdminApiError(
          `discountCodeBasicCreate: ${userErrors.map((e) => e.message).join("; ")}`,
          false,
          "graphql",
        );
      }
    }
    await markIssued(reward, discountId, expiresAt, now, settings);
  } catch (error) {
    const failure =
      error instanceof AdminApiError
        ? error
        : new AdminApiError(error instanceof Error ? error.message : String(error), true, "network");
    if (failure.kind === "throttled" || failure.kind === "auth") {
      // Shopify proved it did nothing: a store credit may be sent again.
      await db.reward.updateMany({
        where: { id: reward.id, leaseOwner: reward.leaseOwner },
        data: { sendingAt: null },
      });
    }
    if (failure.kind === "auth") {
      // A revoked token: the shop's reinstall resumes it (see resumeShop).
      await parkReward(reward, failure.message);
      return;
    }
    await finish(reward, failureOf(rewards, reward, failure.message, failure.retryable));
  }
}

async function markIssued(
  reward: Reward,
  discountId: string | null,
  expiresAt: Date | null,
  now: Date,
  settings: IssuedRewardSettings | null,
) {
  await db.$transaction(async (tx) => {
    if (await complete(rewards, reward, null, tx))
      await rewardIssuedIn(tx, reward, { discountId, expiresAt, now, settings });
    // Voided (refund, ban) while we were issuing.
    else await rewardCodeMadeAfterVoidIn(tx, reward, discountId);
  });
}

/** A claimed reward's attempt ends without a code: backed off, failed or held (with its ledger entry). */
async function finish(reward: Reward, outcome: Outcome & { to: "retry" | "failed" | "held" }) {
  await db.$transaction(async (tx) => {
    if ((await settle(rewards, reward, outcome, tx)) && outcome.to !== "retry")
      await rewardStoppedIn(tx, reward, outcome.to, outcome.error);
  });
}

/**
 * Sets a claimed reward aside until its shop authenticates again (uninstalled, or its
 * token refused): parked, and the attempt is not spent.
 */
export async function parkReward(reward: Reward, note: string) {
  await db.$transaction(async (tx) => {
    if (await park(rewards, reward, note, tx)) await rewardStoppedIn(tx, reward, "parked", note);
  });
}
