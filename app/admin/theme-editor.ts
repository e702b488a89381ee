/** The theme app extension and block the onboarding points the merchant to. */
export const EXTENSION_HANDLE = "referral-block";
export const ACCOUNT_BLOCK_HANDLE = "referral-account";

/**
 * Shopify's deep link that opens the theme editor on the customer account page with
 * the app block ready to add (shopify.dev: "Deep linking to theme app extensions").
 */
export function themeEditorBlockUrl(shop: string, apiKey: string): string {
  const params = new URLSearchParams({
    template: "customers/account",
    addAppBlockId: `${apiKey}/${ACCOUNT_BLOCK_HANDLE}`,
    target: "mainSection",
  });
  // URLSearchParams writes "/" as %2F; Shopify's documented form keeps them literal.
  return `https://${shop}/admin/themes/current/editor?${params.toString().replace(/%2F/g, "/")}`;
}
