import { describe, expect, it } from "vitest";
import { translatorFor } from "../../app/i18n/catalogue.server";
import { settingsToInput, validateSettings, type SettingsInput } from "../../app/referrals/program-settings";

const english = translatorFor("en");

const valid: SettingsInput = {
  enabled: "true",
  currencyCode: "EUR",
  friendOfferType: "percentage",
  friendPercent: "15",
  rewardType: "fixed_amount",
  rewardAmount: "10.00",
  minimumSubtotal: "30",
  rewardDelayDays: "14",
  rewardExpiryDays: "90",
  maxRewardsPerAdvocate: "",
  milestones: "10:50, 5:25",
  orderTag: "referral",
  customerTag: "referred-customer",
  shareMessage: "Use {code}",
};

describe("program settings validation", () => {
  it("accepts sensible settings, in exact minor units, milestones sorted", () => {
    const result = validateSettings(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rewardAmountMinor).toBe(1000);
    expect(result.value.minimumSubtotalMinor).toBe(3000);
    expect(result.value.milestones).toEqual([
      { count: 5, amountMinor: 2500 },
      { count: 10, amountMinor: 5000 },
    ]);
    expect(result.value.maxRewardsPerAdvocate).toBeNull();
  });

  it.each([
    ["rewardAmount", "0", "greater than zero"],
    ["rewardAmount", "-5", "not negative"],
    ["friendPercent", "101", "1 to 100"],
    ["currencyCode", "XXQ", "currency"],
    ["rewardDelayDays", "-1", "0 to 365"],
    ["milestones", "5:25, 5:30", "two milestones"],
    ["milestones", "five", "count:amount"],
    ["orderTag", "", "letters"],
    ["rewardAmount", "10.001", "amount"],
  ])("rejects %s = %s with a field message", (field, value, message) => {
    const result = validateSettings({ ...valid, [field]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors[field]!;
    // The message is a catalogue key the page shows in the admin's language.
    expect(english(error.key, error.vars)).toMatch(new RegExp(message, "i"));
    expect(translatorFor("pl")(error.key, error.vars)).not.toBe(error.key);
  });

  it("round-trips through the form", () => {
    const result = validateSettings(valid);
    if (!result.ok) throw new Error("invalid");
    const again = validateSettings(settingsToInput({ ...result.value, shop: "s", friendDiscountId: null }));
    expect(again).toEqual(result);
  });
});
