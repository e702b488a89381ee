import db from "../db.server";
import { REFERRED_ORDER_STATUS } from "../referrals/figures";
import { daysOf, rangeInstants, type RangeSelection } from "./date-range";
import { EMPTY_TOTALS, addTotals, metricsFrom, relativeChange, type Metrics, type StatTotals } from "./metrics";

export interface SeriesPoint {
  day: string;
  clicks: number;
  referredOrders: number;
  referredRevenueMinor: number;
}

export interface TopAdvocate {
  id: string;
  code: string;
  name: string;
  email: string | null;
  qualifiedCount: number;
  earnedMinor: number;
  status: string;
}

export interface Dashboard {
  current: Metrics;
  previous: Metrics;
  changes: Record<keyof Metrics, number | null>;
  repeatPurchase: RepeatPurchase;
  previousRepeatPurchase: RepeatPurchase;
  series: SeriesPoint[];
  previousSeries: SeriesPoint[];
  /** days per chart point: 1 (daily) or 7 (weekly) */
  bucketDays: number;
  topAdvocates: TopAdvocate[];
  /** referrals waiting for the owner's decision, shop-wide (not range-bound) */
  heldCount: number;
  /** no DailyStat row at all for the shop: a brand new program */
  hasAnyActivity: boolean;
}

export interface RepeatPurchase {
  /** share of referred friends with more than one order seen; null with no friends */
  rate: number | null;
  friends: number;
  repeaters: number;
  /** the friends looked at were capped at `sampleSize` (see REPEAT_SAMPLE) */
  sampled: boolean;
  sampleSize: number;
}

/**
 * Reads the pre-aggregated DailyStat rows for both periods in one indexed range read on
 * the (shop, day) primary key: at most 2 × 366 rows, whatever the number of referrals.
 */
async function dailyRows(shop: string, range: RangeSelection) {
  return db.dailyStat.findMany({
    where: { shop, day: { gte: range.previous.from, lte: range.current.to } },
    orderBy: { day: "asc" },
  });
}

/** Ranges longer than this are charted by week: daily counts of a few orders are just noise. */
export const WEEKLY_AFTER_DAYS = 45;

/**
 * The chart's points: one per day, or per 7 days counted from the range's first day (so
 * the current and previous periods bucket alike), keyed by the bucket's first day.
 */
export function seriesFor(days: string[], byDay: Map<string, StatTotals>, bucketDays = 1): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 0; i < days.length; i += bucketDays) {
    const point: SeriesPoint = { day: days[i], clicks: 0, referredOrders: 0, referredRevenueMinor: 0 };
    for (const day of days.slice(i, i + bucketDays)) {
      const t = byDay.get(day) ?? EMPTY_TOTALS;
      point.clicks += t.clicks;
      point.referredOrders += t.accepted;
      point.referredRevenueMinor += t.referredRevenueMinor;
    }
    out.push(point);
  }
  return out;
}

/** The newest accepted referrals looked at for the repeat-purchase rate. */
// Bounded so the dashboard's cost does not grow with the shop (BENCHMARKS.md): 500 of
// the newest referred friends give the rate within a few points.
export const REPEAT_SAMPLE = 500;

/**
 * Repeat-purchase rate of referred customers, from Referral rows: a friend is "referred"
 * when their referral was accepted in the range, and "repeat" when the app has seen
 * more than one order from them, i.e. their friendCustomerId is on more than one
 * Referral row of the shop (a later order that carries any advocate's code is recorded,
 * as blocked "already a customer" or "already referred"). Orders without a code never
 * reach the app, so this is a lower bound on the true rate. The cost is bounded: at most
 * REPEAT_SAMPLE accepted referrals of the range (index shop+status+createdAt), then one
 * grouped count per 500 friends on the (shop, friendCustomerId) index.
 */
export async function repeatPurchase(
  shop: string,
  range: { from: string; to: string },
  timeZone = "UTC",
): Promise<RepeatPurchase> {
  const referred = await db.referral.findMany({
    where: {
      shop,
      status: REFERRED_ORDER_STATUS,
      createdAt: rangeInstants(range, timeZone),
      friendCustomerId: { not: null },
    },
    select: { friendCustomerId: true },
    orderBy: { createdAt: "desc" },
    take: REPEAT_SAMPLE + 1,
  });
  const sampled = referred.length > REPEAT_SAMPLE;
  const friends = [...new Set(referred.slice(0, REPEAT_SAMPLE).map((r) => r.friendCustomerId!))];
  let repeaters = 0;
  for (let i = 0; i < friends.length; i += 500) {
    const groups = await db.referral.groupBy({
      by: ["friendCustomerId"],
      where: { shop, friendCustomerId: { in: friends.slice(i, i + 500) } },
      _count: { _all: true },
    });
    repeaters += groups.filter((g) => g._count._all > 1).length;
  }
  return {
    rate: friends.length ? repeaters / friends.length : null,
    friends: friends.length,
    repeaters,
    sampled,
    sampleSize: REPEAT_SAMPLE,
  };
}

/**
 * Top advocates by successful referrals, then earnings, from the counters the engine
 * keeps on Advocate: a top-N read, never an aggregate over referrals, walking the
 * (shop, qualifiedCount, earnedMinor) index.
 */
export async function topAdvocates(shop: string, limit = 10): Promise<TopAdvocate[]> {
  const rows = await db.advocate.findMany({
    where: { shop, qualifiedCount: { gt: 0 } },
    orderBy: [{ qualifiedCount: "desc" }, { earnedMinor: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      code: true,
      firstName: true,
      lastName: true,
      email: true,
      qualifiedCount: true,
      earnedMinor: true,
      status: true,
    },
  });
  return rows.map((a) => ({
    id: a.id,
    code: a.code,
    name: [a.firstName, a.lastName].filter(Boolean).join(" "),
    email: a.email,
    qualifiedCount: a.qualifiedCount,
    earnedMinor: a.earnedMinor,
    status: a.status,
  }));
}

export async function getDashboard(shop: string, range: RangeSelection): Promise<Dashboard> {
  const [rows, repeatNow, repeatBefore, top, heldCount, anyRow] = await Promise.all([
    dailyRows(shop, range),
    repeatPurchase(shop, range.current, range.timeZone),
    repeatPurchase(shop, range.previous, range.timeZone),
    topAdvocates(shop),
    db.referral.count({ where: { shop, status: "held" } }),
    db.dailyStat.findFirst({ where: { shop }, select: { day: true } }),
  ]);
  const byDay = new Map(rows.map((r) => [r.day, r as StatTotals]));
  let cur = EMPTY_TOTALS;
  let prev = EMPTY_TOTALS;
  for (const r of rows) {
    if (r.day >= range.current.from) cur = addTotals(cur, r);
    else prev = addTotals(prev, r);
  }
  const current = metricsFrom(cur, range.current.days);
  const previous = metricsFrom(prev, range.previous.days);
  const changes = Object.fromEntries(
    (Object.keys(current) as (keyof Metrics)[]).map((k) => [k, relativeChange(current[k], previous[k])]),
  ) as Record<keyof Metrics, number | null>;
  const bucketDays = range.current.days > WEEKLY_AFTER_DAYS ? 7 : 1;
  return {
    current,
    previous,
    changes,
    bucketDays,
    repeatPurchase: repeatNow,
    previousRepeatPurchase: repeatBefore,
    series: seriesFor(daysOf(range.current), byDay, bucketDays),
    previousSeries: seriesFor(daysOf(range.previous), byDay, bucketDays),
    topAdvocates: top,
    heldCount,
    hasAnyActivity: anyRow !== null,
  };
}
