import type { AdminApi, UserError } from "./admin-client.server";

/**
 * The Admin API's discount operations the app sends, each with the type of its result:
 * the friend discount (one code discount whose redeem codes are the advocates' codes)
 * and the advocates' reward codes. Callers decide what a userError means.
 */

/** What a discount mutation answers: the discount it made or changed, or why not. */
export interface DiscountMutationResult {
  codeDiscountNode: { id: string } | null;
  userErrors: UserError[];
}

/** DiscountCodeBasicInput, as the callers build it. */
export type BasicCodeDiscountInput = Record<string, unknown>;

export const FRIEND_DISCOUNT_CREATE = `#graphql
mutation FriendDiscountCreate($discount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $discount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export async function createFriendDiscount(
  admin: AdminApi,
  discount: BasicCodeDiscountInput,
): Promise<DiscountMutationResult> {
  const data = await admin.request<{ discountCodeBasicCreate: DiscountMutationResult }>(FRIEND_DISCOUNT_CREATE, {
    discount,
  });
  return data.discountCodeBasicCreate;
}

export const FRIEND_DISCOUNT_UPDATE = `#graphql
mutation FriendDiscountUpdate($id: ID!, $discount: DiscountCodeBasicInput!) {
  discountCodeBasicUpdate(id: $id, basicCodeDiscount: $discount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export async function updateFriendDiscount(
  admin: AdminApi,
  id: string,
  discount: BasicCodeDiscountInput,
): Promise<DiscountMutationResult> {
  const data = await admin.request<{ discountCodeBasicUpdate: DiscountMutationResult }>(FRIEND_DISCOUNT_UPDATE, {
    id,
    discount,
  });
  return data.discountCodeBasicUpdate;
}

export const FRIEND_DISCOUNT_ACTIVATE = `#graphql
mutation FriendDiscountActivate($id: ID!) {
  discountCodeActivate(id: $id) { codeDiscountNode { id } userErrors { field message code } }
}`;

export const FRIEND_DISCOUNT_DEACTIVATE = `#graphql
mutation FriendDiscountDeactivate($id: ID!) {
  discountCodeDeactivate(id: $id) { codeDiscountNode { id } userErrors { field message code } }
}`;

/** Turns the friend discount on or off. */
export async function setFriendDiscountActive(
  admin: AdminApi,
  id: string,
  active: boolean,
): Promise<DiscountMutationResult> {
  if (active) {
    const data = await admin.request<{ discountCodeActivate: DiscountMutationResult }>(FRIEND_DISCOUNT_ACTIVATE, {
      id,
    });
    return data.discountCodeActivate;
  }
  const data = await admin.request<{ discountCodeDeactivate: DiscountMutationResult }>(FRIEND_DISCOUNT_DEACTIVATE, {
    id,
  });
  return data.discountCodeDeactivate;
}

export const FRIEND_DISCOUNT_BY_CODE = `#graphql
query FriendDiscountByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    codeDiscount { ... on DiscountCodeBasic { title } }
  }
}`;

/** The code discount that holds `code`, with its title, or null. */
export async function findDiscountWithTitle(
  admin: AdminApi,
  code: string,
): Promise<{ id: string; title: string | null } | null> {
  const data = await admin.request<{
    codeDiscountNodeByCode: { id: string; codeDiscount: { title?: string } } | null;
  }>(FRIEND_DISCOUNT_BY_CODE, { code });
  const node = data.codeDiscountNodeByCode;
  return node ? { id: node.id, title: node.codeDiscount.title ?? null } : null;
}

export const REDEEM_CODES_ADD = `#graphql
mutation RedeemCodesAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
  discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
    bulkCreation { id done codesCount importedCount failedCount }
    userErrors { field message code }
  }
}`;

/** Adds up to 250 redeem codes to a discount (Shopify's batch limit); the userErrors. */
export async function addRedeemCodeBatch(admin: AdminApi, discountId: string, codes: string[]): Promise<UserError[]> {
  const data = await admin.request<{ discountRedeemCodeBulkAdd: { userErrors: UserError[] } }>(REDEEM_CODES_ADD, {
    discountId,
    codes: codes.map((code) => ({ code })),
  });
  return data.discountRedeemCodeBulkAdd.userErrors;
}

export const REDEEM_CODE_REMOVE = `#graphql
mutation RedeemCodeRemove($discountId: ID!, $search: String!) {
  discountCodeRedeemCodeBulkDelete(discountId: $discountId, search: $search) {
    job { id done }
    userErrors { field message code }
  }
}`;

/** Deletes the discount's redeem codes that match `search`; the userErrors. */
export async function removeRedeemCodes(admin: AdminApi, discountId: string, search: string): Promise<UserError[]> {
  const data = await admin.request<{ discountCodeRedeemCodeBulkDelete: { userErrors: UserError[] } }>(
    REDEEM_CODE_REMOVE,
    { discountId, search },
  );
  return data.discountCodeRedeemCodeBulkDelete.userErrors;
}

export const REWARD_CODE_CREATE = `#graphql
mutation RewardCodeCreate($discount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $discount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export async function createRewardCode(
  admin: AdminApi,
  discount: BasicCodeDiscountInput,
): Promise<DiscountMutationResult> {
  const data = await admin.request<{ discountCodeBasicCreate: DiscountMutationResult }>(REWARD_CODE_CREATE, {
    discount,
  });
  return data.discountCodeBasicCreate;
}

export const REWARD_CODE_LOOKUP = `#graphql
query RewardCodeLookup($code: String!) {
  codeDiscountNodeByCode(code: $code) { id }
}`;

/** The id of the code discount that holds `code`, or null. */
export async function findDiscountIdByCode(admin: AdminApi, code: string): Promise<string | null> {
  const data = await admin.request<{ codeDiscountNodeByCode: { id: string } | null }>(REWARD_CODE_LOOKUP, { code });
  return data.codeDiscountNodeByCode?.id ?? null;
}

export const REWARD_CODE_USAGE = `#graphql
query RewardCodeUsage($id: ID!) {
  discountNode(id: $id) {
    id
    discount { ... on DiscountCodeBasic { asyncUsageCount status } }
  }
}`;

/** How often a code discount was used, and its status; null when it no longer exists. */
export async function readCodeUsage(
  admin: AdminApi,
  id: string,
): Promise<{ asyncUsageCount?: number; status?: string } | null> {
  const data = await admin.request<{
    discountNode: { discount: { asyncUsageCount?: number; status?: string } } | null;
  }>(REWARD_CODE_USAGE, { id });
  return data.discountNode?.discount ?? null;
}

export const REWARD_CODE_DEACTIVATE = `#graphql
mutation RewardCodeDeactivate($id: ID!) {
  discountCodeDeactivate(id: $id) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export async function deactivateRewardCode(admin: AdminApi, id: string): Promise<UserError[]> {
  const data = await admin.request<{ discountCodeDeactivate: { userErrors: UserError[] } }>(REWARD_CODE_DEACTIVATE, {
    id,
  });
  return data.discountCodeDeactivate.userErrors;
}

export const STORE_CREDIT = `#graphql
mutation RewardStoreCredit($id: ID!, $credit: StoreCreditAccountCreditInput!) {
  storeCreditAccountCredit(id: $id, creditInput: $credit) {
    storeCreditAccountTransaction { amount { amount currencyCode } }
    userErrors { field message code }
  }
}`;

/** Credits a customer's store credit account (`id`: the customer's gid); the userErrors. */
export async function creditStoreCredit(
  admin: AdminApi,
  id: string,
  credit: { creditAmount: { amount: string; currencyCode: string }; expiresAt?: string; notify: boolean },
): Promise<UserError[]> {
  const data = await admin.request<{ storeCreditAccountCredit: { userErrors: UserError[] } }>(STORE_CREDIT, {
    id,
    credit,
  });
  return data.storeCreditAccountCredit.userErrors;
}
