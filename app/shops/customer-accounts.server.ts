import db from "../db.server";
import { adminApiFor, type AdminApi } from "../shopify/admin-client.server";
import { readCustomerAccountsVersion } from "../shopify/shop.server";
import { customerAccountsKind, type CustomerAccountsKind } from "../admin/storefront-surfaces";

/**
 * Which customer accounts the shop uses decides where its customers can see their code:
 * the theme block on the legacy account page, or the customer account extension on the
 * current accounts. Shopify is asked at most once an hour per shop (the answer is kept
 * on the Shop row, so every app instance shares it); a shop moves to the current
 * accounts once, and the next admin visit after that hour shows the new guidance.
 */

export const CUSTOMER_ACCOUNTS_TTL_MS = 60 * 60 * 1000;
/** After a failed read, this process waits this long before asking Shopify again. */
const RETRY_AFTER_FAILURE_MS = 60 * 1000;

const failedAt = new Map<string, number>();
const inFlight = new Map<string, Promise<CustomerAccountsKind>>();

export interface CustomerAccountsOptions {
  now?: () => number;
  /** the Admin API to ask (tests); the shop's offline token otherwise */
  admin?: AdminApi;
}

/**
 * The shop's customer accounts: "current", "legacy", or "unknown" when Shopify has never
 * answered (the admin then shows both ways). A stale answer is used while Shopify fails.
 */
export async function shopCustomerAccounts(
  shop: string,
  options: CustomerAccountsOptions = {},
): Promise<CustomerAccountsKind> {
  const now = options.now?.() ?? Date.now();
  const row = await db.shop.findUnique({
    where: { domain: shop },
    select: { customerAccountsVersion: true, customerAccountsCheckedAt: true },
  });
  const cached = customerAccountsKind(row?.customerAccountsVersion);
  const fresh =
    row?.customerAccountsCheckedAt && now - row.customerAccountsCheckedAt.getTime() < CUSTOMER_ACCOUNTS_TTL_MS;
  if (fresh) return cached;
  const lastFailure = failedAt.get(shop);
  if (lastFailure !== undefined && now - lastFailure < RETRY_AFTER_FAILURE_MS) return cached;
  // Pages of one admin visit load together: one question to Shopify serves them all.
  let pending = inFlight.get(shop);
  if (!pending) {
    pending = refresh(shop, now, cached, options.admin).finally(() => inFlight.delete(shop));
    inFlight.set(shop, pending);
  }
  return pending;
}

async function refresh(
  shop: string,
  now: number,
  cached: CustomerAccountsKind,
  admin?: AdminApi,
): Promise<CustomerAccountsKind> {
  try {
    // A page waits on this: one quick try, not the engine's patient retries.
    const api = admin ?? (await adminApiFor(shop, { maxAttempts: 1, timeoutMs: 5_000 }));
    const version = await readCustomerAccountsVersion(api);
    await recordCustomerAccountsVersion(shop, version, new Date(now));
    failedAt.delete(shop);
    return customerAccountsKind(version);
  } catch (error) {
    failedAt.set(shop, now);
    console.warn("reading the shop's customer accounts version failed", shop, (error as Error).message);
    return cached;
  }
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
  failedAt.clear();
}
