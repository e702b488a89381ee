import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { config } from "./config.server";
import db from "./db.server";
import { shopifyLogger } from "./lib/log.server";
import { API_VERSION } from "./shopify/api-version";
import { shopifyFetch } from "./shopify/shopify-fetch.server";
import { onShopAuthenticated } from "./shops/shop-lifecycle.server";

// Every call the Shopify library makes (token exchange, Admin API) goes through the
// simulator-aware fetch; it is the platform fetch unless SHOPIFY_SIMULATOR_URL is set.
setAbstractFetchFunc(shopifyFetch);

export { API_VERSION };

const settings = config().shopify;

const shopify = shopifyApp({
  apiKey: settings.apiKey,
  apiSecretKey: settings.apiSecret,
  apiVersion: API_VERSION,
  scopes: settings.scopes,
  appUrl: settings.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db, { connectionRetries: 2, connectionRetryIntervalMs: 500 }),
  distribution: AppDistribution.AppStore,
  useOnlineTokens: false,
  // Redacts tokens and emails from everything the library logs (lib/log.server).
  logger: shopifyLogger(),
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session }) => {
      await onShopAuthenticated(session.shop, session.scope ?? "");
    },
  },
  ...(settings.customShopDomain ? { customShopDomains: [settings.customShopDomain] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
