import type { TransactionMode } from "@libsql/client";
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
  // A busy timeout on every connection lets concurrent writers (the web process and a
  // worker process) wait for the write lock instead of failing at once; WAL lets
  // readers go on meanwhile.
  const adapter = new ImmediateLibSQL({ url: databaseTarget.url });
  const client = new SqliteClient({ adapter });
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => undefined);
  return client;
}

/**
 * Two fixes to Prisma's libsql adapter for more than one process on one SQLite file:
 * - it opens every transaction DEFERRED (a reader that upgrades at its first write);
 *   when another process committed meanwhile, SQLite refuses the upgrade at once
 *   (SQLITE_BUSY_SNAPSHOT) whatever the busy timeout. BEGIN IMMEDIATE takes the write
 *   lock up front, so the transaction waits its turn instead;
 * - its libsql client hands each transaction the current connection and opens a new
 *   one afterwards, so a PRAGMA busy_timeout run once reaches only the first
 *   connection. Each new connection gets it before its first statement.
 * And one for one process: the libsql driver is synchronous, so a statement that waits
 * for the write lock held by this same process's open transaction (on another
 * connection) blocks the event loop, and with it the transaction it waits for, until
 * the busy timeout. An in-process gate lets one transaction or statement at a time
 * reach SQLite; waiting for it is asynchronous, so the process keeps serving meanwhile.
 */
class ImmediateLibSQL extends PrismaLibSQL {
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]) {
    const client = super.createClient(config);
    const execute = client.execute.bind(client);
    const batch = client.batch.bind(client);
    const transaction = client.transaction.bind(client);
    const gate = new SqliteGate();
    let fresh = true;
    const prepare = async () => {
      if (!fresh) return;
      fresh = false;
      await execute("PRAGMA busy_timeout = 10000");
    };
    client.execute = (async (...args: Parameters<typeof execute>) => {
      const release = await gate.enter();
      try {
        await prepare();
        return await execute(...args);
      } finally {
        release();
      }
    }) as typeof client.execute;
    client.batch = (async (...args: Parameters<typeof batch>) => {
      const release = await gate.enter();
      try {
        await prepare();
        return await batch(...args);
      } finally {
        release();
      }
    }) as typeof client.batch;
    client.transaction = (async (mode?: TransactionMode) => {
      const release = await gate.enter();
      try {
        await prepare();
        const tx = await transaction(mode === undefined || mode === "deferred" ? "write" : mode);
        fresh = true; // the client opens a new connection for what comes next
        // The gate opens when the transaction ends, however it ends.
        for (const end of ["commit", "rollback"] as const) {
          const original = tx[end].bind(tx);
          tx[end] = async () => {
            try {
              return await original();
            } finally {
              release();
            }
          };
        }
        const close = tx.close.bind(tx);
        tx.close = () => {
          try {
            close();
          } finally {
            release();
          }
        };
        return tx;
      } catch (error) {
        release();
        throw error;
      }
    }) as typeof client.transaction;
    return client;
  }
}

/**
 * One holder at a time, first come first served. A holder that never lets go (a bug)
 * cannot stop the process: after GATE_WAIT_MS the next one goes ahead anyway and
 * SQLite's own busy timeout decides, as without the gate.
 */
const GATE_WAIT_MS = 10_000;

class SqliteGate {
  private tail: Promise<void> = Promise.resolve();

  async enter(): Promise<() => void> {
    let open!: () => void;
    const done = new Promise<void>((resolve) => (open = resolve));
    const before = this.tail;
    this.tail = this.tail.then(() => done);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([before, new Promise<void>((resolve) => (timer = setTimeout(resolve, GATE_WAIT_MS)))]);
    clearTimeout(timer);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
    };
  }
}

declare global {
  // Remix's dev server reloads modules; keep one client per process.
  var __referralDb: Db | undefined;
}

const db: Db = globalThis.__referralDb ?? (globalThis.__referralDb = createClient());

export default db;
