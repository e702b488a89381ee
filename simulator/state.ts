// In-memory state of every simulated shop. Records are plain data (what Shopify stores);
// GraphQL-shaped objects are built from them by the resolvers. Shops are kept in
// separate ShopState objects and every lookup goes through one, which is what keeps
// one shop's data invisible to another.

import type { Clock } from "./clock.js";

export interface ShopPlan {
  displayName: string;
  publicDisplayName: string;
  partnerDevelopment: boolean;
  shopifyPlus: boolean;
}

export interface ShopRecord {
  id: number;
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryDomainUrl: string;
  plan: ShopPlan;
  scopes: string;
  /** shop.customerAccountsV2.customerAccountsVersion: legacy (CLASSIC) or current accounts */
  customerAccountsVersion: CustomerAccountsVersion;
  /** shopLocales: the shop's primary (default) language, e.g. "en" or "pl" */
  primaryLocale: string;
  createdAt: string;
}

export type CustomerAccountsVersion = "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS";

export interface CustomerRecord {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  note: string | null;
  locale: string;
  state: "ENABLED" | "DISABLED" | "INVITED" | "DECLINED";
  verifiedEmail: boolean;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface LineItemRecord {
  id: number;
  title: string;
  quantity: number;
  /** Unit price, decimal string. */
  price: string;
  sku: string | null;
  productId: number | null;
  variantId: number | null;
}

export interface OrderDiscountCode {
  code: string;
  amount: string;
  type: "percentage" | "fixed_amount" | "shipping";
}

export interface RefundRecord {
  id: number;
  createdAt: string;
  note: string | null;
  amount: string;
  lineItems: { lineItemId: number; quantity: number; subtotal: string }[];
}

export interface OrderRecord {
  id: number;
  number: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  customerId: number | null;
  email: string | null;
  tags: string[];
  currencyCode: string;
  lineItems: LineItemRecord[];
  /** Sum of line items before discounts. */
  totalLineItemsPrice: string;
  /** After discounts, before shipping and tax (Shopify's subtotal_price). */
  subtotalPrice: string;
  totalDiscounts: string;
  totalTax: string;
  totalShipping: string;
  totalPrice: string;
  discountCodes: OrderDiscountCode[];
  financialStatus: "pending" | "authorized" | "paid" | "partially_paid" | "partially_refunded" | "refunded" | "voided";
  cancelledAt: string | null;
  cancelReason: string | null;
  browserIp: string | null;
  userAgent: string | null;
  noteAttributes: { name: string; value: string }[];
  note: string | null;
  landingSite: string | null;
  referringSite: string | null;
  sourceName: string;
  test: boolean;
  refunds: RefundRecord[];
}

export interface RedeemCodeRecord {
  id: number;
  code: string;
  asyncUsageCount: number;
  createdAt: string;
}

export type DiscountValue =
  { type: "percentage"; percentage: number } | { type: "fixed_amount"; amount: string; appliesOnEachItem: boolean };

export type CustomerSelection = { all: true } | { all: false; customerIds: number[] };

export type MinimumRequirement = null | { subtotal: string } | { quantity: string };

export interface DiscountRecord {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  asyncUsageCount: number;
  value: DiscountValue;
  appliesOnOneTimePurchase: boolean;
  appliesOnSubscription: boolean;
  recurringCycleLimit: number | null;
  customerSelection: CustomerSelection;
  minimumRequirement: MinimumRequirement;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  codes: RedeemCodeRecord[];
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface UserErrorRecord {
  field: string[] | null;
  message: string;
  code?: string | null;
  [extra: string]: unknown;
}

export interface BulkCreationRecord {
  id: number;
  discountId: number;
  createdAt: string;
  done: boolean;
  codes: { code: string; redeemCodeId: number | null; errors: UserErrorRecord[] }[];
  importedCount: number;
  failedCount: number;
}

export interface MetafieldRecord {
  id: number;
  ownerId: string;
  ownerType: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface MetafieldDefinitionRecord {
  id: number;
  ownerType: string;
  namespace: string;
  key: string;
  name: string;
  description: string | null;
  type: string;
  pinnedPosition: number | null;
  validations: { name: string; value: string | null }[];
  access: Record<string, unknown> | null;
}

export interface FlowTriggerRecord {
  handle: string | null;
  payload: unknown;
  body: string | null;
  receivedAt: string;
}

export interface StoreCreditTransactionRecord {
  id: number;
  accountId: number;
  kind: "credit" | "debit";
  amount: string;
  balanceAfter: string;
  createdAt: string;
  expiresAt: string | null;
  notify: boolean;
}

export interface StoreCreditAccountRecord {
  id: number;
  customerId: number;
  currencyCode: string;
  balance: string;
  transactions: StoreCreditTransactionRecord[];
}

export interface JobRecord {
  id: string;
  done: boolean;
}

export interface Counters {
  requests: number;
  graphqlRequests: number;
  byRootField: Record<string, number>;
  byOperationName: Record<string, number>;
  faultsInjected: Record<string, number>;
  throttled: number;
  validationErrors: number;
  unauthorized: number;
  tokenRequests: number;
  webhooksSent: number;
}

export function emptyCounters(): Counters {
  return {
    requests: 0,
    graphqlRequests: 0,
    byRootField: {},
    byOperationName: {},
    faultsInjected: {},
    throttled: 0,
    validationErrors: 0,
    unauthorized: 0,
    tokenRequests: 0,
    webhooksSent: 0,
  };
}

export class ShopState {
  readonly customers = new Map<number, CustomerRecord>();
  readonly orders = new Map<number, OrderRecord>();
  readonly discounts = new Map<number, DiscountRecord>();
  /** Lower-cased redeem code -> owning discount and code record; codes are unique per shop, case-insensitively. */
  readonly codeIndex = new Map<string, { discountId: number; codeId: number }>();
  readonly bulkCreations = new Map<number, BulkCreationRecord>();
  /** `${ownerGid}|${namespace}|${key}` -> metafield. */
  readonly metafields = new Map<string, MetafieldRecord>();
  readonly metafieldDefinitions = new Map<number, MetafieldDefinitionRecord>();
  readonly flowTriggers: FlowTriggerRecord[] = [];
  readonly storeCreditAccounts = new Map<number, StoreCreditAccountRecord>();
  readonly jobs = new Map<string, JobRecord>();
  /** Replayed results of @idempotent mutations, by key. */
  readonly idempotency = new Map<string, unknown>();
  counters: Counters = emptyCounters();
  nextOrderNumber = 1001;

  constructor(
    readonly shop: ShopRecord,
    private readonly ids: IdSequence,
    readonly clock: Clock,
  ) {}

  nextId(): number {
    return this.ids.next();
  }

  now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  findCode(code: string): { discount: DiscountRecord; code: RedeemCodeRecord } | null {
    const hit = this.codeIndex.get(code.toLowerCase());
    if (!hit) return null;
    const discount = this.discounts.get(hit.discountId);
    const redeem = discount?.codes.find((c) => c.id === hit.codeId);
    return discount && redeem ? { discount, code: redeem } : null;
  }
}

/** One id sequence per simulator, shared by all shops (ids are globally unique, like Shopify's). */
export class IdSequence {
  private value: number;
  constructor(start = 7_000_000_001) {
    this.value = start;
  }
  next(): number {
    return this.value++;
  }
}

export interface ShopSeed {
  /** The myshopify domain, e.g. "alpha.myshopify.com". */
  domain: string;
  name?: string;
  email?: string;
  currencyCode?: string;
  ianaTimezone?: string;
  primaryDomainUrl?: string;
  plan?: Partial<ShopPlan>;
  scopes?: string;
  /** default CLASSIC (legacy accounts with the theme block); NEW_CUSTOMER_ACCOUNTS for current accounts */
  customerAccountsVersion?: CustomerAccountsVersion;
  /** default "en" */
  primaryLocale?: string;
  /** the number of the shop's next order ("#1001" by default), e.g. after orders seeded in the app */
  firstOrderNumber?: number;
}

export const DEFAULT_SCOPES =
  "read_customers,write_customers,read_orders,read_discounts,write_discounts,read_store_credit_account_transactions,write_store_credit_account_transactions,read_metaobjects,write_metaobjects";

export function normalizeShopDomain(shop: string): string {
  const trimmed = shop
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/\/.*$/, "");
  return trimmed.includes(".") ? trimmed : `${trimmed}.myshopify.com`;
}

export function buildShopRecord(seed: ShopSeed, id: number, createdAt: string): ShopRecord {
  const domain = normalizeShopDomain(seed.domain);
  const handle = domain.split(".")[0];
  const name = seed.name ?? handle.replace(/[-_]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
  const planName = seed.plan?.displayName ?? "Basic";
  return {
    id,
    domain,
    name,
    email: seed.email ?? `owner@${handle}.example`,
    currencyCode: seed.currencyCode ?? "USD",
    ianaTimezone: seed.ianaTimezone ?? "America/New_York",
    primaryDomainUrl: seed.primaryDomainUrl ?? `https://${domain}`,
    plan: {
      displayName: planName,
      publicDisplayName: seed.plan?.publicDisplayName ?? planName,
      partnerDevelopment: seed.plan?.partnerDevelopment ?? false,
      shopifyPlus: seed.plan?.shopifyPlus ?? false,
    },
    scopes: seed.scopes ?? DEFAULT_SCOPES,
    customerAccountsVersion:
      seed.customerAccountsVersion === "NEW_CUSTOMER_ACCOUNTS" ? "NEW_CUSTOMER_ACCOUNTS" : "CLASSIC",
    primaryLocale: seed.primaryLocale ?? "en",
    createdAt,
  };
}
