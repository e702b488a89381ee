import { z } from "zod";
import { resolveDatabase } from "./lib/database-target.js";

/**
 * The app's configuration: every environment variable it reads, parsed and validated by
 * one zod schema. Nothing else in app/ reads process.env. A bad value stops the process at
 * start-up with a message naming the variable, instead of silently stopping work later
 * (a concurrency of 0 issues nothing while the worker reports work done).
 */

/** An unset or empty variable takes its default: `FOO=` in a deployment means "not set". */
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const integer = (min: number, fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\s*\d+\s*$/, `must be a whole number of at least ${min}`)
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(Number.MAX_SAFE_INTEGER, "is too large"))
      .default(fallback),
  );

const positiveNumber = (fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\s*\d+(\.\d+)?\s*$/, "must be a number greater than 0")
      .transform(Number)
      .pipe(z.number().positive("must be greater than 0"))
      .default(fallback),
  );

const flag = (fallback: boolean) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(["true", "false", "1", "0"], { error: "must be true or false" })
      .transform((v) => v === "true" || v === "1")
      .default(fallback),
  );

const text = () => z.preprocess(unsetIfEmpty, z.string().trim().optional());
const required = () => z.preprocess(unsetIfEmpty, z.string({ error: "is required" }).trim());

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

const schema = z
  .object({
    NODE_ENV: z.preprocess(unsetIfEmpty, z.string().default("production")),
    SHOPIFY_API_KEY: required(),
    SHOPIFY_API_SECRET: required(),
    SHOPIFY_APP_URL: z.preprocess(unsetIfEmpty, z.url({ error: "must be a URL (https://…)" })),
    SCOPES: text(),
    SHOP_CUSTOM_DOMAIN: text(),
    SHOPIFY_SIMULATOR_URL: z.preprocess(unsetIfEmpty, z.url({ error: "must be a URL" }).optional()),
    SHOPIFY_LOG_LEVEL: z.preprocess(
      unsetIfEmpty,
      z.enum(["error", "warning", "info", "debug"], { error: "must be error, warning, info or debug" }).optional(),
    ),
    DATABASE_URL: text(),
    DATABASE_POOL_SIZE: integer(1, 10),
    PORT: integer(0, 3000).pipe(z.number().max(65535, "must be a port number (0-65535)")),
    HOST: z.preprocess(unsetIfEmpty, z.string().default("0.0.0.0")),
    RUN_WORKER: flag(true),
    WORKER_POLL_MS: integer(10, 2_000),
    WORKER_ISSUE_CONCURRENCY: integer(1, 4),
    WORKER_GIVE_WAY_MS: integer(0, 50),
    RATE_LIMIT_CUSTOMER_PER_MINUTE: positiveNumber(60),
    RATE_LIMIT_CUSTOMER_BURST: positiveNumber(20),
    RATE_LIMIT_IP_PER_MINUTE: positiveNumber(120),
    RATE_LIMIT_IP_BURST: positiveNumber(40),
    RATE_LIMIT_MAX_KEYS: integer(1, 10_000),
    RATE_LIMIT_DISABLED: flag(false),
    TRUSTED_PROXY_HOPS: integer(0, 0),
    WEBHOOK_MAX_BODY_BYTES: integer(1, 2 * 1024 * 1024),
    WEBHOOK_PAYLOAD_RETENTION_DAYS: integer(0, 30),
    BENCH_ROUTES: flag(false),
    SMTP_URL: text(),
    MAIL_FROM: text(),
    SUPPORT_EMAIL: z.preprocess(unsetIfEmpty, z.email({ error: "must be an email address" }).optional()),
    SUPPORT_URL: z.preprocess(
      unsetIfEmpty,
      z.url({ protocol: /^https?$/, error: "must be a web address (https://…)" }).optional(),
    ),
    DATABASE_COUNT_QUERIES: flag(false),
  })
  .superRefine((env, ctx) => {
    try {
      resolveDatabase({ DATABASE_URL: env.DATABASE_URL });
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: (error as Error).message });
    }
    if (env.SHOPIFY_SIMULATOR_URL && env.NODE_ENV !== "production") {
      if (!LOOPBACK.includes(new URL(env.SHOPIFY_SIMULATOR_URL).hostname))
        ctx.addIssue({
          code: "custom",
          path: ["SHOPIFY_SIMULATOR_URL"],
          message: "must point at this machine (127.0.0.1, localhost or [::1])",
        });
    }
    if (env.SMTP_URL) {
      let url: URL | null = null;
      try {
        url = new URL(env.SMTP_URL);
      } catch {
        url = null;
      }
      if (!url || !["smtp:", "smtps:"].includes(url.protocol) || !url.hostname)
        ctx.addIssue({
          code: "custom",
          path: ["SMTP_URL"],
          message: "must be smtp://user:pass@host:port or smtps://user:pass@host:port",
        });
      if (!env.MAIL_FROM)
        ctx.addIssue({
          code: "custom",
          path: ["MAIL_FROM"],
          message: "is required when SMTP_URL is set (for example Referrals <referrals@example.com>)",
        });
    }
    if (env.MAIL_FROM && !/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(env.MAIL_FROM))
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "must be an address (referrals@example.com) or a name and address (Referrals <referrals@example.com>)",
      });
  })
  .transform((env) => ({
    nodeEnv: env.NODE_ENV,
    shopify: {
      apiKey: env.SHOPIFY_API_KEY,
      apiSecret: env.SHOPIFY_API_SECRET,
      appUrl: env.SHOPIFY_APP_URL,
      scopes: env.SCOPES?.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      customShopDomain: env.SHOP_CUSTOM_DOMAIN ?? null,
      logLevel: env.SHOPIFY_LOG_LEVEL ?? (env.NODE_ENV === "test" ? "error" : "info"),
      /** The local simulator's origin; honoured only outside production, so production always talks to Shopify. */
      simulatorUrl:
        env.SHOPIFY_SIMULATOR_URL && env.NODE_ENV !== "production" ? new URL(env.SHOPIFY_SIMULATOR_URL).origin : null,
    },
    database: {
      ...resolveDatabase({ DATABASE_URL: env.DATABASE_URL }),
      poolSize: env.DATABASE_POOL_SIZE,
      countQueries: env.DATABASE_COUNT_QUERIES,
    },
    server: { port: env.PORT, host: env.HOST, runWorker: env.RUN_WORKER, benchRoutes: env.BENCH_ROUTES },
    worker: {
      pollMs: env.WORKER_POLL_MS,
      issueConcurrency: env.WORKER_ISSUE_CONCURRENCY,
      giveWayMaxMs: env.WORKER_GIVE_WAY_MS,
    },
    storefront: {
      rateLimitsDisabled: env.RATE_LIMIT_DISABLED,
      customer: { perMinute: env.RATE_LIMIT_CUSTOMER_PER_MINUTE, burst: env.RATE_LIMIT_CUSTOMER_BURST },
      ip: { perMinute: env.RATE_LIMIT_IP_PER_MINUTE, burst: env.RATE_LIMIT_IP_BURST },
      maxKeys: env.RATE_LIMIT_MAX_KEYS,
      trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    },
    webhooks: { maxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES, payloadRetentionDays: env.WEBHOOK_PAYLOAD_RETENTION_DAYS },
    /** Advocate emails: off (nothing is sent) without SMTP_URL. */
    mail: env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM! } : null,
    /** Who shop owners contact about the app (the operator); shown on the Help page. */
    support: { email: env.SUPPORT_EMAIL ?? null, url: env.SUPPORT_URL ?? null },
  }));

export type Config = z.output<typeof schema>;

/** A configuration the app cannot run with; the message names every bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment (process.env by default); throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const raw = env[name];
    const got = raw === undefined || raw === "" ? "not set" : `got "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"`;
    // Secrets (and the password in SMTP_URL) are never echoed back.
    const shown = /SECRET|SMTP_URL/.test(name) ? "" : ` (${got})`;
    return `  ${name}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

let current: Config | null = null;

/** The configuration, parsed from process.env on first use (at start-up: server.mjs loads it before anything else). */
export function config(): Config {
  return (current ??= parseConfig());
}

/**
 * Parses process.env again. For a process that sets its own environment after the app's
 * modules were loaded: the demo and the tests point the app at a simulator they start.
 */
export function reloadConfig(): Config {
  current = parseConfig();
  return current;
}
