/**
 * Shape checks for signed webhook payloads, before anything is recorded. Shopify's
 * payloads are trusted for authenticity (HMAC) but not for shape: a payload this app
 * could never process is refused here, at the boundary, so it never reaches the inbox
 * or the worker (where it would fail, be retried and clutter the database).
 * Pure: returns null when the payload is usable, otherwise a short reason for the log.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown) =>
  (typeof v === "number" && Number.isSafeInteger(v) && v > 0) || (typeof v === "string" && /^\d{1,20}$/.test(v));
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || v === null || check(v);
const isShortString = (max: number) => (v: unknown) => typeof v === "string" && v.length <= max;

/**
 * A money amount as Shopify sends it: a non-negative decimal (string or number) below
 * 10^12 units with at most 6 decimals. Negative, exponent, NaN or absurd values are not.
 */
export function isPlausibleAmount(v: unknown): boolean {
  const text = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : typeof v === "string" ? v.trim() : "";
  return /^\d{1,12}(?:\.\d{1,6})?$/.test(text);
}

const AMOUNT_FIELDS = ["subtotal_price", "current_subtotal_price", "total_price", "current_total_price"] as const;

function checkOrder(p: Json): string | null {
  if (!isId(p.id)) return "order id missing or not a Shopify id";
  for (const field of AMOUNT_FIELDS) {
    if (!optional(p[field], isPlausibleAmount)) return `${field} is not a plausible amount`;
  }
  if (!optional(p.customer, isObject)) return "customer is not an object";
  const customer = (p.customer ?? {}) as Json;
  if (!optional(customer.id, isId)) return "customer id is not a Shopify id";
  if (!optional(customer.email, isShortString(320)) || !optional(p.email, isShortString(320)))
    return "email is not a string of at most 320 characters";
  if (!optional(p.discount_codes, Array.isArray)) return "discount_codes is not a list";
  const codes = (p.discount_codes ?? []) as unknown[];
  if (codes.length > 250 || !codes.every((d) => isObject(d) && optional(d.code, isShortString(255))))
    return "discount_codes entries are malformed";
  if (!optional(p.note_attributes, Array.isArray)) return "note_attributes is not a list";
  if (!optional(p.browser_ip, isShortString(64))) return "browser_ip is not a short string";
  return null;
}

function checkRefund(p: Json): string | null {
  if (!isId(p.order_id)) return "order_id missing or not a Shopify id";
  if (!optional(p.id, isId)) return "refund id is not a Shopify id";
  if (!optional(p.refund_line_items, Array.isArray)) return "refund_line_items is not a list";
  const items = (p.refund_line_items ?? []) as unknown[];
  if (!items.every((i) => isObject(i) && optional(i.subtotal, isPlausibleAmount)))
    return "a refund line subtotal is not a plausible amount";
  return null;
}

/** shop/update (the REST shop resource): what the app reads is the store's currency. */
function checkShop(shop: string, p: Json): string | null {
  if (typeof p.currency !== "string" || !/^[A-Z]{3}$/.test(p.currency)) return "currency is not a currency code";
  if (!optional(p.myshopify_domain, isShortString(255))) return "myshopify_domain is not a short string";
  if (typeof p.myshopify_domain === "string" && p.myshopify_domain.trim().toLowerCase() !== shop.toLowerCase())
    return "myshopify_domain names another shop";
  return null;
}

/**
 * Deepest nesting of objects and arrays a webhook body may have. Shopify's payloads
 * stay below ten levels (order > line item > price set > money); anything far deeper is
 * not a Shopify payload, and walking it recursively (parsing, storing, reading it back)
 * would exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects or arrays deeper than `max`, found by one scan of the
 * text (brackets inside strings do not count) without parsing it, so a hostile body is
 * measured in constant stack space.
 */
export function jsonNestedDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** Why a signed payload of `topic` for `shop` cannot be used, or null when it can. */
export function payloadProblem(topic: string, payload: unknown, shop: string): string | null {
  if (!isObject(payload)) return "payload is not a JSON object";
  switch (topic) {
    case "ORDERS_CREATE":
    case "ORDERS_PAID":
    case "ORDERS_CANCELLED":
      return checkOrder(payload);
    case "REFUNDS_CREATE":
      return checkRefund(payload);
    case "SHOP_UPDATE":
      return checkShop(shop, payload);
    default:
      // Lifecycle and privacy handlers read their few fields defensively themselves.
      return null;
  }
}

/**
 * Why a privacy payload (customers/data_request, customers/redact, shop/redact) must not
 * be acted on for `shop`, or null when it may: its `shop_domain` must name the very shop
 * the delivery is for, so a payload about another shop never touches this one's data.
 */
export function privacyPayloadProblem(shop: string, payload: unknown): string | null {
  if (!isObject(payload)) return "payload is not a JSON object";
  const named = payload.shop_domain;
  if (typeof named !== "string" || !named.trim()) return "shop_domain missing";
  if (named.trim().toLowerCase() !== shop.toLowerCase()) return "shop_domain names another shop";
  return null;
}
