import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "../config.server";
import { databaseTarget } from "../db.server";

/**
 * Rate limits of the storefront (app proxy) endpoints, per key ("customer:{shop}:{id}",
 * "ip:{address}"), answered with a 429 and Retry-After.
 *
 * Where the limits live follows the database:
 * - PostgreSQL (any number of app instances): one count per key in PostgreSQL, kept by
 *   rate-limiter-flexible's PostgreSQL store (table "StorefrontRateLimit", created by the
 *   first instance), so all instances together allow the configured rate, not N times
 *   it. Each key may spend BURST requests per window of BURST / PER_MINUTE minutes. If
 *   PostgreSQL cannot answer, each instance falls back to a window of its own in memory
 *   rather than refusing shoppers.
 * - SQLite (one process): a token bucket per key in this process's memory: BURST
 *   tokens, refilled PER_MINUTE a minute, a request takes one. Memory is bounded: at
 *   most MAX_KEYS buckets are kept, the least recently used is evicted first, and a
 *   bucket that has refilled completely is dropped as it carries no information.
 *
 * The limits (RATE_LIMIT_* in README's configuration table) come from config.server,
 * taken when the first limiter is made.
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

type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Limiter {
  take(key: string): Promise<Verdict>;
}

const TABLE = "StorefrontRateLimit";
let pool: pg.Pool | null = null;
let tableReady: Promise<void> | null = null;

/** The store's table, made once per database; instances starting together may race to it. */
function storeTable(): Promise<void> {
  pool ??= new pg.Pool({ connectionString: databaseTarget.url, max: 4 });
  const client = pool;
  return (tableReady ??= (async () => {
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
      );
    } catch (error) {
      // Another instance created it between our check and our create.
      const code = (error as { code?: string }).code;
      if (code !== "23505" && code !== "42P07") {
        tableReady = null;
        throw error;
      }
    }
  })());
}

/** rate-limiter-flexible's PostgreSQL store: one count per key for every instance. */
function sharedLimiter(scope: string, limits: { perMinute: number; burst: number }): Limiter {
  const points = limits.burst;
  const duration = Math.max(1, Math.round((limits.burst * 60) / limits.perMinute));
  let limiter: RateLimiterPostgres | null = null;
  return {
    async take(key) {
      if (!limiter) {
        await storeTable();
        limiter ??= new RateLimiterPostgres({
          storeClient: pool,
          storeType: "pool",
          tableName: TABLE,
          tableCreated: true,
          keyPrefix: `storefront_${scope}`,
          points,
          duration,
          clearExpiredByTimeout: true,
          // A key over its limit is refused from memory until its window ends.
          inMemoryBlockOnConsumed: points + 1,
          insuranceLimiter: new RateLimiterMemory({ points, duration }),
        });
      }
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
      }
    },
  };
}

/** This process's token buckets (SQLite: the app runs as one process). */
function memoryLimiter(bucketConfig: BucketConfig): Limiter {
  const buckets = new TokenBuckets(bucketConfig);
  return { take: async (key) => buckets.take(key) };
}

let limiters: { customer: Limiter; ip: Limiter } | null = null;

function storefrontLimiters() {
  if (!limiters) {
    const { customer, ip, maxKeys } = config().storefront;
    limiters =
      databaseTarget.provider === "postgresql"
        ? { customer: sharedLimiter("customer", customer), ip: sharedLimiter("ip", ip) }
        : { customer: memoryLimiter({ ...customer, maxKeys }), ip: memoryLimiter({ ...ip, maxKeys }) };
  }
  return limiters;
}

/**
 * Starts the limits afresh from the configuration (tests): memory buckets are
 * forgotten; on PostgreSQL the stored counts are removed too.
 */
export async function resetRateLimits() {
  limiters = null;
  if (databaseTarget.provider === "postgresql") {
    await storeTable();
    await pool!.query(`DELETE FROM "${TABLE}"`);
  }
}

/**
 * Checks the limits of one storefront request: per logged-in customer (of the shop)
 * and per client IP, each when known. Returns null when allowed, otherwise the 429.
 */
export async function storefrontRateLimit(who: {
  shop: string;
  customerId: string | null;
  ip: string | null;
}): Promise<Response | null> {
  if (config().storefront.rateLimitsDisabled) return null;
  const { customer, ip } = storefrontLimiters();
  const checks: [Limiter, string, string][] = [];
  if (who.customerId) checks.push([customer, `customer:${who.shop}:${who.customerId}`, "customer"]);
  if (who.ip) checks.push([ip, `ip:${who.ip}`, "ip"]);
  for (const [limiter, key, scope] of checks) {
    const result = await limiter.take(key);
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
