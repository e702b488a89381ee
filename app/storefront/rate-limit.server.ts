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
 * The limits (RATE_LIMIT_* in README's configuration table) come from config.server,
 * taken when the first limiter is made.
 */
import { config } from "../config.server";

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

let limiters: { customer: TokenBuckets; ip: TokenBuckets } | null = null;

function storefrontLimiters() {
  if (!limiters) {
    const { customer, ip, maxKeys } = config().storefront;
    limiters = {
      customer: new TokenBuckets({ ...customer, maxKeys }),
      ip: new TokenBuckets({ ...ip, maxKeys }),
    };
  }
  return limiters;
}

/** Forgets every bucket and takes the limits from the configuration again (tests). */
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
  if (config().storefront.rateLimitsDisabled) return null;
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
