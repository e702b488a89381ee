import db from "../db.server";
import { formatMinor } from "../lib/money";
import { AdminApiError, assertNoUserErrors, type AdminApi, type UserError } from "../shopify/admin-client.server";
import { backfillAdvocateIdentities, refreshAdvocateIdentity } from "../referrals/advocates.server";
import { addRedeemCodes, syncFriendDiscount } from "../referrals/friend-discount.server";
import { getProgramSettings } from "../referrals/program-settings.server";
import { recordEvent } from "../referrals/ledger.server";
import { referralLink } from "../referrals/links";
import { addTags, receiveFlowTrigger, setMetafields } from "../shopify/automation.server";
import {
  deactivateRewardCode,
  findDiscountIdByCode,
  readCodeUsage,
  removeRedeemCodes,
} from "../shopify/discounts.server";
import { sendAdvocateEmail } from "../mail/emails.server";
import { EMAIL_TASK_KIND } from "../mail/enqueue.server";
import type { OutboxTask } from "../outbox.server";

/** What each outbox task does in Shopify. Each is safe to run again after a crash. */

/** The app-owned customer metafield with the advocate's code and link, for themes and emails. */
export const METAFIELD_NAMESPACE = "$app";
export const METAFIELD_KEY = "referral";

type Payload = Record<string, string>;

export async function runTask(admin: AdminApi, task: OutboxTask): Promise<void> {
  const payload = JSON.parse(task.payload) as Payload;
  const shop = task.shop;
  switch (task.kind) {
    case "sync_friend_discount":
      await syncFriendDiscount(admin, shop);
      return;
    case "sync_redeem_codes": {
      const settings = await getProgramSettings(shop);
      if (!settings.friendDiscountId) return; // added once the discount exists (see syncFriendDiscount)
      for (;;) {
        const pending = await db.advocate.findMany({
          where: { shop, codeSyncedAt: null, status: "active" },
          select: { id: true, code: true },
          take: 250,
          orderBy: { createdAt: "asc" },
        });
        if (pending.length === 0) return;
        await addRedeemCodes(
          admin,
          settings.friendDiscountId,
          pending.map((a) => a.code),
        );
        await db.advocate.updateMany({
          where: { id: { in: pending.map((a) => a.id) } },
          data: { codeSyncedAt: new Date() },
        });
      }
    }
    case "advocate_metafield": {
      const advocate = await db.advocate.findFirst({ where: { id: payload.advocateId, shop } });
      if (!advocate) return;
      const userErrors = await setMetafields(admin, [
        {
          ownerId: `gid://shopify/Customer/${advocate.customerId}`,
          namespace: METAFIELD_NAMESPACE,
          key: METAFIELD_KEY,
          type: "json",
          value: JSON.stringify({ code: advocate.code, link: referralLink(shop, advocate.code) }),
        },
      ]);
      assertNoUserErrors("metafieldsSet", userErrors);
      await db.advocate.update({ where: { id: advocate.id }, data: { metafieldSyncedAt: new Date() } });
      return;
    }
    case "advocate_identity":
      await refreshAdvocateIdentity(admin, shop, payload.advocateId);
      return;
    case "advocate_identity_backfill":
      await backfillAdvocateIdentities(admin, shop);
      return;
    case "tag_order":
    case "tag_customer": {
      const settings = await getProgramSettings(shop);
      const id =
        task.kind === "tag_order"
          ? `gid://shopify/Order/${payload.orderId}`
          : `gid://shopify/Customer/${payload.customerId}`;
      const tag = task.kind === "tag_order" ? settings.orderTag : settings.customerTag;
      assertNoUserErrors("tagsAdd", await addTags(admin, id, [tag]));
      return;
    }
    case "flow_referral_qualified":
    case "flow_reward_issued": {
      const trigger =
        task.kind === "flow_referral_qualified"
          ? await referralQualifiedTrigger(shop, payload.referralId)
          : await rewardIssuedTrigger(shop, payload.rewardId);
      if (!trigger) return;
      await sendFlowTrigger(admin, task, trigger);
      return;
    }
    case "deactivate_reward_code": {
      let reward = await db.reward.findFirst({ where: { id: payload.rewardId, shop } });
      if (!reward) return;
      if (!reward.discountId) {
        // Voided mid-issue by a worker that died: Shopify may hold the code it asked for.
        if (reward.rewardType === "store_credit") return;
        const found = await findDiscountIdByCode(admin, reward.code);
        if (!found) return;
        reward = await db.reward.update({ where: { id: reward.id }, data: { discountId: found } });
      }
      if (!reward.discountId) return;
      const usage = await readCodeUsage(admin, reward.discountId);
      const used = (usage?.asyncUsageCount ?? 0) > 0;
      if (used) {
        await db.$transaction(async (tx) => {
          await tx.reward.update({ where: { id: reward.id }, data: { usedAt: reward.usedAt ?? new Date() } });
          await recordEvent(tx, {
            shop,
            type: "reward_code_used_before_deactivation",
            rewardId: reward.id,
            reason: "The code was used before it could be deactivated.",
          });
        });
        return;
      }
      if (usage && usage.status !== "EXPIRED")
        assertNoUserErrors("discountCodeDeactivate", await deactivateRewardCode(admin, reward.discountId));
      await db.$transaction((tx) =>
        recordEvent(tx, {
          shop,
          type: "reward_code_deactivated",
          rewardId: reward.id,
          reason: `Code ${reward.code} deactivated in Shopify.`,
        }),
      );
      return;
    }
    case "advocate_code_in_step": {
      const settings = await getProgramSettings(shop);
      const advocate = await db.advocate.findFirst({
        where: { id: payload.advocateId, shop },
        select: { id: true, code: true, status: true },
      });
      if (!settings.friendDiscountId || !advocate) return;
      if (advocate.status === "active") {
        // Adding a code the discount already has is harmless: the bulk job skips it.
        await addRedeemCodes(admin, settings.friendDiscountId, [advocate.code]);
        await db.advocate.updateMany({
          where: { id: advocate.id, status: "active" },
          data: { codeSyncedAt: new Date() },
        });
      } else if (advocate.status === "banned") {
        await removeRedeemCode(admin, settings.friendDiscountId, advocate.code);
      }
      return;
    }
    case EMAIL_TASK_KIND:
      await sendAdvocateEmail(admin, task);
      return;
    case "remove_redeem_code": {
      // customers/redact: the erased advocate's old code leaves the friend discount, then
      // leaves this task too (the payload was the last place the app kept it).
      if (!payload.discountId || !payload.code) return;
      await removeRedeemCode(admin, payload.discountId, payload.code);
      await db.outboxTask.update({ where: { id: task.id }, data: { payload: "{}" } });
      return;
    }
    default:
      throw new Error(`unknown task kind ${task.kind}`);
  }
}

/** Takes one redeem code off the friend discount (a no-op when it is not there). */
async function removeRedeemCode(admin: AdminApi, discountId: string, code: string) {
  const errors = await removeRedeemCodes(admin, discountId, `code:'${code.replace(/'/g, "")}'`);
  // The discount itself is gone: so is the code.
  if (!errors.every((e) => /does not exist/i.test(e.message)))
    assertNoUserErrors("discountCodeRedeemCodeBulkDelete", errors);
}

/**
 * Shopify Flow triggers, one per flow_trigger extension in extensions/. Each payload
 * uses exactly the keys its extension's shopify.extension.toml declares (a reference
 * field is keyed customer_id / order_id by Flow); tests/automation checks they agree.
 */
export const FLOW_TRIGGER_HANDLES = {
  referralQualified: "referral-qualified",
  rewardIssued: "referral-reward-issued",
} as const;

export interface FlowTrigger {
  handle: string;
  payload: Record<string, string | number>;
}

/** A number_decimal field: the exact decimal string of the amount as a JSON number. */
function decimalField(minor: number, currency: string): number {
  return Number(formatMinor(minor, currency));
}

/** A numeric Shopify id (customer_id, order_id reference fields take the legacy id). */
function legacyId(id: string): number {
  return Number(id);
}

export function referralQualifiedPayload(r: {
  advocateCustomerId: string;
  friendCustomerId: string | null;
  orderId: string;
  codeUsed: string;
  subtotalMinor: number;
  rewardMinor: number;
  currencyCode: string;
}): FlowTrigger {
  return {
    handle: FLOW_TRIGGER_HANDLES.referralQualified,
    payload: {
      customer_id: legacyId(r.advocateCustomerId),
      order_id: legacyId(r.orderId),
      "Advocate customer ID": r.advocateCustomerId,
      "Friend customer ID": r.friendCustomerId ?? "",
      "Referral code": r.codeUsed,
      "Order subtotal": decimalField(r.subtotalMinor, r.currencyCode),
      "Reward amount": decimalField(r.rewardMinor, r.currencyCode),
      Currency: r.currencyCode,
    },
  };
}

export function rewardIssuedPayload(r: {
  advocateCustomerId: string;
  friendCustomerId: string | null;
  orderId: string | null;
  amountMinor: number;
  code: string | null;
  kind: string;
  rewardType: string;
  currencyCode: string;
}): FlowTrigger {
  return {
    handle: FLOW_TRIGGER_HANDLES.rewardIssued,
    payload: {
      customer_id: legacyId(r.advocateCustomerId),
      "Advocate customer ID": r.advocateCustomerId,
      "Friend customer ID": r.friendCustomerId ?? "",
      "Referred order ID": r.orderId ?? "",
      "Reward amount": decimalField(r.amountMinor, r.currencyCode),
      "Reward code": r.code ?? "",
      "Reward kind": r.kind,
      "Reward type": r.rewardType,
      Currency: r.currencyCode,
    },
  };
}

async function referralQualifiedTrigger(shop: string, referralId: string): Promise<FlowTrigger | null> {
  const referral = await db.referral.findFirst({ where: { id: referralId, shop }, include: { advocate: true } });
  if (!referral) return null;
  const reward = await db.reward.findFirst({
    where: { shop, referralId, kind: "referral" },
    select: { amountMinor: true },
  });
  return referralQualifiedPayload({
    advocateCustomerId: referral.advocate.customerId,
    friendCustomerId: referral.friendCustomerId,
    orderId: referral.orderId,
    codeUsed: referral.codeUsed,
    subtotalMinor: referral.subtotalMinor,
    rewardMinor: reward?.amountMinor ?? 0,
    currencyCode: referral.currencyCode,
  });
}

async function rewardIssuedTrigger(shop: string, rewardId: string): Promise<FlowTrigger | null> {
  const reward = await db.reward.findFirst({
    where: { id: rewardId, shop },
    include: { advocate: true, referral: true },
  });
  if (!reward) return null;
  return rewardIssuedPayload({
    advocateCustomerId: reward.advocate.customerId,
    friendCustomerId: reward.referral?.friendCustomerId ?? null,
    orderId: reward.referral?.orderId ?? null,
    amountMinor: reward.amountMinor,
    code: reward.rewardType === "store_credit" ? null : reward.code,
    kind: reward.kind,
    rewardType: reward.rewardType,
    currencyCode: reward.currencyCode,
  });
}

/**
 * Sends a trigger at most once. flowTriggerReceive has no idempotency key, so a trigger
 * is sent again only when Shopify proved it did not run it (throttling). After an
 * unknown outcome (5xx, timeout, dropped connection, or a worker that died mid-send)
 * the task fails for good instead: a missed trigger is visible in the outbox, while a
 * second one would run the merchant's workflow (emails, tags, rewards) twice.
 */
async function sendFlowTrigger(admin: AdminApi, task: OutboxTask, trigger: FlowTrigger) {
  // sendingAt is written before a trigger is sent, so a run that died mid-send is recognised.
  if (task.sendingAt) {
    throw new AdminApiError(
      "flowTriggerReceive: an earlier attempt was interrupted while sending; not sent again so the workflow cannot run twice",
      false,
      "network",
    );
  }
  await db.outboxTask.updateMany({
    where: { id: task.id, leaseOwner: task.leaseOwner },
    data: { sendingAt: new Date() },
  });
  let userErrors: UserError[];
  try {
    userErrors = await receiveFlowTrigger(admin, trigger.handle, trigger.payload);
  } catch (error) {
    if (error instanceof AdminApiError && (error.kind === "throttled" || error.kind === "auth")) {
      // Shopify proved it did not run the trigger: a later attempt may send it.
      await db.outboxTask.updateMany({
        where: { id: task.id, leaseOwner: task.leaseOwner },
        data: { sendingAt: null },
      });
    } else if (error instanceof AdminApiError && error.retryable) {
      throw new AdminApiError(
        `flowTriggerReceive: ${error.message}; outcome unknown, not sent again so the workflow cannot run twice`,
        false,
        error.kind,
      );
    }
    throw error;
  }
  assertNoUserErrors("flowTriggerReceive", userErrors);
}
