import type { AdminApi } from "./admin-client.server";

/**
 * Who a customer is, read from the Admin API: the advocate's names, email and language.
 * The one place the app asks Shopify for them, so every way of becoming an advocate
 * stores the same fields.
 */

export const CUSTOMER_IDENTITY = `#graphql
query CustomerIdentity($id: ID!) {
  customer(id: $id) {
    id
    firstName
    lastName
    defaultEmailAddress { emailAddress }
    locale
  }
}`;

export interface CustomerIdentity {
  firstName: string | null;
  lastName: string | null;
  /** lower case */
  email: string | null;
  /** as Shopify reports it, for example "pl" or "pt-BR" */
  locale: string | null;
}

interface CustomerIdentityData {
  customer: {
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string | null } | null;
    locale: string | null;
  } | null;
}

const text = (v: string | null | undefined, max: number) => (v && v.trim() ? v.trim().slice(0, max) : null);

/** The customer's identity, or null when Shopify has no such customer (deleted, or not this shop's). */
export async function readCustomerIdentity(admin: AdminApi, customerId: string): Promise<CustomerIdentity | null> {
  const data = await admin.request<CustomerIdentityData>(CUSTOMER_IDENTITY, {
    id: `gid://shopify/Customer/${customerId}`,
  });
  const c = data.customer;
  if (!c) return null;
  return {
    firstName: text(c.firstName, 100),
    lastName: text(c.lastName, 100),
    email: text(c.defaultEmailAddress?.emailAddress, 320)?.toLowerCase() ?? null,
    locale: text(c.locale, 20),
  };
}

export const FRIEND_HISTORY = `#graphql
query FriendOrderHistory($id: ID!) {
  customer(id: $id) {
    id
    numberOfOrders
    orders(first: 10, sortKey: CREATED_AT, reverse: true) { nodes { id createdAt } }
  }
}`;

/**
 * A customer's lifetime order count (every order, however old: `orders` alone covers only
 * the last 60 days without read_all_orders) and their latest orders.
 */
export interface CustomerOrderHistory {
  /** an UnsignedInt64, as a string */
  numberOfOrders: string;
  orders: { nodes: { id: string; createdAt: string }[] };
}

/** The customer's order history, or null when Shopify has no such customer. */
export async function readOrderHistory(admin: AdminApi, customerId: string): Promise<CustomerOrderHistory | null> {
  const data = await admin.request<{ customer: CustomerOrderHistory | null }>(FRIEND_HISTORY, {
    id: `gid://shopify/Customer/${customerId}`,
  });
  return data.customer;
}
