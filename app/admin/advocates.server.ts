import db, { databaseTarget } from "../db.server";
import { finishPage, keysetQuery, type PageInfo, type PageRequest } from "./cursor";
import {
  toReferralRow,
  toRewardView,
  type ReferralRow,
  type RewardView,
  ROW_ADVOCATE_SELECT,
} from "./referrals.server";
import { containsIgnoringCase, normaliseQuery } from "./search";
import type { AdvocateStatus } from "./statuses";

const like = (q: string) => containsIgnoringCase(q, databaseTarget.provider);

export interface AdvocateRow {
  id: string;
  createdAt: string;
  code: string;
  email: string | null;
  name: string;
  status: string;
  clicks: number;
  referredCount: number;
  qualifiedCount: number;
  earnedMinor: number;
}

export interface AdvocateListParams extends PageRequest {
  status: AdvocateStatus | null;
  query: string;
}

export const ADVOCATE_PAGE_SIZE = 50;

type AdvocateRecord = Awaited<ReturnType<typeof db.advocate.findFirstOrThrow>>;

function toAdvocateRow(a: AdvocateRecord): AdvocateRow {
  return {
    id: a.id,
    createdAt: a.createdAt.toISOString(),
    code: a.code,
    email: a.email,
    name: [a.firstName, a.lastName].filter(Boolean).join(" "),
    status: a.status,
    clicks: a.clicks,
    referredCount: a.referredCount,
    qualifiedCount: a.qualifiedCount,
    earnedMinor: a.earnedMinor,
  };
}

function searchWhere(raw: string) {
  const q = normaliseQuery(raw);
  if (!q) return {};
  return {
    OR: [
      { code: q.toUpperCase() },
      { email: { contains: q.toLowerCase() } },
      { firstName: like(q) },
      { lastName: like(q) },
    ],
  };
}

/** One page of the shop's advocates, newest first (index shop+createdAt). */
/** How many advocates match the filter and search (the list's result count). */
export function countAdvocates(shop: string, params: Pick<AdvocateListParams, "status" | "query">): Promise<number> {
  return db.advocate.count({
    where: { AND: [{ shop }, params.status ? { status: params.status } : {}, searchWhere(params.query)] },
  });
}

export async function listAdvocates(
  shop: string,
  params: AdvocateListParams,
  limit = ADVOCATE_PAGE_SIZE,
): Promise<{ rows: AdvocateRow[]; pageInfo: PageInfo }> {
  const page = keysetQuery(params, "desc", limit);
  const rows = await db.advocate.findMany({
    where: { AND: [{ shop }, params.status ? { status: params.status } : {}, searchWhere(params.query), page.where] },
    orderBy: page.orderBy,
    take: page.take,
  });
  const done = finishPage(rows, page);
  return { rows: done.rows.map(toAdvocateRow), pageInfo: done.pageInfo };
}

export interface AdvocateDetail extends AdvocateRow {
  customerId: string;
  referrals: ReferralRow[];
  rewards: RewardView[];
  /** more referrals or rewards exist than shown (the newest DETAIL_LIMIT are) */
  moreReferrals: boolean;
  moreRewards: boolean;
}

export const DETAIL_LIMIT = 50;

/** An advocate with their newest referrals and rewards; null when not this shop's. */
export async function getAdvocateDetail(shop: string, id: string): Promise<AdvocateDetail | null> {
  const advocate = await db.advocate.findFirst({ where: { id, shop } });
  if (!advocate) return null;
  const [referrals, rewards] = await Promise.all([
    db.referral.findMany({
      where: { shop, advocateId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DETAIL_LIMIT + 1,
      include: { advocate: ROW_ADVOCATE_SELECT },
    }),
    db.reward.findMany({
      where: { shop, advocateId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DETAIL_LIMIT + 1,
    }),
  ]);
  return {
    ...toAdvocateRow(advocate),
    customerId: advocate.customerId,
    referrals: referrals.slice(0, DETAIL_LIMIT).map(toReferralRow),
    rewards: rewards.slice(0, DETAIL_LIMIT).map(toRewardView),
    moreReferrals: referrals.length > DETAIL_LIMIT,
    moreRewards: rewards.length > DETAIL_LIMIT,
  };
}
