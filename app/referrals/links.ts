/**
 * Every referral link the app hands out, in one place (client-safe, pure: the settings
 * preview imports it too).
 *
 * - The shared link is the app proxy's click counter, https://{shop}/apps/referrals/r/CODE:
 *   it counts the click, then redirects to where the link lands (landingPath).
 * - A two-sided program lands on Shopify's own discount link, /discount/CODE, which puts
 *   the code on the cart, and carries the code on to the home page as ?referral_code=CODE.
 * - A one-sided program has no valid friend code in Shopify (its friend discount is
 *   deactivated), so the link lands on the home page with ?referral_code=CODE only. The
 *   theme's "Referral link tracking" app embed turns that parameter into the cart attribute
 *   _referral_code, which the order carries to the app (note_attributes, LANDING_ATTRIBUTE).
 *   In a two-sided program the attribute is a second line of evidence: the referral still
 *   counts when the friend removes the code at checkout.
 */

/** Query parameter the tracking embed reads (extensions/referral-block/assets/referral-tracking.js). */
export const REFERRAL_PARAM = "referral_code";

/** Where Shopify's app proxy serves the app on the storefront (shopify.app.toml [app_proxy]). */
export const PROXY_PREFIX = "/apps/referrals";

/** What decides where a link lands: does the friend get an offer (a valid Shopify code)? */
export interface LandingProgram {
  friendOfferType: string;
}

export const hasFriendOffer = (program: LandingProgram) => program.friendOfferType !== "none";

/** The home page with the code for the tracking embed: "/?referral_code=CODE". */
export function trackedHomePath(code: string): string {
  return `/?${REFERRAL_PARAM}=${encodeURIComponent(code)}`;
}

/**
 * The storefront path (root-relative) a referral link lands on. `code` is already
 * normalised (upper case); it is the same path whether or not the code exists.
 */
export function landingPath(code: string, program: LandingProgram): string {
  const home = trackedHomePath(code);
  if (!hasFriendOffer(program)) return home;
  // Shopify reads `redirect` as a path (query included) on the shop; encoded, so the
  // code's parameter belongs to the redirect, not to /discount itself.
  return `/discount/${encodeURIComponent(code)}?redirect=${encodeURIComponent(home)}`;
}

/** The link advocates share: counted by the app, then redirected to landingPath. */
export function referralLink(shop: string, code: string): string {
  return `https://${shop}${PROXY_PREFIX}/r/${encodeURIComponent(code)}`;
}

/** The same destination without the click counter (for themes that want a plain link). */
export function directLink(shop: string, code: string, program: LandingProgram): string {
  return `https://${shop}${landingPath(code, program)}`;
}
