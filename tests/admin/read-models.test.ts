import { beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { listAdvocates, getAdvocateDetail } from "../../app/admin/advocates.server";
import { referralsCsv, rewardsCsv } from "../../app/admin/csv-export.server";
import { getDashboard, topAdvocates } from "../../app/admin/dashboard.server";
import { parseRangeSelection } from "../../app/admin/date-range";
import { getReferralDetail, listReferrals } from "../../app/admin/referrals.server";
import { listHeldReferrals } from "../../app/admin/review-queue.server";
import { listRewards } from "../../app/admin/rewards.server";
import { seedDemoShop, type SeededShop } from "../../scripts/demo/seed";

const now = new Date();
let a: SeededShop;
let b: SeededShop;

beforeAll(async () => {
  a = await seedDemoShop(db, { shop: "read-a.myshopify.com", accessToken: "tok-a", now, label: "a" });
  b = await seedDemoShop(db, { shop: "read-b.myshopify.com", accessToken: "tok-b", now, label: "b" });
});

async function collectAll(shop: string, status: null | "held" = null) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listReferrals(shop, { status, query: "", after, before: null }, 7);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.pageInfo.hasNext) break;
    after = page.pageInfo.nextCursor;
  }
  return ids;
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("admin read models", () => {
  it("pages through every referral of the shop once, and none of another shop", async () => {
    const ids = await collectAll(a.shop);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const other = new Set(Object.values(b.referralIds).flat());
    expect(ids.some((id) => other.has(id))).toBe(false);
  });

  it("goes back a page with the before cursor", async () => {
    const first = await listReferrals(a.shop, { status: null, query: "", after: null, before: null }, 5);
    const second = await listReferrals(
      a.shop,
      { status: null, query: "", after: first.pageInfo.nextCursor, before: null },
      5,
    );
    const back = await listReferrals(
      a.shop,
      { status: null, query: "", after: null, before: second.pageInfo.prevCursor },
      5,
    );
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.pageInfo.hasPrevious).toBe(false);
  });

  it("filters by status and searches code, email, name and order name", async () => {
    const held = await listReferrals(a.shop, { status: "held", query: "", after: null, before: null });
    expect(held.rows.every((r) => r.status === "held")).toBe(true);
    expect(held.rows.map((r) => r.id).sort()).toEqual([...a.heldReferralIds].sort());
    const byOrder = await listReferrals(a.shop, { status: null, query: "1003", after: null, before: null });
    expect(byOrder.rows.map((r) => r.orderName)).toEqual(["#1003"]);
    const byCode = await listReferrals(a.shop, {
      status: null,
      query: a.advocates[0].code.toLowerCase(),
      after: null,
      before: null,
    });
    expect(byCode.rows.length).toBeGreaterThan(0);
    expect(byCode.rows.every((r) => r.advocateCode === a.advocates[0].code)).toBe(true);
    const byFriend = await listReferrals(a.shop, { status: null, query: "Greta", after: null, before: null });
    expect(byFriend.rows.length).toBeGreaterThan(0);
    expect(byFriend.rows.every((r) => r.friendName?.includes("Greta"))).toBe(true);
    // Names match whatever case the owner types, on SQLite and on PostgreSQL alike.
    const byFriendLower = await listReferrals(a.shop, { status: null, query: "greta", after: null, before: null });
    expect(byFriendLower.rows.map((r) => r.id).sort()).toEqual(byFriend.rows.map((r) => r.id).sort());
    const otherShopsOrder = await listReferrals(a.shop, {
      status: null,
      query: b.advocates[0].code,
      after: null,
      before: null,
    });
    expect(otherShopsOrder.rows).toHaveLength(0);
  });

  it("shows a referral's history oldest first, and nothing for another shop's id", async () => {
    const rejected = a.referralIds.rejected[0];
    const detail = await getReferralDetail(a.shop, rejected);
    expect(detail?.events.map((e) => e.type)).toEqual(["referral_held", "referral_rejected"]);
    expect(detail?.events[1].reason).toBe("Looks like a coupon site.");
    expect(await getReferralDetail(a.shop, b.referralIds.accepted[0])).toBeNull();
    expect(await getAdvocateDetail(a.shop, b.advocates[0].id)).toBeNull();
  });

  it("lists the review queue oldest first with reasons", async () => {
    const queue = await listHeldReferrals(a.shop, { after: null, before: null });
    expect(queue.rows.map((r) => r.id)).toEqual(a.heldReferralIds);
    expect(queue.rows[0].reasons.map((r) => r.rule)).toEqual(["similar_email"]);
  });

  it("lists rewards by state group and advocates by status", async () => {
    const failed = await listRewards(a.shop, "failed", { after: null, before: null });
    expect(failed.rows.map((r) => r.id).sort()).toEqual([...a.rewardIds.failed].sort());
    const pending = await listRewards(a.shop, "pending", { after: null, before: null });
    expect(pending.rows.every((r) => ["pending", "held", "issuing"].includes(r.state))).toBe(true);
    const advocates = await listAdvocates(a.shop, { status: "active", query: "anna", after: null, before: null });
    expect(advocates.rows.map((r) => r.name)).toEqual(["Anna Berg"]);
  });

  it("sums DailyStat for the dashboard and compares with the previous period", async () => {
    const range = parseRangeSelection(new URLSearchParams({ range: "30d" }), now);
    const d = await getDashboard(a.shop, range);
    const rows = await db.dailyStat.findMany({
      where: { shop: a.shop, day: { gte: range.current.from, lte: range.current.to } },
    });
    expect(d.current.clicks).toBe(rows.reduce((s, r) => s + r.clicks, 0));
    expect(d.current.referredOrders).toBe(rows.reduce((s, r) => s + r.accepted, 0));
    expect(d.current.referredRevenueMinor).toBe(rows.reduce((s, r) => s + r.referredRevenueMinor, 0));
    expect(d.series).toHaveLength(30);
    expect(d.heldCount).toBe(a.heldReferralIds.length);
    expect(d.hasAnyActivity).toBe(true);
    const top = await topAdvocates(a.shop);
    expect(top[0].qualifiedCount).toBeGreaterThanOrEqual(top[top.length - 1].qualifiedCount);
    expect(top.every((t) => a.advocates.some((x) => x.id === t.id))).toBe(true);
  });

  it("counts friends seen ordering again for the repeat-purchase rate", async () => {
    const range = parseRangeSelection(new URLSearchParams({ range: "90d" }), now);
    const d = await getDashboard(a.shop, range);
    expect(d.repeatPurchase.friends).toBeGreaterThan(0);
    // friends 0 and 1 have a second referral row (seed): both accepted at first
    expect(d.repeatPurchase.repeaters).toBeGreaterThanOrEqual(1);
    expect(d.repeatPurchase.rate).toBeCloseTo(d.repeatPurchase.repeaters / d.repeatPurchase.friends);
  });

  it("streams CSV exports of the range with formula cells defused", async () => {
    const from = new Date(now.getTime() - 100 * 86_400_000).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const csv = await readStream(referralsCsv(a.shop, { from, to }));
    const lines = csv.trim().split("\r\n");
    expect(lines[0].replace("\uFEFF", "").split(",")[0]).toBe("created_at");
    expect(lines).toHaveLength(41);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toContain(b.advocates[0].code);
    const rewards = await readStream(rewardsCsv(a.shop, { from, to }));
    expect(rewards.trim().split("\r\n").length - 1).toBe(await db.reward.count({ where: { shop: a.shop } }));
  });
});
