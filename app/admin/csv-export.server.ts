import db from "../db.server";
import { isReferredOrder, referredRevenueOf } from "../referrals/figures";
import { formatMinor } from "../lib/money";
import { csvRow, type CsvValue } from "./csv";
import { rangeInstants } from "./date-range";
import { parseReasons } from "./reasons";

/** Rows read per database round trip while streaming. */
export const EXPORT_BATCH = 500;

interface Keyed {
  id: string;
  createdAt: Date;
}

/**
 * A CSV as a ReadableStream that reads the next batch only when the client has taken
 * the previous one (pull-based), paging by the (createdAt, id) cursor: a shop with a
 * million rows streams in constant memory and the response starts at once, so no proxy
 * times out waiting for a finished file.
 */
function pagedCsv<T extends Keyed>(
  header: string[],
  fetchBatch: (after: Keyed | null) => Promise<T[]>,
  toCells: (row: T) => CsvValue[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Keyed | null = null;
  let headerSent = false;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The BOM makes Excel read the file as UTF-8 (names with accents, Cyrillic).
        controller.enqueue(encoder.encode("\uFEFF" + csvRow(header)));
        return;
      }
      if (finished) return;
      const rows = await fetchBatch(after);
      if (rows.length > 0) {
        after = rows[rows.length - 1];
        controller.enqueue(encoder.encode(rows.map((r) => csvRow(toCells(r))).join("")));
      }
      if (rows.length < EXPORT_BATCH) {
        finished = true;
        controller.close();
      }
    },
  });
}

function afterCursor(after: Keyed | null) {
  return after
    ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
    : {};
}

const money = (minor: number, currency: string) => formatMinor(minor, currency);

export function referralsCsv(
  shop: string,
  range: { from: string; to: string },
  timeZone = "UTC",
): ReadableStream<Uint8Array> {
  const createdAt = rangeInstants(range, timeZone);
  return pagedCsv(
    [
      "created_at",
      "referral_id",
      "status",
      "order_name",
      "order_id",
      "order_created_at",
      "subtotal",
      "refunded",
      "referred_order",
      "referred_revenue",
      "currency",
      "code_used",
      "advocate_code",
      "advocate_email",
      "advocate_name",
      "friend_email",
      "friend_name",
      "reasons",
      "decided_at",
    ],
    (after) =>
      db.referral.findMany({
        where: { AND: [{ shop, createdAt }, afterCursor(after)] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: EXPORT_BATCH,
        include: { advocate: { select: { code: true, email: true, firstName: true, lastName: true } } },
      }),
    (r) => [
      r.createdAt,
      r.id,
      r.status,
      r.orderName,
      r.orderId,
      r.orderCreatedAt,
      money(r.subtotalMinor, r.currencyCode),
      money(r.refundedMinor, r.currencyCode),
      isReferredOrder(r),
      money(referredRevenueOf(r), r.currencyCode),
      r.currencyCode,
      r.codeUsed,
      r.advocate.code,
      r.advocate.email,
      [r.advocate.firstName, r.advocate.lastName].filter(Boolean).join(" "),
      r.friendEmail,
      r.friendName,
      parseReasons(r.reasons)
        .map((x) => `${x.rule}: ${x.detail}`)
        .join("; "),
      r.decidedAt,
    ],
  );
}

export function rewardsCsv(
  shop: string,
  range: { from: string; to: string },
  timeZone = "UTC",
): ReadableStream<Uint8Array> {
  const createdAt = rangeInstants(range, timeZone);
  return pagedCsv(
    [
      "created_at",
      "reward_id",
      "state",
      "kind",
      "milestone",
      "reward_type",
      "amount",
      "percent",
      "currency",
      "code",
      "advocate_code",
      "advocate_email",
      "order_name",
      "due_at",
      "issued_at",
      "used_at",
      "expires_at",
      "voided_at",
      "attempts",
      "last_error",
    ],
    (after) =>
      db.reward.findMany({
        where: { AND: [{ shop, createdAt }, afterCursor(after)] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: EXPORT_BATCH,
        include: { advocate: { select: { code: true, email: true } }, referral: { select: { orderName: true } } },
      }),
    (r) => [
      r.createdAt,
      r.id,
      r.state,
      r.kind,
      r.milestone || null,
      r.rewardType,
      money(r.amountMinor, r.currencyCode),
      r.percent || null,
      r.currencyCode,
      r.code,
      r.advocate.code,
      r.advocate.email,
      r.referral?.orderName ?? null,
      r.dueAt,
      r.issuedAt,
      r.usedAt,
      r.expiresAt,
      r.voidedAt,
      r.attempts,
      r.lastError,
    ],
  );
}
