import { createDatabase } from "../../bench/env";
import { resolveDatabase } from "../../app/lib/database-target.js";

/**
 * Moves this test file onto a fresh, migrated database of its own (a SQLite file, or a
 * database on the run's PostgreSQL server), removed by the returned `drop`. For tests
 * whose worker processes claim every due job they find: in the run's shared database,
 * other files leave work for shops whose simulators are gone, and a worker busy with
 * that work is not doing the test's. Call it before any app module is imported.
 */
export async function useOwnDatabase(): Promise<{ drop(): Promise<void> }> {
  const { provider, url } = resolveDatabase(process.env);
  const server =
    provider === "postgresql" ? Object.assign(new URL(url), { pathname: "/postgres" }).toString() : undefined;
  const own = await createDatabase(provider, server);
  process.env.DATABASE_URL = own.url;
  return own;
}
