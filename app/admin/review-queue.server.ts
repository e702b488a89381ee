import db from "../db.server";
import { finishPage, keysetQuery, type PageInfo, type PageRequest } from "./cursor";
import { toReferralRow, type ReferralRow, ROW_ADVOCATE_SELECT } from "./referrals.server";

export const REVIEW_PAGE_SIZE = 50;

/**
 * Held referrals, oldest first: the queue is worked from the front, and the (shop,
 * status, createdAt) index serves it directly.
 */
export async function listHeldReferrals(
  shop: string,
  page: PageRequest,
  limit = REVIEW_PAGE_SIZE,
): Promise<{ rows: ReferralRow[]; pageInfo: PageInfo }> {
  const q = keysetQuery(page, "asc", limit);
  const rows = await db.referral.findMany({
    where: { AND: [{ shop, status: "held" }, q.where] },
    orderBy: q.orderBy,
    take: q.take,
    include: { advocate: ROW_ADVOCATE_SELECT },
  });
  const done = finishPage(rows, q);
  return { rows: done.rows.map(toReferralRow), pageInfo: done.pageInfo };
}
