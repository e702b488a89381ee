import { describe, expect, it } from "vitest";
import { EMPTY_TOTALS, addTotals, metricsFrom, relativeChange } from "../../app/admin/metrics";
import { themeEditorBlockUrl, themeEditorEmbedUrl } from "../../app/admin/theme-editor";
import { translatorFor } from "../../app/i18n/catalogue.server";
import { createFormatters } from "../../app/i18n/format";
import { friendOfferText, milestoneText, offerValuesFromInput, rewardText } from "../../app/admin/offer-text";
import { seriesFor } from "../../app/admin/dashboard.server";

describe("dashboard metrics", () => {
  it("derives rates without dividing by zero", () => {
    const m = metricsFrom(EMPTY_TOTALS, 30);
    expect(m.conversionRate).toBeNull();
    expect(m.returnOnRewardSpend).toBeNull();
    expect(m.velocityPerWeek).toBe(0);
  });

  it("computes conversion, return on spend and weekly velocity", () => {
    const t = addTotals(
      addTotals(EMPTY_TOTALS, { clicks: 150, accepted: 9, referredRevenueMinor: 90000, rewardCostMinor: 9000 }),
      { clicks: 50, accepted: 5 },
    );
    const m = metricsFrom(t, 14);
    expect(m.clicks).toBe(200);
    expect(m.referredOrders).toBe(14);
    expect(m.conversionRate).toBeCloseTo(0.07);
    expect(m.returnOnRewardSpend).toBe(10);
    expect(m.velocityPerWeek).toBe(7);
  });

  it("reports change only against a non-zero base", () => {
    expect(relativeChange(15, 10)).toBeCloseTo(0.5);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
  });
});

describe("onboarding and preview text", () => {
  it("deep-links the account block in the theme editor", () => {
    expect(themeEditorBlockUrl("demo.myshopify.com", "abc123")).toBe(
      "https://demo.myshopify.com/admin/themes/current/editor?template=customers/account&addAppBlockId=abc123/referral-account&target=mainSection",
    );
  });

  it("deep-links the referral link tracking embed, switched on in the App embeds panel", () => {
    expect(themeEditorEmbedUrl("demo.myshopify.com", "abc123")).toBe(
      "https://demo.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=abc123/referral-tracking",
    );
  });

  it("describes the offer as typed in the form", () => {
    const v = offerValuesFromInput({
      currencyCode: "EUR",
      friendOfferType: "fixed_amount",
      friendAmount: "5",
      rewardType: "store_credit",
      rewardAmount: "12.50",
    });
    const en = [translatorFor("en"), createFormatters("en", "UTC")] as const;
    expect(friendOfferText(v, ...en)).toBe("Your friends get €5.00 off their first order.");
    expect(rewardText(v, ...en)).toBe("You get €12.50 in store credit for each friend’s first order.");
    expect(milestoneText("10:50, 5:25", "EUR", ...en)).toBe("Bonus: €25.00 at 5 friends, €50.00 at 10 friends.");
    expect(milestoneText("5:oops", "EUR", ...en)).toBeNull();
    // In Polish: the words and the money as Polish writes them.
    const pl = [translatorFor("pl"), createFormatters("pl", "UTC")] as const;
    expect(friendOfferText(v, ...pl)).toBe("Twoi znajomi dostaną 5,00\u00a0€ rabatu na pierwsze zamówienie.");
  });
});

describe("chart series", () => {
  it("buckets days into weeks from the range's first day", () => {
    const days = Array.from({ length: 10 }, (_, i) => `2025-01-${String(i + 1).padStart(2, "0")}`);
    const byDay = new Map(days.map((d, i) => [d, { ...EMPTY_TOTALS, clicks: 1, accepted: i % 2 }]));
    expect(seriesFor(days, byDay, 7)).toEqual([
      { day: "2025-01-01", clicks: 7, referredOrders: 3, referredRevenueMinor: 0 },
      { day: "2025-01-08", clicks: 3, referredOrders: 2, referredRevenueMinor: 0 },
    ]);
    expect(seriesFor(days, byDay)).toHaveLength(10);
  });
});
