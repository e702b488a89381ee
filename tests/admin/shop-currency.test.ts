/**
 * The program's currency is the shop's (Shopify's shop.currencyCode): onboarding shows
 * and saves amounts in it, and a change of it (read on an admin visit, or from the
 * shop/update webhook) keeps the program's written amounts in the new currency, leaves
 * recorded referrals in the old one, and stays on the home page until the owner has read it.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { settingsInputFrom } from "../../app/admin/settings-form";
import { ownerSummary } from "../../app/admin/offer-text";
import { translatorFor } from "../../app/i18n/catalogue.server";
import { createFormatters } from "../../app/i18n/format";
import { sameAmountIn } from "../../app/lib/money";
import { programAmountsIn } from "../../app/referrals/program-settings";
import { getProgramSettings } from "../../app/referrals/program-settings.server";
import { resetCurrencyBackoff } from "../../app/shops/currency.server";
import { onShopAuthenticated } from "../../app/shops/shop-lifecycle.server";
import { adminRequest } from "../support/admin-requests";
import { drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const dataOf = (r: unknown) =>
  ((r as { type?: string }).type === "DataWithResponseInit" ? (r as { data: unknown }).data : r) as Record<
    string,
    unknown
  >;

async function home(shop: string) {
  const { loader } = await import("../../app/routes/app._index");
  return dataOf(await loader({ request: adminRequest(shop, "/app"), params: {}, context: {} }));
}

async function homeAction(shop: string, form: Record<string, string>) {
  const { action } = await import("../../app/routes/app._index");
  return action({ request: adminRequest(shop, "/app", form), params: {}, context: {} });
}

/** As if the app last read the shop's currency two hours ago: the next admin visit asks Shopify. */
async function currencyReadLongAgo(shop: string) {
  await db.shop.update({
    where: { domain: shop },
    data: { currencyCheckedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) },
  });
  resetCurrencyBackoff();
}

/** A shop that installed the app and has not turned the program on. */
async function freshShop(currencyCode: string) {
  const domain = `cur-${crypto.randomBytes(4).toString("hex")}.myshopify.com`;
  const { accessToken } = world.sim.seedShop({ domain, currencyCode, name: "Sklep" });
  await db.session.create({
    data: { id: `offline_${domain}`, shop: domain, state: "", isOnline: false, accessToken, scope: process.env.SCOPES },
  });
  await onShopAuthenticated(domain, process.env.SCOPES!);
  return domain;
}

describe("the same written amount in another currency", () => {
  it("keeps the number, in the new currency's minor units, rounding half up to fewer decimals", () => {
    expect(sameAmountIn(1050, "USD", "PLN")).toBe(1050);
    expect(sameAmountIn(1050, "USD", "JPY")).toBe(11);
    expect(sameAmountIn(1049, "USD", "JPY")).toBe(10);
    expect(sameAmountIn(1000, "JPY", "USD")).toBe(100000);
    expect(sameAmountIn(1050, "EUR", "KWD")).toBe(10500);
    expect(
      programAmountsIn(
        {
          friendAmountMinor: 500,
          rewardAmountMinor: 1050,
          minimumSubtotalMinor: 2500,
          milestones: [{ count: 5, amountMinor: 2000 }],
          tiers: [{ from: 3, amountMinor: 1550, percent: 0 }],
        },
        "USD",
        "JPY",
      ),
    ).toEqual({
      friendAmountMinor: 5,
      rewardAmountMinor: 11,
      minimumSubtotalMinor: 25,
      milestones: [{ count: 5, amountMinor: 20 }],
      tiers: [{ from: 3, amountMinor: 16, percent: 0 }],
    });
  });
});

describe("onboarding on a złoty shop", () => {
  it("shows the offer in złoty, never in dollars, and activates the program in złoty", async () => {
    const shop = await freshShop("PLN");
    const loaded = await home(shop);
    expect(loaded.mode).toBe("onboarding");
    const offer = loaded.offer as Parameters<typeof ownerSummary>[0];
    expect(offer).toMatchObject({ currencyCode: "PLN", rewardAmountMinor: 1000 });
    // what the onboarding page writes, in Polish and in English
    const pl = ownerSummary(
      { ...offer, friendOfferType: "fixed_amount", friendAmountMinor: 500 },
      translatorFor("pl"),
      createFormatters("pl", "UTC"),
    );
    expect(pl.reward).toMatch(/10,00\szł/);
    expect(pl.offer).toMatch(/5,00\szł/);
    const en = ownerSummary(offer, translatorFor("en"), createFormatters("en", "UTC"));
    expect(en.reward).toMatch(/PLN\s10\.00/);
    expect(`${pl.offer} ${pl.reward} ${en.offer} ${en.reward}`).not.toContain("$");

    await homeAction(shop, { intent: "activate" });
    const settings = await getProgramSettings(shop);
    expect(settings).toMatchObject({ enabled: true, currencyCode: "PLN", rewardAmountMinor: 1000 });
    // the first reading of the shop's currency is not a change to tell about
    expect((await home(shop)).currencyChange).toBeNull();
  });
});

describe("a change of the shop's currency", () => {
  it("is noticed on an admin visit: program amounts keep their numbers, recorded referrals their currency, and the home page tells the owner until they mark it reviewed", async () => {
    const shop = await installShop(world.sim, {
      rewardAmount: "10.50",
      minimumSubtotal: "25.00",
      milestones: "5:20.00",
    });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    await world.sim.placeOrder(shop, {
      customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    await drain();
    expect(await db.referral.findMany({ where: { shop }, select: { currencyCode: true } })).toEqual([
      { currencyCode: "USD" },
    ]);
    expect((await home(shop)).currencyChange).toBeNull();

    await world.sim.setShopCurrency(shop, "JPY", { deliver: false });
    await currencyReadLongAgo(shop);
    const loaded = await home(shop);
    expect(loaded.currency).toBe("JPY");
    const change = loaded.currencyChange as { from: string; to: string; at: string };
    expect(change).toMatchObject({ from: "USD", to: "JPY" });

    const settings = await getProgramSettings(shop);
    expect(settings).toMatchObject({
      currencyCode: "JPY",
      rewardAmountMinor: 11,
      minimumSubtotalMinor: 25,
      milestones: [{ count: 5, amountMinor: 20 }],
    });
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).currencyCode).toBe("JPY");
    // recorded amounts stay in the currency they were recorded in
    expect(await db.referral.findMany({ where: { shop }, select: { currencyCode: true } })).toEqual([
      { currencyCode: "USD" },
    ]);
    // the friend discount in Shopify is brought in step (its minimum is written in the shop's currency)
    const sync = await db.outboxTask.findFirstOrThrow({ where: { shop, kind: "sync_friend_discount" } });
    expect(sync.status).toBe("pending");
    await drain();

    // persistent: another visit shows it again; a mark for an earlier change does not clear it
    expect((await home(shop)).currencyChange).toEqual(change);
    await homeAction(shop, { intent: "acknowledge_currency_change", changedAt: "2020-01-01T00:00:00.000Z" });
    expect((await home(shop)).currencyChange).toEqual(change);
    await homeAction(shop, { intent: "acknowledge_currency_change", changedAt: change.at });
    expect((await home(shop)).currencyChange).toBeNull();
    expect((await getProgramSettings(shop)).rewardAmountMinor).toBe(11);
  });

  it("is taken from the shop/update webhook, once however often it is delivered, and only from the shop's own payload", async () => {
    const shop = await installShop(world.sim, { rewardAmount: "10.50" });
    const payload = {
      id: 1,
      name: "Test Shop",
      myshopify_domain: shop,
      domain: shop,
      currency: "PLN",
    };
    const send = async (body: Record<string, unknown>, eventId: string) =>
      expect((await world.sim.sendWebhook(shop, "shop/update", body, { eventId })).status).toBe(200);

    // another shop's payload, and a currency that is not a code: acknowledged, ignored
    await send({ ...payload, myshopify_domain: "someone-else.myshopify.com" }, "evt-shop-1");
    await send({ ...payload, currency: "zł" }, "evt-shop-2");
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).currencyCode).toBe("USD");

    const delivered = await world.sim.setShopCurrency(shop, "PLN");
    expect(delivered?.status).toBe(200);
    await send(payload, "evt-shop-3");
    const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(row).toMatchObject({ currencyCode: "PLN", previousCurrencyCode: "USD" });
    expect(await getProgramSettings(shop)).toMatchObject({ currencyCode: "PLN", rewardAmountMinor: 1050 });
    expect((await home(shop)).currencyChange).toMatchObject({ from: "USD", to: "PLN" });

    // and back before the owner looked: nothing left to tell
    await world.sim.setShopCurrency(shop, "USD");
    expect((await home(shop)).currencyChange).toBeNull();
    expect(await getProgramSettings(shop)).toMatchObject({ currencyCode: "USD", rewardAmountMinor: 1050 });
  });
});

describe("the settings form", () => {
  it("does not post a currency: the program's is the shop's", () => {
    const form = new FormData();
    form.set("currencyCode", "EUR");
    form.set("rewardAmount", "10.00");
    expect(settingsInputFrom(form)).not.toHaveProperty("currencyCode");
  });
});
