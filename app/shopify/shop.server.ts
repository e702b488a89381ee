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
