import { parseShopifyAmount } from "../lib/money";
import { normaliseCode } from "./codes";

/**
 * The facts attribution needs, read defensively from Shopify's order webhook payload
 * (REST shape). Anything missing or malformed becomes null rather than an exception:
 * a webhook Shopify already delivered must never crash the worker.
 */
export interface OrderFacts {
  orderId: string;
  orderName: string;
  createdAt: Date;
  currency: string;
  subtotalMinor: number;
  codes: string[];
  landingCode: string | null;
  financialStatus: string;
  cancelled: boolean;
  browserIp: string | null;
  customer: { customerId: string | null; email: string | null; firstName: string | null; lastName: string | null };
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim().slice(0, 320) : null);
const id = (v: unknown): string | null =>
  typeof v === "number" && Number.isSafeInteger(v)
    ? String(v)
    : typeof v === "string" && /^\d{1,20}$/.test(v)
      ? v
      : null;

/**
 * An amount in the shop's currency. A customer may pay in another (presentment) currency;
 * the program's figures and rewards are in the shop's, so the `*_set.shop_money` amount is
 * read first; the plain field only when a payload has no price set.
 */
function shopMoney(set: unknown, plain: unknown, shopCurrency: string): { minor: number; currency: string } {
  const money = set && typeof set === "object" ? ((set as Json).shop_money as Json | undefined) : undefined;
  if (money && typeof money === "object" && money.amount !== undefined && money.amount !== null) {
    const currency = str(money.currency_code) ?? shopCurrency;
    return { minor: Math.max(0, parseShopifyAmount(money.amount, currency)), currency };
  }
  return { minor: Math.max(0, parseShopifyAmount(plain, shopCurrency)), currency: shopCurrency };
}

/** Note attribute the storefront adds when a friend arrives through a referral link. */
export const LANDING_ATTRIBUTE = "_referral_code";

export function readOrder(payload: unknown, shopCurrency: string): OrderFacts | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Json;
  const orderId = id(p.id);
  if (!orderId) return null;
  const customer = (p.customer && typeof p.customer === "object" ? p.customer : {}) as Json;
  const codes = Array.isArray(p.discount_codes)
    ? p.discount_codes
        .map((d) => str((d as Json)?.code))
        .filter((c): c is string => !!c)
        .map(normaliseCode)
    : [];
  const attributes = Array.isArray(p.note_attributes) ? (p.note_attributes as Json[]) : [];
  const landing = attributes.find((a) => a && a.name === LANDING_ATTRIBUTE);
  const created = new Date(typeof p.created_at === "string" ? p.created_at : NaN);
  // current_subtotal_price already reflects edits; subtotal_price is the original.
  const subtotal =
    p.current_subtotal_price_set !== undefined || p.current_subtotal_price !== undefined
      ? shopMoney(p.current_subtotal_price_set, p.current_subtotal_price, shopCurrency)
      : shopMoney(p.subtotal_price_set, p.subtotal_price, shopCurrency);
  return {
    orderId,
    orderName: str(p.name) ?? `#${orderId}`,
    createdAt: Number.isNaN(created.getTime()) ? new Date() : created,
    currency: subtotal.currency,
    subtotalMinor: subtotal.minor,
    codes: [...new Set(codes)].slice(0, 20),
    landingCode: landing ? (str(landing.value) ? normaliseCode(str(landing.value)!) : null) : null,
    financialStatus: str(p.financial_status) ?? "pending",
    cancelled: p.cancelled_at !== null && p.cancelled_at !== undefined,
    browserIp: str(p.browser_ip),
    customer: {
      customerId: id(customer.id),
      email: str(customer.email) ?? str(p.email),
      firstName: str(customer.first_name),
      lastName: str(customer.last_name),
    },
  };
}

/** Paid enough that the reward's clock can start. */
export function isPaid(financialStatus: string): boolean {
  return financialStatus === "paid" || financialStatus === "partially_refunded";
}

/**
 * A refunds/create payload: the refund's own id (Shopify may deliver the same refund
 * again under a new event id, so the refund is counted by this id, never per delivery),
 * its order and the refunded subtotal. `refundId` is null only for a payload without an
 * id, which is then counted once per delivery.
 */
export interface RefundFacts {
  refundId: string | null;
  orderId: string;
  refundedMinor: number;
}

export function readRefund(payload: unknown, shopCurrency: string): RefundFacts | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Json;
  const orderId = id(p.order_id);
  if (!orderId) return null;
  const items = Array.isArray(p.refund_line_items) ? (p.refund_line_items as Json[]) : [];
  let refundedMinor = 0;
  for (const item of items) refundedMinor += shopMoney(item?.subtotal_set, item?.subtotal, shopCurrency).minor;
  return { refundId: id(p.id), orderId, refundedMinor };
}

/**
 * An order's refunded subtotal: the sum over its distinct refunds. A refund delivered
 * more than once (Shopify's retries, or a new event for the same refund) counts once.
 */
export function refundedTotal(refunds: (RefundFacts | null)[]): number {
  const byId = new Map<string, number>();
  let withoutId = 0;
  for (const refund of refunds) {
    if (!refund) continue;
    if (refund.refundId === null) withoutId += refund.refundedMinor;
    else byId.set(refund.refundId, refund.refundedMinor);
  }
  return [...byId.values()].reduce((sum, minor) => sum + minor, withoutId);
}
