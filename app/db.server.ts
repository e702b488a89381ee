import type { TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@referral-db/sqlite";
import { PrismaClient as PostgresClient } from "@referral-db/postgresql";
import { config } from "./config.server";

/**
 * The app's one Prisma client. Both providers are generated from one schema
 * (scripts/prisma-sync.mjs), so they share the SQLite client's types.
 */
export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const databaseTarget = config().database;

/**
 * SQL statements and commits this process sent, counted only with
 * DATABASE_COUNT_QUERIES=1 (Prisma's query events cost CPU of their own): what profiling
 * and the tests that bound the work per reward or request read.
 */
export const queryCounts = { statements: 0, commits: 0 };

function countQueries(client: Db): Db {
  (client as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", (e) => {
    queryCounts.statements++;
    if (e.query === "COMMIT") queryCounts.commits++;
  });
  return client;
}

function createClient(): Db {
  const log = { log: databaseTarget.countQueries ? [{ emit: "event" as const, level: "query" as const }] : [] };
  if (databaseTarget.provider === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: databaseTarget.url,
      max: databaseTarget.poolSize,
    });
    const client = new PostgresClient({ adapter, ...log }) as unknown as Db;
    return databaseTarget.countQueries ? countQueries(client) : client;
  }
  // A busy timeout on every connection lets concurrent writers (the web process and a
  // worker process) wait for the write lock instead of failing at once; WAL lets
  // readers go on meanwhile.
  const adapter = new ImmediateLibSQL({ url: databaseTarget.url });
  const client = new SqliteClient({ adapter, ...log });
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => undefined);
  return databaseTarget.countQueries ? countQueries(client) : client;
}

/**
 * Prisma's libsql adapter, made right for SQLite files shared by processes and for long
 * runs:
 * - it opens every transaction DEFERRED (a reader that upgrades at its first write);
 *   when another process committed meanwhile, SQLite refuses the upgrade at once
 *   (SQLITE_BUSY_SNAPSHOT) whatever the busy timeout. Here transactions begin
 *   IMMEDIATE: they take the write lock up front and wait their turn (busy timeout);
 * - its libsql client hands each transaction the connection and opens a new one for
 *   what follows, without ever closing the old one: one SQLite connection (with its own
 *   page cache) per transaction, alive until garbage collection. Here a transaction runs
 *   on the client's one connection. That is safe because the adapter already lets one
 *   statement or transaction at a time use the client (its own mutex, held from BEGIN
 *   to COMMIT), so nothing else can interleave on the connection.
 */
class ImmediateLibSQL extends PrismaLibSQL {
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]) {
    const client = super.createClient(config);
    const execute = client.execute.bind(client);
    let ready: Promise<unknown> | null = null;
    // Before the first statement: wait up to 10 s for another process's write lock.
    const prepare = () => (ready ??= execute("PRAGMA busy_timeout = 10000"));
    const run = (async (...args: Parameters<typeof execute>) => {
      await prepare();
      return execute(...args);
    }) as typeof client.execute;
    client.execute = run;
    client.transaction = (async (mode?: TransactionMode) => {
      await run(mode === "read" ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
      let open = true;
      const end = async (sql: "COMMIT" | "ROLLBACK") => {
        if (!open) return;
        open = false;
        try {
          await run(sql);
        } catch (error) {
          // SQLite may already have rolled back after an error; then there is nothing to end.
          if (sql === "COMMIT" || !/no transaction is active/i.test(String(error))) throw error;
        }
      };
      const tx = {
        execute: run,
        batch: async (stmts: Parameters<typeof client.batch>[0]) => {
          const results = [];
          for (const stmt of stmts) results.push(await run(stmt as Parameters<typeof execute>[0]));
          return results;
        },
        executeMultiple: () => Promise.reject(new Error("executeMultiple inside a transaction is not supported")),
        commit: () => end("COMMIT"),
        rollback: () => end("ROLLBACK"),
        close: () => void end("ROLLBACK").catch(() => undefined),
        get closed() {
          return !open;
        },
      };
      return tx as unknown as Awaited<ReturnType<typeof client.transaction>>;
    }) as typeof client.transaction;
    return client;
  }
}

declare global {
  // Remix's dev server reloads modules; keep one client per process.
  var __referralDb: Db | undefined;
}

const db: Db = globalThis.__referralDb ?? (globalThis.__referralDb = createClient());

export default db;
