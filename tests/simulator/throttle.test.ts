import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, type Simulator } from "../../simulator/index";
import { postGraphql, withSim } from "./helpers";

const SHOP = "throttle-shop.myshopify.com";
const clock = new ManualClock();
let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await withSim({ clock, bucketSize: 100, restoreRate: 10 });
  ({ accessToken: token } = sim.seedShop({ domain: SHOP }));
});
afterAll(() => sim.stop());

const post = (query: string, variables?: unknown) =>
  postGraphql(sim, SHOP, { query, variables }, { "X-Shopify-Access-Token": token });
const MUTATION = `mutation { tagsAdd(id: "gid://shopify/Customer/1", tags: ["x"]) { userErrors { message } } }`;

describe("cost and the leaky bucket", () => {
  it("prices queries like Shopify: objects 1, scalars 0, connections 2 + first x node", async () => {
    const { json } = await post(
      `{ shop { name primaryDomain { url } } customers(first: 10) { edges { node { id email } } pageInfo { hasNextPage } } }`,
    );
    // shop 1 + primaryDomain 1 + customers (2 + 10 x 1) = 14; the list is empty, so actual = 2 + 2.
    expect(json.extensions.cost).toEqual({
      requestedQueryCost: 14,
      actualQueryCost: 4,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 96, restoreRate: 10 },
    });
  });

  it("prices each mutation root field at 10", async () => {
    const { json } = await post(MUTATION);
    expect(json.extensions.cost.requestedQueryCost).toBe(10);
    expect(json.extensions.cost.actualQueryCost).toBe(10);
  });

  it("throttles when the bucket runs dry and restores over (injected) time", async () => {
    clock.advance(60_000);
    expect(sim.throttleStatus(SHOP).currentlyAvailable).toBe(100);
    for (let i = 0; i < 10; i++) {
      const { json } = await post(MUTATION);
      expect(json.errors).toBeUndefined();
    }
    const { status, json } = await post(MUTATION);
    expect(status).toBe(200);
    expect(json).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 10,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 10 },
        },
      },
    });
    expect(sim.counters(SHOP).throttled).toBe(1);
    // A throttled call is not executed.
    expect(sim.counters(SHOP).byRootField.tagsAdd).toBe(11);

    clock.advance(500); // 5 points back: still short of 10
    expect((await post(MUTATION)).json.errors[0].extensions.code).toBe("THROTTLED");
    clock.advance(500);
    const ok = await post(MUTATION);
    expect(ok.json.errors).toBeUndefined();
    expect(ok.json.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
  });

  it("refuses a single query dearer than the bucket", async () => {
    const { json } = await post(`{ customers(first: 250) { nodes { id } } }`);
    expect(json.errors[0].extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", cost: 252, maxCost: 100 });
  });

  it("can be drained and reconfigured", async () => {
    clock.advance(60_000);
    sim.bucket(SHOP).drain();
    expect((await post(`{ shop { name } }`)).json.errors[0].extensions.code).toBe("THROTTLED");
    sim.configureRateLimit({ restoreRate: 1000, bucketSize: 2000 });
    clock.advance(1000);
    const { json } = await post(`{ shop { name } }`);
    expect(json.extensions.cost.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 999,
      restoreRate: 1000,
    });
  });
});
