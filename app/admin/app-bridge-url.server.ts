import { config } from "../config.server";

export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
/** Where the local simulator serves its App Bridge stand-in (see simulator/app-bridge-stub.ts). */
export const APP_BRIDGE_STUB_PATH = "/__sim/app-bridge.js";

/**
 * Shopify's App Bridge script only works inside the real admin and is not reachable
 * offline; against the local simulator (never in production) the page loads the
 * simulator's stand-in instead, so the admin can be driven in a plain browser.
 */
export function appBridgeScriptUrl(): string {
  const sim = config().shopify.simulatorUrl;
  return sim ? `${sim}${APP_BRIDGE_STUB_PATH}` : APP_BRIDGE_CDN_URL;
}
