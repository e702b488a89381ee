import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index";
import { withSim, type Json } from "./helpers";

const SHOP = "resources-shop.myshopify.com";
let sim: Simulator;
let ann: { id: string };
const gql = async (query: string, variables?: Record<string, unknown>): Promise<Json> =>
  (await sim.graphql(SHOP, query, variables)).body;

beforeAll(async () => {
  sim = await withSim({ flowTriggerHandles: ["referral-completed", "reward-issued"] });
  sim.seedShop({ domain: SHOP });
  ann = sim.addCustomer(SHOP, { email: "ann@example.com", firstName: "Ann", lastName: "Lee", tags: ["vip"] });
});
afterAll(() => sim.stop());

const SET = `mutation Set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key type value jsonValue ownerType owner { ... on Customer { id } } compareDigest }
    userErrors { field message code elementIndex }
  } }`;

describe("metafieldsSet", () => {
  it("sets typed metafields and reads them back on the owner", async () => {
    const body = await gql(SET, {
      metafields: [
        { ownerId: ann.id, namespace: "referrals", key: "code", type: "single_line_text_field", value: "ANN-42" },
        { ownerId: ann.id, namespace: "referrals", key: "stats", type: "json", value: '{"invited":3}' },
        { ownerId: ann.id, namespace: "$app", key: "count", type: "number_integer", value: "3" },
      ],
    });
    const out = body.data.metafieldsSet;
    expect(out.userErrors).toEqual([]);
    expect(out.metafields[0]).toMatchObject({
      namespace: "referrals",
      key: "code",
      type: "single_line_text_field",
      value: "ANN-42",
      ownerType: "CUSTOMER",
      owner: { id: ann.id },
    });
    expect(out.metafields[1].jsonValue).toEqual({ invited: 3 });
    expect(out.metafields[2]).toMatchObject({ namespace: "app--6000001", jsonValue: 3 });

    const read = await gql(
      `query($id: ID!) { customer(id: $id) {
      code: metafield(namespace: "referrals", key: "code") { value }
      mine: metafield(namespace: "$app", key: "count") { value }
      metafields(first: 10, namespace: "referrals") { nodes { key } }
    } }`,
      { id: ann.id },
    );
    expect(read.data.customer).toEqual({
      code: { value: "ANN-42" },
      mine: { value: "3" },
      metafields: { nodes: [{ key: "code" }, { key: "stats" }] },
    });
    expect(sim.metafield(SHOP, ann.id, "referrals", "code")?.value).toBe("ANN-42");
    expect(sim.metafields(SHOP, ann.id)).toHaveLength(3);
  });

  it("updates in place and honours compareDigest", async () => {
    const first = (
      await gql(SET, {
        metafields: [
          { ownerId: ann.id, namespace: "referrals", key: "code", type: "single_line_text_field", value: "ANN-43" },
        ],
      })
    ).data.metafieldsSet;
    const digest = first.metafields[0].compareDigest;
    const stale = (
      await gql(SET, {
        metafields: [
          { ownerId: ann.id, namespace: "referrals", key: "code", value: "ANN-44", compareDigest: "deadbeef" },
        ],
      })
    ).data.metafieldsSet;
    expect(stale.userErrors[0]).toMatchObject({ code: "STALE_OBJECT", elementIndex: 0 });
    const fresh = (
      await gql(SET, {
        metafields: [{ ownerId: ann.id, namespace: "referrals", key: "code", value: "ANN-44", compareDigest: digest }],
      })
    ).data.metafieldsSet;
    expect(fresh.userErrors).toEqual([]);
    expect(fresh.metafields[0].type).toBe("single_line_text_field");
  });

  it("validates values by type and is atomic", async () => {
    const body = await gql(SET, {
      metafields: [
        { ownerId: ann.id, namespace: "referrals", key: "ok_one", type: "boolean", value: "true" },
        { ownerId: ann.id, namespace: "referrals", key: "bad_int", type: "number_integer", value: "3.5" },
        { ownerId: ann.id, namespace: "referrals", key: "bad_json", type: "json", value: "{" },
        { ownerId: "gid://shopify/Customer/1", namespace: "referrals", key: "nobody", type: "boolean", value: "true" },
        { ownerId: ann.id, namespace: "referrals", key: "untyped", value: "x" },
      ],
    });
    const out = body.data.metafieldsSet;
    expect(out.metafields).toBeNull();
    expect(out.userErrors).toEqual([
      {
        field: ["metafields", "1", "value"],
        message: "Value must be an integer.",
        code: "INVALID_VALUE",
        elementIndex: 1,
      },
      expect.objectContaining({ field: ["metafields", "2", "value"], code: "INVALID_VALUE", elementIndex: 2 }),
      expect.objectContaining({ field: ["metafields", "3", "ownerId"], elementIndex: 3 }),
      expect.objectContaining({ field: ["metafields", "4", "type"], code: "BLANK", elementIndex: 4 }),
    ]);
    expect(sim.metafield(SHOP, ann.id, "referrals", "ok_one")).toBeNull();
  });

  it("allows at most 25 metafields per call", async () => {
    const metafields = Array.from({ length: 26 }, (_, i) => ({
      ownerId: ann.id,
      namespace: "bulk",
      key: `k${i}`,
      type: "number_integer",
      value: String(i),
    }));
    const out = (await gql(SET, { metafields })).data.metafieldsSet;
    expect(out.metafields).toBeNull();
    expect(out.userErrors[0]).toMatchObject({ field: ["metafields"], code: "LESS_THAN_OR_EQUAL_TO" });
  });

  it("creates definitions and enforces their type", async () => {
    const DEF = `mutation($d: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $d) { createdDefinition { id name namespace key type { name } ownerType } userErrors { field message code } } }`;
    const d = {
      name: "Referral code",
      namespace: "referrals",
      key: "share_code",
      type: "single_line_text_field",
      ownerType: "CUSTOMER",
    };
    const created = (await gql(DEF, { d })).data.metafieldDefinitionCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.createdDefinition).toMatchObject({
      namespace: "referrals",
      key: "share_code",
      type: { name: "single_line_text_field" },
      ownerType: "CUSTOMER",
    });
    const dup = (await gql(DEF, { d })).data.metafieldDefinitionCreate;
    expect(dup.userErrors[0].code).toBe("TAKEN");
    const mismatch = (
      await gql(SET, {
        metafields: [
          { ownerId: ann.id, namespace: "referrals", key: "share_code", type: "number_integer", value: "1" },
        ],
      })
    ).data.metafieldsSet;
    expect(mismatch.userErrors[0].code).toBe("INVALID_TYPE");
    const inferred = (
      await gql(SET, { metafields: [{ ownerId: ann.id, namespace: "referrals", key: "share_code", value: "ANN" }] })
    ).data.metafieldsSet;
    expect(inferred.metafields[0].type).toBe("single_line_text_field");
  });
});

describe("tags", () => {
  const ADD = `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id ... on Customer { tags } } userErrors { field message } } }`;
  const REMOVE = ADD.replace("tagsAdd", "tagsRemove");

  it("adds (deduplicated, comma lists split) and removes tags", async () => {
    let out = (await gql(ADD, { id: ann.id, tags: ["referral-advocate", "VIP", "a, b"] })).data.tagsAdd;
    expect(out).toEqual({ node: { id: ann.id, tags: ["vip", "referral-advocate", "a", "b"] }, userErrors: [] });
    out = (await gql(REMOVE, { id: ann.id, tags: ["A", "b"] })).data.tagsRemove;
    expect(out.node.tags).toEqual(["vip", "referral-advocate"]);
    expect(sim.tags(SHOP, ann.id)).toEqual(["vip", "referral-advocate"]);
  });

  it("tags orders and reports unknown ids as userErrors", async () => {
    const { order } = await sim.placeOrder(SHOP, { customerId: ann.id, subtotal: "50.00" }, { deliver: false });
    const out = (
      await gql(ADD.replace("... on Customer { tags }", "... on Order { tags }"), { id: order.id, tags: ["referred"] })
    ).data.tagsAdd;
    expect(out.node.tags).toEqual(["referred"]);
    const missing = (await gql(ADD, { id: "gid://shopify/Customer/1", tags: ["x"] })).data.tagsAdd;
    expect(missing.node).toBeNull();
    expect(missing.userErrors[0].field).toEqual(["id"]);
  });
});

describe("flowTriggerReceive", () => {
  const FLOW = `mutation($handle: String, $payload: JSON) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`;

  it("records the handle and payload", async () => {
    const payload = { "Customer ID": 123, "Referral code": "ANN-42", customer_id: ann.id };
    const out = (await gql(FLOW, { handle: "referral-completed", payload })).data.flowTriggerReceive;
    expect(out.userErrors).toEqual([]);
    const [trigger] = sim.flowTriggers(SHOP);
    expect(trigger).toMatchObject({ handle: "referral-completed", payload, body: null });
  });

  it("rejects an unknown handle and an oversized payload", async () => {
    expect((await gql(FLOW, { handle: "nope", payload: {} })).data.flowTriggerReceive.userErrors[0].field).toEqual([
      "handle",
    ]);
    const big = { blob: "x".repeat(60_000) };
    expect(
      (await gql(FLOW, { handle: "reward-issued", payload: big })).data.flowTriggerReceive.userErrors[0].message,
    ).toMatch(/exceeds the limit/);
    expect(sim.flowTriggers(SHOP)).toHaveLength(1);
  });
});

describe("store credit", () => {
  const CREDIT = `mutation($id: ID!, $input: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $input) {
      storeCreditAccountTransaction { id amount { amount currencyCode } balanceAfterTransaction { amount } account { id balance { amount currencyCode } } }
      userErrors { field message code }
    } }`;

  it("credits a customer, creating the account, and accumulates", async () => {
    let out = (await gql(CREDIT, { id: ann.id, input: { creditAmount: { amount: "10.00", currencyCode: "USD" } } }))
      .data.storeCreditAccountCredit;
    expect(out.userErrors).toEqual([]);
    expect(out.storeCreditAccountTransaction).toMatchObject({
      amount: { amount: "10.0", currencyCode: "USD" },
      balanceAfterTransaction: { amount: "10.0" },
    });
    const accountId = out.storeCreditAccountTransaction.account.id;
    out = (await gql(CREDIT, { id: accountId, input: { creditAmount: { amount: "2.55", currencyCode: "USD" } } })).data
      .storeCreditAccountCredit;
    expect(out.storeCreditAccountTransaction.account.balance).toEqual({ amount: "12.55", currencyCode: "USD" });
    expect(sim.storeCreditAccounts(SHOP, ann.id)[0].balance).toBe("12.55");
    const read = await gql(
      `query($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 5) { nodes { balance { amount } } } } }`,
      { id: ann.id },
    );
    expect(read.data.customer.storeCreditAccounts.nodes).toEqual([{ balance: { amount: "12.55" } }]);
  });

  it("returns Shopify's userErrors", async () => {
    let out = (await gql(CREDIT, { id: ann.id, input: { creditAmount: { amount: "0", currencyCode: "USD" } } })).data
      .storeCreditAccountCredit;
    expect(out.userErrors[0].code).toBe("NEGATIVE_OR_ZERO_AMOUNT");
    out = (
      await gql(CREDIT, {
        id: "gid://shopify/Customer/1",
        input: { creditAmount: { amount: "1", currencyCode: "USD" } },
      })
    ).data.storeCreditAccountCredit;
    expect(out.userErrors[0].code).toBe("OWNER_NOT_FOUND");
    const account = sim.storeCreditAccounts(SHOP, ann.id)[0].id;
    out = (await gql(CREDIT, { id: account, input: { creditAmount: { amount: "1", currencyCode: "EUR" } } })).data
      .storeCreditAccountCredit;
    expect(out.userErrors[0].code).toBe("MISMATCHING_CURRENCY");
  });
});

describe("customers and orders", () => {
  it("creates customers and searches them", async () => {
    const CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id email displayName tags } userErrors { field message } } }`;
    const created = (await gql(CREATE, { input: { email: "bob@example.com", firstName: "Bob", tags: ["friend"] } }))
      .data.customerCreate;
    expect(created.customer).toMatchObject({ email: "bob@example.com", displayName: "Bob", tags: ["friend"] });
    const dup = (await gql(CREATE, { input: { email: "BOB@example.com" } })).data.customerCreate;
    expect(dup.userErrors[0]).toEqual({ field: ["email"], message: "Email has already been taken" });
    const found = await gql(
      `{ a: customers(first: 5, query: "email:bob@example.com") { nodes { email } } b: customers(first: 5, query: "tag:vip") { nodes { email } } c: customers(first: 1) { nodes { email } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(found.data.a.nodes).toEqual([{ email: "bob@example.com" }]);
    expect(found.data.b.nodes).toEqual([{ email: "ann@example.com" }]);
    expect(found.data.c.pageInfo.hasNextPage).toBe(true);
    const next = await gql(`query($after: String) { customers(first: 5, after: $after) { nodes { email } } }`, {
      after: found.data.c.pageInfo.endCursor,
    });
    expect(next.data.customers.nodes).toEqual([{ email: "bob@example.com" }]);
  });

  it("exposes a customer's orders, newest first on request", async () => {
    await sim.placeOrder(SHOP, { customerId: ann.id, subtotal: "20.00" }, { deliver: false });
    const body = await gql(
      `query($id: ID!) { customer(id: $id) { numberOfOrders amountSpent { amount } orders(first: 5, sortKey: CREATED_AT, reverse: true) { nodes { id name totalPriceSet { shopMoney { amount currencyCode } } customer { id } } } } }`,
      { id: ann.id },
    );
    const c = body.data.customer;
    expect(c.numberOfOrders).toBe("2");
    expect(c.amountSpent.amount).toBe("70.0");
    expect(c.orders.nodes.map((o: Json) => o.name)).toEqual(["#1002", "#1001"]);
    expect(c.orders.nodes[0].customer.id).toBe(ann.id);
    const order = await gql(
      `query($id: ID!) { order(id: $id) { name displayFinancialStatus subtotalPriceSet { shopMoney { amount } } } }`,
      { id: c.orders.nodes[0].id },
    );
    expect(order.data.order).toEqual({
      name: "#1002",
      displayFinancialStatus: "PAID",
      subtotalPriceSet: { shopMoney: { amount: "20.0" } },
    });
  });

  it("lists only the last 60 days of a customer's orders without read_all_orders; the count is lifetime", async () => {
    const shop = "old-orders.myshopify.com";
    sim.seedShop({ domain: shop });
    const cy = sim.addCustomer(shop, { email: "cy@example.com" });
    const yearAgo = new Date(sim.clock.now() - 365 * 86_400_000).toISOString();
    await sim.placeOrder(shop, { customerId: cy.id, subtotal: "10.00", createdAt: yearAgo }, { deliver: false });
    await sim.placeOrder(shop, { customerId: cy.id, subtotal: "20.00" }, { deliver: false });
    const query = `query($id: ID!) { customer(id: $id) { numberOfOrders orders(first: 5) { nodes { name } } } }`;
    const body = (await sim.graphql(shop, query, { id: cy.id })).body as Json;
    expect(body.data.customer).toEqual({ numberOfOrders: "2", orders: { nodes: [{ name: "#1002" }] } });
  });

  it("rejects a malformed gid like Shopify", async () => {
    const body = await gql(`{ customer(id: "123") { id } }`);
    expect(body.errors[0]).toMatchObject({
      message: "Invalid global id '123'",
      path: ["customer"],
      extensions: { code: "argumentLiteralsIncompatible" },
    });
  });
});
