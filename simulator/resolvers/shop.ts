// The Shop object and the current app installation.

import { gid } from "../gid.js";
import type { ExecContext } from "./context.js";
import { metafieldFields } from "./metafields.js";

export function shopView(ctx: ExecContext) {
  const s = ctx.shop.shop;
  const id = gid("Shop", s.id);
  const host = new URL(s.primaryDomainUrl).host;
  return {
    __typename: "Shop",
    id,
    name: s.name,
    email: s.email,
    contactEmail: s.email,
    myshopifyDomain: s.domain,
    url: s.primaryDomainUrl,
    currencyCode: s.currencyCode,
    enabledPresentmentCurrencies: [s.currencyCode],
    ianaTimezone: s.ianaTimezone,
    description: null,
    shopOwnerName: "Shop Owner",
    createdAt: s.createdAt,
    updatedAt: s.createdAt,
    checkoutApiSupported: true,
    setupRequired: false,
    taxesIncluded: false,
    taxShipping: false,
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    primaryDomain: {
      __typename: "Domain",
      id: gid("Domain", s.id),
      host,
      url: s.primaryDomainUrl,
      sslEnabled: true,
      localization: null,
      marketWebPresence: null,
    },
    plan: { __typename: "ShopPlan", ...s.plan },
    customerAccountsV2: {
      __typename: "CustomerAccountsV2",
      customerAccountsVersion: s.customerAccountsVersion,
      loginLinksVisibleOnStorefrontAndCheckout: true,
      loginRequiredAtCheckout: false,
      url: s.customerAccountsVersion === "NEW_CUSTOMER_ACCOUNTS" ? `https://shopify.com/${s.id}/account` : null,
    },
    ...metafieldFields(ctx, id),
  };
}

/** shopLocales: the simulator's shops publish one language, their primary one. */
export function shopLocalesView(ctx: ExecContext) {
  const locale = ctx.shop.shop.primaryLocale;
  return [{ __typename: "ShopLocale", locale, name: locale, primary: true, published: true, marketWebPresences: [] }];
}

export function appInstallationGid(ctx: ExecContext): string {
  // One installation per app and shop; derive a stable number from both.
  return gid("AppInstallation", ctx.shop.shop.id * 10 + 1);
}

export function appInstallationView(ctx: ExecContext) {
  const id = appInstallationGid(ctx);
  return {
    __typename: "AppInstallation",
    id,
    launchUrl: `https://admin.shopify.com/store/${ctx.shop.shop.domain.split(".")[0]}/apps/${ctx.app.handle}`,
    uninstallUrl: null,
    accessScopes: ctx.shop.shop.scopes
      .split(",")
      .filter(Boolean)
      .map((handle) => ({ __typename: "AccessScope", handle, description: handle })),
    activeSubscriptions: [],
    app: {
      __typename: "App",
      id: gid("App", ctx.app.id),
      apiKey: ctx.app.apiKey,
      title: ctx.app.title,
      handle: ctx.app.handle,
      description: null,
      embedded: true,
      developerName: null,
    },
    ...metafieldFields(ctx, id),
  };
}
