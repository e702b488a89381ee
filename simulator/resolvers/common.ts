// Small builders shared by the resolvers: money objects and user errors.

import { formatDecimal, toUnits } from "../money.js";
import type { UserErrorRecord } from "../state.js";

export function moneyV2(amount: string | number, currencyCode: string) {
  return { __typename: "MoneyV2", amount: formatDecimal(toUnits(amount)), currencyCode };
}

export function moneyBag(amount: string | number, currencyCode: string) {
  const money = moneyV2(amount, currencyCode);
  return { __typename: "MoneyBag", shopMoney: money, presentmentMoney: money };
}

export function userError(
  field: string[] | null,
  message: string,
  code?: string,
  extra: Record<string, unknown> = {},
): UserErrorRecord {
  return { field, message, ...(code !== undefined ? { code } : {}), ...extra };
}

/** Shopify's "UserError"-family objects always expose field and message; code only on typed errors. */
export function viewUserError(e: UserErrorRecord) {
  return { code: null, extraInfo: null, elementIndex: null, elementKey: null, ...e };
}

/** Tags as Shopify stores them: comma-separated input split, trimmed, de-duplicated case-insensitively. */
export function normalizeTags(input: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of input) {
    for (const part of raw.split(",")) {
      const tag = part.trim();
      if (!tag) continue;
      const key = tag.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}
