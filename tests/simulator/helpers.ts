// Shared test helpers for the simulator suite.

import { startSimulator, type Simulator, type SimulatorOptions } from "../../simulator/index";

/** Responses are asserted field by field; a loose type keeps those assertions readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const API_KEY = "test-api-key";
export const API_SECRET = "test-api-secret";

export async function withSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ appApiKey: API_KEY, appSecret: API_SECRET, ...options });
}

/** Raw POST to the Admin GraphQL endpoint. */
export async function postGraphql(
  sim: Simulator,
  shop: string,
  body: unknown,
  headers: Record<string, string> = {},
  version = "2026-10",
): Promise<{ status: number; json: Json; headers: Headers }> {
  const response = await fetch(`${sim.url}/${shop}/admin/api/${version}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function control(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

export const CREATE_DISCOUNT = /* GraphQL */ `
  mutation CreateDiscount($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode {
        id
        codeDiscount {
          __typename
          ... on DiscountCodeBasic {
            title
            status
            startsAt
            endsAt
            usageLimit
            appliesOncePerCustomer
            asyncUsageCount
            codesCount {
              count
              precision
            }
            codes(first: 10) {
              nodes {
                id
                code
                asyncUsageCount
              }
            }
            customerGets {
              value {
                __typename
                ... on DiscountPercentage {
                  percentage
                }
                ... on DiscountAmount {
                  amount {
                    amount
                    currencyCode
                  }
                  appliesOnEachItem
                }
              }
              items {
                __typename
                ... on AllDiscountItems {
                  allItems
                }
              }
            }
            customerSelection {
              __typename
              ... on DiscountCustomerAll {
                allCustomers
              }
              ... on DiscountCustomers {
                customers {
                  id
                }
              }
            }
            context {
              __typename
              ... on DiscountBuyerSelectionAll {
                all
              }
              ... on DiscountCustomers {
                customers {
                  id
                }
              }
            }
            minimumRequirement {
              __typename
              ... on DiscountMinimumSubtotal {
                greaterThanOrEqualToSubtotal {
                  amount
                  currencyCode
                }
              }
            }
            combinesWith {
              orderDiscounts
              productDiscounts
              shippingDiscounts
            }
          }
        }
      }
      userErrors {
        field
        message
        code
        extraInfo
      }
    }
  }
`;

export function friendDiscountInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Friend welcome",
    code: "WELCOME-ANN",
    startsAt: "2020-01-01T00:00:00Z",
    customerGets: { value: { percentage: 0.1 }, items: { all: true } },
    context: { all: "ALL" },
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
    ...overrides,
  };
}
