import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../../scripts/migrate.mjs";

/**
 * Gives the run a database of its own, never touching one the developer uses:
 * - DATABASE_URL=postgres://...: a fresh database on that server, dropped afterwards;
 * - otherwise: a fresh SQLite file in a temporary folder.
 * Migrations are applied with the same runner production uses.
 */
export default async function setup() {
  // One id per run, so test files that need the production build share one build.
  process.env.TEST_RUN_ID ??= `${process.pid}-${Date.now()}`;
  const given = process.env.DATABASE_URL;
  if (given && /^postgres(ql)?:\/\//.test(given)) {
    const name = `referrals_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    await migrate(process.env);
    console.log(`tests use PostgreSQL database ${name}`);
    return async () => {
      const cleanup = new pg.Client({ connectionString: given });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "referrals-test-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "test.sqlite")}`;
  await migrate(process.env);
  console.log(`tests use SQLite file ${dir}/test.sqlite`);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
