import { parseDay, utcDayString } from "./date-range";
import { EXPORT_KINDS, type ExportKind } from "./export-kinds";

export interface ExportRequest {
  kind: ExportKind;
  from: string;
  to: string;
}

/** A whole decade at most: streaming keeps memory flat, this just bounds one request. */
export const MAX_EXPORT_DAYS = 3660;

/**
 * The export form (kind, from, to) checked field by field; errors name the field, each
 * with the message key (app/locales) saying what to fix.
 */
export function parseExportRequest(
  params: URLSearchParams,
): { ok: true; value: ExportRequest } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kind = params.get("kind") as ExportKind;
  if (!EXPORT_KINDS.includes(kind)) errors.kind = "export.errors.kind";
  const from = parseDay(params.get("from"));
  const to = parseDay(params.get("to"));
  if (!from) errors.from = "export.errors.from";
  if (!to) errors.to = "export.errors.to";
  if (from && to && from > to) errors.to = "export.errors.order";
  if (from && to && (to.getTime() - from.getTime()) / 86_400_000 + 1 > MAX_EXPORT_DAYS)
    errors.to = "export.errors.tooLong";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind, from: utcDayString(from!), to: utcDayString(to!) } };
}
