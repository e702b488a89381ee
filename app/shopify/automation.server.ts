import type { AdminApi, UserError } from "./admin-client.server";

/**
 * The Admin API operations behind the outbox's automation tasks (app/jobs/tasks.server.ts):
 * the advocate's metafield, order and customer tags, Shopify Flow triggers.
 */

export const ADVOCATE_METAFIELD_SET = `#graphql
mutation AdvocateMetafieldSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id }
    userErrors { field message code }
  }
}`;

export interface MetafieldInput {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

/** Writes metafields (one call, at most 25); the userErrors. */
export async function setMetafields(admin: AdminApi, metafields: MetafieldInput[]): Promise<UserError[]> {
  const data = await admin.request<{ metafieldsSet: { userErrors: UserError[] } }>(ADVOCATE_METAFIELD_SET, {
    metafields,
  });
  return data.metafieldsSet.userErrors;
}

export const TAGS_ADD = `#graphql
mutation ReferralTagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { id }
    userErrors { field message }
  }
}`;

/** Adds tags to an order or a customer (`id`: its gid); the userErrors. */
export async function addTags(admin: AdminApi, id: string, tags: string[]): Promise<UserError[]> {
  const data = await admin.request<{ tagsAdd: { userErrors: UserError[] } }>(TAGS_ADD, { id, tags });
  return data.tagsAdd.userErrors;
}

export const FLOW_TRIGGER = `#graphql
mutation ReferralFlowTrigger($handle: String!, $payload: JSON!) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors { field message }
  }
}`;

/**
 * Sends a Flow trigger; the userErrors. Not idempotent (Shopify has no key for it): only
 * throttling, which proves Shopify did not run it, is retried by the client.
 */
export async function receiveFlowTrigger(
  admin: AdminApi,
  handle: string,
  payload: Record<string, string | number>,
): Promise<UserError[]> {
  const data = await admin.request<{ flowTriggerReceive: { userErrors: UserError[] } }>(
    FLOW_TRIGGER,
    { handle, payload },
    { idempotent: false },
  );
  return data.flowTriggerReceive.userErrors;
}
