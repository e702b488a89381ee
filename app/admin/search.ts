/**
 * The search box of the lists: one text matched against codes, order names, emails and
 * names. Trimmed and bounded so a pasted essay cannot become an expensive query.
 */
export const MAX_QUERY = 100;

export function normaliseQuery(raw: string | null | undefined): string {
  return (raw ?? "").trim().slice(0, MAX_QUERY);
}

/** "1001", "#1001" -> both spellings of a Shopify order name. */
export function orderNameCandidates(q: string): string[] {
  const bare = q.replace(/^#/, "");
  return /^[\w-]{1,40}$/.test(bare) ? [`#${bare}`, bare] : [q];
}

/**
 * "Contains, ignoring case" on either database: SQLite's LIKE already ignores ASCII case,
 * PostgreSQL needs Prisma's insensitive mode. The app is typed with the SQLite client,
 * whose filter type has no `mode`, so the PostgreSQL shape is asserted to the common one.
 */
export function containsIgnoringCase(q: string, provider: "sqlite" | "postgresql"): { contains: string } {
  return provider === "postgresql" ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}
