import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyHs256, type Simulator } from "../../simulator/index";
import { API_KEY, API_SECRET, control, withSim, type Json } from "./helpers";

// Shops on legacy or current customer accounts, and the session tokens the simulator
// mints for the app's customer account and checkout UI extensions.
let sim: Simulator;
const LEGACY = "legacy-accounts.myshopify.com";
const CURRENT = "current-accounts.myshopify.com";
const VERSION = `{ shop { customerAccountsV2 { customerAccountsVersion loginRequiredAtCheckout } } }`;

beforeAll(async () => {
  sim = await withSim();
  sim.seedShop({ domain: LEGACY });
  sim.seedShop({ domain: CURRENT, customerAccountsVersion: "NEW_CUSTOMER_ACCOUNTS" });
});
afterAll(() => sim.stop());

describe("customer accounts version", () => {
  it("answers shop.customerAccountsV2 per shop, and follows a switch", async () => {
    const read = async (shop: string) =>
      ((await sim.graphql(shop, VERSION)).body as Json).data.shop.customerAccountsV2.customerAccountsVersion;
    expect(await read(LEGACY)).toBe("CLASSIC");
    expect(await read(CURRENT)).toBe("NEW_CUSTOMER_ACCOUNTS");
    const switched = await control(sim, "POST", `shops/${LEGACY}/customer-accounts`, {
      version: "NEW_CUSTOMER_ACCOUNTS",
    });
    expect(switched.status).toBe(200);
    expect(await read(LEGACY)).toBe("NEW_CUSTOMER_ACCOUNTS");
    expect((await control(sim, "POST", `shops/${LEGACY}/customer-accounts`, { version: "NEW" })).status).toBe(400);
    sim.setCustomerAccountsVersion(LEGACY, "CLASSIC");
    expect(await read(LEGACY)).toBe("CLASSIC");
  });
});

describe("App Bridge's shopify.app.extensions() in the shop's admin", () => {
  it("answers what was set for the shop, through the control API and the stand-in's endpoint", async () => {
    const endpoint = (shop: string) => fetch(`${sim.url}/__sim/app-extensions?shop=${shop}`);
    expect(await (await endpoint(CURRENT)).json()).toEqual([]);
    const extensions = [
      {
        handle: "referral-account-page",
        type: "ui_extension",
        activations: [{ target: "customer-account.page.render" }],
      },
    ];
    const set = await control(sim, "POST", `shops/${CURRENT}/app-extensions`, { extensions });
    expect(set.status).toBe(200);
    expect(await (await endpoint(CURRENT)).json()).toEqual(extensions);
    expect(await (await endpoint(LEGACY)).json()).toEqual([]);
    // null: an App Bridge that cannot say, so the stand-in's extensions() rejects
    await control(sim, "POST", `shops/${CURRENT}/app-extensions`, { extensions: null });
    expect((await endpoint(CURRENT)).status).toBe(503);
    expect((await endpoint("nobody.myshopify.com")).status).toBe(404);
    expect((await control(sim, "POST", `shops/${CURRENT}/app-extensions`, { extensions: "all" })).status).toBe(400);
    sim.setAppExtensions(CURRENT, []);
  });
});

describe("extension session tokens", () => {
  it("mints customer account and checkout tokens signed with the app's secret", () => {
    const now = Date.now();
    const account = verifyHs256(sim.customerAccountSessionToken(CURRENT, { customerId: 42 }), API_SECRET, now);
    expect(account.ok && account.payload).toMatchObject({
      dest: CURRENT,
      aud: API_KEY,
      sub: "gid://shopify/Customer/42",
      iss: `https://${CURRENT}/account`,
    });
    const checkout = verifyHs256(sim.checkoutSessionToken(CURRENT), API_SECRET, now);
    expect(checkout.ok).toBe(true);
    // A guest buyer's token names no customer.
    expect(checkout.ok && checkout.payload.sub).toBeUndefined();
    expect(checkout.ok && checkout.payload.iss).toBe(`https://${CURRENT}/checkouts`);
    const p = account.ok ? account.payload : null;
    expect(p!.exp! - p!.nbf!).toBeGreaterThan(290);
    expect(verifyHs256(sim.customerAccountSessionToken(CURRENT, { secret: "x" }), API_SECRET, now).ok).toBe(false);
    expect(verifyHs256(sim.customerAccountSessionToken(CURRENT, { ttlSeconds: -60 }), API_SECRET, now).ok).toBe(false);
  });

  it("mints them through the control API for another process (the demo)", async () => {
    const res = await control(sim, "POST", `shops/${CURRENT}/extension-token`, { surface: "checkout", customerId: 7 });
    const check = verifyHs256(res.json.token, API_SECRET, Date.now());
    expect(check.ok && check.payload).toMatchObject({
      sub: "gid://shopify/Customer/7",
      iss: `https://${CURRENT}/checkouts`,
    });
  });
});
