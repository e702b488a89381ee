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
