import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { checkInStep, toPostgres } from "../../scripts/prisma-sync.mjs";

describe("one schema, two providers", () => {
  it("keeps the PostgreSQL schema and both migration folders in step with prisma/schema.prisma", () => {
    expect(checkInStep()).toEqual([]);
  });

  it("has migrations that produce exactly the current model, on each provider", () => {
    // Replaying every migration from empty must give the same SQL as the model itself.
    const prisma = "node_modules/.bin/prisma";
    for (const [dir, schema] of [
      ["prisma/migrations", "prisma/schema.prisma"],
      ["prisma/postgresql/migrations", "prisma/postgresql/schema.prisma"],
    ]) {
      const fromModel = execFileSync(
        prisma,
        ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
        {
          // a datamodel-to-datamodel diff needs no database: keep the test run's out of it
          env: { ...process.env, DATABASE_URL: "" },
        },
      ).toString();
      const folders = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      const replayed = folders.map((f) => fs.readFileSync(`${dir}/${f}/migration.sql`, "utf8")).join("\n");
      const statements = (sql: string) =>
        sql
          .split(";")
          .map((s) => s.replace(/--.*$/gm, "").replace(/\s+/g, " ").trim())
          .filter(Boolean)
          .sort();
      expect(statements(replayed), dir).toEqual(statements(fromModel));
    }
  });

  it("writes a PostgreSQL schema that differs only in provider, url and output", () => {
    const pgSchema = toPostgres(fs.readFileSync("prisma/schema.prisma", "utf8"));
    expect(pgSchema).toContain('provider = "postgresql"');
    expect(pgSchema).not.toContain("sqlite");
  });
});
