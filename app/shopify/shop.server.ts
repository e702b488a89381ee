import type { AdminApi } from "./admin-client.server";

export const SHOP_FACTS = `#graphql
query ShopFacts { shop { name currencyCode myshopifyDomain } }`;

export interface ShopFacts {
  name: string;
  /** the shop's currency, in which the program's amounts are kept */
  currencyCode: string;
  myshopifyDomain: string;
}

/** The shop's name and currency, as Shopify reports them now. */
export async function readShopFacts(admin: AdminApi): Promise<ShopFacts> {
  const data = await admin.request<{ shop: ShopFacts }>(SHOP_FACTS);
  return data.shop;
}

export const MAIL_SHOP = `#graphql
query MailShop {
  shop { name email }
}`;

/** The shop's name and its owner's email (the sender and reply-to of advocate emails). */
export async function readShopContact(admin: AdminApi): Promise<{ name: string; email: string }> {
  const data = await admin.request<{ shop: { name: string; email: string } }>(MAIL_SHOP);
  return data.shop;
}

export const MAIL_SHOP_LOCALES = `#graphql
query MailShopLocales {
  shopLocales(published: true) { locale primary }
}`;

/** The shop's published languages (scope read_locales), the primary one marked. */
export async function readShopLocales(admin: AdminApi): Promise<{ locale: string; primary: boolean }[]> {
  const data = await admin.request<{ shopLocales: { locale: string; primary: boolean }[] }>(MAIL_SHOP_LOCALES);
  return data.shopLocales;
}

export const SHOP_CUSTOMER_ACCOUNTS = `#graphql
query ShopCustomerAccounts { shop { customerAccountsV2 { customerAccountsVersion } } }`;

/** Which customer accounts the shop uses (`CLASSIC` or `NEW_CUSTOMER_ACCOUNTS`), or null. */
export async function readCustomerAccountsVersion(admin: AdminApi): Promise<string | null> {
  const data = await admin.request<{ shop: { customerAccountsV2: { customerAccountsVersion: string } | null } }>(
    SHOP_CUSTOMER_ACCOUNTS,
  );
  return data.shop.customerAccountsV2?.customerAccountsVersion ?? null;
}

export const SHOP_TIME_ZONE = `#graphql
query ShopTimeZone { shop { ianaTimezone } }`;

/** The shop's time zone as an IANA name (`Europe/Warsaw`), or null. */
export async function readShopTimeZone(admin: AdminApi): Promise<string | null> {
  const data = await admin.request<{ shop: { ianaTimezone: string | null } }>(SHOP_TIME_ZONE);
  return data.shop.ianaTimezone;
}
