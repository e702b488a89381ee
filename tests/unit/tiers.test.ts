import { describe, expect, it } from "vitest";
import { formatTiers, ordinal, parseTiers, rewardForNthReferral, tierProgress } from "../../app/referrals/tiers";

const base = {
  rewardType: "fixed_amount" as const,
  rewardAmountMinor: 1000,
  rewardPercent: 0,
  rewardFromReferral: 1,
  currencyCode: "USD",
  tiers: [
    { from: 5, amountMinor: 1500, percent: 0 },
    { from: 10, amountMinor: 2000, percent: 0 },
  ],
};

describe("tiers for top advocates", () => {
  it("reads rows of referral:reward, sorted, for amounts and percentages", () => {
    expect(parseTiers("10:20, 5:15.50", "USD", "fixed_amount")).toEqual([
      { from: 5, amountMinor: 1550, percent: 0 },
      { from: 10, amountMinor: 2000, percent: 0 },
    ]);
    expect(parseTiers("3:20%", "USD", "percentage")).toEqual([{ from: 3, amountMinor: 0, percent: 20 }]);
    expect(parseTiers("", "USD", "fixed_amount")).toEqual([]);
    expect(formatTiers(parseTiers("5:15", "PLN", "store_credit") as never, "PLN", "store_credit")).toBe("5:15.00");
  });

  it("refuses nonsense with a message naming the row", () => {
    expect(parseTiers("5", "USD", "fixed_amount")).toEqual({ key: "settings.errors.tierFormat", vars: { text: "5" } });
    expect(parseTiers("1:15", "USD", "fixed_amount")).toEqual({ key: "settings.errors.tierFrom", vars: { from: 2 } });
    expect(parseTiers("3:15", "USD", "fixed_amount", 3)).toEqual({
      key: "settings.errors.tierFrom",
      vars: { from: 4 },
    });
    expect(parseTiers("5:15, 5:20", "USD", "fixed_amount")).toEqual({
      key: "settings.errors.tierTwice",
      vars: { from: 5 },
    });
    expect(parseTiers("5:0", "USD", "fixed_amount")).toEqual({ key: "settings.errors.tierAmount", vars: { from: 5 } });
    expect(parseTiers("5:150%", "USD", "percentage")).toEqual({
      key: "settings.errors.tierPercent",
      vars: { from: 5 },
    });
    expect(parseTiers("2:1, 3:1, 4:1, 5:1, 6:1, 7:1", "USD", "fixed_amount")).toMatchObject({
      key: "settings.errors.tiersMax",
    });
  });

  it("pays the base reward before the first tier and each tier's from its referral on", () => {
    const amounts = [1, 4, 5, 9, 10, 50].map((n) => rewardForNthReferral(base, n, 5000)?.amountMinor);
    expect(amounts).toEqual([1000, 1000, 1500, 1500, 2000, 2000]);
    expect(rewardForNthReferral({ ...base, rewardFromReferral: 3 }, 2, 5000)).toBeNull();
    expect(rewardForNthReferral({ ...base, rewardFromReferral: 3 }, 3, 5000)).toMatchObject({ amountMinor: 1000 });
    const percentage = {
      ...base,
      rewardType: "percentage" as const,
      rewardPercent: 10,
      tiers: [{ from: 2, amountMinor: 0, percent: 20 }],
    };
    // integer arithmetic, rounded half up: 20% of 33.33 is 6.67
    expect(rewardForNthReferral(percentage, 2, 3333)).toEqual({ amountMinor: 667, percent: 20, level: 2 });
  });

  it("says where an advocate stands and how many friends to the next tier", () => {
    expect(tierProgress(base, 3)).toMatchObject({ level: 1, levels: 3, next: { level: 2, from: 5, remaining: 2 } });
    expect(tierProgress(base, 10)).toMatchObject({ level: 3, next: null, reward: { amountMinor: 2000 } });
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal).join(" ")).toBe(
      "1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 111th",
    );
  });
});
