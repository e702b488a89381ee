// Exact decimal arithmetic for money. Amounts are kept as decimal strings (as Shopify's
// Decimal scalar and REST payloads carry them) and computed with BigInt at a fixed
// scale, never with floats.

const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

export function isDecimal(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim());
}

/** Parses "12.5", 12.5 or "-0.01" into scaled BigInt units. Throws on anything else. */
export function toUnits(value: string | number): bigint {
  const text = typeof value === "number" ? numberToPlain(value) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`Not a decimal: ${String(value)}`);
  const frac = (match[3] ?? "").slice(0, SCALE).padEnd(SCALE, "0");
  const units = BigInt(match[2]) * FACTOR + BigInt(frac || "0");
  return match[1] ? -units : units;
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a decimal: ${n}`);
  // Avoid exponent notation for small/large numbers.
  return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: SCALE });
}

/** Formats scaled units with exactly `decimals` digits (REST payload style: "10.00"). */
export function formatFixed(units: bigint, decimals = 2): string {
  const negative = units < 0n;
  let abs = negative ? -units : units;
  // Round half up at the requested precision.
  const drop = 10n ** BigInt(SCALE - decimals);
  abs = (abs + drop / 2n) / drop;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const frac = decimals > 0 ? "." + (abs % base).toString().padStart(decimals, "0") : "";
  return `${negative && abs !== 0n ? "-" : ""}${whole}${frac}`;
}

/** Formats like Shopify's GraphQL Decimal: trailing zeros trimmed, at least one decimal ("10.0", "12.5"). */
export function formatDecimal(units: bigint): string {
  let text = formatFixed(units, SCALE);
  text = text.replace(/0+$/, "");
  if (text.endsWith(".")) text += "0";
  return text;
}

export function addDecimal(a: string | number, b: string | number): string {
  return formatDecimal(toUnits(a) + toUnits(b));
}

export function subDecimal(a: string | number, b: string | number): string {
  return formatDecimal(toUnits(a) - toUnits(b));
}

export function compareDecimal(a: string | number, b: string | number): number {
  const d = toUnits(a) - toUnits(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** Normalises any accepted decimal input to Shopify's output form. */
export function normDecimal(value: string | number): string {
  return formatDecimal(toUnits(value));
}

/** REST-style fixed 2-decimal string ("10.00"). */
export function rest2(value: string | number): string {
  return formatFixed(toUnits(value), 2);
}

/** amount * percentage (0..1 float input as Shopify takes it), rounded to cents. */
export function percentOf(amount: string, fraction: number): string {
  const ppm = BigInt(Math.round(fraction * 1_000_000));
  return formatFixed((toUnits(amount) * ppm) / 1_000_000n, 2);
}

export function minDecimal(a: string, b: string): string {
  return compareDecimal(a, b) <= 0 ? a : b;
}
