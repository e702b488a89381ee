// Code discounts as GraphQL objects (DiscountCodeNode, DiscountNode, DiscountCodeBasic,
// redeem codes) and the discount lookup queries.

import { gid, parseGid } from "../gid.js";
import { formatFixed, toUnits } from "../money.js";
import type { DiscountRecord, RedeemCodeRecord } from "../state.js";
import { moneyV2 } from "./common.js";
import { connection, type ConnectionArgs } from "./connection.js";
import type { ExecContext } from "./context.js";
import { customerView } from "./customers.js";
import { metafieldFields } from "./metafields.js";
import { requireGid } from "./nodes.js";
import { matchesSearch, parseSearch } from "./search.js";

export type DiscountStatus = "ACTIVE" | "EXPIRED" | "SCHEDULED";

export function discountStatus(d: DiscountRecord, now: number): DiscountStatus {
  if (Date.parse(d.startsAt) > now) return "SCHEDULED";
  if (d.endsAt !== null && Date.parse(d.endsAt) <= now) return "EXPIRED";
  return "ACTIVE";
}

export function redeemCodeView(c: RedeemCodeRecord) {
  return {
    __typename: "DiscountRedeemCode",
    id: gid("DiscountRedeemCode", c.id),
    code: c.code,
    asyncUsageCount: c.asyncUsageCount,
    createdBy: null,
  };
}

function summaryOf(ctx: ExecContext, d: DiscountRecord): string {
  const parts: string[] = [];
  if (d.value.type === "percentage") parts.push(`${Math.round(d.value.percentage * 10000) / 100}% off entire order`);
  else parts.push(`${formatFixed(toUnits(d.value.amount), 2)} ${ctx.shop.shop.currencyCode} off entire order`);
  if (d.minimumRequirement && "subtotal" in d.minimumRequirement)
    parts.push(
      `Minimum purchase of ${formatFixed(toUnits(d.minimumRequirement.subtotal), 2)} ${ctx.shop.shop.currencyCode}`,
    );
  if (d.minimumRequirement && "quantity" in d.minimumRequirement)
    parts.push(`Minimum quantity of ${d.minimumRequirement.quantity}`);
  parts.push(d.customerSelection.all ? "For all customers" : "For specific customers");
  if (d.usageLimit !== null) parts.push(`Limit of ${d.usageLimit} use${d.usageLimit === 1 ? "" : "s"}`);
  if (d.appliesOncePerCustomer) parts.push("one use per customer");
  return parts.join(" • ");
}

export function discountCodeBasicView(ctx: ExecContext, d: DiscountRecord) {
  const currency = ctx.shop.shop.currencyCode;
  const customers = () =>
    d.customerSelection.all
      ? []
      : d.customerSelection.customerIds.flatMap((id) => {
          const c = ctx.shop.customers.get(id);
          return c ? [customerView(ctx, c)] : [];
        });
  const value =
    d.value.type === "percentage"
      ? { __typename: "DiscountPercentage", percentage: d.value.percentage }
      : {
          __typename: "DiscountAmount",
          amount: moneyV2(d.value.amount, currency),
          appliesOnEachItem: d.value.appliesOnEachItem,
        };
  const min = d.minimumRequirement;
  return {
    __typename: "DiscountCodeBasic",
    title: d.title,
    status: () => discountStatus(d, ctx.shop.clock.now()),
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    usageLimit: d.usageLimit,
    appliesOncePerCustomer: d.appliesOncePerCustomer,
    asyncUsageCount: d.asyncUsageCount,
    recurringCycleLimit: d.recurringCycleLimit,
    hasTimelineComment: false,
    tags: [...d.tags],
    discountClass: "ORDER",
    discountClasses: ["ORDER"],
    shareableUrls: [],
    summary: () => summaryOf(ctx, d),
    shortSummary: () => summaryOf(ctx, d).split(" • ")[0],
    totalSales: () => null,
    codesCount: () => ({ __typename: "Count", count: d.codes.length, precision: "EXACT" }),
    codes: (args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) => {
      const terms = parseSearch(args.query);
      let list = d.codes.filter((c) =>
        matchesSearch(terms, { code: () => [c.code], times_used: () => [c.asyncUsageCount] }, () => [c.code]),
      );
      if (args.sortKey === "CODE") list = [...list].sort((a, b) => a.code.localeCompare(b.code));
      return connection(list, args, (c) => c.id, redeemCodeView);
    },
    customerGets: {
      __typename: "DiscountCustomerGets",
      value,
      items: { __typename: "AllDiscountItems", allItems: true },
      appliesOnOneTimePurchase: d.appliesOnOneTimePurchase,
      appliesOnSubscription: d.appliesOnSubscription,
    },
    customerSelection: d.customerSelection.all
      ? { __typename: "DiscountCustomerAll", allCustomers: true }
      : { __typename: "DiscountCustomers", customers },
    context: d.customerSelection.all
      ? { __typename: "DiscountBuyerSelectionAll", all: "ALL" }
      : { __typename: "DiscountCustomers", customers },
    minimumRequirement:
      min === null
        ? null
        : "subtotal" in min
          ? { __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: moneyV2(min.subtotal, currency) }
          : { __typename: "DiscountMinimumQuantity", greaterThanOrEqualToQuantity: min.quantity },
    combinesWith: {
      __typename: "DiscountCombinesWith",
      ...d.combinesWith,
      productDiscountsWithTagsOnSameCartLine: null,
    },
  };
}

export function codeDiscountNodeView(ctx: ExecContext, d: DiscountRecord) {
  const id = gid("DiscountCodeNode", d.id);
  return {
    __typename: "DiscountCodeNode",
    id,
    codeDiscount: discountCodeBasicView(ctx, d),
    ...metafieldFields(ctx, id),
  };
}

export function discountNodeView(ctx: ExecContext, d: DiscountRecord) {
  const id = gid("DiscountNode", d.id);
  return { __typename: "DiscountNode", id, discount: discountCodeBasicView(ctx, d), ...metafieldFields(ctx, id) };
}

/** Accepts a DiscountCodeNode or DiscountNode gid (both carry the discount's number). */
export function findDiscount(ctx: ExecContext, id: string): DiscountRecord | undefined {
  const parsed = parseGid(id);
  if (!parsed || (parsed.type !== "DiscountCodeNode" && parsed.type !== "DiscountNode")) return undefined;
  return ctx.shop.discounts.get(parsed.id);
}

function searchDiscounts(ctx: ExecContext, query: string | null | undefined): DiscountRecord[] {
  const terms = parseSearch(query);
  const now = ctx.shop.clock.now();
  return [...ctx.shop.discounts.values()].filter((d) =>
    matchesSearch(
      terms,
      {
        title: () => [d.title],
        status: () => [discountStatus(d, now).toLowerCase()],
        code: () => d.codes.map((c) => c.code),
        discount_type: () => ["code"],
        type: () => [d.value.type === "percentage" ? "percentage" : "fixed_amount"],
        starts_at: () => [d.startsAt],
        ends_at: () => [d.endsAt],
        created_at: () => [d.createdAt],
        updated_at: () => [d.updatedAt],
        times_used: () => [d.asyncUsageCount],
      },
      () => [d.title, ...d.codes.map((c) => c.code)],
    ),
  );
}

export const discountQueries = {
  codeDiscountNode(ctx: ExecContext, args: { id: string }) {
    requireGid(args.id, "DiscountCodeNode", "DiscountNode");
    const d = findDiscount(ctx, args.id);
    return d ? codeDiscountNodeView(ctx, d) : null;
  },
  codeDiscountNodeByCode(ctx: ExecContext, args: { code: string }) {
    const hit = ctx.shop.findCode(args.code);
    return hit ? codeDiscountNodeView(ctx, hit.discount) : null;
  },
  discountNode(ctx: ExecContext, args: { id: string }) {
    requireGid(args.id, "DiscountCodeNode", "DiscountNode", "DiscountAutomaticNode");
    const d = findDiscount(ctx, args.id);
    return d ? discountNodeView(ctx, d) : null;
  },
  codeDiscountNodes(ctx: ExecContext, args: ConnectionArgs & { query?: string | null }) {
    return connection(
      searchDiscounts(ctx, args.query),
      args,
      (d) => d.id,
      (d) => codeDiscountNodeView(ctx, d),
    );
  },
  discountNodes(ctx: ExecContext, args: ConnectionArgs & { query?: string | null }) {
    return connection(
      searchDiscounts(ctx, args.query),
      args,
      (d) => d.id,
      (d) => discountNodeView(ctx, d),
    );
  },
};
