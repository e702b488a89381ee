/**
 * Rate limits of the storefront (app proxy) endpoints: an in-memory token bucket per
 * key ("customer:{shop}:{id}", "ip:{address}"). Each bucket holds BURST tokens and
 * refills PER_MINUTE tokens a minute; a request takes one. Memory is bounded: at most
 * MAX_KEYS buckets are kept, the least recently used is evicted first, and a bucket
 * that has refilled completely is dropped as it carries no information.
 *
 * The buckets live in this process: with several app instances behind a load balancer
 * each instance keeps its own, so the effective limit is per instance (N instances let
 * through up to N times the configured rate). Use a shared store (e.g. Redis) if that
 * matters for your deployment.
 *
 * Environment (read when the first limiter is made):
 *   RATE_LIMIT_CUSTOMER_PER_MINUTE (default 60), RATE_LIMIT_CUSTOMER_BURST (default 20),
 *   RATE_LIMIT_IP_PER_MINUTE (default 120), RATE_LIMIT_IP_BURST (default 40),
 *   RATE_LIMIT_MAX_KEYS (default 10000), RATE_LIMIT_DISABLED=true turns limits off.
 */

export interface BucketConfig {
  perMinute: number;
  burst: number;
  maxKeys: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  // A Map iterates in insertion order; re-inserting on use keeps it in LRU order.
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get size() {
    return this.buckets.size;
  }

  /** Takes a token for `key`: allowed, or refused with the seconds until one is back. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const { perMinute, burst } = this.config;
    const now = this.now();
    const ratePerMs = perMinute / 60_000;
    const old = this.buckets.get(key);
    const tokens = old ? Math.min(burst, old.tokens + (now - old.updatedAt) * ratePerMs) : burst;
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    this.evict(now, ratePerMs);
    return { allowed: true };
  }

  private evict(now: number, ratePerMs: number) {
    const { burst, maxKeys } = this.config;
    for (const [key, bucket] of this.buckets) {
      const full = bucket.tokens + (now - bucket.updatedAt) * ratePerMs >= burst;
      if (this.buckets.size <= maxKeys && !full) break; // the oldest is still in use: so are the rest
      this.buckets.delete(key);
    }
  }
}

function envNumber(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

let limiters: { customer: TokenBuckets; ip: TokenBuckets } | null = null;

function storefrontLimiters() {
  if (!limiters) {
    const maxKeys = envNumber("RATE_LIMIT_MAX_KEYS", 10_000);
    limiters = {
      customer: new TokenBuckets({
        perMinute: envNumber("RATE_LIMIT_CUSTOMER_PER_MINUTE", 60),
        burst: envNumber("RATE_LIMIT_CUSTOMER_BURST", 20),
        maxKeys,
      }),
      ip: new TokenBuckets({
        perMinute: envNumber("RATE_LIMIT_IP_PER_MINUTE", 120),
        burst: envNumber("RATE_LIMIT_IP_BURST", 40),
        maxKeys,
      }),
    };
  }
  return limiters;
}

/** Forgets every bucket and re-reads the environment (tests). */
export function resetRateLimits() {
  limiters = null;
}

/**
 * Checks the limits of one storefront request: per logged-in customer (of the shop)
 * and per client IP, each when known. Returns null when allowed, otherwise the 429.
 */
export function storefrontRateLimit(who: {
  shop: string;
  customerId: string | null;
  ip: string | null;
}): Response | null {
  if (process.env.RATE_LIMIT_DISABLED === "true") return null;
  const { customer, ip } = storefrontLimiters();
  const checks: [TokenBuckets, string, string][] = [];
  if (who.customerId) checks.push([customer, `customer:${who.shop}:${who.customerId}`, "customer"]);
  if (who.ip) checks.push([ip, `ip:${who.ip}`, "ip"]);
  for (const [buckets, key, scope] of checks) {
    const result = buckets.take(key);
    if (!result.allowed) {
      return Response.json(
        {
          error: "rate_limited",
          reason: `Too many requests from this ${scope === "ip" ? "network address" : "customer"}; try again later.`,
          scope,
          retryAfterSeconds: result.retryAfterSeconds,
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds), "Cache-Control": "no-store" } },
      );
    }
  }
  return null;
}
