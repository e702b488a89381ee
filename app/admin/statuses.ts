/** The states the engine uses, as the admin filters and labels them (client-safe). */
export const REFERRAL_STATUSES = ["accepted", "held", "blocked", "rejected", "voided"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REWARD_STATES = ["pending", "held", "issuing", "issued", "failed", "voided"] as const;
export type RewardState = (typeof REWARD_STATES)[number];

/** The rewards page's tabs: "pending" covers every state before issue. */
export const REWARD_FILTERS = {
  all: null,
  pending: ["pending", "held", "issuing"],
  issued: ["issued"],
  failed: ["failed"],
  voided: ["voided"],
} as const satisfies Record<string, readonly RewardState[] | null>;
export type RewardFilter = keyof typeof REWARD_FILTERS;

// "redacted": erased at the customer's request (customers/redact); kept for counts, never active again.
export const ADVOCATE_STATUSES = ["active", "banned", "redacted"] as const;
export type AdvocateStatus = (typeof ADVOCATE_STATUSES)[number];

type Tone = "success" | "attention" | "critical" | "info" | "warning" | undefined;

const TONES: Record<string, Tone> = {
  accepted: "success",
  issued: "success",
  active: "success",
  held: "attention",
  pending: "info",
  issuing: "info",
  blocked: "critical",
  rejected: "critical",
  failed: "critical",
  banned: "critical",
  voided: undefined,
};

export function statusTone(status: string): Tone {
  return TONES[status];
}

export function statusLabel(status: string): string {
  return status ? status[0].toUpperCase() + status.slice(1) : status;
}

export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | null {
  return value && (values as readonly string[]).includes(value) ? (value as T) : null;
}
