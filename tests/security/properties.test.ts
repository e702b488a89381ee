import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideAttribution, RULES, type AttributionFacts } from "../../app/referrals/attribution";
import { currencyExponent, formatMinor, parseMoney, parseShopifyAmount, percentOf } from "../../app/lib/money";
import { isPlausibleAmount, jsonNestedDeeperThan } from "../../app/webhooks/payload-check";

// Property-based checks of the two pure cores the request boundary relies on: the fraud
// rules and money arithmetic (tests/unit has the example-based ones).

const person = fc.record({
  customerId: fc.option(fc.stringMatching(/^[1-9]\d{0,5}$/), { nil: null }),
  email: fc.option(
    fc.oneof(fc.emailAddress(), fc.constantFrom("anna.k@example.com", "Anna.K+x@Example.com", "annak@example.net")),
    { nil: null },
  ),
  firstName: fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("Anna", "Ana", "Борис")), { nil: null }),
  lastName: fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("Kowalska", "Petrov")), { nil: null }),
});

const facts: fc.Arbitrary<AttributionFacts> = fc.record({
  programEnabled: fc.boolean(),
  advocate: fc.record({
    customerId: fc.option(fc.stringMatching(/^[1-9]\d{0,5}$/), { nil: null }),
    email: fc.option(fc.constantFrom("anna.k@example.com", "boris@example.org"), { nil: null }),
    firstName: fc.option(fc.constantFrom("Anna", "Boris"), { nil: null }),
    lastName: fc.option(fc.constantFrom("Kowalska", "Petrov"), { nil: null }),
    status: fc.constantFrom("active", "banned"),
    code: fc.constantFrom("ANNA-7K3QX9PD", "BORIS-2345ABCD"),
  }),
  friend: person,
  orderCodes: fc.array(fc.constantFrom("ANNA-7K3QX9PD", "BORIS-2345ABCD", "WELCOME10"), { maxLength: 4 }),
  subtotalMinor: fc.nat(1_000_000),
  minimumSubtotalMinor: fc.nat(1_000_000),
  friendHasEarlierOrders: fc.boolean(),
  friendAlreadyReferred: fc.boolean(),
  ordersFromSameIp: fc.nat(20),
  advocateReferralsLastHour: fc.nat(20),
  advocateReferralsLastDay: fc.nat(40),
  distinctIpsLastDay: fc.nat(40),
});

const BLOCKING = new Set([
  "program_paused",
  "advocate_banned",
  "self_referral",
  "existing_customer",
  "already_referred",
  "below_minimum",
]);
const HOLDING = new Set(["similar_email", "similar_name", "ip_reuse", "burst", "public_code"]);

/** The same object with its keys (and nested keys) in another order. */
function reorder<T>(value: T, seed: number): T {
  if (Array.isArray(value) || value === null || typeof value !== "object") return value;
  const keys = Object.keys(value as object);
  const rotated = keys.map((_, i) => keys[(i + seed) % keys.length]).reverse();
  return Object.fromEntries(rotated.map((k) => [k, reorder((value as Record<string, unknown>)[k], seed + 1)])) as T;
}

describe("attribution invariants", () => {
  it("is deterministic, and the order of fields or of codes on the order does not matter", () => {
    fc.assert(
      fc.property(facts, fc.nat(10), (f, seed) => {
        const first = decideAttribution(f);
        expect(decideAttribution(structuredClone(f))).toEqual(first);
        expect(decideAttribution(reorder(f, seed))).toEqual(first);
        expect(decideAttribution({ ...f, orderCodes: [...f.orderCodes].reverse() })).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it("classifies reasons consistently: blocked only for blocking rules, held only for holding rules", () => {
    fc.assert(
      fc.property(facts, (f) => {
        const { decision, reasons } = decideAttribution(f);
        const rules = reasons.map((r) => r.rule);
        if (decision === "accepted") expect(rules).toEqual([]);
        if (decision === "blocked") expect(rules.length > 0 && rules.every((r) => BLOCKING.has(r))).toBe(true);
        if (decision === "held") expect(rules.length > 0 && rules.every((r) => HOLDING.has(r))).toBe(true);
        for (const r of reasons) expect(r.detail.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("any blocking fact blocks, whatever the rest says", () => {
    const blockers: ((f: AttributionFacts) => void)[] = [
      (f) => (f.programEnabled = false),
      (f) => (f.advocate.status = "banned"),
      (f) => (f.friendHasEarlierOrders = true),
      (f) => (f.friendAlreadyReferred = true),
      (f) => (f.minimumSubtotalMinor = f.subtotalMinor + 1),
      (f) => ((f.advocate.customerId = "77"), (f.friend.customerId = "77")),
    ];
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: blockers.length - 1 }), (f, i) => {
        const g = structuredClone(f);
        blockers[i](g);
        expect(decideAttribution(g).decision).toBe("blocked");
      }),
      { numRuns: 500 },
    );
  });

  it("more suspicious counters never turn a held or blocked referral into an accepted one", () => {
    fc.assert(
      fc.property(facts, fc.nat(10), fc.nat(10), fc.nat(10), (f, ip, hour, day) => {
        const before = decideAttribution(f).decision;
        const more = {
          ...f,
          ordersFromSameIp: f.ordersFromSameIp + ip,
          advocateReferralsLastHour: f.advocateReferralsLastHour + hour,
          advocateReferralsLastDay: f.advocateReferralsLastDay + day,
          distinctIpsLastDay: f.distinctIpsLastDay + day,
        };
        const after = decideAttribution(more).decision;
        if (before !== "accepted") expect(after).not.toBe("accepted");
        if (before === "blocked") expect(after).toBe("blocked");
      }),
      { numRuns: 500 },
    );
  });

  it("holds every referral past the burst threshold that nothing blocks", () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: RULES.burstPerHour, max: 1000 }), (f, hour) => {
        const d = decideAttribution({ ...f, advocateReferralsLastHour: hour });
        expect(d.decision).not.toBe("accepted");
        if (d.decision === "held") expect(d.reasons.map((r) => r.rule)).toContain("burst");
      }),
    );
  });
});

describe("money invariants", () => {
  const currency = fc.constantFrom("USD", "EUR", "JPY", "KWD", "BGN", "PLN");

  it("parses any text to a non-negative safe integer or refuses it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?\d{0,20}(\.\d{0,8})?$/)), currency, (text, cur) => {
        const minor = parseMoney(text, cur);
        if (minor !== null) {
          expect(Number.isSafeInteger(minor)).toBe(true);
          expect(minor).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("adds exactly: the sum of parsed amounts is the parse of the decimal sum", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        currency,
        (parts, cur) => {
          const exp = currencyExponent(cur);
          const asDecimal = (n: bigint) =>
            exp === 0 ? String(n) : `${n / 10n ** BigInt(exp)}.${String(n % 10n ** BigInt(exp)).padStart(exp, "0")}`;
          const total = parts.reduce((a, b) => a + b, 0n);
          if (total > BigInt(Number.MAX_SAFE_INTEGER)) return;
          const sum = parts.reduce((acc, p) => acc + parseMoney(asDecimal(p), cur)!, 0);
          expect(sum).toBe(Number(total));
          expect(formatMinor(sum, cur)).toBe(asDecimal(total));
        },
      ),
    );
  });

  it("formats negatives as the positive with a minus sign", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), currency, (minor, cur) => {
        expect(formatMinor(-minor, cur)).toBe(`-${formatMinor(minor, cur)}`);
      }),
    );
  });

  it("takes percentages monotonically: more money or a higher percentage never gives less", () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000_000),
        fc.nat(1_000_000),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (a, extra, p, q) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(percentOf(a + extra, lo)).toBeGreaterThanOrEqual(percentOf(a, lo));
          expect(percentOf(a, hi)).toBeGreaterThanOrEqual(percentOf(a, lo));
          expect(percentOf(a, 100)).toBe(a);
          expect(percentOf(a, 0)).toBe(0);
        },
      ),
    );
  });

  it("every amount the webhook boundary lets through parses to a safe, non-negative integer", () => {
    const amount = fc.oneof(
      fc.string(),
      fc.stringMatching(/^-?\d{0,16}(\.\d{0,8})?$/),
      fc.double(),
      fc.integer(),
      fc.constantFrom("1e3", "Infinity", "NaN", "-0.01", " 5.00 ", "0x1A"),
    );
    fc.assert(
      fc.property(amount, currency, (v, cur) => {
        if (!isPlausibleAmount(v)) return;
        const minor = parseShopifyAmount(v, cur);
        expect(Number.isSafeInteger(minor)).toBe(true);
        expect(minor).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ["-50.00", "1e9", "Infinity", "NaN", "99999999999999999999.99", -1, 1e300, Number.NaN])
      expect(isPlausibleAmount(bad)).toBe(false);
  });
});

describe("a referral that is not accepted never creates a reward (against the database)", () => {
  it("holds for any status, paid or not, however often qualification is attempted", async () => {
    const { default: db } = await import("../../app/db.server");
    const { qualifyIfReady } = await import("../../app/referrals/order-events.server");
    const { getProgramSettings } = await import("../../app/referrals/program-settings.server");
    const shop = `props-${Date.now()}.myshopify.com`;
    await db.shop.create({ data: { domain: shop, scopes: "" } });
    await db.programSettings.create({ data: { shop, enabled: true } });
    const settings = await getProgramSettings(shop);
    const advocate = await db.advocate.create({ data: { shop, customerId: "1", code: `PROP-${Date.now()}` } });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("accepted", "held", "blocked", "rejected", "voided"),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        async (status, paid, attempts) => {
          n += 1;
          const referral = await db.referral.create({
            data: {
              shop,
              advocateId: advocate.id,
              orderId: `9${n}`,
              orderCreatedAt: new Date(),
              codeUsed: advocate.code,
              subtotalMinor: 5000,
              currencyCode: "USD",
              status,
              paidAt: paid ? new Date() : null,
            },
          });
          for (let i = 0; i < attempts; i++) await qualifyIfReady(settings, referral.id);
          const rewards = await db.reward.count({ where: { referralId: referral.id } });
          if (status === "accepted" && paid) expect(rewards).toBeGreaterThanOrEqual(1);
          else expect(rewards).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("webhook body nesting, measured without parsing", () => {
  const depthOf = (v: unknown): number =>
    typeof v === "object" && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;

  it("agrees with the depth of the parsed value, brackets and escapes inside strings included", () => {
    const tricky = fc.constantFrom('"[[[', "}}]]", '\\"{', "\\", '\\"', "a\\", "[\\]");
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.oneof(fc.string(), tricky, fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.oneof(fc.string(), tricky), tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 8 }), (v, max) => {
        expect(jsonNestedDeeperThan(JSON.stringify(v), max)).toBe(depthOf(v) > max);
      }),
      { numRuns: 500 },
    );
  });
});
