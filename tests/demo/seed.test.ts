/**
 * The showcase data `npm run demo` seeds reads like a real shop: nothing dated after
 * today, every order name once, each fraud reason true of the seeded friend and advocate,
 * and no test strings aimed at spreadsheets.
 */
import { describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { parseReasons } from "../../app/admin/reasons";
import { canonicalName, isSimilar, mailboxStem } from "../../app/referrals/similarity";
import { seedDemoShop } from "../../scripts/demo/seed";

const SHOP = "showcase-seed.myshopify.com";

describe("the demo shop's seeded data", () => {
  it("is dated up to today, names each order once, and its reasons follow from the data", async () => {
    const now = new Date();
    await seedDemoShop(db, { shop: SHOP, accessToken: "tok-showcase", label: "sc", now, hostileStrings: false });
    const referrals = await db.referral.findMany({ where: { shop: SHOP }, include: { advocate: true } });
    const rewards = await db.reward.findMany({ where: { shop: SHOP } });
    const events = await db.ledgerEvent.findMany({ where: { shop: SHOP } });
    const days = await db.dailyStat.findMany({ where: { shop: SHOP } });

    const dates = [
      ...referrals.flatMap((r) => [r.createdAt, r.orderCreatedAt, r.paidAt, r.decidedAt]),
      ...rewards.flatMap((r) => [r.createdAt, r.issuedAt, r.usedAt, r.voidedAt]),
      ...events.map((e) => e.createdAt),
    ].filter((d): d is Date => d !== null);
    expect(dates.filter((d) => d > now)).toEqual([]);
    expect(days.filter((d) => d.day > now.toISOString().slice(0, 10))).toEqual([]);
    // a reward is issued only once due
    for (const r of rewards) if (r.issuedAt) expect(r.dueAt.getTime()).toBeLessThanOrEqual(now.getTime());

    const names = referrals.map((r) => r.orderName);
    expect(new Set(names).size).toBe(names.length);

    for (const r of referrals) {
      for (const reason of parseReasons(r.reasons)) {
        if (reason.rule === "similar_email")
          expect(isSimilar(mailboxStem(r.friendEmail), mailboxStem(r.advocate.email), 4)).toBe(true);
        else if (reason.rule === "self_referral") expect(r.friendEmail).toBe(r.advocate.email);
        else if (reason.rule === "similar_name")
          expect(
            isSimilar(canonicalName(r.friendName, null), canonicalName(r.advocate.firstName, r.advocate.lastName), 5),
          ).toBe(true);
        else throw new Error(`unexpected seeded rule ${reason.rule}`);
      }
    }
    expect(referrals.some((r) => r.status === "held")).toBe(true);

    const text = JSON.stringify({ referrals, events });
    expect(text).not.toMatch(/HYPERLINK|evil\.example|<script/i);
  });
});
