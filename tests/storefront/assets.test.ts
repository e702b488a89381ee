/**
 * Budget and hygiene of what every storefront visitor downloads: the block's JS + CSS, the
 * locale files behind its texts, and the schema the merchant edits.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { EXT_DIR, readLocale, readSchema } from "../../simulator/storefront/liquid";

const asset = (name: string) => readFileSync(path.join(EXT_DIR, "assets", name));
const js = asset("referral-block.js").toString("utf8");
const css = asset("referral-block.css").toString("utf8");

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === "string" ? { ...acc, [key]: v } : { ...acc, ...flatten(v, key) };
  }, {});
const localeFiles = readdirSync(path.join(EXT_DIR, "locales"));
const json = (name: string) => JSON.parse(readFileSync(path.join(EXT_DIR, "locales", name), "utf8")) as Tree;

describe("size", () => {
  test("JS + CSS of the block together stay under 10 KB gzipped", () => {
    const gz = gzipSync(Buffer.concat([asset("referral-block.js"), asset("referral-block.css")]), {
      level: 9,
    }).length;
    const separately =
      gzipSync(asset("referral-block.js"), { level: 9 }).length +
      gzipSync(asset("referral-block.css"), { level: 9 }).length;
    console.info(
      `referral block assets: ${js.length + css.length} B raw, ${gz} B gzipped together, ${separately} B as two files`,
    );
    expect(separately).toBeLessThan(10 * 1024);
  });

  test("JS under theme-check's raw 10 000 B app block limit", () => {
    expect(Buffer.byteLength(js)).toBeLessThan(10_000);
  });
});

describe("referral link tracking embed", () => {
  const tracking = asset("referral-tracking.js");
  const source = tracking.toString("utf8");

  test("its script is tiny: under 1.5 KB raw and 800 B gzipped", () => {
    const gz = gzipSync(tracking, { level: 9 }).length;
    console.info(`referral tracking script: ${tracking.length} B raw, ${gz} B gzipped`);
    expect(tracking.length).toBeLessThan(1536);
    expect(gz).toBeLessThan(800);
  });

  test("one request, to the shop's own Ajax Cart API, with the landing attribute", () => {
    expect(source.match(/\bfetch\(/g)).toHaveLength(1);
    expect(source).toContain('"cart/update.js"');
    expect(source).toContain("_referral_code");
    expect(source).toContain('"referral_code"');
    expect(source).not.toMatch(/https?:\/\/|XMLHttpRequest|sendBeacon|new Image|import\(|document\.cookie/);
    // the same plausibility rule as app/referrals/codes.ts isPlausibleCode
    expect(source).toContain("/^[A-Z0-9-]{4,40}$/");
  });

  test("an app embed (body) that loads the script deferred, named in every language", () => {
    const schema = readSchema("referral-tracking.liquid");
    expect(schema.target).toBe("body");
    expect(schema.javascript).toBe("referral-tracking.js");
    expect(schema.stylesheet).toBeUndefined();
    const keys = [...JSON.stringify(schema).matchAll(/"t:([\w.]+)"/g)].map((m) => m[1]);
    expect(keys).toEqual(["blocks.tracking.name", "blocks.tracking.settings.about.content"]);
    for (const l of ["en.default", "ru", "bg", "pl"]) {
      const strings = flatten(json(`${l}.schema.json`));
      for (const key of keys) expect(strings[key], `${l}: t:${key}`).toBeTruthy();
      expect(strings["blocks.tracking.name"].length, l).toBeLessThanOrEqual(25);
      if (l !== "en.default")
        expect(strings["blocks.tracking.name"]).not.toBe(
          flatten(json("en.default.schema.json"))["blocks.tracking.name"],
        );
    }
  });
});

describe("no outside requests, no hard-coded texts", () => {
  test("the script talks to the network once, to the endpoint the block names", () => {
    expect(js.match(/\bfetch\(/g)).toHaveLength(1);
    expect(js).not.toMatch(/XMLHttpRequest|sendBeacon|new Image|import\(/);
    // Share intents are links the customer follows, not requests the page makes.
    const hosts = [...js.matchAll(/https:\/\/([^/`'"]+)/g)].map((m) => m[1]).sort();
    expect(hosts).toEqual(["t.me", "wa.me", "www.facebook.com", "x.com"]);
  });

  test("the stylesheet loads nothing (no @import, url(), fonts)", () => {
    expect(css).not.toMatch(/@import|url\(|@font-face/);
  });

  test("the script has no customer-facing English of its own", () => {
    const en = flatten(readLocale("en"));
    for (const [key, text] of Object.entries(en)) {
      const words = text.replace(/\{\w+\}/g, "").trim();
      if (words.length > 4) expect(js, key).not.toContain(words);
    }
    // Every T.key the script reads is handed over by the block.
    const liquid = readFileSync(path.join(EXT_DIR, "blocks", "referral-account.liquid"), "utf8");
    const given = new Set([...liquid.matchAll(/^\s*"(\w+)": \{\{/gm)].map((m) => m[1]));
    const used = new Set([...js.matchAll(/\bT\.(\w+)/g)].map((m) => m[1]));
    for (const key of used) expect(given, `T.${key}`).toContain(key);
    for (const key of ["delay", "milestone"])
      for (const f of ["one", "few", "many", "other"]) expect(given).toContain(`${key}_${f}`);
  });
});

describe("locale files", () => {
  const languages = ["en.default", "ru", "bg", "pl"];

  test.each(["", ".schema"])("all four languages exist with the same keys (%s)", (kind) => {
    for (const l of languages) expect(localeFiles).toContain(`${l}${kind}.json`);
    const base = Object.keys(flatten(json(`en.default${kind}.json`))).sort();
    for (const l of languages.slice(1)) expect(Object.keys(flatten(json(`${l}${kind}.json`))).sort(), l).toEqual(base);
  });

  test("translations keep the placeholders of the English text and are not left in English", () => {
    const en = flatten(json("en.default.json"));
    const brands = new Set(["WhatsApp", "Telegram", "Facebook", "X"]);
    for (const l of ["ru", "bg", "pl"]) {
      const other = flatten(json(`${l}.json`));
      for (const [key, text] of Object.entries(en)) {
        const holes = (s: string) => [...s.matchAll(/\{\{?\s*\w+\s*\}?\}/g)].map((m) => m[0]).sort();
        expect(holes(other[key]), `${l}:${key}`).toEqual(holes(text));
        expect(other[key].trim(), `${l}:${key}`).not.toBe("");
        if (!brands.has(text)) expect(other[key], `${l}:${key} untranslated`).not.toBe(text);
      }
    }
  });

  test("schema names and labels resolve in every language; block names fit the 25-character limit", () => {
    for (const file of ["referral-account.liquid", "referral-launcher.liquid"]) {
      const schema = readSchema(file);
      const keys = [...JSON.stringify(schema).matchAll(/"t:([\w.]+)"/g)].map((m) => m[1]);
      expect(keys.length).toBeGreaterThan(5);
      for (const l of languages) {
        const strings = flatten(json(`${l}.schema.json`));
        for (const key of keys) expect(strings[key], `${l}: t:${key}`).toBeTruthy();
        expect(strings[schema.name.slice(2)].length, `${l}: ${file} name`).toBeLessThanOrEqual(25);
      }
    }
  });

  test("the account block is a section app block with the required settings", () => {
    const schema = readSchema("referral-account.liquid");
    expect(schema.target).toBe("section");
    expect(schema.javascript).toBe("referral-block.js");
    expect(schema.stylesheet).toBe("referral-block.css");
    const byId = Object.fromEntries(schema.settings.filter((s) => s.id).map((s) => [s.id, s]));
    for (const id of ["heading", "intro"]) expect(byId[id].type).toMatch(/text/);
    for (const id of ["accent_color", "text_color"]) {
      expect(byId[id].type).toBe("color");
      expect(byId[id].default, `${id} must default to the theme's colour`).toBeUndefined();
    }
    for (const id of ["show_share", "show_stats", "show_rewards", "show_milestones", "show_rules"])
      expect(byId[id]).toMatchObject({ type: "checkbox", default: true });
    expect(readSchema("referral-launcher.liquid").target).toBe("body");
  });
});
