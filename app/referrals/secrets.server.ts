import crypto from "node:crypto";
import { config } from "../config.server";

/** The app's secret: signs reward codes and salts IP hashes, so neither can be guessed. */
function appSecret(): string {
  return config().shopify.apiSecret;
}

export function rewardCodeSecret(): string {
  return appSecret();
}

/** A salted, per-shop hash of an IP address: countable, never reversible to the IP. */
export function hashIp(shop: string, ip: string | null): string | null {
  if (!ip) return null;
  return crypto
    .createHmac("sha256", appSecret())
    .update(`${shop}|${ip.trim().toLowerCase()}`)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * A click's visitor key: an HMAC of the code, the UTC day, the IP and the user agent.
 * Equal for one visitor's clicks on one code in one day (so they count once), different
 * the next day (so days cannot be linked), and never reversible to the IP.
 */
export function clickVisitorKey(
  shop: string,
  code: string,
  visitor: { ip: string | null; userAgent: string | null },
  now: Date,
): string {
  const day = now.toISOString().slice(0, 10);
  return crypto
    .createHmac("sha256", appSecret())
    .update(
      ["click", shop, code, day, visitor.ip?.trim().toLowerCase() ?? "", visitor.userAgent?.trim() ?? ""].join("|"),
    )
    .digest("base64url")
    .slice(0, 32);
}
