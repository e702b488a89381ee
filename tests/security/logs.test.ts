import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, drain, enrollCustomer, installShop, rewardDiscounts, startWorld, type World } from "../support/world";
import { captureOutput, freshIp, proxyGet } from "./support";

// A whole flow with everything that writes to the console captured: install, enrolment,
// the storefront, orders with emails through signed webhooks, faults from Shopify,
// reward issuance, privacy webhooks. No access token and no customer email may appear.
// The Shopify library logs at debug level here, so its own logging is under test too.
let world: World;
beforeAll(async () => {
  process.env.SHOPIFY_LOG_LEVEL = "debug";
  world = await startWorld();
});
afterAll(async () => {
  delete process.env.SHOPIFY_LOG_LEVEL;
  await world?.stop();
});

describe("logs", () => {
  it("never contain access tokens, secrets or customer emails", async () => {
    const { default: db } = await import("../../app/db.server");
    const emails = new Set<string>();
    const email = (local: string) => {
      const e = `${local}.${Math.random().toString(36).slice(2, 8)}@mailbox.example`;
      emails.add(e);
      return e;
    };
    const { output } = await captureOutput(async () => {
      const shop = await installShop(world.sim);
      const advocateEmail = email("anna");
      const { customer, advocate } = await enrollCustomer(world.sim, shop, {
        email: advocateEmail,
        firstName: "Anna",
        lastName: "Kowalska",
      });
      expect(
        (
          await proxyGet(world.app.url, "/proxy/api/me", {
            shop,
            customerId: String(customer.legacyResourceId),
            ip: freshIp(),
          })
        ).status,
      ).toBe(200);
      expect((await proxyGet(world.app.url, `/proxy/r/${advocate.code}`, { shop, ip: freshIp() })).status).toBe(302);
      // A bad signature and a bad webhook are logged by the library: still nothing secret.
      await proxyGet(world.app.url, "/proxy/api/me", {
        shop,
        customerId: "1",
        ip: freshIp(),
        tamper: (q) => q.set("signature", "0".repeat(64)),
      });
      await world.sim.sendWebhook(shop, "orders/create", { id: "x", email: email("bad") }, { secret: "wrong" });
      await world.sim.sendWebhook(shop, "orders/create", { id: "x", email: email("odd") });

      world.sim.faults.add({ kind: "status", status: 503, count: 2, shop, rootField: "discountCodeBasicCreate" });
      world.sim.faults.add({ kind: "throttle", count: 1, shop, rootField: "discountCodeBasicCreate" });
      for (let i = 0; i < 3; i++) {
        const placed = await world.sim.placeOrder(shop, {
          customer: { email: email(`friend${i}`), firstName: `Friend${i}`, lastName: "Nowak" },
          subtotal: "50.00",
          discountCodes: [advocate.code],
          browserIp: `203.0.113.${i + 10}`,
          financialStatus: "paid",
        });
        expect(placed.deliveries.every((d) => d.status === 200)).toBe(true);
      }
      // A self-referral (blocked) and an order of the advocate with their own email.
      await world.sim.placeOrder(shop, {
        customer: { email: advocateEmail, firstName: "Anna", lastName: "Kowalska" },
        subtotal: "20.00",
        discountCodes: [advocate.code],
        financialStatus: "paid",
      });
      await drain();
      await drain(15 * DAY);
      await drain(16 * DAY);
      expect(rewardDiscounts(world.sim, shop).length).toBeGreaterThanOrEqual(1);

      await world.sim.sendWebhook(shop, "customers/data_request", {
        shop_domain: shop,
        customer: { id: customer.legacyResourceId, email: advocateEmail },
        data_request: { id: 9001 },
      });
      await world.sim.sendWebhook(shop, "customers/redact", {
        shop_domain: shop,
        customer: { id: customer.legacyResourceId, email: advocateEmail },
      });
      await world.sim.sendWebhook(shop, "app/uninstalled", { id: 1, domain: shop });
    });

    const sessions = await db.session.findMany({ select: { accessToken: true, refreshToken: true } });
    const secrets = [
      process.env.SHOPIFY_API_SECRET!,
      ...sessions.flatMap((s) => [s.accessToken, s.refreshToken]).filter((t): t is string => !!t && t.length >= 8),
      // every token the simulator ever issued (its store is private; a test may look)
      ...[
        ...(
          world.sim.tokens as unknown as { byToken: Map<string, { token: string; refreshToken: string | null }> }
        ).byToken.values(),
      ]
        .flatMap((r) => [r.token, r.refreshToken ?? ""])
        .filter(Boolean),
    ];
    expect(secrets.length).toBeGreaterThan(1);
    expect(output.length).toBeGreaterThan(0); // something was logged, so the check means something
    for (const secret of secrets) expect(output, "a token leaked into the logs").not.toContain(secret);
    expect(output).not.toMatch(/shp(at|ua|ca|ss|rt)_[0-9a-f]{8,}/i);
    for (const e of emails) expect(output, `${e} leaked into the logs`).not.toContain(e);
    expect(output).not.toMatch(/[A-Za-z0-9._%+-]+@mailbox\.example/);
  });
});

describe("the redaction every log line goes through", () => {
  it("removes tokens, secrets, JWTs, bearer credentials and emails, and keeps the rest", async () => {
    const { redact } = await import("../../app/lib/log.server");
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiaHR0cHM6Ly9hLm15c2hvcGlmeS5jb20ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const text = [
      "token shpat_0123456789abcdef0123456789abcdef and shpua_fedcba9876543210 and shprt_aaaaaaaaaaaa",
      `id_token=${jwt}&shop=a.myshopify.com`,
      "Authorization: Bearer abcdefghijklmnop",
      '{"accessToken":"opaque-value-1","refresh_token":"opaque-value-2"}',
      "friend Anna.K+promo@Example.COM and борис@пример.рф ordered",
      `secret ${process.env.SHOPIFY_API_SECRET}`,
    ].join("\n");
    const out = redact(text);
    for (const leaked of [
      "shpat_0123",
      "shpua_fedc",
      "shprt_aaaa",
      jwt,
      "abcdefghijklmnop",
      "opaque-value-1",
      "opaque-value-2",
      "Anna.K+promo@Example.COM",
      "борис@пример.рф",
      process.env.SHOPIFY_API_SECRET!,
    ]) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain("shop=a.myshopify.com");
    expect(out).toContain("ordered");
  });

  it("removes every token-shaped value: unsigned, cut short, malformed, in URLs encoded or not", async () => {
    const { redact } = await import("../../app/lib/log.server");
    const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const claims = b64url({ dest: "https://a.myshopify.com", sub: "1", sid: "s3cr3t-session-id" });
    const algNone = `${b64url({ alg: "none", typ: "JWT" })}.${claims}.`;
    const twoParts = `${b64url({ alg: "none" })}.${claims}`;
    const cutShort = `${b64url({ alg: "HS256", typ: "JWT" })}.${claims.slice(0, 10)}`;
    const opaque = "mistyped-Zq9xW2vY7uT5";
    const lines = [
      // shopify-app-remix's own debug lines, as it formats them
      `[shopify-app/DEBUG] Attempting to authenticate session token | {shop: a.myshopify.com, sessionToken: {"header":"${algNone}","search":null}}`,
      `[shopify-app/DEBUG] Attempting to authenticate session token | {shop: a.myshopify.com, sessionToken: {"header":null,"search":"${opaque}"}}`,
      `[shopify-app/DEBUG] Redirecting | {shop: a.myshopify.com, url: https://app.example/auth/session-token?shop=a.myshopify.com&shopify-reload=https%3A%2F%2Fapp.example%2Fapp%3Fid_token%3D${opaque}%26shop%3Da.myshopify.com}`,
      `GET /app?embedded=1&id_token=${twoParts}&shop=a.myshopify.com`,
      `GET /app?idtoken=${opaque}&id_token=${cutShort}`,
      `Authorization: Bearer ${opaque}`,
      `authorization: ${opaque}`,
      `{"session_token":"${opaque}","hmac":"${opaque}2"}`,
      `signature=${opaque}3&timestamp=1`,
      `[shopify-app/DEBUG] Failed to validate session token: Failed to parse session token '${opaque}4': Invalid Compact JWS`,
    ];
    const out = redact(lines.join("\n"));
    for (const leaked of [algNone, twoParts, cutShort, claims, claims.slice(0, 10), opaque, "s3cr3t"]) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain("shop: a.myshopify.com");
    expect(out).toContain("shop%3Da.myshopify.com");
    expect(out).toContain("&shop=a.myshopify.com");
    expect(out).toContain("&timestamp=1");
    expect(out).toContain("[shopify-app/DEBUG] Redirecting");
  });

  it("gets through a 400,000-character line (patterns are bounded, no runaway backtracking)", async () => {
    const { redact } = await import("../../app/lib/log.server");
    // Would take minutes with unbounded backtracking over the letters.
    const out = redact(`${"a".repeat(200_000)} id_token=${"b".repeat(200_000)}`);
    expect(out).toContain("id_token=[redacted]");
  });

  it("is what the Shopify library's logger writes through", async () => {
    const { shopifyLogger } = await import("../../app/lib/log.server");
    const { LogSeverity } = await import("@shopify/shopify-api");
    const { output } = await captureOutput(async () => {
      shopifyLogger().log(
        LogSeverity.Error,
        "[shopify-app/ERROR] failed | {accessToken: shpat_0123456789abcdef, email: someone@mailbox.example}",
      );
    });
    expect(output).toContain("[shopify-app/ERROR] failed");
    expect(output).not.toContain("shpat_0123456789abcdef");
    expect(output).not.toContain("someone@mailbox.example");
  });
});
