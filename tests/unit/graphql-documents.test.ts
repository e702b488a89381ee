import fs from "node:fs";
import path from "node:path";
import { NoDeprecatedCustomRule, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema, validateAdminOperation } from "../../simulator/schema";

/** Every `#graphql` template literal in app/ is an operation the app sends to Shopify. */
function findDocuments(dir: string): { file: string; source: string }[] {
  const found: { file: string; source: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findDocuments(full));
    else if (/\.(ts|tsx)$/.test(entry.name)) {
      const text = fs.readFileSync(full, "utf8");
      for (const match of text.matchAll(/`#graphql\s([\s\S]*?)`/g)) found.push({ file: full, source: match[1] });
    }
  }
  return found;
}

describe("GraphQL operations in app/", () => {
  const documents = findDocuments("app");

  it("finds the app's operations", () => {
    expect(documents.length).toBeGreaterThanOrEqual(12);
  });

  it.each(documents.map((d) => [`${d.file}: ${/(query|mutation)\s+(\w+)/.exec(d.source)?.[2] ?? "?"}`, d.source]))(
    "%s is valid against the real Admin API 2026-10 schema",
    (_, source) => {
      expect(validateAdminOperation(source).map((e) => e.message)).toEqual([]);
    },
  );

  // A deprecated field still answers today and disappears in a later API version.
  it.each(documents.map((d) => [`${d.file}: ${/(query|mutation)\s+(\w+)/.exec(d.source)?.[2] ?? "?"}`, d.source]))(
    "%s uses no deprecated field, argument or enum value",
    (_, source) => {
      const errors = validate(loadAdminSchema(), parse(source), [NoDeprecatedCustomRule]);
      expect(errors.map((e) => e.message)).toEqual([]);
    },
  );

  it("the deprecation check catches a deprecated field", () => {
    const errors = validate(
      loadAdminSchema(),
      parse(`query { codeDiscountNode(id: "gid://shopify/DiscountCodeNode/1") { id } }`),
      [NoDeprecatedCustomRule],
    );
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining("codeDiscountNode is deprecated")]);
  });
});
