/**
 * A small Shopify-Liquid shim over liquidjs: only what the referral block and launcher use,
 * behaving the way Shopify documents it, so the render tests and the simulator's storefront
 * (simulator/storefront/server.ts, `npm run demo`) render the real block file.
 *
 * - `t`: looks the key up in locales/<iso>.json, falls back to en.default.json (as Shopify
 *   does), interpolates `{{ name }}` arguments, picks plural forms by `count`, and HTML-escapes
 *   the result unless the key ends in `_html`. A key missing from both files throws, so a typo
 *   fails the test instead of printing "translation missing".
 * - `json`: JSON with `<`, `>` and `&` written as \u escapes (safe inside <script>).
 * - `asset_url`: the extension's assets folder, served at /assets/ (as Shopify's CDN would).
 * - `{% schema %}`: cut out before rendering (Shopify never outputs it) and read as JSON; its
 *   `stylesheet`/`javascript` are what Shopify injects into the page (JS deferred): `assetTags`.
 * Unknown filters are errors (strictFilters), so the shim cannot silently ignore something.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";

export const EXT_DIR = fileURLToPath(new URL("../../extensions/referral-block", import.meta.url));
export const LOCALES = ["en", "ru", "bg", "pl"] as const;
export type Locale = (typeof LOCALES)[number];

type Tree = { [k: string]: string | Tree };

const localeFile = (iso: string) => {
  const files = readdirSync(path.join(EXT_DIR, "locales"));
  const name = files.find((f) => f === `${iso}.json` || f === `${iso}.default.json`);
  return name ? (JSON.parse(readFileSync(path.join(EXT_DIR, "locales", name), "utf8")) as Tree) : undefined;
};

export const readLocale = (iso: string): Tree => {
  const tree = localeFile(iso);
  if (!tree) throw new Error(`no storefront locale file for ${iso}`);
  return tree;
};

const lookup = (tree: Tree | undefined, key: string): string | Tree | undefined =>
  key
    .split(".")
    .reduce<string | Tree | undefined>(
      (node, part) => (node && typeof node === "object" ? node[part] : undefined),
      tree,
    );

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Shopify's t filter, as documented: fallback to the default locale, interpolation, plurals. */
export function translate(iso: string, key: string, args: Record<string, unknown> = {}): string {
  let value = lookup(localeFile(iso), key);
  if (value === undefined) value = lookup(readLocale("en"), key);
  if (value === undefined) throw new Error(`translation missing: ${iso}.${key}`);
  if (typeof value === "object") {
    const count = Number(args.count);
    if (!("count" in args) || Number.isNaN(count)) throw new Error(`${key} is a plural table; pass count`);
    const form = new Intl.PluralRules(iso).select(count);
    value = (count === 0 && value.zero) || value[form] || value.other;
    if (typeof value !== "string") throw new Error(`${iso}.${key} has no plural form ${form}`);
  }
  const out = value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(args[name] ?? ""));
  return key.endsWith("_html") ? out : escapeHtml(out);
}

export type BlockSettings = Record<string, string | boolean | number | null>;

export type RenderContext = {
  locale: Locale;
  customer?: { id: number; first_name: string; email: string } | null;
  settings?: BlockSettings;
  blockId?: string;
  pageType?: string;
  /** the shop's name and currency (Liquid's `shop`); a test shop in EUR by default */
  shop?: { name: string; currency: string };
  /** Liquid's `routes`; a shop at the domain root by default */
  routes?: { root_url: string; account_url: string; account_login_url: string };
};

export type Schema = {
  name: string;
  target: string;
  stylesheet?: string;
  javascript?: string;
  settings: { id?: string; type: string; default?: unknown; label?: string; content?: string }[];
};

function engine(locale: string) {
  const liquid = new Liquid({
    root: [path.join(EXT_DIR, "blocks")],
    extname: ".liquid",
    strictFilters: true,
    cache: false,
  });
  liquid.registerFilter("t", (key: string, ...args: [string, unknown][]) =>
    translate(locale, key, Object.fromEntries(args.filter(Array.isArray))),
  );
  liquid.registerFilter("asset_url", (name: string) => `/assets/${encodeURIComponent(name)}`);
  liquid.registerFilter("json", (value: unknown) =>
    JSON.stringify(value ?? null)
      .replace(/</g, "\\u003c")
      .replace(/>/g, "\\u003e")
      .replace(/&/g, "\\u0026"),
  );
  return liquid;
}

/** Blank settings map to "" like Shopify's unset text/color settings; defaults from the schema. */
export function defaultSettings(file: string): BlockSettings {
  const schema = readSchema(file);
  const out: BlockSettings = {};
  for (const s of schema.settings) if (s.id) out[s.id] = (s.default as string | boolean | undefined) ?? "";
  return out;
}

const SCHEMA = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/;
const source = (file: string) => readFileSync(path.join(EXT_DIR, "blocks", file), "utf8");

export function readSchema(file: string): Schema {
  const m = source(file).match(SCHEMA);
  if (!m) throw new Error(`${file} has no schema`);
  return JSON.parse(m[1]) as Schema;
}

/** Renders one block file the way Shopify renders an app block inside a section. */
export async function renderBlock(file: string, ctx: RenderContext): Promise<string> {
  const liquid = engine(ctx.locale);
  const tpl = liquid.parse(source(file).replace(SCHEMA, ""), file);
  const settings = { ...defaultSettings(file), ...(ctx.settings ?? {}) };
  const scope = {
    block: {
      id: ctx.blockId ?? "AbC123xyz",
      type: `shopify://apps/referrals/blocks/${file}`,
      settings,
      shopify_attributes: "",
    },
    customer: ctx.customer ?? null,
    request: {
      locale: { iso_code: ctx.locale, primary: ctx.locale === "en" },
      page_type: ctx.pageType ?? "customers/account",
      design_mode: false,
    },
    routes: ctx.routes ?? { root_url: "/", account_url: "/account", account_login_url: "/account/login" },
    shop: ctx.shop ?? { name: "Test Shop", currency: "EUR" },
  };
  return (await liquid.render(tpl, scope)) as string;
}

/** What Shopify adds to the page for a block schema's `stylesheet` and `javascript`. */
export function assetTags(file: string): string {
  const schema = readSchema(file);
  return [
    schema.stylesheet && `<link rel="stylesheet" href="/assets/${schema.stylesheet}">`,
    schema.javascript && `<script src="/assets/${schema.javascript}" defer></script>`,
  ]
    .filter(Boolean)
    .join("\n");
}
