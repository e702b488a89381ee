// Orders: the Order view and the order/orders queries. Orders are created by the
// simulator's order-placing helper (as a storefront checkout would), not by the app.

import { gid } from "../gid.js";
import { addDecimal, formatFixed, subDecimal, toUnits } from "../money.js";
import type { LineItemRecord, OrderRecord } from "../state.js";
import { moneyBag } from "./common.js";
import { connection, type ConnectionArgs } from "./connection.js";
import type { ExecContext } from "./context.js";
import { customerView } from "./customers.js";
import { metafieldFields } from "./metafields.js";
import { requireGid } from "./nodes.js";
import { matchesSearch, parseSearch } from "./search.js";

const ORDER_SORT: Record<string, (a: OrderRecord, b: OrderRecord) => number> = {
  ID: (a, b) => a.id - b.id,
  CREATED_AT: (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  PROCESSED_AT: (a, b) => a.processedAt.localeCompare(b.processedAt) || a.id - b.id,
  UPDATED_AT: (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id,
  ORDER_NUMBER: (a, b) => a.number - b.number,
  TOTAL_PRICE: (a, b) => Number(toUnits(a.totalPrice) - toUnits(b.totalPrice)) || a.id - b.id,
  CURRENT_TOTAL_PRICE: (a, b) => Number(toUnits(a.totalPrice) - toUnits(b.totalPrice)) || a.id - b.id,
  FINANCIAL_STATUS: (a, b) => a.financialStatus.localeCompare(b.financialStatus) || a.id - b.id,
  RELEVANCE: (a, b) => a.id - b.id,
};

export function sortOrders(list: OrderRecord[], sortKey: string): OrderRecord[] {
  const cmp = ORDER_SORT[sortKey];
  if (!cmp) throw new Error(`The Shopify simulator does not support sorting orders by ${sortKey}`);
  return [...list].sort(cmp);
}

export function refundedAmount(o: OrderRecord): string {
  return o.refunds.reduce((sum, r) => addDecimal(sum, r.amount), "0");
}

function lineItemView(o: OrderRecord, li: LineItemRecord) {
  const total = formatFixed(toUnits(li.price) * BigInt(li.quantity), 2);
  return {
    __typename: "LineItem",
    id: gid("LineItem", li.id),
    title: li.title,
    name: li.title,
    quantity: li.quantity,
    currentQuantity: li.quantity,
    sku: li.sku,
    variantTitle: null,
    vendor: null,
    product: null,
    variant: null,
    isGiftCard: false,
    requiresShipping: true,
    taxable: true,
    customAttributes: [],
    originalUnitPriceSet: moneyBag(li.price, o.currencyCode),
    originalTotalSet: moneyBag(total, o.currencyCode),
    discountedUnitPriceSet: moneyBag(li.price, o.currencyCode),
    discountedTotalSet: () => moneyBag(total, o.currencyCode),
  };
}

export function orderView(ctx: ExecContext, o: OrderRecord) {
  const id = gid("Order", o.id);
  const cur = o.currencyCode;
  const refunded = () => refundedAmount(o);
  return {
    __typename: "Order",
    id,
    legacyResourceId: String(o.id),
    name: o.name,
    number: o.number,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    processedAt: o.processedAt,
    email: o.email,
    phone: null,
    note: o.note,
    test: o.test,
    confirmed: true,
    closed: false,
    closedAt: null,
    sourceName: o.sourceName,
    clientIp: o.browserIp,
    tags: [...o.tags],
    currencyCode: cur,
    presentmentCurrencyCode: cur,
    discountCode: o.discountCodes[0]?.code ?? null,
    discountCodes: o.discountCodes.map((d) => d.code),
    customAttributes: o.noteAttributes.map((a) => ({ __typename: "Attribute", key: a.name, value: a.value })),
    customer: () => {
      const c = o.customerId === null ? undefined : ctx.shop.customers.get(o.customerId);
      return c ? customerView(ctx, c) : null;
    },
    cancelledAt: o.cancelledAt,
    cancelReason: o.cancelReason ? o.cancelReason.toUpperCase() : null,
    displayFinancialStatus: o.financialStatus.toUpperCase(),
    fullyPaid: o.financialStatus === "paid",
    unpaid: o.financialStatus === "pending" || o.financialStatus === "authorized",
    refundable: o.financialStatus === "paid" || o.financialStatus === "partially_refunded",
    subtotalLineItemsQuantity: o.lineItems.reduce((n, li) => n + li.quantity, 0),
    subtotalPriceSet: moneyBag(o.subtotalPrice, cur),
    currentSubtotalPriceSet: () => moneyBag(maxZero(subDecimal(o.subtotalPrice, refunded())), cur),
    totalPriceSet: moneyBag(o.totalPrice, cur),
    currentTotalPriceSet: () => moneyBag(maxZero(subDecimal(o.totalPrice, refunded())), cur),
    originalTotalPriceSet: moneyBag(o.totalPrice, cur),
    totalDiscountsSet: moneyBag(o.totalDiscounts, cur),
    currentTotalDiscountsSet: moneyBag(o.totalDiscounts, cur),
    cartDiscountAmountSet: moneyBag(o.totalDiscounts, cur),
    totalTaxSet: moneyBag(o.totalTax, cur),
    currentTotalTaxSet: moneyBag(o.totalTax, cur),
    totalShippingPriceSet: moneyBag(o.totalShipping, cur),
    totalRefundedSet: () => moneyBag(refunded(), cur),
    netPaymentSet: () =>
      moneyBag(o.financialStatus === "pending" ? "0" : maxZero(subDecimal(o.totalPrice, refunded())), cur),
    lineItems: (args: ConnectionArgs) =>
      connection(
        o.lineItems,
        args,
        (li) => li.id,
        (li) => lineItemView(o, li),
      ),
    refunds: () =>
      o.refunds.map((r) => ({
        __typename: "Refund",
        id: gid("Refund", r.id),
        legacyResourceId: String(r.id),
        createdAt: r.createdAt,
        processedAt: r.createdAt,
        updatedAt: r.createdAt,
        note: r.note,
        totalRefundedSet: moneyBag(r.amount, cur),
      })),
    ...metafieldFields(ctx, id),
  };
}

function maxZero(amount: string): string {
  return toUnits(amount) < 0n ? "0" : amount;
}

export function searchOrders(ctx: ExecContext, query: string | null | undefined): OrderRecord[] {
  const terms = parseSearch(query);
  const list = [...ctx.shop.orders.values()];
  if (terms.length === 0) return list;
  return list.filter((o) =>
    matchesSearch(
      terms,
      {
        name: () => [o.name, o.name.replace(/^#/, "")],
        id: () => [o.id],
        customer_id: () => [o.customerId],
        email: () => [o.email],
        tag: () => o.tags,
        discount_code: () => o.discountCodes.map((d) => d.code),
        financial_status: () => [o.financialStatus],
        status: () => [o.cancelledAt ? "cancelled" : "open"],
        created_at: () => [o.createdAt],
        updated_at: () => [o.updatedAt],
        processed_at: () => [o.processedAt],
        test: () => [String(o.test)],
      },
      () => [o.name, o.email],
    ),
  );
}

export const orderQueries = {
  order(ctx: ExecContext, args: { id: string }) {
    const id = requireGid(args.id, "Order");
    const o = id === null ? undefined : ctx.shop.orders.get(id);
    return o ? orderView(ctx, o) : null;
  },
  orders(ctx: ExecContext, args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) {
    const list = sortOrders(searchOrders(ctx, args.query), args.sortKey ?? "PROCESSED_AT");
    return connection(
      list,
      args,
      (o) => o.id,
      (o) => orderView(ctx, o),
    );
  },
};
