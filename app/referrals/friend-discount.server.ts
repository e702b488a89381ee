import db from "../db.server";
import { formatMinor } from "../lib/money";
import { adminApiFor, assertNoUserErrors, type AdminApi, type UserError } from "../shopify/admin-client.server";
import { getProgramSettings, enqueueFriendDiscountSync } from "./program-settings.server";
import type { ProgramSettings } from "./program-settings";

/**
 * The friend offer is one Shopify code discount owned by the app; every advocate's code
 * is a redeem code on it, so changing the offer changes it for everyone at once.
 */

export const FRIEND_DISCOUNT_CREATE = `#graphql
mutation FriendDiscountCreate($discount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $discount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export const FRIEND_DISCOUNT_UPDATE = `#graphql
mutation FriendDiscountUpdate($id: ID!, $discount: DiscountCodeBasicInput!) {
  discountCodeBasicUpdate(id: $id, basicCodeDiscount: $discount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export const REDEEM_CODES_ADD = `#graphql
mutation RedeemCodesAdd($discountId: ID!, $codes: [DiscountRedeemCodeInput!]!) {
  discountRedeemCodeBulkAdd(discountId: $discountId, codes: $codes) {
    bulkCreation { id done codesCount importedCount failedCount }
    userErrors { field message code }
  }
}`;

export const FRIEND_DISCOUNT_BY_CODE = `#graphql
query FriendDiscountByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    codeDiscount { ... on DiscountCodeBasic { title } }
  }
}`;

const FRIEND_DISCOUNT_TITLE = "Referral program: friend's first order";

export const SHOP_FACTS = `#graphql
query ShopFacts { shop { name currencyCode myshopifyDomain } }`;

/** Shopify's own codes for a discount's title and the first redeem code. */
function friendDiscountInput(s: ProgramSettings, opts: { withCode: string | null }) {
  const value =
    s.friendOfferType === "percentage"
      ? { percentage: s.friendPercent / 100 }
      : { discountAmount: { amount: formatMinor(s.friendAmountMinor || 0, s.currencyCode), appliesOnEachItem: false } };
  return {
    title: FRIEND_DISCOUNT_TITLE,
    ...(opts.withCode ? { code: opts.withCode } : {}),
    startsAt: new Date().toISOString(),
    // The friend offer is for a first order: once per customer.
    appliesOncePerCustomer: true,
    context: { all: "ALL" },
    customerGets: { value, items: { all: true } },
    minimumRequirement: s.minimumSubtotalMinor
      ? { subtotal: { greaterThanOrEqualToSubtotal: formatMinor(s.minimumSubtotalMinor, s.currencyCode) } }
      : null,
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
  };
}

/** A code nobody will share: the discount needs one code at creation. */
function placeholderCode(shop: string) {
  return `REFERRAL-${shop
    .split(".")[0]
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 12)}`;
}

export const FRIEND_DISCOUNT_ACTIVATE = `#graphql
mutation FriendDiscountActivate($id: ID!) {
  discountCodeActivate(id: $id) { codeDiscountNode { id } userErrors { field message code } }
}`;

export const FRIEND_DISCOUNT_DEACTIVATE = `#graphql
mutation FriendDiscountDeactivate($id: ID!) {
  discountCodeDeactivate(id: $id) { codeDiscountNode { id } userErrors { field message code } }
}`;

/**
 * Brings the friend discount in step with the settings: creates it the first time,
 * updates it after. A one-sided program (no friend offer) keeps the discount, and so
 * the advocates' codes, but deactivated: friends then arrive through the referral link
 * (the landing attribute), and switching the offer back on needs no re-enrolment.
 *
 * Several callers may run this at once (the settings' sync task and Activate, or a
 * retry after a process died between creating the discount and storing its id). The
 * discount is found by its placeholder code, which Shopify keeps unique per shop: a
 * call that finds it, or whose creation is refused because another call just made it,
 * adopts that discount and updates it, so every call ends with the one discount.
 */
export async function syncFriendDiscount(admin: AdminApi, shop: string) {
  const settings = await getProgramSettings(shop);
  const oneSided = settings.friendOfferType === "none";
  // Shopify needs a value even on a deactivated discount.
  const effective: ProgramSettings = oneSided
    ? { ...settings, friendOfferType: "percentage", friendPercent: settings.friendPercent || 10 }
    : settings;
  let discountId = settings.friendDiscountId;
  let created = false;
  if (!discountId) {
    const made = await createOrAdoptFriendDiscount(admin, shop, effective);
    discountId = made.id;
    created = made.created;
    const stored = await db.programSettings.updateMany({
      where: { shop, friendDiscountId: null },
      data: { friendDiscountId: discountId },
    });
    // Every advocate enrolled before the discount existed still needs their code on it.
    if (stored.count > 0) await db.advocate.updateMany({ where: { shop }, data: { codeSyncedAt: null } });
  }
  if (!created) {
    const data = await admin.request<{ discountCodeBasicUpdate: { userErrors: UserError[] } }>(FRIEND_DISCOUNT_UPDATE, {
      id: discountId,
      discount: friendDiscountInput(effective, { withCode: null }),
    });
    assertNoUserErrors("discountCodeBasicUpdate", data.discountCodeBasicUpdate.userErrors);
  }
  const toggle = oneSided ? FRIEND_DISCOUNT_DEACTIVATE : FRIEND_DISCOUNT_ACTIVATE;
  const toggled = await admin.request<Record<string, { userErrors: UserError[] }>>(toggle, { id: discountId });
  assertNoUserErrors("friend discount activation", Object.values(toggled)[0]?.userErrors);
  await db.programSettings.update({ where: { shop }, data: { friendDiscountSynced: true } });
  return discountId;
}

/** The app's friend discount in Shopify, found by its placeholder code, or null. */
async function findFriendDiscount(admin: AdminApi, shop: string): Promise<string | null> {
  const data = await admin.request<{
    codeDiscountNodeByCode: { id: string; codeDiscount: { title?: string } } | null;
  }>(FRIEND_DISCOUNT_BY_CODE, { code: placeholderCode(shop) });
  const node = data.codeDiscountNodeByCode;
  // A discount of the owner's that happens to use this code is not ours to take over.
  return node && node.codeDiscount.title === FRIEND_DISCOUNT_TITLE ? node.id : null;
}

async function createOrAdoptFriendDiscount(
  admin: AdminApi,
  shop: string,
  settings: ProgramSettings,
): Promise<{ id: string; created: boolean }> {
  const existing = await findFriendDiscount(admin, shop);
  if (existing) return { id: existing, created: false };
  const data = await admin.request<{
    discountCodeBasicCreate: { codeDiscountNode: { id: string } | null; userErrors: UserError[] };
  }>(FRIEND_DISCOUNT_CREATE, { discount: friendDiscountInput(settings, { withCode: placeholderCode(shop) }) });
  const { codeDiscountNode, userErrors } = data.discountCodeBasicCreate;
  if (codeDiscountNode) return { id: codeDiscountNode.id, created: true };
  // Another call created it between the lookup and this creation.
  if (userErrors.some((e) => e.code === "TAKEN" || /unique/i.test(e.message))) {
    const adopted = await findFriendDiscount(admin, shop);
    if (adopted) return { id: adopted, created: false };
  }
  assertNoUserErrors("discountCodeBasicCreate", userErrors);
  throw new Error("discountCodeBasicCreate returned neither a discount nor an error");
}

/** Adds advocates' codes to the friend discount, up to 250 per call (Shopify's batch limit). */
export async function addRedeemCodes(admin: AdminApi, discountId: string, codes: string[]) {
  for (let i = 0; i < codes.length; i += 250) {
    const batch = codes.slice(i, i + 250);
    const data = await admin.request<{ discountRedeemCodeBulkAdd: { userErrors: UserError[] } }>(REDEEM_CODES_ADD, {
      discountId,
      codes: batch.map((code) => ({ code })),
    });
    assertNoUserErrors("discountRedeemCodeBulkAdd", data.discountRedeemCodeBulkAdd.userErrors);
  }
}

/**
 * Onboarding's one click: reads the shop's currency, creates the friend discount in
 * Shopify and turns the program on.
 */
export async function activateProgram(shop: string, admin?: AdminApi) {
  const api = admin ?? (await adminApiFor(shop));
  const facts = await api.request<{ shop: { name: string; currencyCode: string } }>(SHOP_FACTS);
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, name: facts.shop.name, currencyCode: facts.shop.currencyCode },
    update: { name: facts.shop.name, currencyCode: facts.shop.currencyCode },
  });
  const settings = await getProgramSettings(shop);
  if (!settings.friendDiscountId) {
    await db.programSettings.update({ where: { shop }, data: { currencyCode: facts.shop.currencyCode } });
  }
  await syncFriendDiscount(api, shop);
  await db.$transaction(async (tx) => {
    await tx.programSettings.update({ where: { shop }, data: { enabled: true } });
    await enqueueFriendDiscountSync(tx, shop);
  });
}
