import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index";
import { CREATE_DISCOUNT, friendDiscountInput, withSim, type Json } from "./helpers";

const SHOP = "discount-shop.myshopify.com";
let sim: Simulator;
const gql = async (query: string, variables?: Record<string, unknown>): Promise<Json> =>
  (await sim.graphql(SHOP, query, variables)).body;

beforeAll(async () => {
  sim = await withSim();
  sim.seedShop({ domain: SHOP, currencyCode: "EUR" });
});
afterAll(() => sim.stop());

const BULK_ADD = `
  mutation BulkAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
    discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
      bulkCreation { id done codesCount importedCount failedCount }
      userErrors { field message code }
    }
  }`;

const BULK_STATUS = `
  query Bulk($id: ID!) {
    discountRedeemCodeBulkCreation(id: $id) {
      id done codesCount importedCount failedCount
      discountCode { id }
      codes(first: 50) { nodes { code discountRedeemCode { id code } errors { field message code } } }
    }
  }`;

const BY_CODE = `
  query ByCode($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount { ... on DiscountCodeBasic { title status codesCount { count } } }
    }
  }`;

describe("code discounts", () => {
  let discountId: string;

  it("creates a basic code discount shaped like Shopify's", async () => {
    const body = await gql(CREATE_DISCOUNT, {
      input: friendDiscountInput({
        usageLimit: 100,
        appliesOncePerCustomer: true,
        minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "25.00" } },
      }),
    });
    const payload = body.data.discountCodeBasicCreate;
    expect(payload.userErrors).toEqual([]);
    discountId = payload.codeDiscountNode.id;
    expect(discountId).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/);
    expect(payload.codeDiscountNode.codeDiscount).toMatchObject({
      __typename: "DiscountCodeBasic",
      title: "Friend welcome",
      status: "ACTIVE",
      startsAt: "2020-01-01T00:00:00.000Z",
      endsAt: null,
      usageLimit: 100,
      appliesOncePerCustomer: true,
      asyncUsageCount: 0,
      codesCount: { count: 1, precision: "EXACT" },
      codes: { nodes: [{ code: "WELCOME-ANN", asyncUsageCount: 0 }] },
      customerGets: {
        value: { __typename: "DiscountPercentage", percentage: 0.1 },
        items: { __typename: "AllDiscountItems", allItems: true },
      },
      customerSelection: { __typename: "DiscountCustomerAll", allCustomers: true },
      context: { __typename: "DiscountBuyerSelectionAll", all: "ALL" },
      minimumRequirement: {
        __typename: "DiscountMinimumSubtotal",
        greaterThanOrEqualToSubtotal: { amount: "25.0", currencyCode: "EUR" },
      },
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    });
  });

  it("rejects a taken code, case-insensitively", async () => {
    const body = await gql(CREATE_DISCOUNT, { input: friendDiscountInput({ code: "welcome-ann" }) });
    expect(body.data.discountCodeBasicCreate).toEqual({
      codeDiscountNode: null,
      userErrors: [
        {
          field: ["basicCodeDiscount", "code"],
          message: "Code must be unique. Please try a different code.",
          code: "TAKEN",
          extraInfo: null,
        },
      ],
    });
  });

  it("adds redeem codes in bulk asynchronously, with per-code errors for duplicates", async () => {
    const codes = [
      { code: "ADV-BOB" },
      { code: "adv-carol" },
      { code: "Welcome-Ann" },
      { code: "ADV-BOB" },
      { code: "" },
    ];
    const add = (await gql(BULK_ADD, { discountId, codes })).data.discountRedeemCodeBulkAdd;
    expect(add.userErrors).toEqual([]);
    expect(add.bulkCreation).toMatchObject({ done: false, codesCount: 5, importedCount: 0, failedCount: 0 });
    // Shopify finishes the job in the background; by the next request it is done.
    const status = (await gql(BULK_STATUS, { id: add.bulkCreation.id })).data.discountRedeemCodeBulkCreation;
    expect(status).toMatchObject({
      done: true,
      codesCount: 5,
      importedCount: 2,
      failedCount: 3,
      discountCode: { id: discountId },
    });
    const byCode = Object.fromEntries(status.codes.nodes.map((n: Json) => [n.code, n]));
    expect(status.codes.nodes[0]).toMatchObject({
      code: "ADV-BOB",
      discountRedeemCode: { code: "ADV-BOB" },
      errors: [],
    });
    expect(byCode["Welcome-Ann"].errors).toEqual([
      { field: ["code"], message: "Code must be unique. Please try a different code.", code: "TAKEN" },
    ]);
    expect(status.codes.nodes[3].errors[0].code).toBe("TAKEN");
    expect(byCode[""].errors[0].code).toBe("BLANK");
  });

  it("finds a discount by any of its codes, case-insensitively", async () => {
    for (const code of ["adv-bob", "ADV-CAROL", "welcome-ann"]) {
      const node = (await gql(BY_CODE, { code })).data.codeDiscountNodeByCode;
      expect(node).toMatchObject({
        id: discountId,
        codeDiscount: { title: "Friend welcome", codesCount: { count: 3 } },
      });
    }
    expect((await gql(BY_CODE, { code: "NOPE" })).data.codeDiscountNodeByCode).toBeNull();
    expect(sim.codeDiscountByCode(SHOP, "Adv-Bob")?.codes.map((c) => c.code)).toEqual([
      "WELCOME-ANN",
      "ADV-BOB",
      "adv-carol",
    ]);
  });

  it("answers userErrors for bulk add on an unknown discount", async () => {
    const add = (await gql(BULK_ADD, { discountId: "gid://shopify/DiscountCodeNode/1", codes: [{ code: "X1" }] })).data
      .discountRedeemCodeBulkAdd;
    expect(add.bulkCreation).toBeNull();
    expect(add.userErrors[0].field).toEqual(["discountId"]);
  });

  it("looks discounts up by codeDiscountNode, discountNode and nodes", async () => {
    const numeric = discountId.split("/").pop();
    const body = await gql(
      `query($a: ID!, $b: ID!) {
      codeDiscountNode(id: $a) { id }
      discountNode(id: $b) { id discount { __typename ... on DiscountCodeBasic { title } } }
      nodes(ids: [$a, $b]) { __typename id }
    }`,
      { a: discountId, b: `gid://shopify/DiscountNode/${numeric}` },
    );
    expect(body.data).toEqual({
      codeDiscountNode: { id: discountId },
      discountNode: {
        id: `gid://shopify/DiscountNode/${numeric}`,
        discount: { __typename: "DiscountCodeBasic", title: "Friend welcome" },
      },
      nodes: [
        { __typename: "DiscountCodeNode", id: discountId },
        { __typename: "DiscountNode", id: `gid://shopify/DiscountNode/${numeric}` },
      ],
    });
  });

  it("deactivates, activates and updates", async () => {
    const STATUS = `mutation($id: ID!) { discountCodeDeactivate(id: $id) { codeDiscountNode { codeDiscount { ... on DiscountCodeBasic { status endsAt } } } userErrors { message } } }`;
    let body = await gql(STATUS, { id: discountId });
    expect(body.data.discountCodeDeactivate.codeDiscountNode.codeDiscount.status).toBe("EXPIRED");
    body = await gql(
      STATUS.replace("discountCodeDeactivate", "discountCodeActivate").replace(
        "discountCodeDeactivate",
        "discountCodeActivate",
      ),
      { id: discountId },
    );
    expect(body.data.discountCodeActivate.codeDiscountNode.codeDiscount).toEqual({ status: "ACTIVE", endsAt: null });

    const UPDATE = `mutation($id: ID!, $input: DiscountCodeBasicInput!) {
      discountCodeBasicUpdate(id: $id, basicCodeDiscount: $input) {
        codeDiscountNode { codeDiscount { ... on DiscountCodeBasic { title customerGets { value { ... on DiscountAmount { amount { amount currencyCode } appliesOnEachItem } } } } } }
        userErrors { field message code }
      } }`;
    body = await gql(UPDATE, {
      id: discountId,
      input: {
        title: "Friend 5 off",
        customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } } },
      },
    });
    expect(body.data.discountCodeBasicUpdate.userErrors).toEqual([]);
    expect(body.data.discountCodeBasicUpdate.codeDiscountNode.codeDiscount).toEqual({
      title: "Friend 5 off",
      customerGets: { value: { amount: { amount: "5.0", currencyCode: "EUR" }, appliesOnEachItem: false } },
    });
    body = await gql(UPDATE, { id: "gid://shopify/DiscountCodeNode/1", input: { title: "x" } });
    expect(body.data.discountCodeBasicUpdate.userErrors[0]).toMatchObject({ field: ["id"], code: "INVALID" });
  });

  it("reports SCHEDULED for a discount that starts later", async () => {
    const body = await gql(CREATE_DISCOUNT, {
      input: friendDiscountInput({ code: "LATER", startsAt: "2999-01-01T00:00:00Z" }),
    });
    expect(body.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount.status).toBe("SCHEDULED");
  });

  it("restricts a reward code to one customer with a fixed amount", async () => {
    const advocate = sim.addCustomer(SHOP, { email: "ann@example.com", firstName: "Ann" });
    const body = await gql(CREATE_DISCOUNT, {
      input: friendDiscountInput({
        title: "Reward for Ann",
        code: "RWD-ANN-1",
        usageLimit: 1,
        customerGets: { value: { discountAmount: { amount: 10, appliesOnEachItem: false } }, items: { all: true } },
        context: { customers: { add: [advocate.id] } },
      }),
    });
    const d = body.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount;
    expect(d.context).toEqual({ __typename: "DiscountCustomers", customers: [{ id: advocate.id }] });
    expect(d.customerSelection).toEqual({ __typename: "DiscountCustomers", customers: [{ id: advocate.id }] });
    expect(d.customerGets.value).toEqual({
      __typename: "DiscountAmount",
      amount: { amount: "10.0", currencyCode: "EUR" },
      appliesOnEachItem: false,
    });
  });

  it("returns userErrors for bad input", async () => {
    const body = await gql(CREATE_DISCOUNT, {
      input: friendDiscountInput({
        title: "",
        code: "BAD",
        customerGets: { value: { percentage: 1.5 }, items: { all: true } },
        endsAt: "2019-01-01T00:00:00Z",
        context: { customers: { add: ["gid://shopify/Customer/1"] } },
      }),
    });
    const errors = body.data.discountCodeBasicCreate.userErrors;
    expect(errors.map((e: Json) => e.code).sort()).toEqual([
      "BLANK",
      "END_DATE_BEFORE_START_DATE",
      "INVALID",
      "VALUE_OUTSIDE_RANGE",
    ]);
    expect(errors.find((e: Json) => e.code === "BLANK").field).toEqual(["basicCodeDiscount", "title"]);
  });

  it("deletes a discount and frees its codes", async () => {
    const created = await gql(CREATE_DISCOUNT, { input: friendDiscountInput({ code: "TEMP-1" }) });
    const id = created.data.discountCodeBasicCreate.codeDiscountNode.id;
    const body = await gql(
      `mutation($id: ID!) { discountCodeDelete(id: $id) { deletedCodeDiscountId userErrors { message } } }`,
      { id },
    );
    expect(body.data.discountCodeDelete).toEqual({ deletedCodeDiscountId: id, userErrors: [] });
    expect((await gql(BY_CODE, { code: "temp-1" })).data.codeDiscountNodeByCode).toBeNull();
    const again = await gql(CREATE_DISCOUNT, { input: friendDiscountInput({ code: "TEMP-1" }) });
    expect(again.data.discountCodeBasicCreate.userErrors).toEqual([]);
  });

  it("deletes redeem codes in bulk", async () => {
    const node = (
      await gql(
        `query { codeDiscountNodeByCode(code: "ADV-BOB") { id codeDiscount { ... on DiscountCodeBasic { codes(first: 10, query: "code:ADV-BOB") { nodes { id code } } } } } }`,
      )
    ).data.codeDiscountNodeByCode;
    const codeId = node.codeDiscount.codes.nodes[0].id;
    const body = await gql(
      `mutation($d: ID!, $ids: [ID!]) { discountCodeRedeemCodeBulkDelete(discountId: $d, ids: $ids) { job { id done } userErrors { message } } }`,
      { d: node.id, ids: [codeId] },
    );
    expect(body.data.discountCodeRedeemCodeBulkDelete.userErrors).toEqual([]);
    expect(body.data.discountCodeRedeemCodeBulkDelete.job.id).toMatch(/^gid:\/\/shopify\/Job\//);
    expect(sim.codeDiscountByCode(SHOP, "ADV-BOB")).toBeNull();
  });
});
