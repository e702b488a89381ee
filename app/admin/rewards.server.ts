import db from "../db.server";
import { finishPage, keysetQuery, type PageInfo, type PageRequest } from "./cursor";
import { toRewardView, type RewardView } from "./referrals.server";
import { REWARD_FILTERS, type RewardFilter } from "./statuses";

export interface RewardRow extends RewardView {
  advocateId: string;
  advocateCode: string;
  advocateEmail: string | null;
  advocateName: string;
  referralId: string | null;
  orderName: string | null;
}

export const REWARD_PAGE_SIZE = 50;

/** How many rewards are in a state group (the list's result count). */
export function countRewards(shop: string, filter: RewardFilter): Promise<number> {
  const states = REWARD_FILTERS[filter];
  return db.reward.count({ where: { shop, ...(states ? { state: { in: [...states] } } : {}) } });
}

/** One page of the shop's rewards in a state group, newest first (index shop+state+createdAt). */
export async function listRewards(
  shop: string,
  filter: RewardFilter,
  page: PageRequest,
  limit = REWARD_PAGE_SIZE,
): Promise<{ rows: RewardRow[]; pageInfo: PageInfo }> {
  const states = REWARD_FILTERS[filter];
  const q = keysetQuery(page, "desc", limit);
  const rows = await db.reward.findMany({
    where: { AND: [{ shop }, states ? { state: { in: [...states] } } : {}, q.where] },
    orderBy: q.orderBy,
    take: q.take,
    include: {
      advocate: { select: { code: true, email: true, firstName: true, lastName: true } },
      referral: { select: { orderName: true } },
    },
  });
  const done = finishPage(rows, q);
  return {
    rows: done.rows.map((r) => ({
      ...toRewardView(r),
      advocateId: r.advocateId,
      advocateCode: r.advocate.code,
      advocateEmail: r.advocate.email,
      advocateName: [r.advocate.firstName, r.advocate.lastName].filter(Boolean).join(" "),
      referralId: r.referralId,
      orderName: r.referral?.orderName ?? null,
    })),
    pageInfo: done.pageInfo,
  };
}
