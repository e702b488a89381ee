/** Reads a required environment variable, failing loudly at start-up rather than later. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/**
 * The local Shopify simulator's URL, when the app is pointed at it. Honoured only outside
 * production and only for a loopback address, so a production app can never be
 * redirected away from Shopify by an environment variable.
 */
export function simulatorUrl(): string | null {
  const raw = process.env.SHOPIFY_SIMULATOR_URL;
  if (!raw || process.env.NODE_ENV === "production") return null;
  const url = new URL(raw);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
    throw new Error("SHOPIFY_SIMULATOR_URL must point at this machine (127.0.0.1, localhost or [::1])");
  }
  return url.origin;
}
