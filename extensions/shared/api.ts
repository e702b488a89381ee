import type { AdvocateView, ProgramView, ReferralView } from "./types";

/**
 * The one client of the app's extension endpoints. Every call carries the session token
 * Shopify gives the extension (`shopify.sessionToken.get()`); the app reads the shop and
 * the customer from it, never from anything the extension says.
 */

declare const process: { env: Record<string, string | undefined> };

/** What the extension needs of the `shopify` global to call the app. */
export interface SessionTokenApi {
  sessionToken: { get(): Promise<string> };
}

export type Surface = "customer-account" | "checkout";

export type Loaded =
  | { kind: "loading" }
  | { kind: "error" }
  /** the customer's code, link, figures and rewards */
  | { kind: "ready"; program: ProgramView; advocate: AdvocateView }
  /** off: the program is switched off; guest: no customer in the token (the public offer);
   * banned: rewards paused for this customer; preparing: no code yet */
  | { kind: "off" | "guest" | "banned" | "preparing"; program: ProgramView };

/**
 * The app's URL. The Shopify CLI replaces `process.env.APP_URL` with the app's URL when it
 * bundles an extension (and `npm run extensions:build` does the same); there is no
 * `process` at run time, hence the try.
 */
export function appUrl(): string {
  let url: string | undefined;
  try {
    url = process.env.APP_URL;
  } catch {
    url = undefined;
  }
  return (url ?? "").replace(/\/+$/, "");
}

async function call(api: SessionTokenApi, path: string): Promise<Response> {
  const token = await api.sessionToken.get();
  return fetch(`${appUrl()}${path}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
}

function isView(body: unknown): body is ReferralView {
  if (!body || typeof body !== "object") return false;
  const view = body as Partial<ReferralView>;
  return typeof view.loggedIn === "boolean" && !!view.program && typeof view.program.enabled === "boolean";
}

/** Which of the states a read model is in; the same order of checks as the theme block. */
export function classify(view: ReferralView): Loaded {
  const { program, advocate } = view;
  if (!program.enabled) return { kind: "off", program };
  if (!view.loggedIn) return { kind: "guest", program };
  if (!advocate) return { kind: "preparing", program };
  if (advocate.banned) return { kind: "banned", program };
  return { kind: "ready", program, advocate };
}

/**
 * Loads the customer's referral data. A 401 means the token names no customer (a guest
 * on the thank-you page, or a shop that has not granted customer data): then the public
 * offer is asked for, which the app answers for any genuine token of the shop.
 */
export async function loadReferral(api: SessionTokenApi, surface: Surface): Promise<Loaded> {
  const query = surface === "checkout" ? "?surface=checkout" : "";
  try {
    let res = await call(api, `/api/customer/referral${query}`);
    if (res.status === 401) res = await call(api, `/api/customer/offer${query}`);
    if (!res.ok) return { kind: "error" };
    const body: unknown = await res.json();
    return isView(body) ? classify(body) : { kind: "error" };
  } catch {
    return { kind: "error" };
  }
}
