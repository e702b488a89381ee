// Webhooks as Shopify sends them: REST-shaped JSON payloads for orders/create,
// orders/paid, orders/cancelled and refunds/create, signed with the app secret
// (X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body) and POSTed with
// Shopify's headers. The pieces are separate so tests can re-send a delivery, send
// one late, or reorder them.

import { createHmac, randomUUID } from "node:crypto";
import { gid } from "./gid.js";
import { addDecimal, compareDecimal, rest2, subDecimal } from "./money.js";
import type { CustomerRecord, OrderRecord, RefundRecord, ShopState } from "./state.js";
import { DEFAULT_API_VERSION } from "./schema.js";

export const DEFAULT_APP_SECRET = "shpss_simulator_app_secret";

export type OrderTopic = "orders/create" | "orders/paid" | "orders/updated" | "orders/cancelled" | "refunds/create";

function priceSet(amount: string, currency: string) {
  const money = { amount: rest2(amount), currency_code: currency };
  return { shop_money: money, presentment_money: money };
}

function customerPayload(c: CustomerRecord, currency: string) {
  return {
    id: c.id,
    email: c.email,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    first_name: c.firstName,
    last_name: c.lastName,
    state: c.state.toLowerCase(),
    note: c.note,
    verified_email: c.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: false,
    phone: c.phone,
    email_marketing_consent: c.email
      ? { state: "not_subscribed", opt_in_level: "single_opt_in", consent_updated_at: null }
      : null,
    sms_marketing_consent: null,
    tags: c.tags.join(", "),
    currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", c.id),
    default_address: null,
  };
}

/** The REST order resource, as the orders/* webhooks carry it. */
export function buildOrderPayload(shop: ShopState, order: OrderRecord): Record<string, unknown> {
  const cur = order.currencyCode;
  const customer = order.customerId === null ? undefined : shop.customers.get(order.customerId);
  const refunded = order.refunds.reduce((sum, r) => addDecimal(sum, r.amount), "0");
  const clamp = (amount: string) => (compareDecimal(amount, "0") < 0 ? "0" : amount);
  const currentSubtotal = rest2(clamp(subDecimal(order.subtotalPrice, refunded)));
  const currentTotal = rest2(clamp(subDecimal(order.totalPrice, refunded)));
  const orderStatusUrl = `https://${shop.shop.domain}/${shop.shop.id}/orders/${order.id.toString(16)}/authenticate?key=${order.id.toString(36)}`;
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    app_id: 580111,
    browser_ip: order.browserIp,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason,
    cancelled_at: order.cancelledAt,
    cart_token: null,
    checkout_id: null,
    checkout_token: null,
    client_details: {
      accept_language: null,
      browser_height: null,
      browser_ip: order.browserIp,
      browser_width: null,
      session_hash: null,
      user_agent: order.userAgent,
    },
    closed_at: null,
    confirmation_number: `SIM${order.id.toString(36).toUpperCase().slice(-9)}`,
    confirmed: true,
    contact_email: order.email,
    created_at: order.createdAt,
    currency: cur,
    current_subtotal_price: currentSubtotal,
    current_subtotal_price_set: priceSet(currentSubtotal, cur),
    current_total_discounts: order.totalDiscounts,
    current_total_discounts_set: priceSet(order.totalDiscounts, cur),
    current_total_price: currentTotal,
    current_total_price_set: priceSet(currentTotal, cur),
    current_total_tax: order.totalTax,
    current_total_tax_set: priceSet(order.totalTax, cur),
    customer_locale: customer?.locale ?? "en",
    discount_applications: order.discountCodes.map((d) => ({
      target_type: "line_item",
      type: "discount_code",
      value: d.amount,
      value_type: d.type === "percentage" ? "percentage" : "fixed_amount",
      allocation_method: "across",
      target_selection: "all",
      code: d.code,
    })),
    discount_codes: order.discountCodes.map((d) => ({ code: d.code, amount: d.amount, type: d.type })),
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus,
    fulfillment_status: null,
    landing_site: order.landingSite,
    landing_site_ref: null,
    name: order.name,
    note: order.note,
    note_attributes: order.noteAttributes.map((a) => ({ name: a.name, value: a.value })),
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: orderStatusUrl,
    payment_gateway_names: ["bogus"],
    phone: null,
    presentment_currency: cur,
    processed_at: order.processedAt,
    reference: null,
    referring_site: order.referringSite,
    source_identifier: null,
    source_name: order.sourceName,
    subtotal_price: order.subtotalPrice,
    subtotal_price_set: priceSet(order.subtotalPrice, cur),
    tags: order.tags.join(", "),
    tax_lines: [],
    taxes_included: false,
    test: order.test,
    token: order.id.toString(16),
    total_discounts: order.totalDiscounts,
    total_discounts_set: priceSet(order.totalDiscounts, cur),
    total_line_items_price: order.totalLineItemsPrice,
    total_line_items_price_set: priceSet(order.totalLineItemsPrice, cur),
    total_outstanding: order.financialStatus === "paid" ? "0.00" : order.totalPrice,
    total_price: order.totalPrice,
    total_price_set: priceSet(order.totalPrice, cur),
    total_shipping_price_set: priceSet(order.totalShipping, cur),
    total_tax: order.totalTax,
    total_tax_set: priceSet(order.totalTax, cur),
    total_tip_received: "0.00",
    total_weight: 0,
    updated_at: order.updatedAt,
    user_id: null,
    billing_address: null,
    customer: customer ? customerPayload(customer, cur) : null,
    fulfillments: [],
    line_items: order.lineItems.map((li) => ({
      id: li.id,
      admin_graphql_api_id: gid("LineItem", li.id),
      current_quantity: li.quantity,
      fulfillable_quantity: li.quantity,
      fulfillment_service: "manual",
      fulfillment_status: null,
      gift_card: false,
      grams: 0,
      name: li.title,
      price: li.price,
      price_set: priceSet(li.price, cur),
      product_exists: false,
      product_id: li.productId,
      properties: [],
      quantity: li.quantity,
      requires_shipping: true,
      sku: li.sku,
      taxable: true,
      title: li.title,
      total_discount: "0.00",
      total_discount_set: priceSet("0", cur),
      variant_id: li.variantId,
      variant_title: null,
      vendor: null,
      tax_lines: [],
      duties: [],
      discount_allocations: [],
    })),
    payment_terms: null,
    refunds: order.refunds.map((r) => buildRefundPayload(shop, order, r)),
    shipping_address: null,
    shipping_lines: [],
  };
}

/** The REST refund resource, as refunds/create carries it. */
export function buildRefundPayload(shop: ShopState, order: OrderRecord, refund: RefundRecord): Record<string, unknown> {
  const cur = order.currencyCode;
  return {
    id: refund.id,
    admin_graphql_api_id: gid("Refund", refund.id),
    order_id: order.id,
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: refund.note,
    restock: false,
    user_id: null,
    duties: [],
    total_duties_set: priceSet("0", cur),
    additional_fees: [],
    return: null,
    order_adjustments: [],
    refund_line_items: refund.lineItems.map((l, index) => {
      const li = order.lineItems.find((x) => x.id === l.lineItemId);
      return {
        id: refund.id * 10 + index,
        line_item_id: l.lineItemId,
        location_id: null,
        quantity: l.quantity,
        restock_type: "no_restock",
        subtotal: rest2(l.subtotal),
        subtotal_set: priceSet(l.subtotal, cur),
        total_tax: "0.00",
        total_tax_set: priceSet("0", cur),
        line_item: li
          ? {
              id: li.id,
              title: li.title,
              quantity: li.quantity,
              price: li.price,
              sku: li.sku,
              admin_graphql_api_id: gid("LineItem", li.id),
            }
          : null,
      };
    }),
    transactions: [
      {
        id: refund.id + 1,
        admin_graphql_api_id: gid("OrderTransaction", refund.id + 1),
        order_id: order.id,
        kind: "refund",
        gateway: "bogus",
        status: "success",
        message: null,
        created_at: refund.createdAt,
        test: order.test,
        authorization: null,
        parent_id: null,
        processed_at: refund.createdAt,
        source_name: "web",
        amount: refund.amount,
        currency: cur,
      },
    ],
  };
}

/** The REST shop resource, as shop/update carries it (the fields an app reads, and a few more). */
export function buildShopPayload(shop: ShopState): Record<string, unknown> {
  const s = shop.shop;
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    domain: new URL(s.primaryDomainUrl).host,
    myshopify_domain: s.domain,
    currency: s.currencyCode,
    enabled_presentment_currencies: [s.currencyCode],
    money_format: `{{amount}} ${s.currencyCode}`,
    iana_timezone: s.ianaTimezone,
    plan_display_name: s.plan.displayName,
    primary_locale: s.primaryLocale,
    created_at: s.createdAt,
    updated_at: shop.now(),
  };
}

/** X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the exact raw body, keyed with the app secret. */
export function signWebhook(rawBody: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

export interface DeliveryOptions {
  secret?: string;
  eventId?: string;
  webhookId?: string;
  apiVersion?: string;
  triggeredAt?: string;
  /** Send this exact body instead of JSON.stringify(payload) (e.g. to test a tampered body). */
  rawBody?: string;
  /** Override the signature (e.g. to test rejection of a bad HMAC). */
  hmac?: string;
  /** Subscription name (X-Shopify-Name), when the subscription has one. */
  name?: string;
  timeoutMs?: number;
}

export interface WebhookRequest {
  url: string;
  topic: string;
  shop: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryResult extends WebhookRequest {
  status: number;
  ok: boolean;
  responseBody: string;
  webhookId: string;
  eventId: string;
}

/** Builds the exact HTTP request Shopify would send, without sending it. */
export function buildWebhookRequest(
  appUrl: string,
  topic: string,
  shop: string,
  payload: unknown,
  options: DeliveryOptions = {},
): WebhookRequest {
  const body = options.rawBody ?? JSON.stringify(payload);
  const secret = options.secret ?? DEFAULT_APP_SECRET;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": options.hmac ?? signWebhook(body, secret),
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": options.apiVersion ?? DEFAULT_API_VERSION,
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
    "User-Agent": "Shopify-Captain-Hook",
  };
  if (options.name) headers["X-Shopify-Name"] = options.name;
  return { url: appUrl, topic, shop, headers, body };
}

/** POSTs one signed webhook to the app. Network failures reject; HTTP errors resolve with ok: false. */
export async function deliverWebhook(
  appUrl: string,
  topic: string,
  shop: string,
  payload: unknown,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const request = buildWebhookRequest(appUrl, topic, shop, payload, options);
  const response = await fetch(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  });
  const responseBody = await response.text();
  return {
    ...request,
    status: response.status,
    ok: response.ok,
    responseBody,
    webhookId: request.headers["X-Shopify-Webhook-Id"],
    eventId: request.headers["X-Shopify-Event-Id"],
  };
}
