/**
 * Shopify's own linter over the extension, with the theme app extension rules (app block
 * tags, schema, translations, the 10 kB app block JS limit...). Errors fail; warnings are
 * reported and, as the block is meant to be clean, also fail.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { themeCheckRun, Severity, type Offense } from "@shopify/theme-check-node";
import { describe, expect, test } from "vitest";
import { EXT_DIR } from "../../simulator/storefront/liquid";

const CONFIG = "theme-check:theme-app-extension";
const show = (o: Offense) =>
  `${Severity[o.severity]} ${o.check} ${path.relative(EXT_DIR, new URL(o.uri).pathname)}:${
    o.start.line + 1
  } ${o.message}`;

describe("theme-check (theme-app-extension config)", () => {
  test("no errors and no warnings", async () => {
    const { offenses, config } = await themeCheckRun(EXT_DIR, CONFIG, () => {});
    expect(config.context).toBe("app");
    const warnings = offenses.filter((o) => o.severity !== Severity.ERROR);
    if (warnings.length) console.warn(`theme-check warnings:\n${warnings.map(show).join("\n")}`);
    expect(offenses.filter((o) => o.severity === Severity.ERROR).map(show)).toEqual([]);
    expect(warnings.map(show)).toEqual([]);
  });

  test("the run really checks this extension: a forbidden tag is caught", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rfb-tc-"));
    try {
      await cp(EXT_DIR, dir, { recursive: true });
      const file = path.join(dir, "blocks", "referral-account.liquid");
      await writeFile(file, `{% javascript %}alert(1){% endjavascript %}\n${await readFile(file, "utf8")}`);
      const { offenses } = await themeCheckRun(dir, CONFIG, () => {});
      expect(offenses.map((o) => o.check)).toContain("AppBlockValidTags");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
