/**
 * Where customers meet the program, and how the admin tells the owner what is live.
 *
 * Shops on legacy customer accounts show the theme block on the account page; shops on
 * the current customer accounts (every new shop since legacy accounts were deprecated)
 * need the customer account extension instead: the "Refer a friend" full page, linked
 * from the account menu, and the profile block. The tracking embed matters to both.
 * App Bridge's `shopify.app.extensions()` reports which of these are live; this module
 * turns its answer into one status per surface, with the link that fixes it.
 */
import {
  ACCOUNT_BLOCK_HANDLE,
  EXTENSION_HANDLE,
  TRACKING_EMBED_HANDLE,
  themeEditorBlockUrl,
  themeEditorEmbedUrl,
} from "./theme-editor";

/** Legacy (CLASSIC), current (NEW_CUSTOMER_ACCOUNTS), or not known yet (Shopify never answered). */
export type CustomerAccountsKind = "current" | "legacy" | "unknown";

export function customerAccountsKind(version: string | null | undefined): CustomerAccountsKind {
  if (version === "NEW_CUSTOMER_ACCOUNTS") return "current";
  if (version === "CLASSIC") return "legacy";
  return "unknown";
}

/** The UI extensions' handles (their shopify.extension.toml) and the targets the admin checks. */
export const ACCOUNT_PAGE_EXTENSION_HANDLE = "referral-account-page";
export const ACCOUNT_BLOCKS_EXTENSION_HANDLE = "referral-account-blocks";
export const THANK_YOU_EXTENSION_HANDLE = "referral-thank-you";
export const TARGETS = {
  accountPage: "customer-account.page.render",
  profileBlock: "customer-account.profile.block.render",
  orderStatusBlock: "customer-account.order-status.block.render",
  thankYouBlock: "purchase.thank-you.block.render",
} as const;

// URLSearchParams writes "/" as %2F; Shopify's documented links keep them literal.
const adminUrl = (shop: string, path: string, params: Record<string, string>) =>
  `https://${shop}/admin/${path}?${new URLSearchParams(params).toString().replace(/%2F/g, "/")}`;

/**
 * The checkout and accounts editor on one of its pages with the Apps panel open, where
 * the app's blocks and pages are added (shopify.dev: customer account extension placement).
 */
export function accountsEditorUrl(shop: string, page: "profile" | "order-status" | "thank-you" | null): string {
  return adminUrl(shop, "settings/checkout/editor", page ? { page, context: "apps" } : { context: "apps" });
}

/** Every link the admin offers for the storefront, built on the server from the shop and the API key. */
export interface SurfaceLinks {
  /** theme editor, customer account template, app block ready to add (legacy accounts) */
  accountBlock: string;
  /** theme editor, App embeds, tracking embed switched on */
  trackingEmbed: string;
  /** checkout and accounts editor, Apps: add the "Refer a friend" page (Shopify then offers the menu link) */
  accountPage: string;
  /** the store's navigation menus, where the customer account menu can link the page */
  accountMenu: string;
  /** checkout and accounts editor on the Profile page */
  profileBlock: string;
  /** checkout and accounts editor on the Order status page */
  orderStatusBlock: string;
  /** checkout and accounts editor on the Thank you page */
  thankYouBlock: string;
}

export function surfaceLinks(shop: string, apiKey: string): SurfaceLinks {
  return {
    accountBlock: themeEditorBlockUrl(shop, apiKey),
    trackingEmbed: themeEditorEmbedUrl(shop, apiKey),
    accountPage: accountsEditorUrl(shop, null),
    accountMenu: `https://${shop}/admin/menus`,
    profileBlock: accountsEditorUrl(shop, "profile"),
    orderStatusBlock: accountsEditorUrl(shop, "order-status"),
    thankYouBlock: accountsEditorUrl(shop, "thank-you"),
  };
}

/** What the admin pages get from their loaders to guide the owner. */
export interface StorefrontSetup {
  accounts: CustomerAccountsKind;
  links: SurfaceLinks;
  /** friends get no code of their own: link referrals are credited only through the embed */
  oneSided: boolean;
}

// ---- status from shopify.app.extensions() ------------------------------------------

/** App Bridge's ExtensionInfo (shopify.dev, App API), as far as the admin reads it. */
export interface ExtensionInfo {
  handle: string;
  type: "ui_extension" | "theme_app_extension" | string;
  activations: ExtensionActivation[];
}
export interface ExtensionActivation {
  /** UI extensions: the target; theme app extensions: "section" (block) or "head"/"body"/"compliance_head" (embed) */
  target: string;
  /** theme app extensions: the block's or embed's file name */
  handle?: string;
  name?: string;
  /** theme app extensions: "active", "available" or "unavailable" */
  status?: string;
  /** theme app extensions: where the block is placed in the published theme */
  activations?: { target: string; themeId: string }[];
}

export type SurfaceKey = "accountBlock" | "trackingEmbed" | "accountPage" | "profileBlock" | "thankYouBlock";

export interface SurfaceStatus {
  key: SurfaceKey;
  /** live: customers see it; missing: not placed or switched off; unknown: App Bridge could not tell */
  state: "live" | "missing" | "unknown";
  /** nothing the program promises works without it (the embed of a one-sided program) */
  blocker: boolean;
  fixUrl: string;
}

function themeActivation(extensions: ExtensionInfo[], handle: string): ExtensionActivation | undefined {
  return extensions
    .find((e) => e.type === "theme_app_extension" && e.handle === EXTENSION_HANDLE)
    ?.activations.find((a) => a.handle === handle);
}

function uiExtension(extensions: ExtensionInfo[], handle: string): ExtensionInfo | undefined {
  return extensions.find((e) => e.type === "ui_extension" && e.handle === handle);
}

const hasTarget = (extension: ExtensionInfo | undefined, target: string) =>
  Boolean(extension?.activations.some((a) => a.target === target));

/**
 * One status per storefront surface that matters to this shop: the theme block (legacy
 * or unknown accounts), the "Refer a friend" page and the profile block (current or
 * unknown accounts), the tracking embed (always), and the thank-you block when the app
 * has one. `extensions` null: App Bridge did not answer, so every state is unknown.
 */
export function surfaceStatuses(extensions: ExtensionInfo[] | null, setup: StorefrontSetup): SurfaceStatus[] {
  const { accounts, links, oneSided } = setup;
  const state = (live: boolean): SurfaceStatus["state"] =>
    extensions === null ? "unknown" : live ? "live" : "missing";
  const list = extensions ?? [];
  const out: SurfaceStatus[] = [];
  if (accounts !== "legacy") {
    const page = uiExtension(list, ACCOUNT_PAGE_EXTENSION_HANDLE);
    const blocks = uiExtension(list, ACCOUNT_BLOCKS_EXTENSION_HANDLE);
    out.push({
      key: "accountPage",
      state: state(hasTarget(page, TARGETS.accountPage)),
      blocker: false,
      fixUrl: links.accountPage,
    });
    out.push({
      key: "profileBlock",
      state: state(hasTarget(blocks, TARGETS.profileBlock)),
      blocker: false,
      fixUrl: links.profileBlock,
    });
  }
  if (accounts !== "current") {
    out.push({
      key: "accountBlock",
      state: state(themeActivation(list, ACCOUNT_BLOCK_HANDLE)?.status === "active"),
      blocker: false,
      fixUrl: links.accountBlock,
    });
  }
  const embedLive = themeActivation(list, TRACKING_EMBED_HANDLE)?.status === "active";
  out.push({
    key: "trackingEmbed",
    state: state(embedLive),
    // A one-sided program's link referrals are credited only through the embed.
    blocker: oneSided && extensions !== null && !embedLive,
    fixUrl: links.trackingEmbed,
  });
  const thankYou = uiExtension(list, THANK_YOU_EXTENSION_HANDLE);
  if (thankYou) {
    out.push({
      key: "thankYouBlock",
      state: state(hasTarget(thankYou, TARGETS.thankYouBlock)),
      blocker: false,
      fixUrl: links.thankYouBlock,
    });
  }
  return out;
}
