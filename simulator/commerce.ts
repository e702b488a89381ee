// What happens on the storefront side, which the Admin API only observes: a checkout
// places an order (applying discount codes the way checkout would, and counting their
// use), and the merchant pays, cancels or refunds it.

import { parseGid } from "./gid.js";
import { addDecimal, compareDecimal, formatFixed, minDecimal, percentOf, rest2, subDecimal, toUnits } from "./money.js";
import { discountStatus } from "./resolvers/discounts-view.js";
import { insertCustomer, type CustomerSeed } from "./resolvers/customers.js";
import { normalizeTags } from "./resolvers/common.js";
import type { CustomerRecord, OrderDiscountCode, OrderRecord, RefundRecord, ShopState } from "./state.js";

export interface PlaceOrderInput {
  /** Existing customer: numeric id or Customer gid. */
  customerId?: number | string | null;
  /** Customer by details: found by email, or created (as checkout does). */
  customer?: CustomerSeed | null;
  /** Guest email; also used to find/create the customer when no customer is given. */
  email?: string | null;
  lineItems?: { title?: string; quantity?: number; price: string; sku?: string | null }[];
  /** Used when lineItems is omitted: one line item at this price. Decimal string. */
  subtotal?: string;
  currency?: string;
  /** Codes entered at checkout; they must exist and apply (unless enforceDiscountRules is false). */
  discountCodes?: (string | { code: string; amount?: string; type?: OrderDiscountCode["type"] })[];
  browserIp?: string | null;
  userAgent?: string | null;
  noteAttributes?: { name: string; value: string }[];
  note?: string | null;
  tags?: string[];
  financialStatus?: OrderRecord["financialStatus"];
  landingSite?: string | null;
  referringSite?: string | null;
  sourceName?: string;
  test?: boolean;
  createdAt?: string;
  /** Apply checkout's rules (status, eligibility, usage limits, minimums). Default true. */
  enforceDiscountRules?: boolean;
}

export class CheckoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckoutError";
  }
}

function resolveCustomer(shop: ShopState, input: PlaceOrderInput): CustomerRecord | null {
  if (input.customerId !== undefined && input.customerId !== null) {
    const id =
      typeof input.customerId === "number"
        ? input.customerId
        : (parseGid(input.customerId)?.id ?? Number(input.customerId));
    const c = shop.customers.get(id);
    if (!c) throw new CheckoutError(`Customer ${String(input.customerId)} does not exist in ${shop.shop.domain}`);
    return c;
  }
  const seed = input.customer ?? (input.email ? { email: input.email } : null);
  if (!seed) return null;
  const email = seed.email?.toLowerCase();
  const existing = email ? [...shop.customers.values()].find((c) => c.email?.toLowerCase() === email) : undefined;
  return existing ?? insertCustomer({ shop }, seed);
}

function applyCode(
  shop: ShopState,
  entry: NonNullable<PlaceOrderInput["discountCodes"]>[number],
  lineTotal: string,
  customer: CustomerRecord | null,
  enforce: boolean,
  quantity: number,
): OrderDiscountCode {
  const code = typeof entry === "string" ? entry : entry.code;
  const hit = shop.findCode(code);
  if (!hit) {
    if (enforce || typeof entry === "string")
      throw new CheckoutError(`Discount code ${code} is not valid for ${shop.shop.domain}`);
    return { code, amount: rest2(entry.amount ?? "0"), type: entry.type ?? "fixed_amount" };
  }
  const d = hit.discount;
  if (enforce) {
    const status = discountStatus(d, shop.clock.now());
    if (status !== "ACTIVE") throw new CheckoutError(`Discount code ${code} is ${status.toLowerCase()}`);
    if (!d.customerSelection.all && (!customer || !d.customerSelection.customerIds.includes(customer.id)))
      throw new CheckoutError(`Discount code ${code} is not available to this customer`);
    if (d.usageLimit !== null && d.asyncUsageCount >= d.usageLimit)
      throw new CheckoutError(`Discount code ${code} has reached its usage limit`);
    if (d.appliesOncePerCustomer && customer) {
      const used = [...shop.orders.values()].some(
        (o) =>
          o.customerId === customer.id &&
          o.discountCodes.some((x) => d.codes.some((c) => c.code.toLowerCase() === x.code.toLowerCase())),
      );
      if (used) throw new CheckoutError(`Discount code ${code} was already used by this customer`);
    }
    const min = d.minimumRequirement;
    if (min && "subtotal" in min && compareDecimal(lineTotal, min.subtotal) < 0)
      throw new CheckoutError(`Discount code ${code} needs a subtotal of at least ${min.subtotal}`);
    if (min && "quantity" in min && quantity < Number(min.quantity))
      throw new CheckoutError(`Discount code ${code} needs at least ${min.quantity} items`);
  }
  // The code as the customer typed it is what the order records; the amount follows the discount.
  if (typeof entry !== "string" && entry.amount !== undefined)
    return {
      code,
      amount: rest2(entry.amount),
      type: entry.type ?? (d.value.type === "percentage" ? "percentage" : "fixed_amount"),
    };
  if (d.value.type === "percentage")
    return { code, amount: percentOf(lineTotal, d.value.percentage), type: "percentage" };
  return { code, amount: rest2(minDecimal(d.value.amount, lineTotal)), type: "fixed_amount" };
}

export function placeOrder(shop: ShopState, input: PlaceOrderInput): OrderRecord {
  const enforce = input.enforceDiscountRules ?? true;
  const currency = input.currency ?? shop.shop.currencyCode;
  const customer = resolveCustomer(shop, input);
  const items = (
    input.lineItems && input.lineItems.length > 0
      ? input.lineItems
      : [{ title: "Item", quantity: 1, price: input.subtotal ?? "100.00" }]
  ).map((li) => ({
    id: shop.nextId(),
    title: li.title ?? "Item",
    quantity: li.quantity ?? 1,
    price: rest2(li.price),
    sku: ("sku" in li ? li.sku : null) ?? null,
    productId: null,
    variantId: null,
  }));
  const lineTotal = formatFixed(
    items.reduce((sum, li) => sum + toUnits(li.price) * BigInt(li.quantity), 0n),
    2,
  );
  const quantity = items.reduce((n, li) => n + li.quantity, 0);
  const codes = (input.discountCodes ?? []).map((entry) =>
    applyCode(shop, entry, lineTotal, customer, enforce, quantity),
  );
  let totalDiscounts = codes.reduce((sum, c) => addDecimal(sum, c.amount), "0");
  if (compareDecimal(totalDiscounts, lineTotal) > 0) totalDiscounts = lineTotal;
  const subtotal = rest2(subDecimal(lineTotal, totalDiscounts));
  const at = input.createdAt ?? shop.now();
  const number = shop.nextOrderNumber++;
  const order: OrderRecord = {
    id: shop.nextId(),
    number,
    name: `#${number}`,
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    customerId: customer?.id ?? null,
    email: customer?.email ?? input.email ?? null,
    tags: normalizeTags(input.tags ?? []),
    currencyCode: currency,
    lineItems: items,
    totalLineItemsPrice: lineTotal,
    subtotalPrice: subtotal,
    totalDiscounts: rest2(totalDiscounts),
    totalTax: "0.00",
    totalShipping: "0.00",
    totalPrice: subtotal,
    discountCodes: codes,
    financialStatus: input.financialStatus ?? "paid",
    cancelledAt: null,
    cancelReason: null,
    browserIp: input.browserIp ?? null,
    userAgent: input.userAgent ?? null,
    noteAttributes: input.noteAttributes ?? [],
    note: input.note ?? null,
    landingSite: input.landingSite ?? null,
    referringSite: input.referringSite ?? null,
    sourceName: input.sourceName ?? "web",
    test: input.test ?? false,
    refunds: [],
  };
  shop.orders.set(order.id, order);
  // Shopify counts a code's use when the order is placed (asyncUsageCount lags a little on Shopify).
  for (const c of codes) {
    const hit = shop.findCode(c.code);
    if (hit) {
      hit.discount.asyncUsageCount++;
      hit.code.asyncUsageCount++;
    }
  }
  if (customer) customer.updatedAt = at;
  return order;
}

export function findOrder(shop: ShopState, id: number | string): OrderRecord {
  const numeric = typeof id === "number" ? id : (parseGid(id)?.id ?? Number(id));
  const order = shop.orders.get(numeric);
  if (!order) throw new CheckoutError(`Order ${String(id)} does not exist in ${shop.shop.domain}`);
  return order;
}

export function markOrderPaid(shop: ShopState, id: number | string): OrderRecord {
  const order = findOrder(shop, id);
  order.financialStatus = "paid";
  order.updatedAt = shop.now();
  return order;
}

export function cancelOrder(
  shop: ShopState,
  id: number | string,
  reason: "customer" | "declined" | "fraud" | "inventory" | "other" | "staff" = "customer",
): OrderRecord {
  const order = findOrder(shop, id);
  const now = shop.now();
  order.cancelledAt = now;
  order.cancelReason = reason;
  order.updatedAt = now;
  if (order.financialStatus === "pending" || order.financialStatus === "authorized") order.financialStatus = "voided";
  return order;
}

export interface RefundInput {
  /** Refund these line items (default: everything). */
  lineItems?: { lineItemId: number; quantity: number }[];
  /** Or a plain amount (decimal string), without line items. */
  amount?: string;
  note?: string | null;
}

export function refundOrder(
  shop: ShopState,
  id: number | string,
  input: RefundInput = {},
): { order: OrderRecord; refund: RefundRecord } {
  const order = findOrder(shop, id);
  const ratio = (li: OrderRecord["lineItems"][number], qty: number) => {
    // Line subtotal after its share of order-level discounts.
    const gross = toUnits(li.price) * BigInt(qty);
    const lineTotal = toUnits(order.totalLineItemsPrice);
    const discount = lineTotal === 0n ? 0n : (toUnits(order.totalDiscounts) * gross) / lineTotal;
    return formatFixed(gross - discount, 2);
  };
  let lines: RefundRecord["lineItems"] = [];
  let amount: string;
  if (input.amount !== undefined) {
    amount = rest2(input.amount);
  } else {
    const wanted = input.lineItems ?? order.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity }));
    lines = wanted.map((w) => {
      const li = order.lineItems.find((x) => x.id === w.lineItemId);
      if (!li) throw new CheckoutError(`Line item ${w.lineItemId} is not on order ${order.name}`);
      return { lineItemId: li.id, quantity: w.quantity, subtotal: ratio(li, w.quantity) };
    });
    amount = rest2(lines.reduce((sum, l) => addDecimal(sum, l.subtotal), "0"));
  }
  const refund: RefundRecord = {
    id: shop.nextId(),
    createdAt: shop.now(),
    note: input.note ?? null,
    amount,
    lineItems: lines,
  };
  order.refunds.push(refund);
  const refunded = order.refunds.reduce((sum, r) => addDecimal(sum, r.amount), "0");
  order.financialStatus = compareDecimal(refunded, order.totalPrice) >= 0 ? "refunded" : "partially_refunded";
  order.updatedAt = refund.createdAt;
  return { order, refund };
}
