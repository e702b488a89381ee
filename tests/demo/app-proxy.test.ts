/**
 * The simulator's app proxy signs exactly as Shopify does: @shopify/shopify-api's own
 * validateHmac (what authenticate.public.appProxy runs) accepts its requests, and a
 * visitor cannot smuggle in a customer id or another shop.
 */
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, test } from "vitest";
import { appProxySigningString, appProxyTarget } from "../../simulator/app-proxy";

const secret = "proxy-test-secret";
const api = shopifyApi({
  apiKey: "k",
  apiSecretKey: secret,
  apiVersion: ApiVersion.October25,
  hostName: "app.test",
  isEmbeddedApp: true,
});
const config = { prefix: "apps", subpath: "referrals", url: "https://app.test/proxy" };

describe("app proxy signature", () => {
  test("Shopify's library accepts what the simulator forwards, with the visitor's own params", async () => {
    const visitor = new URLSearchParams("ref=abc&tags=a&tags=b&z=1");
    const target = appProxyTarget(config, "/api/me", visitor, { shop: "demo.myshopify.com", customerId: "42", secret });
    expect(target.origin + target.pathname).toBe("https://app.test/proxy/api/me");
    expect(target.searchParams.get("path_prefix")).toBe("/apps/referrals");
    // as authenticate.public.appProxy passes it: the URL's URLSearchParams
    expect(await api.utils.validateHmac(target.searchParams as never, { signator: "appProxy" })).toBe(true);
    // one changed value and the signature no longer holds
    target.searchParams.set("logged_in_customer_id", "43");
    expect(await api.utils.validateHmac(target.searchParams as never, { signator: "appProxy" })).toBe(false);
  });

  test("repeated keys are signed joined with commas, keys sorted, no separators", () => {
    const s = appProxySigningString(new URLSearchParams("shop=s.myshopify.com&b=2&a=1&b=3&signature=x"));
    expect(s).toBe("a=1b=2,3shop=s.myshopify.com");
  });

  test("a visitor's logged_in_customer_id, shop and signature are dropped", () => {
    const visitor = new URLSearchParams(
      "logged_in_customer_id=7&shop=evil.myshopify.com&signature=f00&timestamp=1&q=1",
    );
    const target = appProxyTarget(config, "/api/me", visitor, { shop: "demo.myshopify.com", customerId: null, secret });
    expect(target.searchParams.getAll("logged_in_customer_id")).toEqual([""]);
    expect(target.searchParams.getAll("shop")).toEqual(["demo.myshopify.com"]);
    expect(target.searchParams.getAll("signature")).toHaveLength(1);
    expect(target.searchParams.getAll("timestamp")).toHaveLength(1);
    expect(target.searchParams.get("q")).toBe("1");
  });
});
