import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkInStep, toPostgres } from "../../scripts/prisma-sync.mjs";

describe("one schema, two providers", () => {
  it("keeps the PostgreSQL schema and both migration folders in step with prisma/schema.prisma", () => {
    expect(checkInStep()).toEqual([]);
  });

  it("has migrations that produce exactly the current model on this run's database", async () => {
    // Global setup applied every migration to this run's fresh database with the production
    // runner. That database must have exactly the model's tables, columns and indexes: a
    // column added by ALTER TABLE counts the same as one in a CREATE TABLE, and data-only
    // statements in a migration do not count at all.
    const url = process.env.DATABASE_URL ?? "";
    if (/^postgres(ql)?:\/\//.test(url)) await expectPostgresMatchesModel(url);
    else expectSqliteMatchesModel();
  });

  it("writes a PostgreSQL schema that differs only in provider, url and output", () => {
    const pgSchema = toPostgres(fs.readFileSync("prisma/schema.prisma", "utf8"));
    expect(pgSchema).toContain('provider = "postgresql"');
    expect(pgSchema).not.toContain("sqlite");
  });
});

const PRISMA = "node_modules/.bin/prisma";

/** SQL that builds the model from nothing (a datamodel diff: no database involved). */
function modelScript(schema: string): string {
  return execFileSync(PRISMA, ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"], {
    env: { ...process.env, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  }).toString();
}

/** SQLite: introspect the migrated database and diff that against the model. */
function expectSqliteMatchesModel() {
  const pulled = execFileSync(PRISMA, ["db", "pull", "--print"], {
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  })
    .toString()
    .replace(/^[\s\S]*?(?=^generator )/m, "");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-sync-"));
  try {
    fs.writeFileSync(path.join(dir, "migrated.prisma"), pulled);
    const diff = execFileSync(
      PRISMA,
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        path.join(dir, "migrated.prisma"),
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { env: { ...process.env, DATABASE_URL: "" }, stdio: ["ignore", "pipe", "pipe"] },
    ).toString();
    expect(diff.replace(/--.*$/gm, "").trim(), "migrations vs prisma/schema.prisma").toBe("");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL: Prisma's WebAssembly engine cannot introspect through the pg adapter, so the
 * model's own script builds a second fresh database and the two catalogues are compared.
 */
async function expectPostgresMatchesModel(url: string) {
  // Tables that are not the model's: the migration runner's ledger, and the storefront
  // limiter's table, which rate-limiter-flexible creates at run time (other tests of the
  // run may have made it already).
  const NOT_MODEL = `'_prisma_migrations', 'StorefrontRateLimit'`;
  const catalogue = async (client: pg.Client) => {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT IN (${NOT_MODEL}) ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN (${NOT_MODEL}) ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       JOIN pg_class t ON t.oid = c.conrelid
       WHERE n.nspname = 'public' AND t.relname NOT IN (${NOT_MODEL}) ORDER BY c.conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  };
  const migrated = new pg.Client({ connectionString: url });
  const modelDb = `schema_sync_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await Promise.all([migrated.connect(), admin.connect()]);
  await admin.query(`CREATE DATABASE "${modelDb}"`);
  const modelUrl = new URL(url);
  modelUrl.pathname = `/${modelDb}`;
  const model = new pg.Client({ connectionString: modelUrl.toString() });
  try {
    await model.connect();
    await model.query(`CREATE TABLE "_prisma_migrations" (id TEXT)`);
    await model.query(modelScript("prisma/postgresql/schema.prisma"));
    expect(await catalogue(migrated), "migrations vs prisma/postgresql/schema.prisma").toEqual(await catalogue(model));
  } finally {
    await model.end().catch(() => {});
    await migrated.end();
    await admin.query(`DROP DATABASE IF EXISTS "${modelDb}" WITH (FORCE)`);
    await admin.end();
  }
}
