import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../app/config.server";
import { ensureAppBuild } from "../support/app-build";

// The configuration is one zod schema: defaults when unset, a ConfigError naming the
// variable for a bad value, and the only place in the app that reads process.env.
const ROOT = path.resolve(__dirname, "../..");
const BASE = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "a-very-secret-value",
  SHOPIFY_APP_URL: "https://referrals.example",
  NODE_ENV: "production",
};

const failure = (env: Record<string, string>) => {
  try {
    parseConfig({ ...BASE, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe("configuration", () => {
  it("takes the documented defaults when variables are unset or empty", () => {
    const config = parseConfig({ ...BASE, WORKER_POLL_MS: "", SCOPES: "read_orders, write_discounts" });
    expect(config.worker).toEqual({ pollMs: 2000, issueConcurrency: 4, giveWayMaxMs: 50 });
    expect(config.server).toMatchObject({ port: 3000, host: "0.0.0.0", runWorker: true, benchRoutes: false });
    expect(config.storefront).toMatchObject({
      customer: { perMinute: 60, burst: 20 },
      ip: { perMinute: 120, burst: 40 },
      maxKeys: 10000,
      trustedProxyHops: 0,
      rateLimitsDisabled: false,
    });
    expect(config.webhooks.maxBodyBytes).toBe(2 * 1024 * 1024);
    expect(config.shopify.scopes).toEqual(["read_orders", "write_discounts"]);
    expect(config.shopify.logLevel).toBe("info");
    expect(config.database.provider).toBe("sqlite");
  });

  it.each([
    ["WORKER_ISSUE_CONCURRENCY", "0"],
    ["WORKER_ISSUE_CONCURRENCY", "four"],
    ["WORKER_POLL_MS", "abc"],
    ["WORKER_POLL_MS", "-5"],
    ["WORKER_GIVE_WAY_MS", "1.5"],
    ["RATE_LIMIT_IP_BURST", "0"],
    ["RATE_LIMIT_CUSTOMER_PER_MINUTE", "lots"],
    ["TRUSTED_PROXY_HOPS", "one"],
    ["WEBHOOK_MAX_BODY_BYTES", "2MB"],
    ["PORT", "70000"],
    ["DATABASE_POOL_SIZE", "0"],
    ["RUN_WORKER", "no"],
    ["SHOPIFY_LOG_LEVEL", "verbose"],
    ["DATABASE_URL", "mysql://db/x"],
    ["SHOPIFY_APP_URL", "not a url"],
  ])("refuses %s=%s, naming the variable and the value", (name, value) => {
    const message = failure({ [name]: value });
    expect(message).toContain(name);
    expect(message).toContain(value);
  });

  it("names every missing required variable and never echoes the secret", () => {
    expect(failure({ SHOPIFY_API_KEY: "", SHOPIFY_APP_URL: "" })).toMatch(/SHOPIFY_API_KEY[\s\S]*SHOPIFY_APP_URL/);
    expect(failure({ WORKER_POLL_MS: "x", SHOPIFY_API_SECRET: "" })).toContain("SHOPIFY_API_SECRET");
    expect(failure({ WORKER_POLL_MS: "x" })).not.toContain(BASE.SHOPIFY_API_SECRET);
  });

  it("refuses a simulator URL off this machine outside production, ignores any in production", () => {
    expect(failure({ NODE_ENV: "test", SHOPIFY_SIMULATOR_URL: "http://evil.example:4100" })).toContain(
      "SHOPIFY_SIMULATOR_URL",
    );
    expect(
      parseConfig({ ...BASE, NODE_ENV: "test", SHOPIFY_SIMULATOR_URL: "http://127.0.0.1:4100/x" }).shopify,
    ).toMatchObject({ simulatorUrl: "http://127.0.0.1:4100" });
    expect(parseConfig({ ...BASE, SHOPIFY_SIMULATOR_URL: "http://127.0.0.1:4100" }).shopify.simulatorUrl).toBeNull();
  });

  it("turns advocate emails on with SMTP_URL and MAIL_FROM, and never echoes the SMTP password", () => {
    expect(parseConfig(BASE).mail).toBeNull();
    expect(parseConfig({ ...BASE, SMTP_URL: "", MAIL_FROM: "" }).mail).toBeNull();
    expect(
      parseConfig({ ...BASE, SMTP_URL: "smtps://u:p@mail.example:465", MAIL_FROM: "Shop <a@shop.example>" }).mail,
    ).toEqual({ smtpUrl: "smtps://u:p@mail.example:465", from: "Shop <a@shop.example>" });
    expect(failure({ SMTP_URL: "smtp://u:p@mail.example:587" })).toContain("MAIL_FROM");
    const wrongScheme = failure({ SMTP_URL: "http://user:hunter2@mail.example", MAIL_FROM: "a@shop.example" });
    expect(wrongScheme).toContain("SMTP_URL");
    expect(wrongScheme).not.toContain("hunter2");
    expect(failure({ SMTP_URL: "smtp://mail.example", MAIL_FROM: "not an address" })).toContain("MAIL_FROM");
  });

  it("reads the operator's support contact (SUPPORT_EMAIL, SUPPORT_URL) and refuses a malformed one", () => {
    expect(parseConfig(BASE).support).toEqual({ email: null, url: null });
    expect(
      parseConfig({ ...BASE, SUPPORT_EMAIL: "help@operator.example", SUPPORT_URL: "https://operator.example/help" })
        .support,
    ).toEqual({ email: "help@operator.example", url: "https://operator.example/help" });
    expect(failure({ SUPPORT_EMAIL: "not an address" })).toContain("SUPPORT_EMAIL");
    expect(failure({ SUPPORT_URL: "javascript:alert(1)" })).toContain("SUPPORT_URL");
  });

  it("is the only reader of process.env in app/ and server.mjs", () => {
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(m?[jt]sx?)$/.test(entry.name) && /process\.env/.test(fs.readFileSync(file, "utf8")))
          readers.push(path.relative(ROOT, file));
      }
    };
    walk(path.join(ROOT, "app"));
    if (/process\.env/.test(fs.readFileSync(path.join(ROOT, "server.mjs"), "utf8"))) readers.push("server.mjs");
    expect(readers).toEqual(["app/config.server.ts"]);
  });

  it("stops the server at start-up with the variable's name", { timeout: 300_000 }, async () => {
    await ensureAppBuild();
    const run = spawnSync(process.execPath, [path.join(ROOT, "server.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", WORKER_ISSUE_CONCURRENCY: "0" },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("WORKER_ISSUE_CONCURRENCY");
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
