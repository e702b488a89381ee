import { config } from "../config.server";
import { authenticate, sessionStorage } from "../shopify.server";

/**
 * What GET /api/customer/referral may believe about a request from one of the app's UI
 * extensions (customer account pages, the thank-you page), and nothing else.
 *
 * The extension sends Shopify's session token (HS256 with the app secret) as a Bearer
 * token; authenticate.public.customerAccount / .checkout verify its signature, exp and nbf.
 * They do not check the audience, and an admin session token of a staff member is signed
 * the same way, so here the token must also name this app (aud) and a customer
 * (sub = gid://shopify/Customer/N). The shop comes only from `dest`. Any token that fails
 * gets an empty 401 before anything is read or written; a shop the app is not installed on
 * (no offline session: app/uninstalled deletes it) gets an empty 404. GET /api/customer/offer
 * (the public offer, for a guest on the thank-you page) takes a token without `sub` too,
 * but never one whose `sub` is anything other than a customer.
 * Every answer carries CORS headers: extensions run on Shopify's origins, never the app's.
 */

export type ExtensionSurface = "customer-account" | "checkout";

export interface ExtensionCaller {
  shop: string;
  /** the numeric id of the signed-in customer, from the token's sub */
  customerId: string;
}

const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Max-Age": "7200",
};

/** Adds the CORS headers every answer of the extension endpoint carries. */
export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

const empty = (status: number) =>
  withCors(new Response(null, { status, headers: { "Cache-Control": "no-store", Vary: "Authorization" } }));

/** A customer GID as Shopify writes it in `sub`; anything else (a staff user id, another resource) is refused. */
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/([1-9][0-9]{0,19})$/;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,60}\.myshopify\.com$/;

/** The shop of `dest`: checkout and customer account tokens carry the bare domain, admin ones a URL. */
export function shopFromDest(dest: unknown): string | null {
  if (typeof dest !== "string") return null;
  const host = dest.replace(/^https:\/\//, "").toLowerCase();
  return SHOP_DOMAIN.test(host) ? host : null;
}

async function isInstalled(shop: string): Promise<boolean> {
  const sessions = await sessionStorage.findSessionsByShop(shop);
  return sessions.some((s) => !s.isOnline && !!s.accessToken);
}

/**
 * Verifies the token (signature, exp, nbf via Shopify's library; then aud, dest and, when
 * present, that sub is a customer) and that the app is installed on the shop; throws the
 * Response to send when it may not go on (the 204 of a preflight, 401, 404, or the
 * library's 410 for a self-declared bot), CORS headers included.
 */
async function verifyToken(request: Request, surface: ExtensionSurface, customer: "required" | "optional") {
  const authenticateExtension =
    surface === "checkout" ? authenticate.public.checkout : authenticate.public.customerAccount;
  let payload: Awaited<ReturnType<typeof authenticateExtension>>["sessionToken"];
  try {
    payload = (await authenticateExtension(request)).sessionToken;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 401 || thrown.status === 400 || thrown.status === 302) throw empty(401);
    throw withCors(new Response(thrown.body, { status: thrown.status, headers: thrown.headers }));
  }
  const sub: unknown = payload.sub;
  const match = typeof sub === "string" ? CUSTOMER_GID.exec(sub) : null;
  // A guest's token has no sub; one that has a sub must name a customer (a staff
  // member's admin token names a user, and is refused even where a guest is welcome).
  const customerOk = customer === "required" ? !!match : sub === undefined || sub === null || sub === "" || !!match;
  const shop = shopFromDest(payload.dest);
  if (payload.aud !== config().shopify.apiKey || !customerOk || !shop) throw empty(401);
  if (!(await isInstalled(shop))) throw empty(404);
  return { shop, customerId: match ? match[1] : null };
}

/** A request from a signed-in customer: the token must name one (GET /api/customer/referral). */
export async function verifyExtensionRequest(request: Request, surface: ExtensionSurface): Promise<ExtensionCaller> {
  const { shop, customerId } = await verifyToken(request, surface, "required");
  if (!customerId) throw empty(401); // refused above already; this tells the type
  return { shop, customerId };
}

/**
 * A request for the program's public offer (GET /api/customer/offer): any genuine token
 * of an installed shop, a guest's included. Only the shop is returned: the offer is the
 * same for everyone, and nobody is looked up or enrolled.
 */
export async function verifyExtensionOfferRequest(
  request: Request,
  surface: ExtensionSurface,
): Promise<{ shop: string }> {
  const { shop } = await verifyToken(request, surface, "optional");
  return { shop };
}
