import { ConflictError, NotFoundError } from "../lib/errors";
import { approveReferral, rejectReferral } from "../referrals/review.server";
import { isDomainError } from "./action-result";

export interface Decision {
  intent: "approve" | "reject";
  note?: string;
}

export const MAX_NOTE = 500;

/** The decision of a review form, or a message saying what is wrong with it. */
export function parseDecision(form: FormData): Decision | string {
  const intent = form.get("intent");
  if (intent !== "approve" && intent !== "reject") return "Choose approve or reject.";
  const note = String(form.get("note") ?? "").trim();
  if (note.length > MAX_NOTE) return `Keep the note under ${MAX_NOTE} characters.`;
  return { intent, ...(note ? { note } : {}) };
}

export interface DecisionOutcome {
  done: string[];
  notFound: string[];
  failed: { id: string; message: string }[];
  message: string;
}

/**
 * Applies one decision to each referral in turn, through the engine (which checks the
 * shop and that the referral is still held). One referral failing (decided meanwhile
 * by someone else) does not stop the others; the outcome says what happened to each.
 */
export async function decideReferrals(
  shop: string,
  actor: string,
  decision: Decision,
  ids: string[],
): Promise<DecisionOutcome> {
  const outcome: DecisionOutcome = { done: [], notFound: [], failed: [], message: "" };
  for (const id of ids) {
    try {
      if (decision.intent === "approve") await approveReferral(shop, id, actor);
      else await rejectReferral(shop, id, actor, decision.note);
      outcome.done.push(id);
    } catch (error) {
      if (error instanceof NotFoundError) outcome.notFound.push(id);
      else if (error instanceof ConflictError || isDomainError(error))
        outcome.failed.push({ id, message: error.message });
      else throw error;
    }
  }
  const verb = decision.intent === "approve" ? "approved" : "rejected";
  const parts = [`${outcome.done.length} referral${outcome.done.length === 1 ? "" : "s"} ${verb}`];
  if (outcome.failed.length) parts.push(`${outcome.failed.length} skipped (${outcome.failed[0].message})`);
  if (outcome.notFound.length) parts.push(`${outcome.notFound.length} not found`);
  outcome.message = parts.join(", ") + ".";
  return outcome;
}
