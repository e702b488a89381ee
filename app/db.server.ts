import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@referral-db/sqlite";
import { PrismaClient as PostgresClient } from "@referral-db/postgresql";
import { resolveDatabase } from "./lib/database-target.js";

/**
 * The app's one Prisma client. Both providers are generated from one schema
 * (scripts/prisma-sync.mjs), so they share the SQLite client's types.
 */
export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const databaseTarget = resolveDatabase();

function createClient(): Db {
  if (databaseTarget.provider === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: databaseTarget.url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  // busy_timeout lets concurrent writers (the web process and a worker process) wait
  // for the write lock instead of failing at once; WAL lets readers go on meanwhile.
  const adapter = new PrismaLibSQL({ url: databaseTarget.url });
  const client = new SqliteClient({ adapter });
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => undefined);
  void client.$queryRawUnsafe("PRAGMA busy_timeout = 10000").catch(() => undefined);
  return client;
}

declare global {
  // Remix's dev server reloads modules; keep one client per process.
  var __referralDb: Db | undefined;
}

const db: Db = globalThis.__referralDb ?? (globalThis.__referralDb = createClient());

export default db;
