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

/** The ids of a bulk form (repeated `ids` fields), or an error message. */
export function parseIds(form: FormData): string[] | string {
  const ids = form.getAll("ids").map(String);
  if (ids.length === 0) return "Select at least one item.";
  if (ids.length > MAX_BULK_IDS) return `Select at most ${MAX_BULK_IDS} items at a time.`;
  if (!ids.every(isPlausibleId)) return "The selection contains an invalid id.";
  return [...new Set(ids)];
}
