// What a theme gives the account block: an Online Store 2.0-like page around it, and the
// extension's assets as Shopify's CDN serves them. Shared by the simulator's storefront
// (`npm run demo`) and the storefront tests.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EXT_DIR } from "./liquid.js";

const TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** A file of extensions/referral-block/assets, or null when there is none of that name. */
export async function extensionAsset(name: string): Promise<{ body: Buffer; contentType: string } | null> {
  const base = path.basename(name);
  if (!base || base !== name) return null;
  const body = await readFile(path.join(EXT_DIR, "assets", base)).catch(() => null);
  return body ? { body, contentType: TYPES[path.extname(base)] ?? "application/octet-stream" } : null;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A minimal Online Store 2.0-like layout: theme font and colours, app block wrapper. */
export function themePage(opts: {
  lang: string;
  head: string;
  block: string;
  dark?: boolean;
  /** shown in the header; "Test Shop" by default */
  shopName?: string;
  /** the header link's target; "/" by default */
  homeUrl?: string;
  /** raw HTML after the shop name in the header (e.g. who is logged in) */
  headerExtra?: string;
}): string {
  const scheme = opts.dark ? "background:#14171c;color:#e8e6e1" : "background:#fbf8f3;color:#1f2a33";
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Account</title>
<style>
  body { margin: 0; font: 16px/1.5 Georgia, 'DejaVu Serif', serif; ${scheme}; }
  .page-width { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  header { border-bottom: 1px solid rgb(128 128 128 / 0.3); }
  a { color: inherit; }
</style>
${opts.head}
</head>
<body>
<header><div class="page-width"><a href="${escapeHtml(opts.homeUrl ?? "/")}">${escapeHtml(opts.shopName ?? "Test Shop")}</a>${opts.headerExtra ?? ""}</div></header>
<main class="page-width">
  <h1>Account</h1>
  <div id="shopify-block-AbC123xyz" class="shopify-block shopify-app-block">
${opts.block}
  </div>
</main>
</body>
</html>`;
}
