import type { Prisma } from "@referral-db/sqlite";
import db, { databaseTarget } from "../db.server";
import { finishPage, keysetQuery, type PageInfo, type PageRequest } from "./cursor";
import { parseReasons, type ReasonView } from "./reasons";
import { containsIgnoringCase, normaliseQuery, orderNameCandidates } from "./search";
import type { ReferralStatus } from "./statuses";

const like = (q: string) => containsIgnoringCase(q, databaseTarget.provider);

export interface ReferralRow {
  id: string;
  createdAt: string;
  status: string;
  orderName: string;
  codeUsed: string;
  friendEmail: string | null;
  friendName: string | null;
  subtotalMinor: number;
  refundedMinor: number;
  currencyCode: string;
  advocateId: string;
  advocateCode: string;
  advocateEmail: string | null;
  /** first and last name, "" when Shopify gave none */
  advocateName: string;
  /** Shopify ids, for links into the Shopify admin */
  orderId: string;
  advocateCustomerId: string | null;
  friendCustomerId: string | null;
  reasons: ReasonView[];
}

export interface ReferralListParams extends PageRequest {
  status: ReferralStatus | null;
  query: string;
}

export const REFERRAL_PAGE_SIZE = 50;

/** What a referral row shows of its advocate (lists, review queue, advocate page). */
export const ROW_ADVOCATE_SELECT = {
  select: { code: true, email: true, firstName: true, lastName: true, customerId: true },
} as const;

const rowSelect = {
  id: true,
  createdAt: true,
  status: true,
  orderName: true,
  codeUsed: true,
  friendEmail: true,
  friendName: true,
  subtotalMinor: true,
  refundedMinor: true,
  currencyCode: true,
  reasons: true,
  advocateId: true,
  orderId: true,
  friendCustomerId: true,
  advocate: ROW_ADVOCATE_SELECT,
} as const;

type SelectedRow = Prisma.ReferralGetPayload<{ select: typeof rowSelect }>;

export function toReferralRow(r: SelectedRow): ReferralRow {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    orderName: r.orderName,
    codeUsed: r.codeUsed,
    friendEmail: r.friendEmail,
    friendName: r.friendName,
    subtotalMinor: r.subtotalMinor,
    refundedMinor: r.refundedMinor,
    currencyCode: r.currencyCode,
    advocateId: r.advocateId,
    advocateCode: r.advocate.code,
    advocateEmail: r.advocate.email,
    advocateName: [r.advocate.firstName, r.advocate.lastName].filter(Boolean).join(" "),
    orderId: r.orderId,
    advocateCustomerId: r.advocate.customerId,
    friendCustomerId: r.friendCustomerId,
    reasons: parseReasons(r.reasons),
  };
}

/**
 * The search: an exact code or order name (both indexed-friendly equality), or part of
 * the friend's or advocate's email or name.
 */
function searchWhere(raw: string) {
  const q = normaliseQuery(raw);
  if (!q) return {};
  const upper = q.toUpperCase();
  const lower = q.toLowerCase();
  return {
    OR: [
      { codeUsed: upper },
      { orderName: { in: orderNameCandidates(q) } },
      { friendEmail: { contains: lower } },
      { friendName: like(q) },
      {
        advocate: {
          is: { OR: [{ code: upper }, { email: { contains: lower } }, { firstName: like(q) }, { lastName: like(q) }] },
        },
      },
    ],
  };
}

/** How many referrals match the filter and search (the list's result count). */
export function countReferrals(shop: string, params: Pick<ReferralListParams, "status" | "query">): Promise<number> {
  return db.referral.count({
    where: { AND: [{ shop }, params.status ? { status: params.status } : {}, searchWhere(params.query)] },
  });
}

/** One page of the shop's referrals, newest first, by status and search. */
export async function listReferrals(
  shop: string,
  params: ReferralListParams,
  limit = REFERRAL_PAGE_SIZE,
): Promise<{ rows: ReferralRow[]; pageInfo: PageInfo }> {
  const page = keysetQuery(params, "desc", limit);
  const rows = await db.referral.findMany({
    where: { AND: [{ shop }, params.status ? { status: params.status } : {}, searchWhere(params.query), page.where] },
    orderBy: page.orderBy,
    take: page.take,
    select: rowSelect,
  });
  const done = finishPage(rows, page);
  return { rows: done.rows.map(toReferralRow), pageInfo: done.pageInfo };
}

export interface LedgerEventView {
  id: string;
  createdAt: string;
  type: string;
  fromState: string | null;
  toState: string | null;
  reason: string;
  actor: string;
  rewardId: string | null;
}

export interface RewardView {
  id: string;
  createdAt: string;
  kind: string;
  milestone: number;
  state: string;
  rewardType: string;
  amountMinor: number;
  percent: number;
  currencyCode: string;
  code: string;
  dueAt: string;
  issuedAt: string | null;
  /** when the advocate spent the code (set by the engine from orders); used codes cannot be voided */
  usedAt: string | null;
  expiresAt: string | null;
  lastError: string | null;
  attempts: number;
}

export interface ReferralDetail extends ReferralRow {
  orderCreatedAt: string;
  paidAt: string | null;
  decidedAt: string;
  advocateStatus: string;
  rewards: RewardView[];
  events: LedgerEventView[];
}

type RewardRecord = Awaited<ReturnType<typeof db.reward.findFirstOrThrow>>;

export function toRewardView(r: RewardRecord): RewardView {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    kind: r.kind,
    milestone: r.milestone,
    state: r.state,
    rewardType: r.rewardType,
    amountMinor: r.amountMinor,
    percent: r.percent,
    currencyCode: r.currencyCode,
    code: r.code,
    dueAt: r.dueAt.toISOString(),
    issuedAt: r.issuedAt?.toISOString() ?? null,
    usedAt: r.usedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastError: r.lastError,
    attempts: r.attempts,
  };
}

type EventRecord = Awaited<ReturnType<typeof db.ledgerEvent.findFirstOrThrow>>;

export function toEventView(e: EventRecord): LedgerEventView {
  return {
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    type: e.type,
    fromState: e.fromState,
    toState: e.toState,
    reason: e.reason,
    actor: e.actor,
    rewardId: e.rewardId,
  };
}

/**
 * A referral with its rewards and full history: every LedgerEvent of the referral and
 * of its rewards, oldest first (newest last). Null when the id is not this shop's.
 */
export async function getReferralDetail(shop: string, id: string): Promise<ReferralDetail | null> {
  const referral = await db.referral.findFirst({
    where: { id, shop },
    include: { advocate: true, rewards: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  if (!referral) return null;
  const rewardIds = referral.rewards.map((r) => r.id);
  const events = await db.ledgerEvent.findMany({
    where: { shop, OR: [{ referralId: id }, ...(rewardIds.length ? [{ rewardId: { in: rewardIds } }] : [])] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return {
    ...toReferralRow(referral),
    orderCreatedAt: referral.orderCreatedAt.toISOString(),
    paidAt: referral.paidAt?.toISOString() ?? null,
    decidedAt: referral.decidedAt.toISOString(),
    advocateStatus: referral.advocate.status,
    rewards: referral.rewards.map(toRewardView),
    events: events.map(toEventView),
  };
}
