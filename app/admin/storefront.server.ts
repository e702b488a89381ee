import { config } from "../config.server";
import { shopCustomerAccounts } from "../shops/customer-accounts.server";
import { surfaceLinks, type StorefrontSetup } from "./storefront-surfaces";

/** What onboarding, settings and the home page need to guide the owner to the right storefront surface. */
export async function storefrontSetup(shop: string, oneSided: boolean): Promise<StorefrontSetup> {
  return {
    accounts: await shopCustomerAccounts(shop),
    links: surfaceLinks(shop, config().shopify.apiKey),
    oneSided,
  };
}
