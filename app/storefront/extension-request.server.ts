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
 * (no offline session: app/uninstalled deletes it) gets an empty 404.
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
 * Verifies the request; throws the Response to send when it may not go on (the 204 of a
 * preflight, 401, 404, or the library's 410 for a self-declared bot), CORS headers included.
 */
export async function verifyExtensionRequest(request: Request, surface: ExtensionSurface): Promise<ExtensionCaller> {
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
  const customer = typeof payload.sub === "string" ? CUSTOMER_GID.exec(payload.sub) : null;
  const shop = shopFromDest(payload.dest);
  if (payload.aud !== config().shopify.apiKey || !customer || !shop) throw empty(401);
  if (!(await isInstalled(shop))) throw empty(404);
  return { shop, customerId: customer[1] };
}
