// Plain JavaScript so that scripts (migrate, demo) and the TypeScript app share one rule.
import path from "node:path";

/** Where the embedded default keeps its SQLite file when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = "prisma/dev.sqlite";

/**
 * Chooses the database from DATABASE_URL: a postgres:// URL means PostgreSQL (production);
 * a file: URL or nothing at all means a SQLite file (the embedded default, no server).
 * The caller hands in the environment: the app's config.server, or a script its own.
 * @param {Record<string, string | undefined>} env
 * @returns {{ provider: "sqlite" | "postgresql", url: string }}
 */
export function resolveDatabase(env) {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return { provider: "sqlite", url: `file:${path.resolve(DEFAULT_SQLITE_FILE)}` };
  if (/^postgres(ql)?:\/\//i.test(raw)) return { provider: "postgresql", url: raw };
  if (raw.startsWith("file:")) return { provider: "sqlite", url: `file:${path.resolve(raw.slice("file:".length))}` };
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or file: (got "${raw.split(":")[0]}:")`);
}
