import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAdminSchema, validateAdminOperation, type Simulator } from "../../simulator/index";
import { postGraphql, withSim } from "./helpers";

describe("Admin schema", () => {
  it("loads the 2026-10 introspection once and caches it", () => {
    const a = loadAdminSchema();
    const b = loadAdminSchema("2026-10");
    expect(a).toBe(b);
    expect(a.getQueryType()?.name).toBe("QueryRoot");
    expect(a.getMutationType()?.getFields()).toHaveProperty("discountRedeemCodeBulkAdd");
  });

  it("validates documents the app sends", () => {
    expect(validateAdminOperation(`query { shop { name myshopifyDomain currencyCode } }`)).toEqual([]);
    const bad = validateAdminOperation(`query { shop { nameX } }`);
    expect(bad).toHaveLength(1);
    expect(bad[0].message).toMatch(/nameX/);
    expect(validateAdminOperation(`query { customer { id } }`)[0].message).toMatch(/required/);
    expect(validateAdminOperation(`query {`)[0].message).toMatch(/Syntax Error/);
  });
});

describe("GraphQL validation over HTTP", () => {
  let sim: Simulator;
  let shop: string;
  let token: string;
  beforeAll(async () => {
    sim = await withSim();
    ({ shop, accessToken: token } = sim.seedShop({ domain: "schema-shop.myshopify.com" }));
  });
  afterAll(() => sim.stop());

  const post = (query: string, variables?: unknown) =>
    postGraphql(sim, shop, { query, variables }, { "X-Shopify-Access-Token": token });

  it("answers an unknown field with 200 and a Shopify-shaped error", async () => {
    const { status, json } = await post(`{ shop { nameX } }`);
    expect(status).toBe(200);
    expect(json.data).toBeUndefined();
    expect(json.errors[0]).toMatchObject({
      message: "Field 'nameX' doesn't exist on type 'Shop'",
      locations: [{ line: 1, column: 10 }],
      extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nameX" },
    });
    expect(json.extensions.cost.throttleStatus.maximumAvailable).toBe(1000);
  });

  it("reports unknown and missing arguments and bad literals", async () => {
    let { json } = await post(`{ customer(id: "gid://shopify/Customer/1", foo: 1) { id } }`);
    expect(json.errors[0].extensions.code).toBe("argumentNotAccepted");
    ({ json } = await post(`{ customer { id } }`));
    expect(json.errors[0]).toMatchObject({
      message: "Field 'customer' is missing required arguments: id",
      extensions: { code: "missingRequiredArguments" },
    });
    ({ json } = await post(`{ customers(first: "ten") { nodes { id } } }`));
    expect(json.errors[0].extensions.code).toBe("argumentLiteralsIncompatible");
    ({ json } = await post(`{ shop { name `));
    expect(json.errors[0].extensions.code).toBe("syntaxError");
  });

  it("rejects bad variables at execution", async () => {
    const { json } = await post(`query Q($id: ID!) { customer(id: $id) { id } }`, {});
    expect(json.errors[0].message).toMatch(/\$id/);
    expect(json.errors[0].extensions.code).toBe("INVALID_VARIABLE");
  });

  it("names a valid root field the simulator does not implement", async () => {
    const { json } = await post(`{ productsCount { count } }`);
    expect(json.errors[0].message).toMatch(/QueryRoot\.productsCount/);
    expect(json.errors[0].extensions.code).toBe("SIMULATOR_UNSUPPORTED");
  });

  it("names a nested field the simulator does not implement instead of answering null", async () => {
    const { json } = await post(`{ shop { name billingAddress { city } } }`);
    expect(json.errors[0].message).toMatch(/Shop\.billingAddress/);
    expect(json.errors[0].path).toEqual(["shop", "billingAddress"]);
  });

  it("requires first or last on connections, as Shopify does", async () => {
    const { json } = await post(`{ customers { nodes { id } } }`);
    expect(json.errors[0].message).toBe("you must provide one of first or last");
  });

  it("answers 400 for a body without a query", async () => {
    const { status, json } = await postGraphql(sim, shop, "not json", { "X-Shopify-Access-Token": token });
    expect(status).toBe(400);
    expect(json.errors).toEqual({ query: "Required parameter missing or invalid" });
  });

  it("serves introspection and __typename", async () => {
    const { json } = await post(`{ __typename shop { __typename } __type(name: "Shop") { name } }`);
    expect(json.data).toEqual({ __typename: "QueryRoot", shop: { __typename: "Shop" }, __type: { name: "Shop" } });
  });
});
