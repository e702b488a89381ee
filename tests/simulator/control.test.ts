import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index";
import { control, postGraphql, withSim } from "./helpers";

let sim: Simulator;
beforeAll(async () => {
  sim = await withSim();
});
afterAll(() => sim.stop());

describe("/__sim control API", () => {
  it("seeds a shop and customers, places orders and reads state", async () => {
    expect((await control(sim, "GET", "health")).json).toMatchObject({ ok: true });
    const seeded = (
      await control(sim, "POST", "shops", { domain: "ctl-shop", name: "Control Shop", currencyCode: "EUR" })
    ).json;
    expect(seeded).toMatchObject({ shop: "ctl-shop.myshopify.com" });
    const { shop, accessToken } = seeded;

    const customer = (
      await control(sim, "POST", `shops/${shop}/customers`, { email: "ann@example.com", firstName: "Ann" })
    ).json;
    expect(customer.id).toMatch(/^gid:\/\/shopify\/Customer\//);
    const gql = await postGraphql(
      sim,
      shop,
      { query: "{ shop { name currencyCode } customers(first: 5) { nodes { email } } }" },
      { "X-Shopify-Access-Token": accessToken },
    );
    expect(gql.json.data).toEqual({
      shop: { name: "Control Shop", currencyCode: "EUR" },
      customers: { nodes: [{ email: "ann@example.com" }] },
    });

    const placed = (
      await control(sim, "POST", `shops/${shop}/orders`, { customerId: customer.id, subtotal: "12.50", deliver: false })
    ).json;
    expect(placed.order).toMatchObject({ name: "#1001", totalPrice: "12.50" });
    expect(placed.payload.currency).toBe("EUR");
    const cancel = (
      await control(sim, "POST", `shops/${shop}/orders/${encodeURIComponent(placed.order.id)}/cancel`, {
        reason: "fraud",
        deliver: false,
      })
    ).json;
    expect(cancel.payload.cancel_reason).toBe("fraud");

    const snapshot = (await control(sim, "GET", `shops/${shop}`)).json;
    expect(snapshot.customers).toHaveLength(1);
    expect(snapshot.orders).toHaveLength(1);
    expect((await control(sim, "GET", `shops/${shop}/counters`)).json.graphqlRequests).toBe(1);
    const token = (await control(sim, "POST", `shops/${shop}/tokens`, {})).json.accessToken;
    expect(
      (await postGraphql(sim, shop, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": token })).status,
    ).toBe(200);
  });

  it("sets and clears faults, drains the bucket, advances the clock, resets", async () => {
    const { shop, accessToken } = (await control(sim, "POST", "shops", { domain: "ctl-two.myshopify.com" })).json;
    const q = () => postGraphql(sim, shop, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": accessToken });
    const fault = (await control(sim, "POST", "faults", { kind: "status", status: 502, count: 1, shop })).json;
    expect(fault.id).toMatch(/^fault-/);
    expect((await control(sim, "GET", "faults")).json[0]).toMatchObject({ kind: "status", status: 502, remaining: 1 });
    expect((await q()).status).toBe(502);
    expect((await q()).status).toBe(200);
    await control(sim, "DELETE", "faults");
    expect((await control(sim, "GET", "faults")).json).toEqual([]);

    // Restore rate 0 while drained: on a busy machine enough real time passes before the
    // next query for the bucket to refill the query's cost.
    const drained = (await control(sim, "POST", `shops/${shop}/throttle`, { drain: true, restoreRate: 0 })).json;
    expect(drained).toMatchObject({ currentlyAvailable: 0, restoreRate: 0 });
    expect((await q()).json.errors[0].extensions.code).toBe("THROTTLED");
    await control(sim, "POST", `shops/${shop}/throttle`, { restoreRate: 100 });
    const before = (await control(sim, "GET", "clock")).json.offsetMs;
    await control(sim, "POST", "clock/advance", { ms: 10_000 });
    expect((await control(sim, "GET", "clock")).json.offsetMs).toBe(before + 10_000);
    expect((await q()).json.errors).toBeUndefined();

    expect((await control(sim, "POST", "reset")).json).toEqual({ ok: true });
    expect((await control(sim, "GET", "shops")).json).toEqual([]);
    expect((await q()).status).toBe(404);
  });

  it("answers unknown routes and shops with 404", async () => {
    expect((await control(sim, "GET", "nope")).status).toBe(404);
    expect((await control(sim, "GET", "shops/ghost.myshopify.com")).status).toBe(404);
  });
});

describe("SimulatorClient", () => {
  it("drives the control API with types", async () => {
    const { SimulatorClient } = await import("../../simulator/index");
    const client = new SimulatorClient(sim.url);
    const { shop } = await client.seedShop({ domain: "client-shop" });
    const ann = await client.addCustomer(shop, { email: "ann@example.com" });
    const placed = await client.placeOrder(shop, { customerId: ann.id, subtotal: "9.99", deliver: false });
    expect(placed.order.totalPrice).toBe("9.99");
    const id = await client.addFault({ kind: "status", shop, count: 3 });
    expect((await client.faults()).map((f) => f.id)).toContain(id);
    await client.removeFault(id);
    expect(await client.faults()).toEqual([]);
    expect((await client.counters(shop)).graphqlRequests).toBe(0);
    await expect(client.snapshot("ghost.myshopify.com")).rejects.toThrow(/404/);
  });
});
