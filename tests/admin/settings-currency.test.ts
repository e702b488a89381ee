import { describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { saveProgramSettings, validateShopSettings } from "../../app/referrals/program-settings.server";

/** The program's currency is the shop's: a posted currency is not taken. */
const FORM = {
  enabled: "true",
  currencyCode: "EUR",
  friendOfferType: "percentage",
  friendPercent: "10",
  rewardType: "fixed_amount",
  rewardAmount: "10.00",
  minimumSubtotal: "",
  rewardDelayDays: "14",
  rewardExpiryDays: "180",
  maxRewardsPerAdvocate: "",
  milestones: "",
  orderTag: "referral",
  customerTag: "referred-customer",
  shareMessage: "",
};

describe("program currency", () => {
  it("saving settings with EUR on a złoty shop keeps złoty", async () => {
    const shop = "currency-pln.myshopify.com";
    await db.shop.create({ data: { domain: shop, name: "Sklep", currencyCode: "PLN" } });
    const result = await validateShopSettings(shop, FORM);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toMatchObject({ currencyCode: "PLN", rewardAmountMinor: 1000 });
    const saved = await saveProgramSettings(shop, result.value);
    expect(saved.currencyCode).toBe("PLN");
  });
});
