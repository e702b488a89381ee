import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index";
import { CREATE_DISCOUNT, friendDiscountInput, postGraphql, withSim, type Json } from "./helpers";

let sim: Simulator;
const A = "alpha-iso.myshopify.com";
const B = "beta-iso.myshopify.com";
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  sim = await withSim();
  ({ accessToken: tokenA } = sim.seedShop({ domain: A, currencyCode: "USD" }));
  ({ accessToken: tokenB } = sim.seedShop({ domain: B, currencyCode: "PLN" }));
});
afterAll(() => sim.stop());

const gql = async (shop: string, token: string, query: string, variables?: Record<string, unknown>): Promise<Json> =>
  (await postGraphql(sim, shop, { query, variables }, { "X-Shopify-Access-Token": token })).json;

describe("shop isolation", () => {
  it("never shows one shop's records to another", async () => {
    const annA = sim.addCustomer(A, { email: "ann@example.com", firstName: "Ann" });
    const annB = sim.addCustomer(B, { email: "ann@example.com", firstName: "Anna" });
    expect(annA.id).not.toBe(annB.id);

    const byIdOnB = await gql(B, tokenB, `query($id: ID!) { customer(id: $id) { id } nodes(ids: [$id]) { id } }`, {
      id: annA.id,
    });
    expect(byIdOnB.data).toEqual({ customer: null, nodes: [null] });
    const listB = await gql(
      B,
      tokenB,
      `{ customers(first: 10) { nodes { id firstName } } shop { currencyCode myshopifyDomain } }`,
    );
    expect(listB.data).toEqual({
      customers: { nodes: [{ id: annB.id, firstName: "Anna" }] },
      shop: { currencyCode: "PLN", myshopifyDomain: B },
    });

    // The same code may exist in both shops; uniqueness is per shop.
    const createdA = await gql(A, tokenA, CREATE_DISCOUNT, { input: friendDiscountInput({ code: "SAME" }) });
    const createdB = await gql(B, tokenB, CREATE_DISCOUNT, { input: friendDiscountInput({ code: "same" }) });
    expect(createdA.data.discountCodeBasicCreate.userErrors).toEqual([]);
    expect(createdB.data.discountCodeBasicCreate.userErrors).toEqual([]);
    const idA = createdA.data.discountCodeBasicCreate.codeDiscountNode.id;
    const onB = await gql(
      B,
      tokenB,
      `query($id: ID!) { codeDiscountNode(id: $id) { id } codeDiscountNodeByCode(code: "SAME") { id } }`,
      { id: idA },
    );
    expect(onB.data.codeDiscountNode).toBeNull();
    expect(onB.data.codeDiscountNodeByCode.id).not.toBe(idA);

    // Writes on B cannot target A's records.
    const tag = await gql(B, tokenB, `mutation($id: ID!) { tagsAdd(id: $id, tags: ["x"]) { userErrors { field } } }`, {
      id: annA.id,
    });
    expect(tag.data.tagsAdd.userErrors).toEqual([{ field: ["id"] }]);
    const mf = await gql(
      B,
      tokenB,
      `mutation($id: ID!) { metafieldsSet(metafields: [{ ownerId: $id, namespace: "r", key: "code", type: "single_line_text_field", value: "x" }]) { userErrors { field } } }`,
      { id: annA.id },
    );
    expect(mf.data.metafieldsSet.userErrors[0].field).toEqual(["metafields", "0", "ownerId"]);
    const deact = await gql(
      B,
      tokenB,
      `mutation($id: ID!) { discountCodeDeactivate(id: $id) { userErrors { field } } }`,
      { id: idA },
    );
    expect(deact.data.discountCodeDeactivate.userErrors[0].field).toEqual(["id"]);
    expect(sim.tags(A, annA.id)).toEqual([]);
  });

  it("keeps tokens, buckets and counters per shop", async () => {
    expect(
      (await postGraphql(sim, B, { query: "{ shop { name } }" }, { "X-Shopify-Access-Token": tokenA })).status,
    ).toBe(401);
    // Restore rate 0 while drained, so no real time passing refills the next query's cost.
    sim.bucket(A).configure({ restoreRate: 0 });
    sim.bucket(A).drain();
    expect((await gql(A, tokenA, `{ shop { name } }`)).errors[0].extensions.code).toBe("THROTTLED");
    expect((await gql(B, tokenB, `{ shop { name } }`)).data.shop.name).toBe("Beta Iso");
    expect(sim.counters(A).throttled).toBe(1);
    expect(sim.counters(B).throttled).toBe(0);
  });
});
