import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { currencyExponent, formatMinor, parseMoney, parseShopifyAmount, percentOf } from "../../app/lib/money";

describe("money", () => {
  it("parses decimals exactly in the currency's minor units", () => {
    expect(parseMoney("10.50", "EUR")).toBe(1050);
    expect(parseMoney("10.5", "EUR")).toBe(1050);
    expect(parseMoney("1200", "JPY")).toBe(1200);
    expect(parseMoney("1.234", "KWD")).toBe(1234);
    expect(parseMoney("0.1", "USD")! + parseMoney("0.2", "USD")!).toBe(30);
  });

  it("refuses what is not a plain non-negative amount", () => {
    for (const bad of ["-1", "1.234", "abc", "1e3", "", " ", "1,50", "NaN", "Infinity", "99999999999999999"]) {
      expect(parseMoney(bad, "USD"), bad).toBeNull();
    }
    expect(parseMoney("1.5", "JPY")).toBeNull();
  });

  it("round-trips every amount through the decimal string", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom("USD", "EUR", "JPY", "KWD", "BGN", "PLN"),
        (minor, currency) => {
          expect(parseMoney(formatMinor(minor, currency), currency)).toBe(minor);
          expect(parseShopifyAmount(formatMinor(minor, currency), currency)).toBe(minor);
        },
      ),
    );
  });

  it("rounds Shopify's extra decimals half up", () => {
    expect(parseShopifyAmount("10.005", "USD")).toBe(1001);
    expect(parseShopifyAmount("10.004", "USD")).toBe(1000);
    expect(parseShopifyAmount("-5.00", "USD")).toBe(-500);
    expect(parseShopifyAmount({}, "USD")).toBe(0);
  });

  it("takes percentages in integers, half up, never above the whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 100 }), (minor, pct) => {
        const part = percentOf(minor, pct);
        expect(Number.isInteger(part)).toBe(true);
        expect(part).toBeLessThanOrEqual(minor);
        expect(Math.abs(part * 100 - minor * pct)).toBeLessThanOrEqual(50);
      }),
    );
    expect(currencyExponent("JPY")).toBe(0);
  });
});
