#!/usr/bin/env node
// Applies pending migrations to the database DATABASE_URL names (a SQLite file when unset).
//
// Why not `prisma migrate deploy`: on these machines Prisma's native engines cannot be
// downloaded, and its WebAssembly schema engine fails on PostgreSQL through
// @prisma/adapter-pg ("Column type 'name' could not be deserialized", prisma/orm#27403).
// This runner applies the same migration.sql files, in order, each in a transaction, and
// records them in Prisma's own _prisma_migrations table (same columns and sha256
// checksums), so `prisma migrate status` and a later switch back to Prisma's engine agree.
// On PostgreSQL an advisory lock makes several app instances starting at once safe.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDatabase } from "../app/lib/database-target.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const LEDGER_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

function pendingFrom(dir, applied) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    })
    .filter((m) => {
      const seen = applied.get(m.name);
      if (seen && seen !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
      return !seen;
    });
}

/** Splits a Prisma migration script into statements (they never contain ; inside literals). */
function statements(sql) {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
}

async function migratePostgres(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(72707369)");
    await client.query(LEDGER_SQL);
    const rows = (
      await client.query(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    ).rows;
    const pending = pendingFrom(
      path.join(root, "prisma/postgresql/migrations"),
      new Map(rows.map((r) => [r.migration_name, r.checksum])),
    );
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${error.message}`, { cause: error });
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock(72707369)").catch(() => {});
    await client.end();
  }
}

async function migrateSqlite(url) {
  const { createClient } = await import("@libsql/client");
  fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  const client = createClient({ url });
  try {
    await client.execute(
      LEDGER_SQL.replace(
        "TIMESTAMPTZ NOT NULL DEFAULT now()",
        "DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
      ).replaceAll("TIMESTAMPTZ", "DATETIME"),
    );
    const rows = (
      await client.execute(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
    ).rows;
    const pending = pendingFrom(
      path.join(root, "prisma/migrations"),
      new Map(rows.map((r) => [String(r.migration_name), String(r.checksum)])),
    );
    for (const m of pending) {
      await client.batch(
        [
          ...statements(m.sql),
          {
            sql: `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, CURRENT_TIMESTAMP, ?, 1)`,
            args: [crypto.randomUUID(), m.checksum, m.name],
          },
        ],
        "write",
      );
    }
    return pending.map((m) => m.name);
  } finally {
    client.close();
  }
}

export async function migrate(env = process.env) {
  process.chdir(root);
  const target = resolveDatabase(env);
  return target.provider === "postgresql" ? migratePostgres(target.url) : migrateSqlite(target.url);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  migrate().then(
    (applied) => console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database is up to date"),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
