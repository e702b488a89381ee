/** What can be exported (client-safe: the export page lists them). */
export const EXPORT_KINDS = ["referrals", "rewards"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export function exportFilename(kind: ExportKind, range: { from: string; to: string }): string {
  return `${kind}-${range.from}-to-${range.to}.csv`;
}
