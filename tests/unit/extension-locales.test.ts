import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every UI extension speaks en, ru, bg and pl from its own locale files: the same keys in
// each (plural keys carry one/few/many/other everywhere, so every language's rules find
// their form), no empty text, and the same {{placeholders}} per key.
const LANGUAGES = { en: "en.default.json", ru: "ru.json", bg: "bg.json", pl: "pl.json" };
const root = path.resolve("extensions");
const uiExtensions = fs
  .readdirSync(root)
  .filter((name) => {
    const toml = path.join(root, name, "shopify.extension.toml");
    return fs.existsSync(toml) && /^type = "ui_extension"$/m.test(fs.readFileSync(toml, "utf8"));
  })
  .sort();

function flatten(node: unknown, prefix = ""): Record<string, unknown> {
  if (!node || typeof node !== "object" || Array.isArray(node)) return { [prefix]: node };
  return Object.assign(
    {},
    ...Object.entries(node).map(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key)),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("UI extension locale files", () => {
  it("exist for the customer account and thank-you extensions", () => {
    expect(uiExtensions).toEqual(
      expect.arrayContaining(["referral-account-page", "referral-account-blocks", "referral-thank-you"]),
    );
  });

  for (const name of uiExtensions) {
    it(`${name}: en, ru, bg and pl have the same keys, texts and placeholders`, () => {
      const files = Object.fromEntries(
        Object.entries(LANGUAGES).map(([language, file]) => [
          language,
          flatten(JSON.parse(fs.readFileSync(path.join(root, name, "locales", file), "utf8"))),
        ]),
      );
      const english = files.en;
      expect(Object.keys(english).length).toBeGreaterThan(0);
      for (const [language, messages] of Object.entries(files)) {
        expect(Object.keys(messages).sort(), language).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(messages)) {
          expect(typeof text === "string" && text.trim() !== "", `${language} ${key}`).toBe(true);
          expect(placeholders(text as string), `${language} ${key}`).toEqual(placeholders(english[key] as string));
        }
      }
    });
  }
});
