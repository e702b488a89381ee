// The demo's storefront surfaces beyond the theme: what App Bridge's
// `shopify.app.extensions()` reports in each demo shop's admin (so the home page's
// storefront card has something to show), and a small HTTP server with previews of the
// customer account extensions for the shop on the current customer accounts.
import { createServer, type Server } from "node:http";
import type { AppExtensionInfo } from "../../simulator/app-bridge-stub";
import type { Simulator } from "../../simulator/index";
import {
  PREVIEW_LANGUAGES,
  PREVIEW_SURFACES,
  renderExtensionPreview,
  type PreviewLanguage,
  type PreviewSurface,
} from "./extension-preview";

const THEME_ID = "gid://shopify/OnlineStoreTheme/1";

/**
 * A theme app extension as App Bridge reports it, its account block and tracking embed
 * placed ("active") or not ("available") in the published theme.
 */
export function demoThemeExtension(block: boolean, embed: boolean): AppExtensionInfo {
  return {
    handle: "referral-block",
    type: "theme_app_extension",
    activations: [
      {
        target: "section",
        handle: "referral-account",
        name: "Referral program",
        status: block ? "active" : "available",
        activations: block ? [{ target: "template--customers.account/main", themeId: THEME_ID }] : [],
      },
      { target: "body", handle: "referral-launcher", name: "Referral launcher", status: "available", activations: [] },
      {
        target: "body",
        handle: "referral-tracking",
        name: "Referral link tracking",
        status: embed ? "active" : "available",
        activations: embed ? [{ target: "body", themeId: THEME_ID }] : [],
      },
    ],
  };
}

/** A UI extension live on these targets. */
export function demoUiExtension(handle: string, ...targets: string[]): AppExtensionInfo {
  return { handle, type: "ui_extension", activations: targets.map((target) => ({ target })) };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Plain styles for the Polaris elements the extension produces: enough to read it, nothing like Shopify's. */
const STYLES = `
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f4f4f4}
.note{background:#fff4d6;border-bottom:2px solid #e0b000;padding:12px 20px}
.note strong{display:block;font-size:16px}
nav{padding:10px 20px;background:#fff;border-bottom:1px solid #ddd}
nav a{margin-right:12px}
nav a[aria-current]{font-weight:700;color:#000;text-decoration:none}
main{max-width:760px;margin:20px auto;padding:0 20px}
s-page,s-section,s-stack,s-grid,s-box,s-banner,s-clipboard-item,s-query-container{display:block}
s-page::before{content:attr(heading);display:block;font-size:26px;font-weight:700}
s-page::after{content:attr(subheading);display:block;color:#616161;margin-bottom:12px;order:-1}
s-page{display:flex;flex-direction:column}
s-section{background:#fff;border:1px solid #ddd;border-radius:10px;padding:14px 16px;margin:10px 0}
s-section[heading]::before{content:attr(heading);display:block;font-weight:700;margin-bottom:6px}
s-stack{display:flex;flex-direction:column;gap:8px}
s-stack[direction=inline]{flex-direction:row;flex-wrap:wrap;align-items:center}
s-grid{display:grid;grid-auto-flow:column;gap:8px}
s-heading{display:block;font-weight:700}
s-text,s-paragraph{display:block}
s-stack[direction=inline]>s-text{display:inline}
s-text[type=strong]{font-weight:700}
s-text[color=subdued],s-paragraph[color=subdued]{color:#616161}
s-banner{border-radius:8px;padding:10px 12px;background:#eef4ff;border:1px solid #b7cdf5}
s-banner[tone=critical]{background:#fff0f0;border-color:#f1b5b5}
s-banner[tone=warning]{background:#fff6e0;border-color:#f0d080}
s-banner[heading]::before{content:attr(heading);display:block;font-weight:700}
s-button,s-link{display:inline-block;border:1px solid #8a8a8a;border-radius:8px;padding:4px 10px;background:#fff;margin:2px 4px 2px 0;cursor:default}
s-button[variant=primary]{background:#1a1a1a;color:#fff}
s-link{border:0;padding:0;color:#005bd3;text-decoration:underline}
s-badge{display:inline-block;border-radius:8px;padding:0 8px;background:#e3e3e3;font-size:13px}
s-badge[tone=success]{background:#cdfee1}
s-badge[tone=warning],s-badge[tone=caution]{background:#ffeb78}
s-badge[tone=critical]{background:#fedad9}
s-progress{display:block;height:8px;background:#e3e3e3;border-radius:4px}
s-clipboard-item{display:none}
s-divider{display:block;border-top:1px solid #ddd;margin:8px 0}
s-spinner::before{content:"…"}
`;

function previewPage(opts: {
  shop: string;
  surface: PreviewSurface;
  language: PreviewLanguage;
  customer: string;
  body: string;
}): string {
  const { shop, surface, language, customer, body } = opts;
  const link = (s: PreviewSurface, l: PreviewLanguage) =>
    `/${shop}/${s}?customer=${encodeURIComponent(customer)}&locale=${l}`;
  const surfaces = (Object.keys(PREVIEW_SURFACES) as PreviewSurface[])
    .map(
      (s) =>
        `<a href="${escapeHtml(link(s, language))}"${s === surface ? ' aria-current="page"' : ""}>${escapeHtml(PREVIEW_SURFACES[s].title)}</a>`,
    )
    .join("");
  const languages = PREVIEW_LANGUAGES.map(
    (l) => `<a href="${escapeHtml(link(surface, l))}"${l === language ? ' aria-current="true"' : ""}>${l}</a>`,
  ).join("");
  const { title, target } = PREVIEW_SURFACES[surface];
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>Preview: ${escapeHtml(title)} (not Shopify's renderer)</title>
<style>${STYLES}</style></head>
<body>
<div class="note" role="note" data-preview-note><strong>Preview, not Shopify's renderer.</strong>
The ${escapeHtml(title)} (<code>${escapeHtml(target)}</code>) of ${escapeHtml(shop)}, as the app's extension renders it for customer ${escapeHtml(customer)}:
its real code run by Shopify's UI extension tester (@shopify/ui-extensions-tester) in a simulated DOM, calling this demo's app with a session token
the simulator signed. In a shop, Shopify draws these elements in its customer accounts with the shop's branding.</div>
<nav>${surfaces} | ${languages}</nav>
<main data-extension-output>${body}</main>
</body></html>`;
}

export interface PreviewServer {
  url: string;
  server: Server;
  stop: () => Promise<void>;
}

/**
 * Serves GET /{shop}/{page|profile|order-status|thank-you}?customer=ID&locale=en|pl|bg|ru: the
 * surface rendered for that customer (a session token for them from the simulator).
 */
export async function startPreviewServer(opts: {
  sim: Simulator;
  appUrl: string;
  port: number;
  host?: string;
}): Promise<PreviewServer> {
  const { sim, appUrl } = opts;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://preview");
    const send = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(body);
    };
    const match = /^\/([a-z0-9][a-z0-9-]*\.myshopify\.com)\/([a-z-]+)$/.exec(url.pathname);
    if (req.method !== "GET" || !match)
      return send(404, "Not found: /{shop}/{page|profile|order-status|thank-you}?customer=ID");
    const [, shop, surfaceName] = match;
    if (!(surfaceName in PREVIEW_SURFACES)) return send(404, `Unknown surface ${escapeHtml(surfaceName)}`);
    if (!sim.hasShop(shop)) return send(404, `Unknown shop ${escapeHtml(shop)}`);
    const surface = surfaceName as PreviewSurface;
    const requested = url.searchParams.get("locale") ?? "en";
    const language = (PREVIEW_LANGUAGES as readonly string[]).includes(requested)
      ? (requested as PreviewLanguage)
      : "en";
    const customer = url.searchParams.get("customer") ?? "";
    if (!/^\d+$/.test(customer)) return send(400, "customer must be a customer's numeric id");
    // The thank-you block is a checkout extension: its token is checkout's.
    const token =
      surface === "thank-you"
        ? sim.checkoutSessionToken(shop, { customerId: customer })
        : sim.customerAccountSessionToken(shop, { customerId: customer });
    const userAgent = req.headers["user-agent"];
    renderExtensionPreview({ surface, language, token, appUrl, userAgent })
      .then((body) => send(200, previewPage({ shop, surface, language, customer, body })))
      .catch((error: unknown) => send(500, `<pre>${escapeHtml(String(error))}</pre>`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${opts.port}`,
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
