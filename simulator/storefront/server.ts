// The simulator's storefront: what a shopper's browser sees of https://{shop}, with the
// shop domain as the first path segment (as for the Admin API):
//   GET /{shop}/account                   the customer account page with the real account
//                                         block (extensions/referral-block), rendered
//                                         with liquidjs for the session's customer
//   GET /{shop}/account/login?customer=ID logs the browser in as that customer (no
//                                         password: this is a simulator), then the page
//   GET /{shop}/account/logout            logs out, then the page
//   GET /{shop}/discount/{CODE}?redirect= applies a discount code (cookie) and redirects
//   GET /{shop}/                          a bare home page with the "Referral link tracking"
//                                         app embed (extensions/referral-block), as a theme
//                                         with the embed switched on renders it
//   /{shop}/cart..., /cart.js, /cart/update.js, POST /{shop}/checkout
//                                         the cart (attributes) and a checkout (cart.ts)
//   *   /apps/{subpath}/*                 Shopify's app proxy (app-proxy.ts) for the shop
//   *   /{shop}/apps/{subpath}/*          of the session's last visited page, or the named one
//   GET /assets/{file}                    the extension's assets (Shopify's CDN)
//   GET /admin/{shop}/apps/{handle}[/p]   opens the embedded app (admin-entry.ts)
// The block calls the root-relative /apps/referrals/api/me, so the proxy finds the shop
// and the customer where Shopify does: in the storefront session (a cookie). Whatever the
// browser sends as logged_in_customer_id or shop is dropped.

import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ADMIN_ENTRY_PATH, embeddedAdminUrl } from "../admin-entry.js";
import { appProxyTarget, type AppProxyConfig } from "../app-proxy.js";
import type { Simulator } from "../simulator.js";
import { handleCart, type CartState } from "./cart.js";
import { assetTags, LOCALES, renderBlock, type Locale } from "./liquid.js";
import { extensionAsset, themePage } from "./theme.js";

const BLOCK = "referral-account.liquid";
const TRACKING_EMBED = "referral-tracking.liquid";
const ROOT_CART = new Set(["/cart.js", "/cart/update.js"]);
const COOKIE = "_sim_storefront";
const SHOP_SEGMENT = "[a-z0-9][a-z0-9-]*\\.myshopify\\.com";
const SHOP_PAGE = new RegExp(`^/(${SHOP_SEGMENT})(/.*)?$`);
const MAX_BODY = 1024 * 1024;

interface StorefrontSession {
  /** the shop whose page this browser opened last (the proxy's shop for /apps/...) */
  shop: string | null;
  /** logged-in customer per shop (legacy numeric id) */
  customers: Map<string, string>;
  /** cart per shop (attributes only: the simulator sells one item) */
  carts: Map<string, CartState>;
}

const sessions = new WeakMap<Simulator, Map<string, StorefrontSession>>();

/** The app proxy of the simulated app, once the simulator knows the app's URL. */
export function appProxyConfig(sim: Simulator): AppProxyConfig | null {
  if (!sim.appUrl) return null;
  const proxy = sim.options.appProxy ?? {};
  return {
    prefix: proxy.prefix ?? "apps",
    subpath: proxy.subpath ?? "referrals",
    url: new URL(proxy.path ?? "/proxy", sim.appUrl).toString(),
  };
}

function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

function sessionOf(sim: Simulator, req: IncomingMessage, res: ServerResponse | null): StorefrontSession | null {
  let all = sessions.get(sim);
  if (!all) sessions.set(sim, (all = new Map()));
  const id = cookieOf(req, COOKIE);
  const found = id ? all.get(id) : undefined;
  if (found || !res) return found ?? null;
  const fresh: StorefrontSession = { shop: null, customers: new Map(), carts: new Map() };
  const newId = crypto.randomBytes(16).toString("hex");
  all.set(newId, fresh);
  res.setHeader("Set-Cookie", `${COOKIE}=${newId}; Path=/; HttpOnly; SameSite=Lax`);
  return fresh;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(body);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("Request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Answers the storefront, app proxy and admin-entry paths; false for any other path. */
export async function handleStorefront(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname;
  if (req.method === "GET" && path.startsWith("/assets/")) {
    const asset = await extensionAsset(decodeURIComponent(path.slice("/assets/".length)));
    if (!asset) send(res, 404, "Not Found");
    else send(res, 200, asset.body, { "Content-Type": asset.contentType, "Cache-Control": "public, max-age=60" });
    return true;
  }
  const admin = ADMIN_ENTRY_PATH.exec(path);
  if (admin) {
    const shop = admin[1];
    if (!sim.hasShop(shop)) send(res, 404, `Unknown shop ${shop}`);
    else if (!sim.appUrl) send(res, 503, "The simulator does not know the app's URL (appUrl option).");
    else
      send(res, 302, "", {
        Location:
          embeddedAdminUrl(sim.appUrl, shop, admin[2] ?? "/", { apiKey: sim.app.apiKey, secret: sim.apiSecret }) +
          url.search.replace(/^\?/, "&"),
      });
    return true;
  }
  const proxy = appProxyConfig(sim);
  const proxyPrefix = `/${proxy?.prefix ?? "apps"}/${proxy?.subpath ?? "referrals"}`;
  if (path === proxyPrefix || path.startsWith(`${proxyPrefix}/`)) {
    const session = sessionOf(sim, req, null);
    if (!session?.shop) send(res, 404, "No storefront session: open a shop's /{shop}/account page first.");
    else await forwardToApp(sim, req, res, url, session.shop, path.slice(proxyPrefix.length), session);
    return true;
  }
  if (ROOT_CART.has(path)) {
    // Root-relative, as themes call the Ajax Cart API: the shop of the session's last page.
    const session = sessionOf(sim, req, null);
    if (!session?.shop) send(res, 404, "No storefront session: open a shop's page first.");
    else if (!(await handleCart(sim, req, res, session.shop, path, session, null)))
      send(res, 405, "Method Not Allowed");
    return true;
  }
  const page = SHOP_PAGE.exec(path);
  if (!page || !sim.hasShop(page[1])) return false;
  const shop = page[1];
  const rest = page[2] ?? "/";
  if (rest === proxyPrefix || rest.startsWith(`${proxyPrefix}/`)) {
    await forwardToApp(sim, req, res, url, shop, rest.slice(proxyPrefix.length), sessionOf(sim, req, null));
    return true;
  }
  if (/^\/(cart(\.js|\/update\.js)?|checkout)$/.test(rest)) {
    const session = sessionOf(sim, req, res)!;
    session.shop = shop;
    if (!(await handleCart(sim, req, res, shop, rest, session, cookieOf(req, "discount_code"))))
      send(res, 405, "Method Not Allowed");
    return true;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, 405, "Method Not Allowed");
    return true;
  }
  const session = sessionOf(sim, req, res)!;
  session.shop = shop;
  if (rest === "/account/login") {
    const id = url.searchParams.get("customer") ?? "";
    if (!sim.customers(shop).some((c) => String(c.legacyResourceId) === id)) {
      send(res, 404, `No customer ${id} in ${shop}`);
      return true;
    }
    session.customers.set(shop, id);
    send(res, 302, "", { Location: accountPath(shop, url.searchParams.get("locale")) });
    return true;
  }
  if (rest === "/account/logout") {
    session.customers.delete(shop);
    send(res, 302, "", { Location: accountPath(shop, url.searchParams.get("locale")) });
    return true;
  }
  if (rest === "/account") {
    send(res, 200, await accountPage(sim, shop, session.customers.get(shop) ?? null, url.searchParams.get("locale")), {
      "Content-Type": "text/html; charset=utf-8",
    });
    return true;
  }
  const discount = /^\/discount\/([^/]+)$/.exec(rest);
  if (discount) {
    const code = decodeURIComponent(discount[1]);
    const redirect = url.searchParams.get("redirect") ?? "/";
    const target = redirect.startsWith("/") && !redirect.startsWith("//") ? redirect : "/";
    send(res, 302, "", {
      Location: `/${shop}${target}`,
      "Set-Cookie": `discount_code=${encodeURIComponent(code)}; Path=/${shop}; SameSite=Lax`,
    });
    return true;
  }
  if (rest === "/") {
    const applied = cookieOf(req, "discount_code");
    const name = sim.shopState(shop).shop.name;
    const embed = await renderBlock(TRACKING_EMBED, { locale: "en", pageType: "index", routes: shopRoutes(shop) });
    send(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title>${assetTags(TRACKING_EMBED)}</head><body style="font:16px/1.5 Georgia,serif;max-width:60rem;margin:0 auto;padding:1.5rem"><h1>${escapeHtml(name)}</h1>${applied ? `<p data-discount-applied>Discount code <strong>${escapeHtml(applied)}</strong> will be applied at checkout.</p>` : ""}<p><a href="/${shop}/account">Your account</a> · <a href="/${shop}/cart">Cart</a></p>${embed}</body></html>`,
      { "Content-Type": "text/html; charset=utf-8" },
    );
    return true;
  }
  send(res, 404, "Not Found");
  return true;
}

/** Liquid's `routes` for a shop served under /{shop}/. */
function shopRoutes(shop: string) {
  return { root_url: `/${shop}/`, account_url: `/${shop}/account`, account_login_url: `/${shop}/account/login` };
}

function accountPath(shop: string, locale: string | null): string {
  return `/${shop}/account${locale ? `?locale=${encodeURIComponent(locale)}` : ""}`;
}

async function accountPage(
  sim: Simulator,
  shop: string,
  customerId: string | null,
  localeParam: string | null,
): Promise<string> {
  const locale: Locale = (LOCALES as readonly string[]).includes(localeParam ?? "") ? (localeParam as Locale) : "en";
  const state = sim.shopState(shop);
  const customers = sim.customers(shop);
  const customer = customerId ? customers.find((c) => String(c.legacyResourceId) === customerId) : undefined;
  const block = await renderBlock(BLOCK, {
    locale,
    customer: customer
      ? { id: customer.legacyResourceId, first_name: customer.firstName ?? "", email: customer.email ?? "" }
      : null,
    shop: { name: state.shop.name, currency: state.shop.currencyCode },
    routes: shopRoutes(shop),
  });
  const who = customer
    ? `Logged in as <strong data-customer-id="${customer.legacyResourceId}">${escapeHtml(`${customer.firstName ?? ""} ${customer.lastName ?? ""}`.trim() || customer.email || String(customer.legacyResourceId))}</strong> · <a href="/${shop}/account/logout">Log out</a>`
    : `Not logged in · log in as ${customers
        .slice(0, 8)
        .map(
          (c) =>
            `<a href="/${shop}/account/login?customer=${c.legacyResourceId}">${escapeHtml(c.firstName ?? c.email ?? String(c.legacyResourceId))}</a>`,
        )
        .join(", ")}`;
  return themePage({
    lang: locale,
    head: assetTags(BLOCK),
    block,
    shopName: state.shop.name,
    homeUrl: `/${shop}/`,
    headerExtra: ` <small style="float:right" data-sim-session>${who}</small>`,
  });
}

/** Shopify's app proxy: the request, re-signed, to the app; its answer back to the browser. */
async function forwardToApp(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  shop: string,
  rest: string,
  session: StorefrontSession | null,
): Promise<void> {
  const proxy = appProxyConfig(sim);
  if (!proxy)
    return send(
      res,
      502,
      "The simulator does not know the app's URL (appUrl option), so the app proxy has nowhere to go.",
    );
  const customerId = session?.customers.get(shop) ?? null;
  const target = appProxyTarget(proxy, rest || "/", url.searchParams, {
    shop,
    customerId,
    secret: sim.apiSecret,
    now: sim.clock.now(),
  });
  const headers = new Headers();
  for (const name of ["accept", "accept-language", "content-type", "user-agent"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  // Shopify appends the visitor's address; it never forwards the storefront's cookies.
  const visitor = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1";
  const forwarded = req.headers["x-forwarded-for"];
  headers.set("x-forwarded-for", forwarded ? `${String(forwarded)}, ${visitor}` : visitor);
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readRaw(req));
  let answer: Response;
  try {
    answer = await fetch(target, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    return send(res, 502, `The app did not answer the proxied request: ${(error as Error).message}`);
  }
  const out: Record<string, string> = {};
  for (const name of ["content-type", "cache-control", "location"]) {
    const value = answer.headers.get(name);
    if (value) out[name] = value;
  }
  // https://{shop}/path and /path (the storefront's own) stay on this simulated storefront.
  if (out.location?.startsWith(`https://${shop}/`))
    out.location = `/${shop}/${out.location.slice(`https://${shop}/`.length)}`;
  else if (out.location?.startsWith("/") && !out.location.startsWith("//")) out.location = `/${shop}${out.location}`;
  const buf = Buffer.from(await answer.arrayBuffer());
  if (res.destroyed) return;
  res.writeHead(answer.status, out);
  res.end(method === "HEAD" ? undefined : buf);
}
