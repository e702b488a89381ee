// discountCodeBasicCreate/Update, discountCodeActivate/Deactivate/Delete, with the
// userErrors Shopify returns for bad input and taken codes.

import { gid } from "../gid.js";
import { compareDecimal, isDecimal, normDecimal } from "../money.js";
import type {
  CustomerSelection,
  DiscountRecord,
  DiscountValue,
  MinimumRequirement,
  UserErrorRecord,
} from "../state.js";
import { normalizeTags, userError, viewUserError } from "./common.js";
import type { ExecContext } from "./context.js";
import { codeDiscountNodeView, findDiscount } from "./discounts-view.js";
import { parseGidOf } from "../gid.js";
import { unsupported } from "./unsupported.js";

export const CODE_TAKEN_MESSAGE = "Code must be unique. Please try a different code.";

interface BasicInput {
  title?: string | null;
  code?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  recurringCycleLimit?: number | null;
  tags?: string[] | null;
  combinesWith?: {
    orderDiscounts?: boolean | null;
    productDiscounts?: boolean | null;
    shippingDiscounts?: boolean | null;
    productDiscountsWithTagsOnSameCartLine?: unknown;
  } | null;
  customerGets?: {
    value?: {
      percentage?: number | null;
      discountAmount?: { amount?: string | number | null; appliesOnEachItem?: boolean | null } | null;
      discountOnQuantity?: unknown;
    } | null;
    items?: { all?: boolean | null; products?: unknown; collections?: unknown } | null;
    appliesOnOneTimePurchase?: boolean | null;
    appliesOnSubscription?: boolean | null;
  } | null;
  customerSelection?: {
    all?: boolean | null;
    customers?: { add?: string[] | null; remove?: string[] | null } | null;
    customerSegments?: unknown;
  } | null;
  context?: {
    all?: string | null;
    customers?: { add?: string[] | null; remove?: string[] | null } | null;
    customerSegments?: unknown;
    markets?: unknown;
  } | null;
  minimumRequirement?: {
    subtotal?: { greaterThanOrEqualToSubtotal?: string | number | null } | null;
    quantity?: { greaterThanOrEqualToQuantity?: string | number | null } | null;
  } | null;
}

const F = (...path: string[]) => ["basicCodeDiscount", ...path];

/** Checks a redeem code's format; uniqueness is checked separately. */
export function codeFormatError(code: string, field: string[]): UserErrorRecord | null {
  if (code.trim() === "") return userError(field, "Code can't be blank", "BLANK");
  if (code.length > 255) return userError(field, "Code is too long (maximum is 255 characters)", "TOO_LONG");
  if (/[\r\n]/.test(code)) return userError(field, "Code cannot contain newline characters.", "INVALID");
  return null;
}

function parseValue(input: BasicInput, errors: UserErrorRecord[]): DiscountValue | undefined {
  const value = input.customerGets?.value;
  if (!value) {
    errors.push(userError(F("customerGets", "value"), "Value can't be blank", "BLANK"));
    return undefined;
  }
  if (value.discountOnQuantity) unsupported("customerGets.value.discountOnQuantity on a basic code discount");
  const given = [value.percentage !== undefined && value.percentage !== null, Boolean(value.discountAmount)].filter(
    Boolean,
  ).length;
  if (given !== 1) {
    errors.push(
      userError(
        F("customerGets", "value"),
        "Only one of percentage or discountAmount can be provided.",
        given === 0 ? "BLANK" : "TOO_MANY_ARGUMENTS",
      ),
    );
    return undefined;
  }
  if (value.percentage !== undefined && value.percentage !== null) {
    if (!(value.percentage > 0 && value.percentage <= 1)) {
      errors.push(
        userError(F("customerGets", "value", "percentage"), "Value must be between 0.0 and 1.0", "VALUE_OUTSIDE_RANGE"),
      );
      return undefined;
    }
    return { type: "percentage", percentage: value.percentage };
  }
  const amount = value.discountAmount!.amount;
  if (amount === undefined || amount === null || !isDecimal(amount)) {
    errors.push(userError(F("customerGets", "value", "discountAmount", "amount"), "Amount can't be blank", "BLANK"));
    return undefined;
  }
  if (compareDecimal(amount, "0") <= 0) {
    errors.push(
      userError(F("customerGets", "value", "discountAmount", "amount"), "Value must be greater than 0", "GREATER_THAN"),
    );
    return undefined;
  }
  const appliesOnEachItem = value.discountAmount!.appliesOnEachItem ?? false;
  if (appliesOnEachItem) {
    errors.push(
      userError(
        F("customerGets", "value", "discountAmount", "appliesOnEachItem"),
        "Applies on each item can only be used with product discounts",
        "INVALID",
      ),
    );
    return undefined;
  }
  return { type: "fixed_amount", amount: normDecimal(amount), appliesOnEachItem };
}

function parseItems(input: BasicInput, errors: UserErrorRecord[]): void {
  const items = input.customerGets?.items;
  if (!items) {
    errors.push(userError(F("customerGets", "items"), "Items must be specified", "BLANK"));
    return;
  }
  if (items.products || items.collections)
    unsupported("customerGets.items.products/collections (only items: { all: true })");
  if (items.all !== true)
    errors.push(userError(F("customerGets", "items"), "The discount must apply to something", "APPLIES_ON_NOTHING"));
}

function parseSelection(
  ctx: ExecContext,
  input: BasicInput,
  current: CustomerSelection,
  errors: UserErrorRecord[],
): CustomerSelection | undefined {
  if (input.context && input.customerSelection) {
    errors.push(userError(F(), "Only one of context or customerSelection can be provided.", "INVALID"));
    return undefined;
  }
  const viaContext = Boolean(input.context);
  const sel = input.context ?? input.customerSelection;
  if (!sel) return undefined;
  const base = viaContext ? "context" : "customerSelection";
  if (sel.customerSegments || (sel as { markets?: unknown }).markets) unsupported(`${base}.customerSegments/markets`);
  if ((viaContext && (sel as { all?: string | null }).all === "ALL") || (!viaContext && sel.all === true))
    return { all: true };
  if (sel.customers) {
    const ids = new Set(current.all ? [] : current.customerIds);
    for (const [i, raw] of (sel.customers.add ?? []).entries()) {
      const id = parseGidOf(raw, "Customer");
      if (id === null || !ctx.shop.customers.has(id)) {
        errors.push(
          userError(F(base, "customers", "add", String(i)), `Customer with id ${raw} does not exist`, "INVALID"),
        );
        continue;
      }
      ids.add(id);
    }
    for (const raw of sel.customers.remove ?? []) {
      const id = parseGidOf(raw, "Customer");
      if (id !== null) ids.delete(id);
    }
    return { all: false, customerIds: [...ids] };
  }
  if (!viaContext && sel.all === false) {
    errors.push(userError(F(base), "Customer selection must target something", "INVALID"));
  }
  return undefined;
}

function parseMinimum(input: BasicInput, errors: UserErrorRecord[]): MinimumRequirement | undefined {
  const min = input.minimumRequirement;
  if (min === undefined) return undefined;
  if (min === null) return null;
  const subtotal = min.subtotal?.greaterThanOrEqualToSubtotal;
  const quantity = min.quantity?.greaterThanOrEqualToQuantity;
  const hasSubtotal = subtotal !== undefined && subtotal !== null;
  const hasQuantity = quantity !== undefined && quantity !== null;
  if (hasSubtotal && hasQuantity) {
    errors.push(
      userError(
        F("minimumRequirement"),
        "Minimum subtotal cannot be defined when minimum quantity is.",
        "MINIMUM_SUBTOTAL_AND_QUANTITY_RANGE_BOTH_PRESENT",
      ),
    );
    return undefined;
  }
  if (hasSubtotal) {
    if (!isDecimal(subtotal) || compareDecimal(subtotal, "0") <= 0) {
      errors.push(
        userError(
          F("minimumRequirement", "subtotal", "greaterThanOrEqualToSubtotal"),
          "Minimum subtotal must be greater than 0",
          "GREATER_THAN",
        ),
      );
      return undefined;
    }
    return { subtotal: normDecimal(subtotal) };
  }
  if (hasQuantity) {
    if (!/^\d+$/.test(String(quantity)) || Number(quantity) <= 0) {
      errors.push(
        userError(
          F("minimumRequirement", "quantity", "greaterThanOrEqualToQuantity"),
          "Minimum quantity must be greater than 0",
          "GREATER_THAN",
        ),
      );
      return undefined;
    }
    return { quantity: String(quantity) };
  }
  return null;
}

function checkDate(
  value: string | null | undefined,
  name: string,
  errors: UserErrorRecord[],
): string | null | undefined {
  if (value === undefined || value === null) return value;
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    errors.push(userError(F(name), `${name === "startsAt" ? "Starts at" : "Ends at"} is invalid`, "INVALID"));
    return undefined;
  }
  return new Date(t).toISOString();
}

function checkCodeAvailable(
  ctx: ExecContext,
  code: string,
  own: DiscountRecord | undefined,
  errors: UserErrorRecord[],
): void {
  const format = codeFormatError(code, F("code"));
  if (format) {
    errors.push(format);
    return;
  }
  const hit = ctx.shop.findCode(code);
  if (hit && hit.discount !== own) errors.push(userError(F("code"), CODE_TAKEN_MESSAGE, "TAKEN"));
}

/** Applies `input` to a copy of `base` (or a new record); returns the record or the userErrors. */
function buildRecord(
  ctx: ExecContext,
  input: BasicInput,
  base: DiscountRecord | undefined,
): { record?: DiscountRecord; errors: UserErrorRecord[] } {
  const errors: UserErrorRecord[] = [];
  const creating = base === undefined;
  const now = ctx.shop.now();
  if (creating || input.title !== undefined) {
    if (!input.title || input.title.trim() === "") errors.push(userError(F("title"), "Title can't be blank", "BLANK"));
    else if (input.title.length > 255)
      errors.push(userError(F("title"), "Title is too long (maximum is 255 characters)", "TOO_LONG"));
  }
  if (creating && (input.code === undefined || input.code === null))
    errors.push(userError(F("code"), "Code can't be blank", "BLANK"));
  else if (input.code !== undefined && input.code !== null) checkCodeAvailable(ctx, input.code, base, errors);
  if (creating && !input.startsAt) errors.push(userError(F("startsAt"), "Starts at can't be blank", "BLANK"));
  const startsAt = checkDate(input.startsAt, "startsAt", errors);
  const endsAt = checkDate(input.endsAt, "endsAt", errors);
  if (input.usageLimit !== undefined && input.usageLimit !== null && input.usageLimit <= 0)
    errors.push(userError(F("usageLimit"), "Usage limit must be greater than 0", "GREATER_THAN"));

  let value = base?.value;
  if (creating || input.customerGets !== undefined) {
    if (!input.customerGets) errors.push(userError(F("customerGets"), "Customer gets can't be blank", "BLANK"));
    else {
      if (creating || input.customerGets.value !== undefined) value = parseValue(input, errors) ?? value;
      if (creating || input.customerGets.items !== undefined) parseItems(input, errors);
    }
  }
  const currentSel: CustomerSelection = base?.customerSelection ?? { all: true };
  const selection = parseSelection(ctx, input, currentSel, errors) ?? currentSel;
  const minimum = parseMinimum(input, errors);
  const finalStart = startsAt ?? base?.startsAt ?? now;
  const finalEnd = endsAt === undefined ? (base?.endsAt ?? null) : endsAt;
  if (finalEnd !== null && Date.parse(finalEnd) <= Date.parse(finalStart))
    errors.push(userError(F("endsAt"), "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE"));
  if (errors.length > 0 || !value) return { errors };

  const combines = input.combinesWith;
  const record: DiscountRecord = {
    id: base?.id ?? ctx.shop.nextId(),
    title: input.title ?? base!.title,
    startsAt: finalStart,
    endsAt: finalEnd,
    usageLimit: input.usageLimit === undefined ? (base?.usageLimit ?? null) : input.usageLimit,
    appliesOncePerCustomer: input.appliesOncePerCustomer ?? base?.appliesOncePerCustomer ?? false,
    asyncUsageCount: base?.asyncUsageCount ?? 0,
    value,
    appliesOnOneTimePurchase: input.customerGets?.appliesOnOneTimePurchase ?? base?.appliesOnOneTimePurchase ?? true,
    appliesOnSubscription: input.customerGets?.appliesOnSubscription ?? base?.appliesOnSubscription ?? false,
    recurringCycleLimit:
      input.recurringCycleLimit === undefined ? (base?.recurringCycleLimit ?? null) : input.recurringCycleLimit,
    customerSelection: selection,
    minimumRequirement: minimum === undefined ? (base?.minimumRequirement ?? null) : minimum,
    combinesWith: combines
      ? {
          orderDiscounts: combines.orderDiscounts ?? false,
          productDiscounts: combines.productDiscounts ?? false,
          shippingDiscounts: combines.shippingDiscounts ?? false,
        }
      : (base?.combinesWith ?? { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false }),
    codes: base ? base.codes.map((c) => ({ ...c })) : [],
    tags: input.tags ? normalizeTags(input.tags) : (base?.tags ?? []),
    createdAt: base?.createdAt ?? now,
    updatedAt: now,
  };
  return { record, errors };
}

function indexCodes(ctx: ExecContext, d: DiscountRecord): void {
  for (const c of d.codes) ctx.shop.codeIndex.set(c.code.toLowerCase(), { discountId: d.id, codeId: c.id });
}

function unindexCodes(ctx: ExecContext, d: DiscountRecord): void {
  for (const c of d.codes) {
    const hit = ctx.shop.codeIndex.get(c.code.toLowerCase());
    if (hit && hit.discountId === d.id) ctx.shop.codeIndex.delete(c.code.toLowerCase());
  }
}

function notFound(field = "id") {
  return [viewUserError(userError([field], "Discount does not exist", "INVALID"))];
}

export const discountMutations = {
  discountCodeBasicCreate(ctx: ExecContext, args: { basicCodeDiscount: BasicInput }) {
    const { record, errors } = buildRecord(ctx, args.basicCodeDiscount, undefined);
    if (!record) return { codeDiscountNode: null, userErrors: errors.map(viewUserError) };
    record.codes.push({
      id: ctx.shop.nextId(),
      code: args.basicCodeDiscount.code!,
      asyncUsageCount: 0,
      createdAt: record.createdAt,
    });
    ctx.shop.discounts.set(record.id, record);
    indexCodes(ctx, record);
    return { codeDiscountNode: codeDiscountNodeView(ctx, record), userErrors: [] };
  },

  discountCodeBasicUpdate(ctx: ExecContext, args: { id: string; basicCodeDiscount: BasicInput }) {
    const existing = findDiscount(ctx, args.id);
    if (!existing) return { codeDiscountNode: null, userErrors: notFound() };
    const { record, errors } = buildRecord(ctx, args.basicCodeDiscount, existing);
    if (!record) return { codeDiscountNode: null, userErrors: errors.map(viewUserError) };
    const newCode = args.basicCodeDiscount.code;
    unindexCodes(ctx, existing);
    if (newCode !== undefined && newCode !== null && record.codes.length > 0)
      record.codes[0] = { ...record.codes[0], code: newCode };
    ctx.shop.discounts.set(record.id, record);
    indexCodes(ctx, record);
    return { codeDiscountNode: codeDiscountNodeView(ctx, record), userErrors: [] };
  },

  discountCodeDeactivate(ctx: ExecContext, args: { id: string }) {
    const d = findDiscount(ctx, args.id);
    if (!d) return { codeDiscountNode: null, userErrors: notFound() };
    const nowMs = ctx.shop.clock.now();
    if (d.endsAt === null || Date.parse(d.endsAt) > nowMs) {
      const now = new Date(nowMs).toISOString();
      // A scheduled discount that is deactivated ends when it starts.
      d.endsAt = Date.parse(d.startsAt) > nowMs ? d.startsAt : now;
      d.updatedAt = now;
    }
    return { codeDiscountNode: codeDiscountNodeView(ctx, d), userErrors: [] };
  },

  discountCodeActivate(ctx: ExecContext, args: { id: string }) {
    const d = findDiscount(ctx, args.id);
    if (!d) return { codeDiscountNode: null, userErrors: notFound() };
    const nowMs = ctx.shop.clock.now();
    const now = new Date(nowMs).toISOString();
    if (Date.parse(d.startsAt) > nowMs) d.startsAt = now;
    if (d.endsAt !== null && Date.parse(d.endsAt) <= nowMs) d.endsAt = null;
    d.updatedAt = now;
    return { codeDiscountNode: codeDiscountNodeView(ctx, d), userErrors: [] };
  },

  discountCodeDelete(ctx: ExecContext, args: { id: string }) {
    const d = findDiscount(ctx, args.id);
    if (!d) return { deletedCodeDiscountId: null, userErrors: notFound() };
    unindexCodes(ctx, d);
    ctx.shop.discounts.delete(d.id);
    return { deletedCodeDiscountId: gid("DiscountCodeNode", d.id), userErrors: [] };
  },
};

export { indexCodes, unindexCodes };
