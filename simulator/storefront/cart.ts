// The simulator storefront's cart and a minimal checkout, enough for a referral journey:
//   POST /cart/update.js, /{shop}/cart/update.js   Shopify's Ajax Cart API: sets cart
//                                                 attributes (JSON {attributes:{...}} or
//                                                 form attributes[name]=value; "" removes)
//   GET  /cart.js, /{shop}/cart.js                 the cart as JSON
//   GET  /{shop}/cart                              a cart page with a checkout button
//   POST /{shop}/checkout                          places an order for the logged-in customer
//                                                 (simulator placeOrder: webhooks and all)
//                                                 with the cart attributes as note_attributes
//                                                 and the discount code the /discount/ link
//                                                 applied, when checkout accepts it; then
//                                                 empties the cart
// The root-relative forms find the shop where the app proxy does: the storefront session.

import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CheckoutError } from "../commerce.js";
import { readBody, sendJson } from "../http-util.js";
import type { Simulator } from "../simulator.js";

export interface CartState {
  token: string;
  attributes: Record<string, string>;
}

/** What the cart routes need of the storefront session. */
export interface CartSession {
  carts: Map<string, CartState>;
  customers: Map<string, string>;
}

const MAX_ATTRIBUTES = 50;
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function cartOf(session: CartSession, shop: string): CartState {
  let cart = session.carts.get(shop);
  if (!cart) session.carts.set(shop, (cart = { token: crypto.randomBytes(12).toString("hex"), attributes: {} }));
  return cart;
}

function cartJson(sim: Simulator, shop: string, cart: CartState | undefined) {
  return {
    token: cart?.token ?? null,
    note: null,
    attributes: { ...(cart?.attributes ?? {}) },
    item_count: 1,
    items: [{ title: "Item", quantity: 1, price: 5000 }],
    total_price: 5000,
    currency: sim.shopState(shop).shop.currencyCode,
  };
}

/** `attributes` of a JSON body, or attributes[name]=value pairs of a form body. */
function attributesFrom(text: string, contentType: string | undefined): Record<string, unknown> | null {
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(text)) {
      const m = /^attributes\[(.+)\]$/.exec(k);
      if (m) out[m[1]] = v;
    }
    return out;
  }
  try {
    const body = JSON.parse(text || "{}") as { attributes?: unknown };
    if (body.attributes === undefined) return {};
    return body.attributes && typeof body.attributes === "object" && !Array.isArray(body.attributes)
      ? (body.attributes as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Handles the cart and checkout paths of `shop` (`rest` is the path after the shop); false for others. */
export async function handleCart(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  shop: string,
  rest: string,
  session: CartSession,
  appliedCode: string | null,
): Promise<boolean> {
  const method = req.method ?? "GET";
  if (rest === "/cart/update.js" && method === "POST") {
    const attributes = attributesFrom(await readBody(req), req.headers["content-type"]);
    if (!attributes) {
      sendJson(res, 400, {
        status: "bad_request",
        message: "Parameter Missing or Invalid",
        description: "attributes must be an object",
      });
      return true;
    }
    const cart = cartOf(session, shop);
    for (const [name, value] of Object.entries(attributes)) {
      const text = value === null || value === undefined ? "" : String(value);
      if (text === "") delete cart.attributes[name];
      else if (name in cart.attributes || Object.keys(cart.attributes).length < MAX_ATTRIBUTES)
        cart.attributes[name.slice(0, 255)] = text.slice(0, 1000);
    }
    sendJson(res, 200, cartJson(sim, shop, cart), { "Cache-Control": "no-store" });
    return true;
  }
  if (rest === "/cart.js" && method === "GET") {
    sendJson(res, 200, cartJson(sim, shop, session.carts.get(shop)), { "Cache-Control": "no-store" });
    return true;
  }
  if (rest === "/cart" && method === "GET") {
    const cart = session.carts.get(shop);
    const attrs = Object.entries(cart?.attributes ?? {})
      .map(([k, v]) => `<li data-cart-attribute="${escapeHtml(k)}">${escapeHtml(k)}: ${escapeHtml(v)}</li>`)
      .join("");
    send(
      res,
      200,
      page(
        sim,
        shop,
        "Cart",
        `<p>1 × Item — 50.00</p>${appliedCode ? `<p data-discount-applied>Discount code <strong>${escapeHtml(appliedCode)}</strong></p>` : ""}${attrs ? `<ul>${attrs}</ul>` : ""}<form method="post" action="/${shop}/checkout"><button type="submit" data-checkout>Check out</button></form>`,
      ),
    );
    return true;
  }
  if (rest === "/checkout" && method === "POST") {
    await readBody(req);
    const customerId = session.customers.get(shop);
    if (!customerId) {
      send(
        res,
        403,
        page(sim, shop, "Log in to check out", `<p>Log in first: <a href="/${shop}/account">your account</a>.</p>`),
      );
      return true;
    }
    const cart = session.carts.get(shop);
    const noteAttributes = Object.entries(cart?.attributes ?? {}).map(([name, value]) => ({ name, value }));
    const base = {
      customerId,
      subtotal: "50.00",
      noteAttributes,
      browserIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? null,
      userAgent: typeof req.headers["user-agent"] === "string" ? req.headers["user-agent"] : null,
      landingSite: "/",
      financialStatus: "paid" as const,
    };
    let placed;
    let refused: string | null = null;
    try {
      // Checkout judges the applied code; one it refuses is dropped, the order goes on.
      placed = await sim.placeOrder(shop, { ...base, discountCodes: appliedCode ? [appliedCode] : [] });
    } catch (error) {
      if (!(error instanceof CheckoutError) || !appliedCode) throw error;
      refused = error.message;
      placed = await sim.placeOrder(shop, base);
    }
    session.carts.delete(shop);
    const codes = placed.order.discountCodes.map((d) => d.code);
    send(
      res,
      200,
      page(
        sim,
        shop,
        "Thank you",
        `<p>Order <strong data-order-name>${escapeHtml(placed.order.name)}</strong> is confirmed (<span data-order-id>${placed.order.legacyResourceId}</span>).</p>${
          codes.length ? `<p data-order-codes>${escapeHtml(codes.join(", "))}</p>` : ""
        }${refused ? `<p data-code-refused>${escapeHtml(refused)}</p>` : ""}<p><a href="/${shop}/">Continue shopping</a></p>`,
      ),
      // the discount code applied by a /discount/ link is used up with the checkout
      { "Set-Cookie": `discount_code=; Path=/${shop}; Max-Age=0; SameSite=Lax` },
    );
    return true;
  }
  return false;
}

function page(sim: Simulator, shop: string, title: string, body: string): string {
  const name = escapeHtml(sim.shopState(shop).shop.name);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · ${name}</title></head><body style="font:16px/1.5 Georgia,serif;max-width:60rem;margin:0 auto;padding:1.5rem"><p><a href="/${shop}/">${name}</a></p><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(html);
}
