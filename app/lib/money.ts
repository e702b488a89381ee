/**
 * Money is integer minor units (cents, öre, yen) in one currency: never a float.
 * These helpers convert between minor units and the decimal strings Shopify's APIs
 * and the UI use, with the currency's own number of decimals.
 */

const exponentCache = new Map<string, number>();

/** ISO 4217 code check: three capital letters that Intl knows as a currency. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return Intl.supportedValuesOf("currency").includes(code);
  } catch {
    return false;
  }
}

/** Decimals of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyExponent(currency: string): number {
  let exp = exponentCache.get(currency);
  if (exp === undefined) {
    exp = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponentCache.set(currency, exp);
  }
  return exp;
}

/**
 * Parses a decimal string ("12.5", "12.50", "1200") into minor units, exactly.
 * Returns null for anything that is not a plain non-negative decimal with at most the
 * currency's decimals, or that would not fit safely in an integer.
 */
export function parseMoney(input: string | number, currency: string): number | null {
  const text = typeof input === "number" ? String(input) : input.trim();
  const exp = currencyExponent(currency);
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  if (fraction.length > exp && /[1-9]/.test(fraction.slice(exp))) return null;
  const minor = Number(whole) * 10 ** exp + Number((fraction.slice(0, exp) || "0").padEnd(exp, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * Parses an amount Shopify sent (order subtotals, refunds), rounding half up to minor
 * units when Shopify sends more decimals than the currency has.
 */
export function parseShopifyAmount(input: unknown, currency: string): number {
  if (typeof input !== "string" && typeof input !== "number") return 0;
  const text = String(input).trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return 0;
  const [, sign, whole, fraction = ""] = match;
  const exp = currencyExponent(currency);
  const kept = (fraction + "0".repeat(exp)).slice(0, exp);
  const roundUp = fraction.length > exp && Number(fraction[exp]) >= 5 ? 1 : 0;
  const minor = Number(whole) * 10 ** exp + Number(kept || "0") + roundUp;
  return sign ? -minor : minor;
}

/** Minor units as the decimal string Shopify's APIs accept: 1050 EUR -> "10.50". */
export function formatMinor(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not an integer amount: ${minor}`);
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const digits = String(abs).padStart(exp + 1, "0");
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Percentage of an amount in minor units, rounded half up: 10% of 1999 -> 200. */
export function percentOf(minor: number, percent: number): number {
  return Math.floor((minor * percent + 50) / 100);
}

/** A human display of an amount for the admin UI ("€10.50"). */
export function displayMoney(minor: number, currency: string, locale = "en"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(formatMinor(minor, currency)));
}

/**
 * The same written amount in another currency's minor units, never converted at an
 * exchange rate: 1050 USD ("10.50") -> 1050 PLN ("10.50"); 1000 JPY ("1000") -> 100000
 * USD ("1000.00"). With fewer decimals in `to`, it is rounded half up to the new minor
 * unit: 1050 USD ("10.50") -> 11 JPY.
 */
export function sameAmountIn(minor: number, from: string, to: string): number {
  const shift = currencyExponent(to) - currencyExponent(from);
  if (shift >= 0) return minor * 10 ** shift;
  const unit = 10 ** -shift;
  return Math.floor((minor + unit / 2) / unit);
}
