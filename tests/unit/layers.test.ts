import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layers of ARCHITECTURE.md, checked on the source text (eslint enforces the same
 * rules while editing; this holds them even where a rule is switched off by a comment).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sources(dir: string): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(rel));
    else if (/\.(ts|tsx|js|mjs)$/.test(entry.name))
      found.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), "utf8") });
  }
  return found;
}

const app = sources("app");
const domain = app.filter((s) => s.file.startsWith("app/referrals/"));

describe("layers", () => {
  it("reads process.env only in app/config.server.ts", () => {
    expect(app.length).toBeGreaterThan(50);
    const readers = app.filter((s) => /\bprocess\.env\b/.test(s.text)).map((s) => s.file);
    expect(readers).toEqual(["app/config.server.ts"]);
  });

  it("keeps every Admin API operation in app/shopify/", () => {
    const outside = app
      .filter((s) => /`#graphql/.test(s.text) && !s.file.startsWith("app/shopify/"))
      .map((s) => s.file);
    expect(outside).toEqual([]);
  });

  it("keeps the domain free of the worker's queue and of GraphQL documents", () => {
    expect(domain.length).toBeGreaterThan(5);
    const importsJobs = domain.filter((s) => /from\s+["'](\.\.\/|~\/)jobs\//.test(s.text)).map((s) => s.file);
    expect(importsJobs).toEqual([]);
    const holdsGraphql = domain
      .filter((s) => /`#graphql/.test(s.text) || /from\s+["']graphql(-request)?["']/.test(s.text))
      .map((s) => s.file);
    expect(holdsGraphql).toEqual([]);
  });
});
