import db from "../db.server";
import { readCustomerAccountsVersion } from "../shopify/shop.server";
import { customerAccountsKind, type CustomerAccountsKind } from "../admin/storefront-surfaces";
import { shopFactReader, type ShopFactOptions } from "./shop-fact.server";

/**
 * Which customer accounts the shop uses decides where its customers can see their code:
 * the theme block on the legacy account page, or the customer account extension on the
 * current accounts. Shopify is asked at most once an hour per shop (the answer is kept
 * on the Shop row, so every app instance shares it); a shop moves to the current
 * accounts once, and the next admin visit after that hour shows the new guidance.
 */

export const CUSTOMER_ACCOUNTS_TTL_MS = 60 * 60 * 1000;

const customerAccounts = shopFactReader<CustomerAccountsKind>({
  name: "customer accounts version",
  ttlMs: CUSTOMER_ACCOUNTS_TTL_MS,
  async load(shop) {
    const row = await db.shop.findUnique({
      where: { domain: shop },
      select: { customerAccountsVersion: true, customerAccountsCheckedAt: true },
    });
    return {
      value: customerAccountsKind(row?.customerAccountsVersion),
      checkedAt: row?.customerAccountsCheckedAt ?? null,
    };
  },
  async refresh(shop, api, at) {
    const version = await readCustomerAccountsVersion(api);
    await recordCustomerAccountsVersion(shop, version, at);
    return customerAccountsKind(version);
  },
});

/**
 * The shop's customer accounts: "current", "legacy", or "unknown" when Shopify has never
 * answered (the admin then shows both ways). A stale answer is used while Shopify fails.
 */
export function shopCustomerAccounts(shop: string, options: ShopFactOptions = {}): Promise<CustomerAccountsKind> {
  return customerAccounts.read(shop, options);
}

/** Keeps Shopify's answer on the shop's row (no row yet: nothing to keep it on, asked again next time). */
export async function recordCustomerAccountsVersion(shop: string, version: string | null, at: Date) {
  await db.shop.updateMany({
    where: { domain: shop },
    data: { customerAccountsVersion: version, customerAccountsCheckedAt: at },
  });
}

/** Forgets this process's failure backoff (tests). */
export function resetCustomerAccountsBackoff() {
  customerAccounts.resetBackoff();
}
