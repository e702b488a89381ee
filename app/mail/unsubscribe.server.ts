import crypto from "node:crypto";
import { config } from "../config.server";
import db from "../db.server";

/**
 * One-click unsubscribe. Every advocate email carries a link signed with the app's
 * secret (HMAC of shop and advocate), in the body and in List-Unsubscribe, so nobody can
 * unsubscribe someone else by guessing ids. GET shows a page with a button; POST (the
 * button, or a mail client's RFC 8058 one-click request) unsubscribes.
 */

export const UNSUBSCRIBE_PATH = "/email/unsubscribe";

function signature(shop: string, advocateId: string): string {
  return crypto
    .createHmac("sha256", config().shopify.apiSecret)
    .update(`unsubscribe:${shop}:${advocateId}`)
    .digest("base64url")
    .slice(0, 32);
}

export function unsubscribeUrl(shop: string, advocateId: string): string {
  const url = new URL(UNSUBSCRIBE_PATH, config().shopify.appUrl);
  url.searchParams.set("shop", shop);
  url.searchParams.set("a", advocateId);
  url.searchParams.set("sig", signature(shop, advocateId));
  return url.toString();
}

/** The advocate a link names, when its signature holds; null otherwise. */
export function verifyUnsubscribe(params: URLSearchParams): { shop: string; advocateId: string } | null {
  const shop = params.get("shop") ?? "";
  const advocateId = params.get("a") ?? "";
  const sig = params.get("sig") ?? "";
  if (!shop || !advocateId || shop.length > 255 || advocateId.length > 64 || sig.length !== 32) return null;
  const expected = Buffer.from(signature(shop, advocateId));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return { shop, advocateId };
}

/** Headers that let mail clients offer their own unsubscribe button (RFC 2369, RFC 8058). */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** Marks the advocate unsubscribed (the first time counts); every later send checks it. */
export async function unsubscribeAdvocate(shop: string, advocateId: string): Promise<boolean> {
  const { count } = await db.advocate.updateMany({
    where: { id: advocateId, shop, emailUnsubscribedAt: null },
    data: { emailUnsubscribedAt: new Date() },
  });
  return count > 0;
}
