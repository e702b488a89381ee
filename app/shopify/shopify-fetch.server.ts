import { config } from "../config.server";

/**
 * fetch for every request the app sends to Shopify (the Admin API, token exchange).
 * When SHOPIFY_SIMULATOR_URL points at the local simulator, https://{shop}/... goes to
 * {simulator}/{shop}/... instead; otherwise it is the platform's fetch, untouched.
 */
export const shopifyFetch: typeof fetch = (input, init) => {
  const base = config().shopify.simulatorUrl;
  if (!base) return fetch(input, init);
  const original = new URL(input instanceof Request ? input.url : String(input));
  if (!original.hostname.endsWith(".myshopify.com")) return fetch(input, init);
  const target = `${base}/${original.hostname}${original.pathname}${original.search}`;
  return input instanceof Request ? fetch(new Request(target, input), init) : fetch(target, init);
};
