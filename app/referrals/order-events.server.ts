import db, { type Tx } from "../db.server";
import { REFERRAL_STATUSES, asState } from "../states";
import { isUniqueViolation } from "../lib/prisma-errors";
import { enqueueTask } from "../outbox.server";
import { enqueueAdvocateEmail } from "../mail/enqueue.server";
import type { AdminApi } from "../shopify/admin-client.server";
import { readOrderHistory, type CustomerOrderHistory } from "../shopify/customers.server";
import { REDACTED_ADVOCATE_STATUS } from "../privacy/privacy.server";
import { enrollAdvocate, refreshAdvocateIdentity } from "./advocates.server";
import { decideAttribution } from "./attribution";
import { applyReferralFigures, recordEvent } from "./ledger.server";
import { isPaid, readOrder, readRefund, refundedTotal, type OrderFacts } from "./order-payload";
import type { ProgramSettings } from "./program-settings";
import { getProgramSettings } from "./program-settings.server";
import { createRewardsForQualifiedReferral, voidRewardIn, type Reward } from "./rewards.server";
import { recordTierChange } from "./tiers.server";
import { hashIp } from "./secrets.server";

/**
 * Turns order webhooks into referrals and rewards.
 *
 * Which order webhook to trust: both orders/create and orders/paid carry the whole order,
 * and either may arrive first, twice, or not at all. Attribution happens on whichever
 * arrives first (the Referral row is unique per order, so later ones change nothing).
 * The reward, though, starts only once the order is paid (financial_status "paid" on
 * either payload, or orders/paid itself), so an unpaid order (bank transfer, cash on
 * delivery) never earns one. Cancellation and refunds are recomputed from every such
 * delivery recorded for the order, so their order of arrival does not matter either.
 */

export type Delivery = Awaited<ReturnType<typeof db.webhookDelivery.findFirstOrThrow>>;
export type Referral = Awaited<ReturnType<typeof db.referral.findFirstOrThrow>>;

/**
 * numberOfOrders is the customer's lifetime count; the orders connection, without the
 * read_all_orders scope, lists only the last 60 days, so it is read only to take this
 * order (and any placed after it) out of that count.
 */
const HOUR_MS = 3_600_000;

export async function processOrderDelivery(delivery: Delivery, admin: () => Promise<AdminApi>) {
  const settings = await getProgramSettings(delivery.shop);
  const payload = JSON.parse(delivery.payload) as unknown;
  switch (delivery.topic) {
    case "ORDERS_CREATE":
    case "ORDERS_PAID": {
      const order = readOrder(payload, settings.currencyCode);
      if (!order) return "unreadable order payload";
      await markRewardCodesUsed(delivery.shop, order);
      const paid = delivery.topic === "ORDERS_PAID" || isPaid(order.financialStatus);
      let referral = await db.referral.findUnique({
        where: { shop_orderId: { shop: delivery.shop, orderId: order.orderId } },
      });
      if (!referral) referral = await attribute(settings, order, admin);
      if (referral) {
        if (paid) await markPaid(referral);
        await reconcileOrderOutcome(settings, referral.id);
        await qualifyIfReady(settings, referral.id);
      }
      const enrolled = paid ? await enrollBuyer(settings, order, admin) : false;
      const note = referral ? `referral ${referral.status}` : "no referral code on the order";
      return enrolled ? `${note}; buyer is an advocate` : note;
    }
    case "ORDERS_CANCELLED":
    case "REFUNDS_CREATE": {
      const orderId =
        delivery.topic === "REFUNDS_CREATE"
          ? readRefund(payload, settings.currencyCode)?.orderId
          : readOrder(payload, settings.currencyCode)?.orderId;
      if (!orderId) return "unreadable payload";
      const referral = await db.referral.findUnique({ where: { shop_orderId: { shop: delivery.shop, orderId } } });
      // No referral yet: if the order's create arrives later, it will see this delivery.
      if (!referral) return "no referral for the order (yet)";
      await reconcileOrderOutcome(settings, referral.id);
      return "reconciled";
    }
    default:
      return `topic ${delivery.topic} is not an order event`;
  }
}

/**
 * Auto-enrolment: with the setting on, a customer's paid order makes them an advocate
 * (their code on the friend discount and in their metafield) before they ever open the
 * account page. Guests without a customer record are skipped. enrollAdvocate is keyed
 * by customer, so duplicate and out-of-order deliveries enroll once.
 */
async function enrollBuyer(settings: ProgramSettings, order: OrderFacts, admin: () => Promise<AdminApi>) {
  const customerId = order.customer.customerId;
  if (!settings.enabled || !settings.autoEnroll || !customerId || order.cancelled) return false;
  await enrollAdvocate(settings.shop, customerId, { via: "order", admin });
  return true;
}

/** Matches the order's codes (or landing attribute) to an advocate and records the decision. */
async function attribute(
  settings: ProgramSettings,
  order: OrderFacts,
  admin: () => Promise<AdminApi>,
): Promise<Referral | null> {
  const shop = settings.shop;
  const candidates = [...order.codes, ...(order.landingCode ? [order.landingCode] : [])];
  if (candidates.length === 0) return null;
  const advocates = await db.advocate.findMany({ where: { shop, code: { in: candidates } } });
  // A code typed at checkout wins over a link clicked earlier.
  let advocate = candidates.map((c) => advocates.find((a) => a.code === c)).find(Boolean);
  if (!advocate) return null;
  // The self-referral rules compare emails and names: an advocate whose identity was
  // never read (Shopify failed at enrolment) is read now, before the decision.
  if (!advocate.identityReadAt && advocate.status !== REDACTED_ADVOCATE_STATUS)
    advocate = (await refreshAdvocateIdentity(await admin(), shop, advocate.id)) ?? advocate;
  const codeUsed = advocate.code;

  const friend = order.customer;
  const friendEmail = friend.email?.toLowerCase() ?? null;
  const ipHash = hashIp(shop, order.browserIp);
  // Burst windows are measured on the orders' own times, on both sides of this order:
  // webhooks arrive late and out of order, so when a referral row was written says
  // nothing, and a burst processed newest-first must still be seen as a burst.
  const around = (ms: number) => ({
    gte: new Date(order.createdAt.getTime() - ms),
    lte: new Date(order.createdAt.getTime() + ms),
  });
  const [friendHasEarlierOrders, earlierReferral, ordersFromSameIp, lastHour, lastDay] = await Promise.all([
    friend.customerId ? hasEarlierOrders(await admin(), friend.customerId, order) : Promise.resolve(false),
    friend.customerId || friendEmail
      ? db.referral.findFirst({
          where: {
            shop,
            status: { in: ["accepted", "held"] },
            OR: [
              ...(friend.customerId ? [{ friendCustomerId: friend.customerId }] : []),
              ...(friendEmail ? [{ friendEmail }] : []),
            ],
          },
          select: { id: true },
        })
      : Promise.resolve(null),
    ipHash ? db.referral.count({ where: { shop, ipHash, status: { not: "blocked" } } }) : Promise.resolve(0),
    db.referral.count({ where: { advocateId: advocate.id, orderCreatedAt: around(HOUR_MS) } }),
    db.referral.findMany({
      where: { advocateId: advocate.id, orderCreatedAt: around(24 * HOUR_MS) },
      select: { ipHash: true },
    }),
  ]);
  const { decision, reasons } = decideAttribution({
    programEnabled: settings.enabled,
    advocate: {
      customerId: advocate.customerId,
      email: advocate.email,
      firstName: advocate.firstName,
      lastName: advocate.lastName,
      status: advocate.status,
      code: advocate.code,
    },
    friend,
    orderCodes: order.codes,
    subtotalMinor: order.subtotalMinor,
    minimumSubtotalMinor: settings.minimumSubtotalMinor,
    friendHasEarlierOrders,
    friendAlreadyReferred: !!earlierReferral,
    ordersFromSameIp,
    advocateReferralsLastHour: lastHour,
    advocateReferralsLastDay: lastDay.length,
    distinctIpsLastDay: new Set(lastDay.map((r) => r.ipHash).filter(Boolean)).size,
  });

  try {
    return await db.$transaction(async (tx) => {
      const referral = await tx.referral.create({
        data: {
          shop,
          advocateId: advocate.id,
          orderId: order.orderId,
          orderName: order.orderName,
          orderCreatedAt: order.createdAt,
          codeUsed,
          friendCustomerId: friend.customerId,
          friendEmail,
          friendName: [friend.firstName, friend.lastName].filter(Boolean).join(" ") || null,
          ipHash,
          subtotalMinor: order.subtotalMinor,
          currencyCode: order.currency,
          status: decision,
          reasons: JSON.stringify(reasons),
        },
      });
      await recordEvent(tx, {
        shop,
        type: `referral_${decision}`,
        referralId: referral.id,
        advocateId: advocate.id,
        toState: decision,
        reason: reasons.length
          ? reasons.map((r) => r.detail).join(" ")
          : `Order ${order.orderName} used code ${codeUsed}.`,
      });
      await applyReferralFigures(tx, referral, null, referral);
      if (decision === "accepted") await enqueueReferralTags(tx, referral);
      return referral;
    });
  } catch (error) {
    // Another delivery of the same order (create and paid at once, or a retry) won.
    if (isUniqueViolation(error))
      return db.referral.findUnique({ where: { shop_orderId: { shop, orderId: order.orderId } } });
    throw error;
  }
}

/**
 * Tags the referred order and the friend in Shopify (names from the settings), once a
 * referral is accepted: at attribution, or when the owner approves a held one. Blocked
 * and rejected referrals are never tagged. Keyed per order and per customer, so
 * duplicate deliveries queue nothing more (and tagsAdd itself is idempotent).
 */
export async function enqueueReferralTags(
  tx: Tx,
  referral: { shop: string; orderId: string; friendCustomerId: string | null },
) {
  const { shop, orderId, friendCustomerId } = referral;
  await enqueueTask(tx, shop, { kind: "tag_order", key: `tag_order:${orderId}`, payload: { orderId } });
  if (friendCustomerId)
    await enqueueTask(tx, shop, {
      kind: "tag_customer",
      key: `tag_customer:${friendCustomerId}`,
      payload: { customerId: friendCustomerId },
    });
}

/** Whether the friend had an order created before this one (so is not a new customer). */
async function hasEarlierOrders(admin: AdminApi, customerId: string, order: OrderFacts): Promise<boolean> {
  const history = await readOrderHistory(admin, customerId);
  if (!history) return false;
  return earlierOrderCount(history, order) > 0;
}

/**
 * Orders the customer placed before this one: the lifetime count less this order and
 * any later ones (those are recent, so within the listed 60 days). An order the count
 * does not include yet is not listed either, so it is not taken out twice.
 */
export function earlierOrderCount(
  customer: CustomerOrderHistory,
  order: Pick<OrderFacts, "orderId" | "createdAt">,
): number {
  const total = Number(customer.numberOfOrders);
  if (!Number.isFinite(total)) return 0;
  const thisOrder = `gid://shopify/Order/${order.orderId}`;
  const notEarlier = customer.orders.nodes.filter(
    (o) => o.id === thisOrder || new Date(o.createdAt) >= order.createdAt,
  ).length;
  return Math.max(0, total - notEarlier);
}

async function markPaid(referral: Referral) {
  if (referral.paidAt) return;
  await db.referral.updateMany({ where: { id: referral.id, paidAt: null }, data: { paidAt: new Date() } });
}

/**
 * Creates the rewards once a referral is accepted and its order paid. The compare-and-
 * set on the referral's "qualified" mark makes concurrent callers create them once.
 */
export async function qualifyIfReady(settings: ProgramSettings, referralId: string) {
  await db.$transaction(async (tx) => {
    const referral = await tx.referral.findUniqueOrThrow({ where: { id: referralId } });
    if (referral.status !== "accepted" || !referral.paidAt) return;
    const { count } = await tx.referral.updateMany({
      where: { id: referralId, status: "accepted", qualifiedAt: null },
      data: { qualifiedAt: new Date() },
    });
    if (count === 0) return;
    await recordEvent(tx, {
      shop: referral.shop,
      type: "referral_qualified",
      referralId,
      advocateId: referral.advocateId,
      reason: `Order ${referral.orderName} is paid.`,
    });
    await createRewardsForQualifiedReferral(tx, settings, referral);
    await enqueueAdvocateEmail(tx, settings, "friend_ordered", {
      advocateId: referral.advocateId,
      referralId: referral.id,
    });
    await enqueueTask(tx, referral.shop, {
      kind: "flow_referral_qualified",
      key: `flow_referral_qualified:${referralId}`,
      payload: { referralId },
    });
  });
}

/**
 * Recomputes cancellation and refunds from every delivery recorded for the order, so
 * duplicates and arrival order cannot count a refund twice or miss one: refunds are
 * told apart by their own id, not by the delivery that carried them. A cancelled
 * order, or one refunded below the program minimum, voids the referral's rewards.
 */
export async function reconcileOrderOutcome(settings: ProgramSettings, referralId: string) {
  const referral = await db.referral.findUniqueOrThrow({ where: { id: referralId } });
  const deliveries = await db.webhookDelivery.findMany({
    where: { shop: referral.shop, orderId: referral.orderId, topic: { in: ["ORDERS_CANCELLED", "REFUNDS_CREATE"] } },
    select: { topic: true, payload: true },
  });
  const cancelled = deliveries.some((d) => d.topic === "ORDERS_CANCELLED");
  const refundedMinor = refundedTotal(
    deliveries
      .filter((d) => d.topic === "REFUNDS_CREATE")
      .map((d) => readRefund(JSON.parse(d.payload), referral.currencyCode)),
  );
  const net = referral.subtotalMinor - refundedMinor;
  const voids = cancelled || net <= 0 || net < settings.minimumSubtotalMinor;
  if (refundedMinor === referral.refundedMinor && !voids) return;
  await db.$transaction(async (tx) => {
    const current = await tx.referral.update({ where: { id: referralId }, data: { refundedMinor } });
    if (!voids || referral.status === "voided" || referral.status === "blocked" || referral.status === "rejected") {
      await applyReferralFigures(tx, referral, referral, current);
      return;
    }
    const { count } = await tx.referral.updateMany({
      where: { id: referralId, status: referral.status },
      data: { status: "voided", decidedAt: new Date() },
    });
    // Changed meanwhile (the owner approved or rejected it while held): fail, so the
    // delivery is retried and decides on the new status, rather than skip the void.
    if (!count) throw new Error(`Referral ${referralId} changed while its order outcome was applied; will retry.`);
    const { qualifiedAt } = await tx.referral.findUniqueOrThrow({
      where: { id: referralId },
      select: { qualifiedAt: true },
    });
    const why = cancelled ? `Order ${referral.orderName} was cancelled.` : `Order ${referral.orderName} was refunded.`;
    await recordEvent(tx, {
      shop: referral.shop,
      type: "referral_voided",
      referralId,
      advocateId: referral.advocateId,
      fromState: asState(REFERRAL_STATUSES, referral.status),
      toState: "voided",
      reason: why,
    });
    await applyReferralFigures(tx, referral, referral, { ...current, status: "voided" });
    if (qualifiedAt) {
      const advocate = await tx.advocate.update({
        where: { id: referral.advocateId },
        data: { qualifiedCount: { decrement: 1 } },
      });
      const after = advocate.qualifiedCount;
      await recordTierChange(tx, settings, { shop: referral.shop, advocateId: advocate.id }, after + 1, after, why);
    }
    const rewards = await tx.reward.findMany({ where: { referralId, state: { not: "voided" } } });
    for (const reward of rewards as Reward[]) {
      if (reward.state === "issued" && reward.usedAt) {
        await recordEvent(tx, {
          shop: reward.shop,
          type: "reward_kept_used",
          rewardId: reward.id,
          referralId,
          reason: `${why} The reward code had already been used.`,
        });
        continue;
      }
      const cause = cancelled ? "order_cancelled" : "order_refunded";
      if (!(await voidRewardIn(tx, reward, { cause, reason: why })))
        throw new Error(`Reward ${reward.id} changed while its order outcome was applied; will retry.`);
    }
  });
}

/** An advocate spending a reward code shows up as that code on one of their orders. */
async function markRewardCodesUsed(shop: string, order: OrderFacts) {
  const rewardCodes = order.codes.filter((c) => c.startsWith("RWD-"));
  if (rewardCodes.length === 0) return;
  await db.reward.updateMany({
    where: { shop, code: { in: rewardCodes }, usedAt: null },
    data: { usedAt: order.createdAt },
  });
}
