/** The theme app extension, block and embed the admin points the merchant to (see storefront-surfaces.ts). */
export const EXTENSION_HANDLE = "referral-block";
export const ACCOUNT_BLOCK_HANDLE = "referral-account";
/** The app embed that keeps a referral link's code on the cart (needed by one-sided programs). */
export const TRACKING_EMBED_HANDLE = "referral-tracking";

// URLSearchParams writes "/" as %2F; Shopify's documented form keeps them literal.
const editorUrl = (shop: string, params: Record<string, string>) =>
  `https://${shop}/admin/themes/current/editor?${new URLSearchParams(params).toString().replace(/%2F/g, "/")}`;

/**
 * Shopify's deep link that opens the theme editor on the customer account page with
 * the app block ready to add (shopify.dev: "Deep linking to theme app extensions").
 */
export function themeEditorBlockUrl(shop: string, apiKey: string): string {
  return editorUrl(shop, {
    template: "customers/account",
    addAppBlockId: `${apiKey}/${ACCOUNT_BLOCK_HANDLE}`,
    target: "mainSection",
  });
}

/**
 * Shopify's deep link that opens the theme editor's App embeds panel with the tracking
 * embed switched on, ready to save (`context=apps&activateAppId={api_key}/{handle}`).
 */
export function themeEditorEmbedUrl(shop: string, apiKey: string): string {
  return editorUrl(shop, { context: "apps", activateAppId: `${apiKey}/${TRACKING_EMBED_HANDLE}` });
}
