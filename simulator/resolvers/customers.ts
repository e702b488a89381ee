// Customers: the Customer view, customer/customers/customerByIdentifier queries and
// customerCreate.

import { gid } from "../gid.js";
import { addDecimal } from "../money.js";
import type { CustomerRecord, OrderRecord, UserErrorRecord } from "../state.js";
import { moneyV2, normalizeTags, userError, viewUserError } from "./common.js";
import { connection, type ConnectionArgs } from "./connection.js";
import type { ExecContext } from "./context.js";
import { metafieldFields, metafieldsSet } from "./metafields.js";
import { requireGid } from "./nodes.js";
import { orderView, sortOrders } from "./orders.js";
import { matchesSearch, parseSearch } from "./search.js";
import { storeCreditAccountView } from "./store-credit.js";

export function displayName(c: Pick<CustomerRecord, "firstName" | "lastName" | "email" | "phone">): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return name || c.email || c.phone || "";
}

export function ordersOfCustomer(ctx: ExecContext, customerId: number): OrderRecord[] {
  return [...ctx.shop.orders.values()].filter((o) => o.customerId === customerId);
}

export function customerView(ctx: ExecContext, c: CustomerRecord) {
  const id = gid("Customer", c.id);
  const orders = () => ordersOfCustomer(ctx, c.id);
  const currency = ctx.shop.shop.currencyCode;
  return {
    __typename: "Customer",
    id,
    legacyResourceId: String(c.id),
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: displayName(c),
    phone: c.phone,
    note: c.note,
    locale: c.locale,
    state: c.state,
    verifiedEmail: c.verifiedEmail,
    validEmailAddress: c.email !== null,
    taxExempt: false,
    taxExemptions: [],
    dataSaleOptOut: false,
    tags: [...c.tags],
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    canDelete: () => orders().length === 0,
    defaultEmailAddress: c.email
      ? {
          __typename: "CustomerEmailAddress",
          emailAddress: c.email,
          marketingState: "NOT_SUBSCRIBED",
          marketingOptInLevel: null,
          marketingUpdatedAt: null,
          validFormat: true,
        }
      : null,
    defaultPhoneNumber: null,
    defaultAddress: null,
    // UnsignedInt64 is serialised as a string by Shopify.
    numberOfOrders: () => String(orders().length),
    amountSpent: () =>
      moneyV2(
        orders()
          .filter((o) => !o.cancelledAt)
          .reduce((sum, o) => addDecimal(sum, o.totalPrice), "0"),
        currency,
      ),
    lastOrder: () => {
      const list = sortOrders(orders(), "CREATED_AT");
      const last = list[list.length - 1];
      return last ? orderView(ctx, last) : null;
    },
    // Without read_all_orders Shopify lists only the last 60 days of orders here, while
    // numberOfOrders above stays the lifetime count.
    orders: (args: ConnectionArgs & { sortKey?: string; query?: string | null }) =>
      connection(
        filterOrders(sortOrders(readableOrders(ctx, orders()), args.sortKey ?? "ID"), args.query),
        args,
        (o) => o.id,
        (o) => orderView(ctx, o),
      ),
    storeCreditAccounts: (args: ConnectionArgs) =>
      connection(
        [...ctx.shop.storeCreditAccounts.values()].filter((a) => a.customerId === c.id),
        args,
        (a) => a.id,
        (a) => storeCreditAccountView(ctx, a),
      ),
    ...metafieldFields(ctx, id),
  };
}

const READABLE_ORDER_AGE_MS = 60 * 24 * 3_600_000;

/** The orders an app may read: all with read_all_orders, else those created in the last 60 days. */
export function readableOrders(ctx: ExecContext, list: OrderRecord[]): OrderRecord[] {
  if (ctx.shop.shop.scopes.split(",").includes("read_all_orders")) return list;
  const since = ctx.shop.clock.now() - READABLE_ORDER_AGE_MS;
  return list.filter((o) => Date.parse(o.createdAt) >= since);
}

function filterOrders(list: OrderRecord[], query: string | null | undefined): OrderRecord[] {
  const terms = parseSearch(query);
  if (terms.length === 0) return list;
  return list.filter((o) =>
    matchesSearch(
      terms,
      {
        name: () => [o.name, o.name.replace(/^#/, "")],
        tag: () => o.tags,
        discount_code: () => o.discountCodes.map((d) => d.code),
        financial_status: () => [o.financialStatus],
        created_at: () => [o.createdAt],
        id: () => [o.id],
      },
      () => [o.name, o.email],
    ),
  );
}

const CUSTOMER_SORT: Record<string, (a: CustomerRecord, b: CustomerRecord) => number> = {
  ID: (a, b) => a.id - b.id,
  CREATED_AT: (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  UPDATED_AT: (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id,
  NAME: (a, b) => displayName(a).localeCompare(displayName(b)) || a.id - b.id,
  RELEVANCE: (a, b) => a.id - b.id,
  LOCATION: (a, b) => a.id - b.id,
};

export function searchCustomers(ctx: Pick<ExecContext, "shop">, query: string | null | undefined): CustomerRecord[] {
  const terms = parseSearch(query);
  const list = [...ctx.shop.customers.values()];
  if (terms.length === 0) return list;
  return list.filter((c) =>
    matchesSearch(
      terms,
      {
        email: () => [c.email],
        tag: () => c.tags,
        tag_not: () => [],
        id: () => [c.id],
        customer_id: () => [c.id],
        first_name: () => [c.firstName],
        last_name: () => [c.lastName],
        phone: () => [c.phone],
        state: () => [c.state],
        created_at: () => [c.createdAt],
        updated_at: () => [c.updatedAt],
        orders_count: () => [ordersOfCustomer(ctx as ExecContext, c.id).length],
      },
      () => [c.email, c.firstName, c.lastName, displayName(c), c.phone],
    ),
  );
}

export const customerQueries = {
  customer(ctx: ExecContext, args: { id: string }) {
    const id = requireGid(args.id, "Customer");
    const c = id === null ? undefined : ctx.shop.customers.get(id);
    return c ? customerView(ctx, c) : null;
  },
  customers(ctx: ExecContext, args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) {
    const list = searchCustomers(ctx, args.query).sort(CUSTOMER_SORT[args.sortKey ?? "ID"] ?? CUSTOMER_SORT.ID);
    return connection(
      list,
      args,
      (c) => c.id,
      (c) => customerView(ctx, c),
    );
  },
  customerByIdentifier(
    ctx: ExecContext,
    args: { identifier: { id?: string; emailAddress?: string; phoneNumber?: string; customId?: unknown } },
  ) {
    const { identifier } = args;
    let found: CustomerRecord | undefined;
    if (identifier.id) {
      const id = requireGid(identifier.id, "Customer");
      found = id === null ? undefined : ctx.shop.customers.get(id);
    } else if (identifier.emailAddress) {
      const email = identifier.emailAddress.toLowerCase();
      found = [...ctx.shop.customers.values()].find((c) => c.email?.toLowerCase() === email);
    } else if (identifier.phoneNumber) {
      found = [...ctx.shop.customers.values()].find((c) => c.phone === identifier.phoneNumber);
    } else {
      throw new Error("The Shopify simulator does not support customByIdentifier with customId");
    }
    return found ? customerView(ctx, found) : null;
  },
};

export interface CustomerSeed {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[];
  locale?: string;
  createdAt?: string;
  state?: CustomerRecord["state"];
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateCustomerSeed(
  ctx: Pick<ExecContext, "shop">,
  seed: CustomerSeed,
  prefix: string[] = [],
): UserErrorRecord[] {
  const errors: UserErrorRecord[] = [];
  if (!seed.email && !seed.phone && !seed.firstName && !seed.lastName) {
    errors.push(userError(prefix.length ? prefix : null, "Customer must have a name, phone number or email address"));
  }
  if (seed.email) {
    if (!EMAIL_RE.test(seed.email)) errors.push(userError([...prefix, "email"], "Email is invalid"));
    else if ([...ctx.shop.customers.values()].some((c) => c.email?.toLowerCase() === seed.email!.toLowerCase()))
      errors.push(userError([...prefix, "email"], "Email has already been taken"));
  }
  return errors;
}

/** Creates a customer record (used by customerCreate and by the seeding API). */
export function insertCustomer(ctx: Pick<ExecContext, "shop">, seed: CustomerSeed): CustomerRecord {
  const now = ctx.shop.now();
  const record: CustomerRecord = {
    id: ctx.shop.nextId(),
    email: seed.email ?? null,
    firstName: seed.firstName ?? null,
    lastName: seed.lastName ?? null,
    phone: seed.phone ?? null,
    note: seed.note ?? null,
    locale: seed.locale ?? "en",
    state: seed.state ?? "DISABLED",
    verifiedEmail: Boolean(seed.email),
    tags: normalizeTags(seed.tags ?? []),
    createdAt: seed.createdAt ?? now,
    updatedAt: seed.createdAt ?? now,
  };
  ctx.shop.customers.set(record.id, record);
  return record;
}

export const customerMutations = {
  customerCreate(
    ctx: ExecContext,
    args: {
      input: CustomerSeed & {
        id?: string | null;
        metafields?: { namespace?: string; key: string; type?: string; value: string }[] | null;
      };
    },
  ) {
    const { input } = args;
    if (input.id)
      return {
        customer: null,
        userErrors: [viewUserError(userError(["input", "id"], "Id must be blank when creating a customer"))],
      };
    const errors = validateCustomerSeed(ctx, input);
    if (errors.length > 0) return { customer: null, userErrors: errors.map(viewUserError) };
    const record = insertCustomer(ctx, input);
    if (input.metafields?.length) {
      const result = metafieldsSet(ctx, {
        metafields: input.metafields.map((m) => ({ ...m, ownerId: gid("Customer", record.id) })),
      });
      if (result.userErrors.length > 0) {
        ctx.shop.customers.delete(record.id);
        return {
          customer: null,
          userErrors: result.userErrors.map((e) =>
            viewUserError(userError(["input", "metafields", ...(e.field ?? []).slice(1)], e.message)),
          ),
        };
      }
    }
    return { customer: customerView(ctx, record), userErrors: [] };
  },
};
