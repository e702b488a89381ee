import crypto from "node:crypto";

/** The app's secret: signs reward codes and salts IP hashes, so neither can be guessed. */
function appSecret(): string {
  const secret = process.env.SHOPIFY_API_SECRET;
  if (!secret) throw new Error("SHOPIFY_API_SECRET is not set");
  return secret;
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
