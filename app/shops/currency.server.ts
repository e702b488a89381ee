import db from "../db.server";
import { isKnownCurrency } from "../lib/money";
import { log } from "../lib/log.server";
import { moveProgramToCurrency } from "../referrals/program-settings.server";
import { readShopFacts } from "../shopify/shop.server";
import { shopFactReader, type ShopFactOptions } from "./shop-fact.server";

/**
 * The shop's currency (Shopify's `shop.currencyCode`) is the program's. It is read on an
 * admin visit (at most hourly) and taken from the shop/update webhook; when it differs
 * from what the app had, the program's amounts keep their written numbers in the new
 * currency (never converted at a rate), and the change waits on the Shop row until the
 * owner acknowledges it on the home page. Referrals and rewards already recorded keep
 * the currency on their own rows.
 */

export const CURRENCY_TTL_MS = 60 * 60 * 1000;

/** A change of the shop's currency the owner has not acknowledged yet. */
export interface CurrencyChange {
  from: string;
  to: string;
  /** when the app noticed it (ISO) */
  at: string;
}

/**
 * Keeps the currency Shopify reports for the shop (`reported`, an ISO 4217 code) and
 * returns the change it makes, or null. A shop whose currency the app never read (and
 * whose program was never activated, which reads it) only takes it: its stored "USD" was
 * a default, not the shop's. A shop without a row (not installed) is left alone.
 */
export async function recordShopCurrency(shop: string, reported: string, at: Date): Promise<CurrencyChange | null> {
  if (!isKnownCurrency(reported)) {
    log.warn(`shop currency: ignored an unknown currency code for ${shop}`);
    return null;
  }
  return db.$transaction(async (tx) => {
    const row = await tx.shop.findUnique({
      where: { domain: shop },
      select: { currencyCode: true, currencyCheckedAt: true, previousCurrencyCode: true },
    });
    if (!row) return null;
    const settings = await tx.programSettings.findUnique({ where: { shop }, select: { friendDiscountId: true } });
    const known = row.currencyCheckedAt !== null || Boolean(settings?.friendDiscountId);
    const programWasIn = await moveProgramToCurrency(tx, shop, reported, { sameWrittenAmounts: known });
    const from = row.currencyCode !== reported ? row.currencyCode : programWasIn;
    if (!known || from === null || from === reported) {
      await tx.shop.update({ where: { domain: shop }, data: { currencyCode: reported, currencyCheckedAt: at } });
      return null;
    }
    // Changed again before the owner read about the first change: tell the whole way
    // (USD to PLN to EUR reads "from USD to EUR"); back where it started: nothing to tell.
    const previous = row.previousCurrencyCode ?? from;
    const unchanged = previous === reported;
    await tx.shop.update({
      where: { domain: shop },
      data: {
        currencyCode: reported,
        currencyCheckedAt: at,
        previousCurrencyCode: unchanged ? null : previous,
        currencyChangedAt: unchanged ? null : at,
      },
    });
    log.info(`shop currency: ${shop} changed from ${from} to ${reported}`);
    return unchanged ? null : { from: previous, to: reported, at: at.toISOString() };
  });
}

const currency = shopFactReader<string>({
  name: "currency",
  ttlMs: CURRENCY_TTL_MS,
  async load(shop) {
    const row = await db.shop.findUnique({
      where: { domain: shop },
      select: { currencyCode: true, currencyCheckedAt: true },
    });
    if (row) return { value: row.currencyCode, checkedAt: row.currencyCheckedAt };
    const settings = await db.programSettings.findUnique({ where: { shop }, select: { currencyCode: true } });
    return { value: settings?.currencyCode ?? "USD", checkedAt: null };
  },
  async refresh(shop, api, at) {
    const facts = await readShopFacts(api);
    if (!isKnownCurrency(facts.currencyCode)) throw new Error("Shopify reported an unknown currency code");
    await recordShopCurrency(shop, facts.currencyCode, at);
    return facts.currencyCode;
  },
});

/**
 * The shop's currency for an admin page: read from Shopify when the stored answer is an
 * hour old (noticing a change), the stored one while Shopify fails.
 */
export function shopCurrencyFor(shop: string, options: ShopFactOptions = {}): Promise<string> {
  return currency.read(shop, options);
}

/** The change of the shop's currency the owner has not acknowledged yet, if any. */
export async function unacknowledgedCurrencyChange(shop: string): Promise<CurrencyChange | null> {
  const row = await db.shop.findUnique({
    where: { domain: shop },
    select: { currencyCode: true, previousCurrencyCode: true, currencyChangedAt: true },
  });
  if (!row?.previousCurrencyCode || !row.currencyChangedAt) return null;
  return { from: row.previousCurrencyCode, to: row.currencyCode, at: row.currencyChangedAt.toISOString() };
}

/**
 * The owner read about the change noticed at `at` (ISO): it is no longer shown. A change
 * noticed after the page was drawn stays, so nobody dismisses what they have not seen.
 */
export async function acknowledgeCurrencyChange(shop: string, at: string): Promise<void> {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return;
  await db.shop.updateMany({
    where: { domain: shop, currencyChangedAt: when },
    data: { previousCurrencyCode: null, currencyChangedAt: null },
  });
}

/** Forgets this process's failure backoff (tests). */
export function resetCurrencyBackoff() {
  currency.resetBackoff();
}
