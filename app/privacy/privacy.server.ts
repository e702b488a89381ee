import crypto from "node:crypto";
import { ADVOCATE_STATUSES, UNISSUED_REWARD_STATES, asState, type AdvocateStatus } from "../states";
import db, { type Tx } from "../db.server";
import { enqueueTask } from "../outbox.server";
import { isUniqueViolation } from "../lib/prisma-errors";
import { recordEvent } from "../referrals/ledger.server";
import { REDACTED_VOID, voidRewardIn } from "../referrals/rewards.server";
import { forgetKnownShop } from "../shops/shop-lifecycle.server";

/**
 * Shopify's mandatory privacy webhooks:
 * - customers/data_request: everything the app holds about one customer, assembled into
 *   a JSON record the shop owner downloads from the admin (Privacy page) and hands on;
 * - customers/redact: that customer's personal data is erased or irreversibly
 *   anonymised, while every count and money total stays exactly as it was;
 * - shop/redact: every row of the shop is deleted.
 * Each is idempotent: a repeated delivery (same or new event id) changes nothing more.
 * Each acts only on the shop the delivery is for, once the payload's own `shop_domain`
 * agreed with it (webhooks/dispatch.server.ts).
 */

type Json = Record<string, unknown>;

const idOf = (v: unknown) =>
  typeof v === "number" || (typeof v === "string" && /^\d{1,20}$/.test(v)) ? String(v) : null;
const idsOf = (v: unknown) => (Array.isArray(v) ? v.map(idOf).filter((x): x is string => x !== null) : []);
const emailOf = (v: unknown) => (typeof v === "string" && v.includes("@") ? v.trim() : null);
/**
 * A friend is matched by customer id; by email only on a guest order, which has no
 * customer id to match (an email alone is no proof of identity where an id exists).
 */
const guestReferralOf = (friendEmail: string) => ({ friendCustomerId: null, friendEmail });

/** What a redacted name, email or note reads as. */
export const REDACTED = "[redacted]";
/** What a webhook payload of a redacted customer's order is replaced with. */
export const REDACTED_PAYLOAD = JSON.stringify({ redacted: true, by: "customers/redact" });
/** Status of an advocate whose personal data was erased: the code no longer refers anyone. */
export const REDACTED_ADVOCATE_STATUS = "redacted" satisfies AdvocateStatus;

// ---------------------------------------------------------------------------------
// customers/data_request
// ---------------------------------------------------------------------------------

const RECORD_FORMAT = "referral-program/customer-data/v1";

/**
 * Everything the app holds about one customer of a shop, as advocate and as friend.
 * Other people's personal data is left out: an advocate sees which orders they referred
 * and what they earned, never the friends' names or emails.
 */
export async function assembleCustomerRecord(
  shop: string,
  customerId: string,
  opts: { email?: string | null; ordersRequested?: string[]; requestId?: string } = {},
) {
  const email = opts.email?.toLowerCase() ?? null;
  const advocate = await db.advocate.findUnique({
    where: { shop_customerId: { shop, customerId } },
    include: {
      rewards: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      referrals: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  const asFriend = await db.referral.findMany({
    where: { shop, OR: [{ friendCustomerId: customerId }, ...(email ? [guestReferralOf(email)] : [])] },
    include: { advocate: { select: { code: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

  const clickTimes = advocate
    ? await db.click.findMany({
        where: { shop, advocateId: advocate.id },
        select: { createdAt: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const clicksByDay = new Map<string, number>();
  for (const c of clickTimes) {
    const day = c.createdAt.toISOString().slice(0, 10);
    clicksByDay.set(day, (clicksByDay.get(day) ?? 0) + 1);
  }

  const referralIds = [...(advocate?.referrals.map((r) => r.id) ?? []), ...asFriend.map((r) => r.id)];
  const rewardIds = advocate?.rewards.map((r) => r.id) ?? [];
  const about = [
    ...(advocate ? [{ advocateId: advocate.id }] : []),
    ...(referralIds.length ? [{ referralId: { in: referralIds } }] : []),
    ...(rewardIds.length ? [{ rewardId: { in: rewardIds } }] : []),
  ];
  const ledger = about.length
    ? await db.ledgerEvent.findMany({ where: { shop, OR: about }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];

  // Order webhooks the app keeps (for retries and audit) of this customer's orders.
  const orderIds = [...new Set([...(opts.ordersRequested ?? []), ...asFriend.map((r) => r.orderId)])];
  const deliveries = orderIds.length
    ? await db.webhookDelivery.findMany({
        where: { shop, orderId: { in: orderIds } },
        orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      })
    : [];

  return {
    format: RECORD_FORMAT,
    shop,
    customerId,
    dataRequestId: opts.requestId ?? null,
    ordersRequested: opts.ordersRequested ?? [],
    generatedAt: new Date().toISOString(),
    advocate: advocate && {
      code: advocate.code,
      email: advocate.email,
      firstName: advocate.firstName,
      lastName: advocate.lastName,
      locale: advocate.locale,
      status: advocate.status,
      emails: {
        unsubscribed: advocate.emailUnsubscribedAt !== null,
        unsubscribedAt: advocate.emailUnsubscribedAt,
        note: "Referral program emails (welcome, a friend's order, a ready reward, an expiry reminder) stop once unsubscribed.",
      },
      enrolledAt: advocate.createdAt,
      referredCount: advocate.referredCount,
      qualifiedCount: advocate.qualifiedCount,
      earnedMinor: advocate.earnedMinor,
      clicks: {
        total: clickTimes.length,
        byDay: [...clicksByDay].map(([day, count]) => ({ day, count })),
        note: "Clicks on the advocate's referral link; visitors' IP addresses are never stored.",
      },
      referralsMade: advocate.referrals.map((r) => ({
        id: r.id,
        order: r.orderName,
        orderId: r.orderId,
        orderCreatedAt: r.orderCreatedAt,
        codeUsed: r.codeUsed,
        status: r.status,
        subtotalMinor: r.subtotalMinor,
        refundedMinor: r.refundedMinor,
        currency: r.currencyCode,
        paidAt: r.paidAt,
        qualifiedAt: r.qualifiedAt,
        createdAt: r.createdAt,
      })),
      rewards: advocate.rewards.map((r) => ({
        id: r.id,
        kind: r.kind,
        milestone: r.milestone,
        rewardType: r.rewardType,
        amountMinor: r.amountMinor,
        percent: r.percent,
        currency: r.currencyCode,
        state: r.state,
        code: r.code,
        referralId: r.referralId,
        createdAt: r.createdAt,
        dueAt: r.dueAt,
        issuedAt: r.issuedAt,
        expiresAt: r.expiresAt,
        usedAt: r.usedAt,
        voidedAt: r.voidedAt,
      })),
    },
    referredAsFriend: asFriend.map((r) => ({
      id: r.id,
      order: r.orderName,
      orderId: r.orderId,
      orderCreatedAt: r.orderCreatedAt,
      codeUsed: r.codeUsed,
      advocateCode: r.advocate.code,
      customerId: r.friendCustomerId,
      email: r.friendEmail,
      name: r.friendName,
      ipAddress: r.ipHash ? "stored only as a salted hash, to count orders per IP address" : null,
      status: r.status,
      reasons: safeJson(r.reasons),
      subtotalMinor: r.subtotalMinor,
      refundedMinor: r.refundedMinor,
      currency: r.currencyCode,
      createdAt: r.createdAt,
    })),
    ledger: ledger.map((e) => ({
      at: e.createdAt,
      type: e.type,
      fromState: e.fromState,
      toState: e.toState,
      reason: e.reason,
      actor: e.actor,
      referralId: e.referralId,
      rewardId: e.rewardId,
    })),
    orderWebhooks: deliveries.map((d) => ({
      topic: d.topic,
      orderId: d.orderId,
      receivedAt: d.receivedAt,
      payload: safeJson(d.payload),
    })),
  };
}

export type CustomerRecord = Awaited<ReturnType<typeof assembleCustomerRecord>>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * customers/data_request: the record is assembled now and kept for the owner to
 * download. One row per Shopify data request id (per event id when Shopify sends none),
 * so a retried delivery or a new event for the same request changes nothing. A row with
 * an empty record is "pending" (assembly failed; Shopify's retry completes it).
 */
export async function recordDataRequest(shop: string, payload: unknown, eventId?: string) {
  const p = (payload ?? {}) as Json;
  const customer = (p.customer ?? {}) as Json;
  const customerId = idOf(customer.id);
  if (!customerId) return;
  const requestId =
    idOf((p.data_request as Json | undefined)?.id) ?? `event:${(eventId ?? `${customerId}`).slice(0, 180)}`;
  const existing = await db.dataRequest.findUnique({ where: { shop_requestId: { shop, requestId } } });
  if (existing?.record) return;
  if (!existing) {
    try {
      await db.dataRequest.create({ data: { shop, customerId, requestId, record: "" } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const record = await assembleCustomerRecord(shop, customerId, {
    email: emailOf(customer.email),
    ordersRequested: idsOf(p.orders_requested),
    requestId,
  });
  await db.dataRequest.updateMany({
    where: { shop, requestId, record: "" },
    data: { record: JSON.stringify(record, null, 2) },
  });
}

export interface DataRequestRow {
  id: string;
  customerId: string;
  requestId: string;
  status: "pending" | "completed";
  createdAt: string;
  bytes: number;
}

/** The shop's data requests, newest first, for the admin's Privacy page. */
export async function listDataRequests(shop: string, take = 100): Promise<DataRequestRow[]> {
  const rows = await db.dataRequest.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    requestId: r.requestId,
    status: r.record ? "completed" : "pending",
    createdAt: r.createdAt.toISOString(),
    bytes: Buffer.byteLength(r.record),
  }));
}

/** One completed record of the shop, or null (unknown id, another shop's id, or pending). */
export async function dataRequestRecord(shop: string, id: string) {
  if (!/^[a-z0-9]{1,40}$/i.test(id)) return null;
  const row = await db.dataRequest.findFirst({ where: { id, shop } });
  if (!row?.record) return null;
  return { customerId: row.customerId, requestId: row.requestId, record: row.record };
}

// ---------------------------------------------------------------------------------
// customers/redact
// ---------------------------------------------------------------------------------

/**
 * A fresh random pseudonym. Nothing links it to the identifier it replaces: no key or
 * mapping is kept, so it cannot be reversed or recomputed from the customer's id or
 * email (a plain or salted hash of the email could be, by hashing candidate emails).
 */
function pseudonym(prefix: string) {
  return `${prefix}${crypto.randomBytes(12).toString("hex")}`;
}

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
function redactedCode() {
  let out = "";
  for (let i = 0; i < 10; i++) out += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return `REDACTED-${out}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces every whole-word, case-insensitive occurrence of the given strings (emails,
 * names, an old code) in free text: ledger reasons, staff notes, rule details.
 */
export function scrubText(text: string, replacements: [string | null | undefined, string][]): string {
  let out = text;
  const list = replacements
    .filter((r): r is [string, string] => typeof r[0] === "string" && r[0].trim().length >= 2)
    .sort((a, b) => b[0].length - a[0].length);
  for (const [needle, replacement] of list) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle.trim())}(?![\\p{L}\\p{N}])`, "giu");
    out = out.replace(re, replacement);
  }
  return out;
}

/**
 * customers/redact: the customer's personal data is erased or replaced by random
 * pseudonyms; rows, counts, amounts and states (and so every dashboard total and
 * DailyStat) stay as they were.
 *
 * As advocate: email and name erased, Shopify customer id replaced by a random
 * pseudonym, status "redacted", and the code (which starts with the first name) replaced
 * by a random REDACTED-… code everywhere the app stored it; the old code is removed from
 * the friend discount in Shopify, so it no longer gives a discount or refers anyone.
 * Rewards not issued yet are voided (nobody can receive them any more); issued rewards
 * and their ledger stay, amounts included.
 * As friend: email, name and IP hash erased; the customer id becomes one random
 * pseudonym on all their referrals, so repeat-purchase counts stay right.
 * Webhook payloads of their orders are replaced; their data requests are deleted.
 */
export async function redactCustomer(shop: string, payload: unknown) {
  const p = (payload ?? {}) as Json;
  const customer = (p.customer ?? {}) as Json;
  const customerId = idOf(customer.id);
  const rawEmail = emailOf(customer.email);
  const emails = rawEmail ? [...new Set([rawEmail, rawEmail.toLowerCase()])] : [];
  const ordersToRedact = idsOf(p.orders_to_redact);
  if (!customerId && emails.length === 0 && ordersToRedact.length === 0) return;
  // The customer is matched by their id within the shop. The email identifies them only
  // when Shopify sends no id, or on a guest order: two customers (of two shops) can share
  // an email, and an erasure cannot be undone.
  const byEmail = customerId ? [] : emails;

  await db.$transaction(
    async (tx) => {
      const now = new Date();
      const settings = await tx.programSettings.findUnique({ where: { shop }, select: { friendDiscountId: true } });

      // --- as advocate -------------------------------------------------------------
      const advocates = await tx.advocate.findMany({
        where: {
          shop,
          status: { not: REDACTED_ADVOCATE_STATUS },
          OR: [...(customerId ? [{ customerId }] : []), ...byEmail.map((email) => ({ email }))],
        },
      });
      for (const advocate of advocates) {
        const newCode = redactedCode();
        const replacements: [string | null, string][] = [
          [advocate.code, newCode],
          [advocate.email, REDACTED],
          [[advocate.firstName, advocate.lastName].filter(Boolean).join(" "), REDACTED],
          [advocate.firstName, REDACTED],
          [advocate.lastName, REDACTED],
          ...emails.map((e): [string, string] => [e, REDACTED]),
        ];
        await tx.advocate.update({
          where: { id: advocate.id },
          // codeSyncedAt set: the REDACTED code is never added to Shopify.
          data: {
            customerId: pseudonym("redacted-"),
            email: null,
            firstName: null,
            lastName: null,
            locale: null,
            code: newCode,
            status: REDACTED_ADVOCATE_STATUS,
            codeSyncedAt: advocate.codeSyncedAt ?? now,
          },
        });

        const made = await tx.referral.findMany({
          where: { shop, advocateId: advocate.id },
          select: { id: true, orderId: true, reasons: true },
        });
        await tx.referral.updateMany({ where: { shop, advocateId: advocate.id }, data: { codeUsed: newCode } });
        for (const r of made) {
          const reasons = scrubText(r.reasons, replacements);
          if (reasons !== r.reasons) await tx.referral.update({ where: { id: r.id }, data: { reasons } });
        }

        // Rewards not issued yet can never reach an erased customer; a code being created
        // right now is deactivated once that attempt has landed (see voidRewardIn).
        const open = await tx.reward.findMany({
          where: { shop, advocateId: advocate.id, state: { in: [...UNISSUED_REWARD_STATES] } },
        });
        for (const reward of open) {
          if (!(await voidRewardIn(tx, reward, REDACTED_VOID)))
            throw new Error(`Reward ${reward.id} changed while the customer was being redacted; will retry.`);
        }

        const rewardIds = (
          await tx.reward.findMany({ where: { shop, advocateId: advocate.id }, select: { id: true } })
        ).map((r) => r.id);
        await scrubLedger(
          tx,
          shop,
          [{ advocateId: advocate.id }, { referralId: { in: made.map((r) => r.id) } }, { rewardId: { in: rewardIds } }],
          replacements,
        );

        // Friends' order payloads carry the old code in discount_codes.
        await replaceInPayloads(
          tx,
          shop,
          made.map((r) => r.orderId),
          advocate.code,
          newCode,
        );

        await tx.click.updateMany({ where: { shop, advocateId: advocate.id }, data: { visitorKey: null } });
        // Nothing more goes to the erased customer's metafield; the old code leaves Shopify.
        await tx.outboxTask.deleteMany({
          where: {
            shop,
            key: { in: [`advocate_metafield:${advocate.id}`, `advocate_identity:${advocate.id}`] },
            status: { not: "done" },
          },
        });
        if (settings?.friendDiscountId) {
          await enqueueTask(tx, shop, {
            kind: "remove_redeem_code",
            key: `remove_redeem_code:${advocate.id}`,
            payload: { discountId: settings.friendDiscountId, code: advocate.code },
          });
        }
        await recordEvent(tx, {
          shop,
          type: "advocate_redacted",
          advocateId: advocate.id,
          fromState: asState(ADVOCATE_STATUSES, advocate.status),
          toState: REDACTED_ADVOCATE_STATUS,
          reason: "Personal data erased at the shop's request (customers/redact); the code no longer refers anyone.",
          actor: "shopify",
        });
      }

      // --- as friend ---------------------------------------------------------------
      const asFriend = await tx.referral.findMany({
        where: {
          shop,
          OR: [
            ...(customerId ? [{ friendCustomerId: customerId }] : []),
            ...(customerId ? emails.map(guestReferralOf) : emails.map((friendEmail) => ({ friendEmail }))),
          ],
        },
        select: { id: true, orderId: true, reasons: true, friendEmail: true, friendName: true },
      });
      if (asFriend.length) {
        const friendPseudonym = pseudonym("redacted-");
        const replacements: [string | null, string][] = [
          ...emails.map((e): [string, string] => [e, REDACTED]),
          ...asFriend.flatMap((r): [string | null, string][] => [
            [r.friendEmail, REDACTED],
            [r.friendName, REDACTED],
          ]),
        ];
        await tx.referral.updateMany({
          where: { id: { in: asFriend.map((r) => r.id) } },
          data: { friendCustomerId: friendPseudonym, friendEmail: null, friendName: null, ipHash: null },
        });
        for (const r of asFriend) {
          const reasons = scrubText(r.reasons, replacements);
          if (reasons !== r.reasons) await tx.referral.update({ where: { id: r.id }, data: { reasons } });
        }
        await scrubLedger(tx, shop, [{ referralId: { in: asFriend.map((r) => r.id) } }], replacements);
      }

      // --- everything else that names them ------------------------------------------
      const orderIds = [...new Set([...ordersToRedact, ...asFriend.map((r) => r.orderId)])];
      const payloadMatches = [
        ...(orderIds.length ? [{ orderId: { in: orderIds } }] : []),
        ...(customerId ? [{ payload: { contains: `"customer":{"id":${customerId},` } }] : []),
        ...byEmail.map((e) => ({ payload: { contains: `"${e}"` } })),
      ];
      if (payloadMatches.length) {
        await tx.webhookDelivery.updateMany({
          where: { shop, status: { in: ["received", "parked"] }, OR: payloadMatches },
          data: {
            status: "processed",
            processedAt: now,
            lastError: "Erased by customers/redact before it was processed.",
            leaseOwner: null,
            leaseUntil: null,
          },
        });
        await tx.webhookDelivery.updateMany({
          where: { shop, OR: payloadMatches },
          data: { payload: REDACTED_PAYLOAD },
        });
      }
      if (customerId) {
        await tx.outboxTask.deleteMany({ where: { shop, key: `tag_customer:${customerId}` } });
        await tx.dataRequest.deleteMany({ where: { shop, customerId } });
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

async function scrubLedger(tx: Tx, shop: string, about: Json[], replacements: [string | null, string][]) {
  const events = await tx.ledgerEvent.findMany({ where: { shop, OR: about }, select: { id: true, reason: true } });
  for (const e of events) {
    const reason = scrubText(e.reason, replacements);
    if (reason !== e.reason) await tx.ledgerEvent.update({ where: { id: e.id }, data: { reason } });
  }
}

async function replaceInPayloads(tx: Tx, shop: string, orderIds: string[], from: string, to: string) {
  for (let i = 0; i < orderIds.length; i += 500) {
    const rows = await tx.webhookDelivery.findMany({
      where: { shop, orderId: { in: orderIds.slice(i, i + 500) } },
      select: { id: true, payload: true },
    });
    for (const row of rows) {
      const payload = row.payload.replace(new RegExp(escapeRegExp(from), "gi"), to);
      if (payload !== row.payload) await tx.webhookDelivery.update({ where: { id: row.id }, data: { payload } });
    }
  }
}

// ---------------------------------------------------------------------------------
// shop/redact
// ---------------------------------------------------------------------------------

/**
 * shop/redact (48 hours after uninstall): everything the app holds for the shop is
 * deleted in one transaction, children before parents. Other shops are untouched.
 */
export async function redactShop(shop: string) {
  await db.$transaction([
    db.ledgerEvent.deleteMany({ where: { shop } }),
    db.reward.deleteMany({ where: { shop } }),
    db.referral.deleteMany({ where: { shop } }),
    db.click.deleteMany({ where: { shop } }),
    db.advocate.deleteMany({ where: { shop } }),
    db.dailyStat.deleteMany({ where: { shop } }),
    db.outboxTask.deleteMany({ where: { shop } }),
    db.webhookDelivery.deleteMany({ where: { shop } }),
    db.dataRequest.deleteMany({ where: { shop } }),
    db.programSettings.deleteMany({ where: { shop } }),
    db.shopifyBudget.deleteMany({ where: { shop } }),
    db.session.deleteMany({ where: { shop } }),
    db.shop.deleteMany({ where: { domain: shop } }),
  ]);
  forgetKnownShop(shop);
}
