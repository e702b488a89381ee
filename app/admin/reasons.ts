/** Referral.reasons is a JSON array of { rule, detail }; read it without trusting it. */
export interface ReasonView {
  rule: string;
  detail: string;
}

export function parseReasons(json: string | null | undefined): ReasonView[] {
  if (!json) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
    .map((r) => ({ rule: String(r.rule ?? "unknown"), detail: String(r.detail ?? "") }));
}

import type { LocalMessage } from "../i18n/translate";

const RULES = new Set([
  "program_paused",
  "advocate_banned",
  "self_referral",
  "existing_customer",
  "already_referred",
  "below_minimum",
  "similar_email",
  "similar_name",
  "ip_reuse",
  "burst",
  "public_code",
]);

/** The rule as the owner reads it ("IP limit"), a message key. */
export function ruleLabelKey(rule: string): string {
  return RULES.has(rule) ? `reasons.rule.${rule}` : "reasons.rule.unknown";
}

/**
 * What a rule found, in plain words of the admin's language. Reasons are stored as the
 * engine wrote them (English, with the limit that applied), so older referrals read the
 * same as new ones; a detail this list does not know is shown as stored.
 */
export function reasonDetail(reason: ReasonView): LocalMessage | string {
  const { rule, detail } = reason;
  if (rule === "self_referral") {
    if (/email/i.test(detail)) return { key: "reasons.detail.self_referral_email" };
    if (/name/i.test(detail)) return { key: "reasons.detail.self_referral_name" };
    return { key: "reasons.detail.self_referral_code" };
  }
  if (rule === "ip_reuse" || rule === "burst") {
    const limit = /(\d+)/.exec(detail);
    return limit ? { key: `reasons.detail.${rule}`, vars: { count: Number(limit[1]) } } : detail;
  }
  return RULES.has(rule) ? { key: `reasons.detail.${rule}` } : detail;
}
