import db from "../db.server";
import { formatMinor } from "../lib/money";
import { adminApiFor, assertNoUserErrors, type AdminApi } from "../shopify/admin-client.server";
import {
  addRedeemCodeBatch,
  createFriendDiscount,
  findDiscountWithTitle,
  setFriendDiscountActive,
  updateFriendDiscount,
} from "../shopify/discounts.server";
import { readShopFacts } from "../shopify/shop.server";
import { recordShopCurrency } from "../shops/currency.server";
import { getProgramSettings, enqueueFriendDiscountSync } from "./program-settings.server";
import type { ProgramSettings } from "./program-settings";

/**
 * The friend offer is one Shopify code discount owned by the app; every advocate's code
 * is a redeem code on it, so changing the offer changes it for everyone at once.
 */

const FRIEND_DISCOUNT_TITLE = "Referral program: friend's first order";

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
    const updated = await updateFriendDiscount(admin, discountId, friendDiscountInput(effective, { withCode: null }));
    assertNoUserErrors("discountCodeBasicUpdate", updated.userErrors);
  }
  const toggled = await setFriendDiscountActive(admin, discountId, !oneSided);
  assertNoUserErrors("friend discount activation", toggled.userErrors);
  await db.programSettings.update({ where: { shop }, data: { friendDiscountSynced: true } });
  return discountId;
}

/** The app's friend discount in Shopify, found by its placeholder code, or null. */
async function findFriendDiscount(admin: AdminApi, shop: string): Promise<string | null> {
  const node = await findDiscountWithTitle(admin, placeholderCode(shop));
  // A discount of the owner's that happens to use this code is not ours to take over.
  return node && node.title === FRIEND_DISCOUNT_TITLE ? node.id : null;
}

async function createOrAdoptFriendDiscount(
  admin: AdminApi,
  shop: string,
  settings: ProgramSettings,
): Promise<{ id: string; created: boolean }> {
  const existing = await findFriendDiscount(admin, shop);
  if (existing) return { id: existing, created: false };
  const { codeDiscountNode, userErrors } = await createFriendDiscount(
    admin,
    friendDiscountInput(settings, { withCode: placeholderCode(shop) }),
  );
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
    const userErrors = await addRedeemCodeBatch(admin, discountId, codes.slice(i, i + 250));
    assertNoUserErrors("discountRedeemCodeBulkAdd", userErrors);
  }
}

/**
 * Onboarding's one click: reads the shop's currency, creates the friend discount in
 * Shopify and turns the program on.
 */
export async function activateProgram(shop: string, admin?: AdminApi) {
  const api = admin ?? (await adminApiFor(shop));
  const facts = await readShopFacts(api);
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, name: facts.name, currencyCode: facts.currencyCode },
    update: { name: facts.name },
  });
  await getProgramSettings(shop);
  // The program takes the shop's currency; a change since it was last read is told to the owner.
  await recordShopCurrency(shop, facts.currencyCode, new Date());
  await syncFriendDiscount(api, shop);
  await db.$transaction(async (tx) => {
    await tx.programSettings.update({ where: { shop }, data: { enabled: true } });
    await enqueueFriendDiscountSync(tx, shop);
  });
}
