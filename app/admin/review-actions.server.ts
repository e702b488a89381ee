import type { LocalMessage } from "../i18n/translate";
import { ConflictError, NotFoundError } from "../lib/errors";
import { approveReferral, rejectReferral } from "../referrals/review.server";
import { isDomainError } from "./action-result";

export interface Decision {
  intent: "approve" | "reject";
  note?: string;
}

export const MAX_NOTE = 500;

/** The decision of a review form, or the message saying what is wrong with it. */
export function parseDecision(form: FormData): Decision | LocalMessage {
  const intent = form.get("intent");
  if (intent !== "approve" && intent !== "reject") return { key: "review.errors.chooseDecision" };
  const note = String(form.get("note") ?? "").trim();
  if (note.length > MAX_NOTE) return { key: "review.errors.noteTooLong", vars: { max: MAX_NOTE } };
  return { intent, ...(note ? { note } : {}) };
}

export interface DecisionOutcome {
  done: string[];
  notFound: string[];
  failed: { id: string; message: string }[];
  /** what happened, one message per kind of outcome */
  messages: LocalMessage[];
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
  const outcome: DecisionOutcome = { done: [], notFound: [], failed: [], messages: [] };
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
  if (outcome.done.length || (!outcome.failed.length && !outcome.notFound.length)) {
    const key = decision.intent === "approve" ? "review.approved" : "review.rejected";
    outcome.messages.push({ key, vars: { count: outcome.done.length } });
  }
  if (outcome.failed.length) outcome.messages.push({ key: "review.skipped", vars: { count: outcome.failed.length } });
  if (outcome.notFound.length)
    outcome.messages.push({ key: "review.notFound", vars: { count: outcome.notFound.length } });
  return outcome;
}
