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

/** "similar_email" -> "Similar email", for a badge. */
export function ruleLabel(rule: string): string {
  const words = rule.replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : "Rule";
}
