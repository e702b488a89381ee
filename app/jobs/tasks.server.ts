import db from "../db.server";
import { formatMinor } from "../lib/money";
import { assertNoUserErrors, type AdminApi, type UserError } from "../shopify/admin-client.server";
import { addRedeemCodes, syncFriendDiscount } from "../referrals/friend-discount.server";
import { getProgramSettings } from "../referrals/program-settings.server";
import { recordEvent } from "../referrals/ledger.server";
import type { OutboxTask } from "./outbox.server";

/** What each outbox task does in Shopify. Each is safe to run again after a crash. */

export const ADVOCATE_METAFIELD_SET = `#graphql
mutation AdvocateMetafieldSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id }
    userErrors { field message code }
  }
}`;

export const TAGS_ADD = `#graphql
mutation ReferralTagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { id }
    userErrors { field message }
  }
}`;

export const FLOW_TRIGGER = `#graphql
mutation ReferralFlowTrigger($handle: String!, $payload: JSON!) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors { field message }
  }
}`;

export const REWARD_CODE_USAGE = `#graphql
query RewardCodeUsage($id: ID!) {
  codeDiscountNode(id: $id) {
    id
    codeDiscount { ... on DiscountCodeBasic { asyncUsageCount status } }
  }
}`;

export const REWARD_CODE_DEACTIVATE = `#graphql
mutation RewardCodeDeactivate($id: ID!) {
  discountCodeDeactivate(id: $id) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

/** The app-owned customer metafield with the advocate's code and link, for themes and emails. */
export const METAFIELD_NAMESPACE = "$app";
export const METAFIELD_KEY = "referral";

export function referralLink(shop: string, code: string) {
  return `https://${shop}/apps/referrals/r/${encodeURIComponent(code)}`;
}

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
        const pending = await db.advocate.findMany({ where: { shop, codeSyncedAt: null }, select: { id: true, code: true }, take: 250, orderBy: { createdAt: "asc" } });
        if (pending.length === 0) return;
        await addRedeemCodes(admin, settings.friendDiscountId, pending.map((a) => a.code));
        await db.advocate.updateMany({ where: { id: { in: pending.map((a) => a.id) } }, data: { codeSyncedAt: new Date() } });
      }
    }
    case "advocate_metafield": {
      const advocate = await db.advocate.findFirst({ where: { id: payload.advocateId, shop } });
      if (!advocate) return;
      const data = await admin.request<{ metafieldsSet: { userErrors: UserError[] } }>(ADVOCATE_METAFIELD_SET, {
        metafields: [
          {
            ownerId: `gid://shopify/Customer/${advocate.customerId}`,
            namespace: METAFIELD_NAMESPACE,
            key: METAFIELD_KEY,
            type: "json",
            value: JSON.stringify({ code: advocate.code, link: referralLink(shop, advocate.code) }),
          },
        ],
      });
      assertNoUserErrors("metafieldsSet", data.metafieldsSet.userErrors);
      await db.advocate.update({ where: { id: advocate.id }, data: { metafieldSyncedAt: new Date() } });
      return;
    }
    case "tag_order":
    case "tag_customer": {
      const settings = await getProgramSettings(shop);
      const id = task.kind === "tag_order" ? `gid://shopify/Order/${payload.orderId}` : `gid://shopify/Customer/${payload.customerId}`;
      const tag = task.kind === "tag_order" ? settings.orderTag : settings.customerTag;
      const data = await admin.request<{ tagsAdd: { userErrors: UserError[] } }>(TAGS_ADD, { id, tags: [tag] });
      assertNoUserErrors("tagsAdd", data.tagsAdd.userErrors);
      return;
    }
    case "flow_referral_qualified":
    case "flow_reward_issued": {
      const body = await flowPayload(task.kind, shop, payload);
      if (!body) return;
      const data = await admin.request<{ flowTriggerReceive: { userErrors: UserError[] } }>(FLOW_TRIGGER, body);
      assertNoUserErrors("flowTriggerReceive", data.flowTriggerReceive.userErrors);
      return;
    }
    case "deactivate_reward_code": {
      const reward = await db.reward.findFirst({ where: { id: payload.rewardId, shop } });
      if (!reward?.discountId) return;
      const usage = await admin.request<{ codeDiscountNode: { codeDiscount: { asyncUsageCount?: number; status?: string } } | null }>(REWARD_CODE_USAGE, { id: reward.discountId });
      const used = (usage.codeDiscountNode?.codeDiscount.asyncUsageCount ?? 0) > 0;
      if (used) {
        await db.$transaction(async (tx) => {
          await tx.reward.update({ where: { id: reward.id }, data: { usedAt: reward.usedAt ?? new Date() } });
          await recordEvent(tx, { shop, type: "reward_code_kept", rewardId: reward.id, reason: "The code was used before it could be deactivated." });
        });
        return;
      }
      if (usage.codeDiscountNode && usage.codeDiscountNode.codeDiscount.status !== "EXPIRED") {
        const data = await admin.request<{ discountCodeDeactivate: { userErrors: UserError[] } }>(REWARD_CODE_DEACTIVATE, { id: reward.discountId });
        assertNoUserErrors("discountCodeDeactivate", data.discountCodeDeactivate.userErrors);
      }
      await db.$transaction((tx) => recordEvent(tx, { shop, type: "reward_code_deactivated", rewardId: reward.id, reason: `Code ${reward.code} deactivated in Shopify.` }));
      return;
    }
    default:
      throw new Error(`unknown task kind ${task.kind}`);
  }
}

/** Flow trigger handles match the flow_trigger extensions in extensions/. */
async function flowPayload(kind: string, shop: string, payload: Payload) {
  if (kind === "flow_referral_qualified") {
    const referral = await db.referral.findFirst({ where: { id: payload.referralId, shop }, include: { advocate: true } });
    if (!referral) return null;
    return {
      handle: "referral-qualified",
      payload: {
        customer_id: Number(referral.advocate.customerId),
        order_id: Number(referral.orderId),
        "Advocate customer ID": referral.advocate.customerId,
        "Friend customer ID": referral.friendCustomerId ?? "",
        "Referral code": referral.codeUsed,
        "Order subtotal": formatMinor(referral.subtotalMinor, referral.currencyCode),
        Currency: referral.currencyCode,
      },
    };
  }
  const reward = await db.reward.findFirst({ where: { id: payload.rewardId, shop }, include: { advocate: true } });
  if (!reward) return null;
  return {
    handle: "referral-reward-issued",
    payload: {
      customer_id: Number(reward.advocate.customerId),
      "Reward amount": formatMinor(reward.amountMinor, reward.currencyCode),
      "Reward code": reward.rewardType === "store_credit" ? "" : reward.code,
      Currency: reward.currencyCode,
      "Reward kind": reward.kind,
    },
  };
}
