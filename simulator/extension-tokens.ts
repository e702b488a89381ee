// Session tokens as Shopify hands them to an app's UI extensions: `shopify.sessionToken.get()`
// on customer account pages and in checkout (the thank-you page). HS256 with the app's
// secret; `dest` is the bare shop domain, `aud` the app's client id, `sub` the customer's
// GID only when a customer is signed in (absent for a guest), valid for five minutes.
// Every claim can be overridden so tests can forge each kind of bad token.

import crypto from "node:crypto";
import { signHs256 } from "./jwt.js";

export type ExtensionSurface = "customer-account" | "checkout";

export interface ExtensionTokenOptions {
  /** the signed-in customer's numeric id; omitted or null: a guest (no sub) */
  customerId?: string | number | null;
  /** replaces the sub claim outright (null removes it) */
  sub?: string | null;
  aud?: string;
  dest?: string;
  /** sign with this secret instead of the app's */
  secret?: string;
  /** seconds from now; default 300 (Shopify's five minutes) */
  ttlSeconds?: number;
  /** seconds from now the token becomes valid; default -5 */
  notBeforeSeconds?: number;
  now?: number;
}

export function mintExtensionSessionToken(
  surface: ExtensionSurface,
  shop: string,
  app: { apiKey: string; secret: string },
  opts: ExtensionTokenOptions = {},
): string {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const sub =
    opts.sub !== undefined
      ? opts.sub
      : opts.customerId !== undefined && opts.customerId !== null && opts.customerId !== ""
        ? `gid://shopify/Customer/${opts.customerId}`
        : null;
  const payload: Record<string, unknown> = {
    iss: surface === "checkout" ? `https://${shop}/checkouts` : `https://${shop}/account`,
    dest: opts.dest ?? shop,
    aud: opts.aud ?? app.apiKey,
    exp: now + (opts.ttlSeconds ?? 300),
    nbf: now + (opts.notBeforeSeconds ?? -5),
    iat: now,
    jti: crypto.randomUUID(),
    ...(sub ? { sub } : {}),
  };
  return signHs256(payload, opts.secret ?? app.secret);
}
