/** Prisma's "unique constraint failed" (P2002), whichever provider raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (e?.code === "P2002") return true;
  // Driver adapters sometimes surface the database's own error text instead.
  return /unique constraint|UNIQUE constraint failed|duplicate key value/i.test(e?.message ?? "");
}
