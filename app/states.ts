/**
 * Every state machine of the app in one place: the states of referrals, rewards, advocates,
 * webhook deliveries and outbox tasks, the transitions between them, and the ledger's event
 * types. Client-safe (no server imports): the engine, the admin and the tests all read it.
 * A state is only ever a member of these unions; an error message is never a state.
 */

/** A transition: the states it leaves and the one it enters (`from: []`: the row is created in `to`). */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

// ---------------------------------------------------------------------------------------
// Referral: the decision about one referred order.

export const REFERRAL_STATUSES = ["accepted", "held", "blocked", "rejected", "voided"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What attribution decides for a new referral (the fraud rules, app/referrals/attribution.ts). */
export type AttributionDecision = Extract<ReferralStatus, "accepted" | "held" | "blocked">;

export const REFERRAL_TRANSITIONS = {
  /** A webhook's order carried an advocate's code (one of three outcomes). */
  attributeAccepted: { from: [], to: "accepted" },
  attributeHeld: { from: [], to: "held" },
  attributeBlocked: { from: [], to: "blocked" },
  /** The owner accepts a held referral. */
  approve: { from: ["held"], to: "accepted" },
  /** The owner rejects a held referral, or bans its advocate. */
  reject: { from: ["held"], to: "rejected" },
  /** The order was cancelled or refunded below the program minimum. */
  void: { from: ["accepted", "held"], to: "voided" },
} as const satisfies Record<string, Transition<ReferralStatus>>;

// ---------------------------------------------------------------------------------------
// Reward: what an advocate earns, issued in Shopify as a discount code or store credit.

export const REWARD_STATES = ["pending", "held", "issuing", "issued", "failed", "parked", "voided"] as const;
export type RewardState = (typeof REWARD_STATES)[number];

export const REWARD_TRANSITIONS = {
  /** A referral qualified (accepted and paid) or a milestone was reached. */
  create: { from: [], to: "pending" },
  /** The worker takes a due reward (or one whose issuing worker died) with a lease. */
  claim: { from: ["pending", "issuing"], to: "issuing" },
  /** Shopify holds the code or the store credit. */
  issue: { from: ["issuing"], to: "issued" },
  /** A retryable failure: back to the queue after a backoff. */
  backOff: { from: ["issuing"], to: "pending" },
  /** Out of attempts, or a failure no retry mends. */
  fail: { from: ["issuing"], to: "failed" },
  /** Store credit whose earlier attempt may have landed: the owner decides. */
  hold: { from: ["issuing"], to: "held" },
  /** The owner retries a failed or held reward. */
  retry: { from: ["failed", "held"], to: "pending" },
  /** The shop uninstalled the app or Shopify refused its token: wait, spending no attempt. */
  park: { from: ["pending", "issuing"], to: "parked" },
  /** The shop authenticated again. */
  resume: { from: ["parked"], to: "pending" },
  /** Refund, cancellation, ban, erasure or the owner: it will never be (or no longer is) usable. */
  void: { from: ["pending", "held", "issuing", "failed", "parked", "issued"], to: "voided" },
  /** The owner restores a reward a ban voided before it was issued, after unbanning. */
  restore: { from: ["voided"], to: "pending" },
} as const satisfies Record<string, Transition<RewardState>>;

/** Why a reward was voided: an unban offers to restore those its ban voided. */
export const VOID_CAUSES = [
  "order_cancelled",
  "order_refunded",
  "advocate_banned",
  "customer_redacted",
  "staff",
] as const;
export type VoidCause = (typeof VOID_CAUSES)[number];

/**
 * Rewards a ban voids: not issued, and no Shopify call under way (an issuing reward
 * finishes, like an issued one: it was earned before the ban).
 */
export const BAN_VOIDED_REWARD_STATES = [
  "pending",
  "held",
  "failed",
  "parked",
] as const satisfies readonly RewardState[];

/** Rewards not issued yet and not voided: an erasure voids these. */
export const UNISSUED_REWARD_STATES = [
  "pending",
  "held",
  "issuing",
  "failed",
  "parked",
] as const satisfies readonly RewardState[];

export const REWARD_KINDS = ["referral", "milestone"] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

// ---------------------------------------------------------------------------------------
// Advocate: a customer with a code.

export const ADVOCATE_STATUSES = ["active", "banned", "redacted"] as const;
export type AdvocateStatus = (typeof ADVOCATE_STATUSES)[number];

export const ADVOCATE_TRANSITIONS = {
  enroll: { from: [], to: "active" },
  ban: { from: ["active"], to: "banned" },
  unban: { from: ["banned"], to: "active" },
  /** customers/redact: erased for good, kept only for counts. */
  redact: { from: ["active", "banned"], to: "redacted" },
} as const satisfies Record<string, Transition<AdvocateStatus>>;

// ---------------------------------------------------------------------------------------
// Webhook delivery (the inbox) and outbox task: jobs of the worker's queue.

export const DELIVERY_STATUSES = ["received", "processed", "failed", "parked"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_TRANSITIONS = {
  record: { from: [], to: "received" },
  /** A failed attempt with attempts left stays received, with a later nextAttemptAt. */
  backOff: { from: ["received"], to: "received" },
  complete: { from: ["received"], to: "processed" },
  fail: { from: ["received"], to: "failed" },
  park: { from: ["received"], to: "parked" },
  resume: { from: ["parked"], to: "received" },
} as const satisfies Record<string, Transition<DeliveryStatus>>;

export const TASK_STATUSES = ["pending", "done", "failed", "parked"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_TRANSITIONS = {
  enqueue: { from: [], to: "pending" },
  backOff: { from: ["pending"], to: "pending" },
  complete: { from: ["pending"], to: "done" },
  fail: { from: ["pending"], to: "failed" },
  park: { from: ["pending"], to: "parked" },
  resume: { from: ["parked"], to: "pending" },
  /** "Bring X in step" tasks run again after every change they follow. */
  rerun: { from: ["pending", "done", "failed", "parked"], to: "pending" },
} as const satisfies Record<string, Transition<TaskStatus>>;

// ---------------------------------------------------------------------------------------
// Ledger: every state change of a referral, reward or advocate, with when and why.

export const LEDGER_EVENT_TYPES = [
  "referral_accepted",
  "referral_held",
  "referral_blocked",
  "referral_approved",
  "referral_rejected",
  "referral_voided",
  "referral_qualified",
  "reward_created",
  /** The advocate reached the program's cap: no reward for this referral. */
  "reward_not_created",
  "reward_issued",
  "reward_failed",
  "reward_held",
  "reward_retried",
  "reward_parked",
  "reward_resumed",
  "reward_voided",
  "reward_restored",
  /** The referral was voided but its reward's code had already been spent: the reward stays. */
  "reward_kept_used",
  "reward_code_deactivated",
  /** The reward was voided but its code was spent before Shopify could deactivate it. */
  "reward_code_used_before_deactivation",
  "advocate_enrolled",
  "advocate_banned",
  "advocate_unbanned",
  "advocate_redacted",
  /** The advocate's tier for top advocates went up or down with their count of successful referrals. */
  "advocate_tier_changed",
] as const;
export type LedgerEventType = (typeof LEDGER_EVENT_TYPES)[number];

/** Any state a ledger entry can record as fromState / toState. */
export type AnyState = ReferralStatus | RewardState | AdvocateStatus;

/** Whether `value` is one of `values` (for parsing input into a union). */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | null {
  return value && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Whether a row in `state` may take the transition (a guard for the transition functions). */
export function allows<S extends string>(transition: Transition<S>, state: string): state is S {
  return (transition.from as readonly string[]).includes(state);
}

/** A stored state read back as its union (a value outside it is a corrupt row: fail loudly). */
export function asState<T extends string>(values: readonly T[], value: string): T {
  const state = oneOf(values, value);
  if (!state) throw new Error(`unknown state "${value}" (expected one of ${values.join(", ")})`);
  return state;
}
