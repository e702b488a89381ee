import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index";
import { postGraphql, withSim } from "./helpers";

const SHOP = "faults-shop.myshopify.com";
let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await withSim({ seed: 7 });
  ({ accessToken: token } = sim.seedShop({ domain: SHOP }));
});
afterAll(() => sim.stop());
afterEach(() => {
  sim.faults.clear();
  sim.resetCounters(SHOP);
});

const post = (query: string, init: { signal?: AbortSignal; operationName?: string } = {}) =>
  fetch(`${sim.url}/${SHOP}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query, operationName: init.operationName }),
    signal: init.signal,
  });
const SHOP_QUERY = `query ShopName { shop { name } }`;

describe("faults", () => {
  it("answers 5xx for the next N requests, then recovers", async () => {
    sim.faults.add({ kind: "status", status: 503, count: 2, retryAfter: 1 });
    const first = await post(SHOP_QUERY);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(await first.json()).toEqual({ errors: "Service Unavailable" });
    expect((await post(SHOP_QUERY)).status).toBe(503);
    expect((await post(SHOP_QUERY)).status).toBe(200);
    sim.faults.failNext("status", 1, { status: 502 });
    expect((await post(SHOP_QUERY)).status).toBe(502);
    sim.faults.failNext("status");
    expect((await post(SHOP_QUERY)).status).toBe(500);
    expect(sim.counters(SHOP).faultsInjected).toEqual({ status503: 2, status502: 1, status500: 1 });
  });

  it("does not execute a mutation that got a 5xx", async () => {
    const ann = sim.addCustomer(SHOP, { email: "five@example.com" });
    sim.faults.add({ kind: "status", status: 500 });
    const res = await post(`mutation { tagsAdd(id: "${ann.id}", tags: ["t"]) { userErrors { message } } }`);
    expect(res.status).toBe(500);
    expect(sim.tags(SHOP, ann.id)).toEqual([]);
  });

  it("holds a request (timeout) and still applies it afterwards", async () => {
    const ann = sim.addCustomer(SHOP, { email: "slow@example.com" });
    sim.faults.add({ kind: "timeout", holdMs: 500, rootField: "tagsAdd" });
    await expect(
      post(`mutation { tagsAdd(id: "${ann.id}", tags: ["late"]) { userErrors { message } } }`, {
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    // The client gave up before the held request was applied...
    expect(sim.tags(SHOP, ann.id)).toEqual([]);
    // ...but Shopify finished the work: the retry must be idempotent.
    await expect.poll(() => sim.tags(SHOP, ann.id), { timeout: 5_000 }).toEqual(["late"]);
  });

  it("can never answer until the client gives up", async () => {
    sim.faults.add({ kind: "timeout" });
    await expect(post(SHOP_QUERY, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect((await post(SHOP_QUERY)).status).toBe(200);
  });

  it("forces THROTTLED", async () => {
    sim.faults.add({ kind: "throttle", count: 1 });
    const body = await (await post(SHOP_QUERY)).json();
    expect(body.errors[0].extensions.code).toBe("THROTTLED");
    expect(body.extensions.cost.throttleStatus).toBeDefined();
    expect(sim.counters(SHOP).throttled).toBe(1);
  });

  it("resets the connection", async () => {
    sim.faults.add({ kind: "reset" });
    await expect(post(SHOP_QUERY)).rejects.toThrow(/fetch failed/);
    expect((await post(SHOP_QUERY)).status).toBe(200);
    expect(sim.counters(SHOP).faultsInjected.reset).toBe(1);
  });

  it("matches by root field and operation name", async () => {
    sim.faults.add({ kind: "status", rootField: "discountCodeBasicCreate", count: 5 });
    sim.faults.add({ kind: "status", status: 502, operationName: "Fragile", count: 5 });
    expect((await post(SHOP_QUERY)).status).toBe(200);
    expect((await post(`query Fragile { shop { name } }`)).status).toBe(502);
    const create = `mutation { discountCodeBasicCreate(basicCodeDiscount: { title: "t" }) { userErrors { message } } }`;
    expect((await post(create)).status).toBe(500);
  });

  it("fires with a probability from a seeded PRNG, repeatably", async () => {
    const run = async () => {
      sim.faults.clear();
      sim.faults.add({ kind: "status", probability: 0.3, seed: 1234 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await post(SHOP_QUERY)).status);
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    const failures = a.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(20);
  });

  it("scopes a fault to one shop and to the token endpoint", async () => {
    const other = sim.seedShop({ domain: "faults-other.myshopify.com" });
    sim.faults.add({ kind: "status", shop: "faults-other.myshopify.com", count: 10 });
    expect((await post(SHOP_QUERY)).status).toBe(200);
    expect(
      (await postGraphql(sim, other.shop, { query: SHOP_QUERY }, { "X-Shopify-Access-Token": other.accessToken }))
        .status,
    ).toBe(500);
    sim.faults.clear();
    sim.faults.add({ kind: "status", status: 503, endpoint: "oauth" });
    const res = await fetch(`${sim.url}/${SHOP}/admin/oauth/access_token`, { method: "POST", body: "{}" });
    expect(res.status).toBe(503);
    expect((await post(SHOP_QUERY)).status).toBe(200);
  });

  it("counts requests and calls per root field", async () => {
    await post(SHOP_QUERY);
    await post(`{ shop { name } a: customers(first: 1) { nodes { id } } }`);
    const counters = sim.counters(SHOP);
    expect(counters.graphqlRequests).toBe(2);
    expect(counters.byRootField).toEqual({ shop: 2, customers: 1 });
    expect(counters.byOperationName).toEqual({ ShopName: 1 });
  });
});
