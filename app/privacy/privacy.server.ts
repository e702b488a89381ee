import db from "../db.server";

type Json = Record<string, unknown>;
const idOf = (v: unknown) => (typeof v === "number" || (typeof v === "string" && /^\d{1,20}$/.test(v)) ? String(v) : null);

/** Everything the app holds about one customer of a shop, as advocate and as friend. */
export async function assembleCustomerRecord(shop: string, customerId: string) {
  const advocate = await db.advocate.findUnique({
    where: { shop_customerId: { shop, customerId } },
    include: { rewards: { orderBy: { createdAt: "asc" } }, referrals: { orderBy: { createdAt: "asc" } } },
  });
  const asFriend = await db.referral.findMany({ where: { shop, friendCustomerId: customerId }, orderBy: { createdAt: "asc" } });
  const clicks = advocate ? await db.click.count({ where: { shop, advocateId: advocate.id } }) : 0;
  return {
    shop,
    customerId,
    advocate: advocate && {
      code: advocate.code,
      email: advocate.email,
      firstName: advocate.firstName,
      lastName: advocate.lastName,
      status: advocate.status,
      enrolledAt: advocate.createdAt,
      clicks,
      referrals: advocate.referrals.map((r) => ({ order: r.orderName, status: r.status, createdAt: r.createdAt, subtotalMinor: r.subtotalMinor, currency: r.currencyCode })),
      rewards: advocate.rewards.map((r) => ({ code: r.code, amountMinor: r.amountMinor, currency: r.currencyCode, state: r.state, issuedAt: r.issuedAt, expiresAt: r.expiresAt })),
    },
    referredAsFriend: asFriend.map((r) => ({ order: r.orderName, codeUsed: r.codeUsed, email: r.friendEmail, name: r.friendName, status: r.status, createdAt: r.createdAt })),
  };
}

/** customers/data_request: assemble the record now and keep it for the owner to download. */
export async function recordDataRequest(shop: string, payload: unknown) {
  const p = (payload ?? {}) as Json;
  const customerId = idOf((p.customer as Json | undefined)?.id);
  const requestId = idOf((p.data_request as Json | undefined)?.id) ?? `${customerId}:${Date.now()}`;
  if (!customerId) return;
  const record = JSON.stringify(await assembleCustomerRecord(shop, customerId));
  await db.dataRequest.upsert({
    where: { shop_requestId: { shop, requestId } },
    create: { shop, customerId, requestId, record },
    update: {},
  });
}

/**
 * customers/redact: the customer's personal data (email, name, IP hash) is erased;
 * codes, counts and money stay, so the shop's totals remain right.
 */
export async function redactCustomer(shop: string, payload: unknown) {
  const p = (payload ?? {}) as Json;
  const customer = (p.customer ?? {}) as Json;
  const customerId = idOf(customer.id);
  const email = typeof customer.email === "string" && customer.email ? customer.email.toLowerCase() : null;
  if (!customerId && !email) return;
  await db.$transaction([
    db.advocate.updateMany({
      where: { shop, OR: [...(customerId ? [{ customerId }] : []), ...(email ? [{ email }] : [])] },
      data: { email: null, firstName: null, lastName: null },
    }),
    db.referral.updateMany({
      where: { shop, OR: [...(customerId ? [{ friendCustomerId: customerId }] : []), ...(email ? [{ friendEmail: email }] : [])] },
      data: { friendEmail: null, friendName: null, ipHash: null, friendCustomerId: null },
    }),
    db.dataRequest.deleteMany({ where: { shop, customerId: customerId ?? "" } }),
  ]);
}

/** shop/redact: everything the app holds for the shop is deleted. */
export async function redactShop(shop: string) {
  await db.$transaction([
    db.ledgerEvent.deleteMany({ where: { shop } }),
    db.reward.deleteMany({ where: { shop } }),
    db.referral.deleteMany({ where: { shop } }),
    db.click.deleteMany({ where: { shop } }),
    db.advocate.deleteMany({ where: { shop } }),
    db.dailyStat.deleteMany({ where: { shop } }),
    db.outboxTask.deleteMany({ where: { shop } }),
    db.webhookDelivery.deleteMany({ where: { shop } }),
    db.dataRequest.deleteMany({ where: { shop } }),
    db.programSettings.deleteMany({ where: { shop } }),
    db.session.deleteMany({ where: { shop } }),
    db.shop.deleteMany({ where: { domain: shop } }),
  ]);
}
