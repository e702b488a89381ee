import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVALID_TOKEN_MESSAGE, ManualClock, signHs256, type Simulator } from "../../simulator/index";
import { API_KEY, API_SECRET, postGraphql, withSim } from "./helpers";

// getJwt takes the store name and appends .myshopify.com itself.
const SHOP_NAME = "auth-shop";
const SHOP = `${SHOP_NAME}.myshopify.com`;
let sim: Simulator;
let shopify: Shopify;
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  sim = await withSim({ clock });
  sim.seedShop({ domain: SHOP });
  // Route the library's https://{shop}/... requests to the simulator, as the app does.
  setAbstractFetchFunc(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`${sim.url}/${url.hostname}${url.pathname}${url.search}`, init);
  });
  shopify = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET,
    apiVersion: ApiVersion.October26,
    hostName: "app.example.com",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });
});
afterAll(() => sim.stop());

describe("access tokens on the GraphQL endpoint", () => {
  it("rejects a request without a token with Shopify's 401", async () => {
    const { status, json } = await postGraphql(sim, SHOP, { query: "{ shop { name } }" });
    expect(status).toBe(401);
    expect(json).toEqual({ errors: INVALID_TOKEN_MESSAGE });
    expect(json.errors).toBe("[API] Invalid API key or access token (unrecognized login or wrong password)");
  });

  it("rejects a made-up token and a token of another shop", async () => {
    const other = sim.seedShop({ domain: "other-auth-shop.myshopify.com" });
    expect(
      (await postGraphql(sim, SHOP, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": "shpat_nope" })).status,
    ).toBe(401);
    expect(
      (await postGraphql(sim, SHOP, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": other.accessToken }))
        .status,
    ).toBe(401);
    expect(sim.counters(SHOP).unauthorized).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 for an unknown shop", async () => {
    const { status, json } = await postGraphql(
      sim,
      "nobody.myshopify.com",
      { query: "{ shop { name } }" },
      { "X-Shopify-Access-Token": "x" },
    );
    expect(status).toBe(404);
    expect(json).toEqual({ errors: "Not Found" });
  });

  it("accepts a seeded token", async () => {
    const token = sim.issueAccessToken(SHOP);
    const { status, json } = await postGraphql(
      sim,
      SHOP,
      { query: "{ shop { myshopifyDomain } }" },
      { "X-Shopify-Access-Token": token },
    );
    expect(status).toBe(200);
    expect(json.data.shop.myshopifyDomain).toBe(SHOP);
  });
});

describe("token exchange through @shopify/shopify-api", () => {
  it("issues an expiring offline token with a refresh token, usable on GraphQL", async () => {
    const { token: sessionToken } = await getJwt(SHOP_NAME, API_KEY, API_SECRET);
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken,
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session.isOnline).toBe(false);
    expect(session.id).toBe(`offline_${SHOP}`);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.refreshToken).toMatch(/^shprt_/);
    expect(session.expires).toBeInstanceOf(Date);
    expect(session.scope).toContain("write_discounts");

    const client = new shopify.clients.Graphql({ session });
    const response = await client.request(`{ shop { myshopifyDomain } }`);
    expect(response.data).toEqual({ shop: { myshopifyDomain: SHOP } });

    // Refreshing rotates both tokens; the old access token stops working.
    const { session: refreshed } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! });
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    expect(
      (await postGraphql(sim, SHOP, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": session.accessToken! }))
        .status,
    ).toBe(401);
    expect(
      (
        await postGraphql(
          sim,
          SHOP,
          { query: "{ shop { name } }" },
          { "X-Shopify-Access-Token": refreshed.accessToken! },
        )
      ).status,
    ).toBe(200);
    await expect(shopify.auth.refreshToken({ shop: SHOP, refreshToken: session.refreshToken! })).rejects.toThrow();
  });

  it("issues a non-expiring offline token when expiring is not asked, and migrates it", async () => {
    const { token: sessionToken } = await getJwt(SHOP_NAME, API_KEY, API_SECRET);
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken,
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.expires).toBeUndefined();
    expect(session.refreshToken).toBeUndefined();
    const { session: migrated } = await shopify.auth.migrateToExpiringToken({
      shop: SHOP,
      nonExpiringOfflineAccessToken: session.accessToken!,
    });
    expect(migrated.refreshToken).toBeDefined();
    expect(
      (await postGraphql(sim, SHOP, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": session.accessToken! }))
        .status,
    ).toBe(401);
  });

  it("issues an online token for the staff user in the session token", async () => {
    const { token: sessionToken } = await getJwt(SHOP_NAME, API_KEY, API_SECRET, { sub: "4242" });
    const { session } = await shopify.auth.tokenExchange({
      shop: SHOP,
      sessionToken,
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(4242);
    expect(session.id).toBe(`${SHOP}_4242`);
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now());
  });

  const exchange = (subjectToken: string, overrides: Record<string, unknown> = {}) =>
    fetch(`${sim.url}/${SHOP}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        client_id: API_KEY,
        client_secret: API_SECRET,
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: subjectToken,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
        expiring: "0",
        ...overrides,
      }),
    });

  it("rejects a session token signed with the wrong secret", async () => {
    // The library checks the signature itself first; the endpoint must too.
    const { token } = await getJwt(SHOP_NAME, API_KEY, "not-the-secret");
    await expect(
      shopify.auth.tokenExchange({
        shop: SHOP,
        sessionToken: token,
        requestedTokenType: RequestedTokenType.OfflineAccessToken,
      }),
    ).rejects.toThrow();
    const response = await exchange(token);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_subject_token" });
  });

  it("rejects a session token for another shop or another app", async () => {
    const now = Math.floor(clock.now() / 1000);
    const base = {
      iss: `https://${SHOP}/admin`,
      sub: "1",
      exp: now + 60,
      nbf: now - 60,
      iat: now - 60,
      jti: "j",
      sid: "s",
    };
    let response = await exchange(
      signHs256({ ...base, aud: API_KEY, dest: "https://elsewhere.myshopify.com" }, API_SECRET),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("invalid_subject_token");
    response = await exchange(signHs256({ ...base, aud: "other-app", dest: `https://${SHOP}` }, API_SECRET));
    expect((await response.json()).error).toBe("invalid_subject_token");
    response = await exchange(
      signHs256({ ...base, aud: API_KEY, dest: `https://${SHOP}`, exp: now - 3600 }, API_SECRET),
    );
    expect((await response.json()).error).toBe("invalid_subject_token");
    response = await exchange(signHs256({ ...base, aud: API_KEY, dest: `https://${SHOP}` }, API_SECRET), {
      client_secret: "wrong",
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe("invalid_client");
  });
  it("expires tokens on the simulator clock", async () => {
    const token = sim.issueAccessToken(SHOP, { expiring: true });
    expect(
      (await postGraphql(sim, SHOP, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": token })).status,
    ).toBe(200);
    clock.advance(3600 * 1000);
    expect(
      (await postGraphql(sim, SHOP, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": token })).status,
    ).toBe(401);
  });
});
