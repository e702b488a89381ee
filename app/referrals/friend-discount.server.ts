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

export const SHOP_FACTS = `#graphql
query ShopFacts { shop { name currencyCode myshopifyDomain } }`;

/** Shopify's own codes for a discount's title and the first redeem code. */
function friendDiscountInput(s: ProgramSettings, opts: { withCode: string | null }) {
  const value =
    s.friendOfferType === "percentage"
      ? { percentage: s.friendPercent / 100 }
      : { discountAmount: { amount: formatMinor(s.friendAmountMinor || 0, s.currencyCode), appliesOnEachItem: false } };
  return {
    title: "Referral program: friend's first order",
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
 */
export async function syncFriendDiscount(admin: AdminApi, shop: string) {
  const settings = await getProgramSettings(shop);
  const oneSided = settings.friendOfferType === "none";
  // Shopify needs a value even on a deactivated discount.
  const effective: ProgramSettings = oneSided
    ? { ...settings, friendOfferType: "percentage", friendPercent: settings.friendPercent || 10 }
    : settings;
  let discountId = settings.friendDiscountId;
  if (!discountId) {
    const data = await admin.request<{
      discountCodeBasicCreate: { codeDiscountNode: { id: string } | null; userErrors: UserError[] };
    }>(FRIEND_DISCOUNT_CREATE, { discount: friendDiscountInput(effective, { withCode: placeholderCode(shop) }) });
    assertNoUserErrors("discountCodeBasicCreate", data.discountCodeBasicCreate.userErrors);
    discountId = data.discountCodeBasicCreate.codeDiscountNode!.id;
    await db.programSettings.update({ where: { shop }, data: { friendDiscountId: discountId } });
    // Every advocate enrolled before the discount existed still needs their code on it.
    await db.advocate.updateMany({ where: { shop }, data: { codeSyncedAt: null } });
  } else {
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
