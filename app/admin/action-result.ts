import type { LocalMessage } from "../i18n/translate";
import { BadRequestError, ConflictError, NotFoundError } from "../lib/errors";

export type DomainError = NotFoundError | ConflictError | BadRequestError;

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof NotFoundError || error instanceof ConflictError || error instanceof BadRequestError;
}

/** An id as the app issues them (cuid): anything else is refused before any query. */
export function isPlausibleId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** Bulk actions are bounded, so one request cannot hold the database for minutes. */
export const MAX_BULK_IDS = 250;

/** The ids of a bulk form (repeated `ids` fields), or the message saying what is wrong. */
export function parseIds(form: FormData): string[] | LocalMessage {
  const ids = form.getAll("ids").map(String);
  if (ids.length === 0) return { key: "review.errors.selectOne" };
  if (ids.length > MAX_BULK_IDS) return { key: "review.errors.selectMax", vars: { max: MAX_BULK_IDS } };
  if (!ids.every(isPlausibleId)) return { key: "review.errors.invalidId" };
  return [...new Set(ids)];
}

/**
 * What an admin action answers: whether it did what was asked, and what to tell the
 * owner, as messages the page shows in the admin's language (a toast on success, a
 * critical banner that stays on failure).
 */
export interface ActionResult {
  ok: boolean;
  messages: LocalMessage[];
}

export function isMessage(value: unknown): value is LocalMessage {
  return typeof value === "object" && value !== null && "key" in value && !Array.isArray(value);
}
