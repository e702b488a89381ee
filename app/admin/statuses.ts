/** The engine's states (app/states.ts) as the admin filters and labels them (client-safe). */
import type { RewardState } from "../states";

export {
  ADVOCATE_STATUSES,
  REFERRAL_STATUSES,
  REWARD_STATES,
  oneOf,
  type AdvocateStatus,
  type ReferralStatus,
  type RewardState,
} from "../states";

/** The rewards page's tabs: "pending" covers every state before issue. */
export const REWARD_FILTERS = {
  all: null,
  pending: ["pending", "held", "issuing", "parked"],
  issued: ["issued"],
  failed: ["failed"],
  voided: ["voided"],
} as const satisfies Record<string, readonly RewardState[] | null>;
export type RewardFilter = keyof typeof REWARD_FILTERS;

type Tone = "success" | "attention" | "critical" | "info" | "warning" | undefined;

const TONES: Record<string, Tone> = {
  accepted: "success",
  issued: "success",
  active: "success",
  held: "attention",
  pending: "info",
  issuing: "info",
  parked: "attention",
  blocked: "critical",
  rejected: "critical",
  failed: "critical",
  banned: "critical",
  voided: undefined,
};

export function statusTone(status: string): Tone {
  return TONES[status];
}

/** The message key of a state's label ("status.held"). */
export function statusLabelKey(status: string): string {
  return `status.${status}`;
}
