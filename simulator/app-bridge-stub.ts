// A stand-in for Shopify's App Bridge script (https://cdn.shopify.com/shopifycloud/app-bridge.js),
// which only works inside the real admin and is not reachable offline. It gives the
// embedded admin what it uses of App Bridge so the app can be driven in a plain browser
// against the simulator:
//   - window.shopify: config, idToken(), toast, saveBar, loading (counting how often it
//     was turned on), webVitals.onReport (one stand-in report after load), environment,
//     ready, and app.extensions() (which of the app's extensions are live, as the simulator holds it
//     for the shop: Simulator.setAppExtensions, or POST /__sim/shops/SHOP/app-extensions);
//   - a fetch patch that adds "Authorization: Bearer <session token>" to same-origin
//     requests (as App Bridge does), retrying once when the app asks for a new token;
//   - the custom elements <ui-title-bar>, <ui-nav-menu>, <ui-save-bar> (and an inert
//     <ui-modal>), drawn minimally inside the page so their content is visible;
//   - the <form data-save-bar> behaviour: edits show a save bar whose Save submits and
//     whose Discard resets the form.
// Session tokens come from the server that served the script: GET {origin}/__sim/session-token?shop=...
// answers {"token": "<JWT>"} signed with the app's secret (mintSessionToken below);
// GET {origin}/__sim/app-extensions?shop=... answers what app.extensions() resolves to.

import crypto from "node:crypto";

export const APP_BRIDGE_STUB_PATH = "/__sim/app-bridge.js";
export const SESSION_TOKEN_PATH = "/__sim/session-token";
export const APP_EXTENSIONS_PATH = "/__sim/app-extensions";

/**
 * One element of what App Bridge's `shopify.app.extensions()` resolves to (shopify.dev,
 * App Home: App API; @shopify/app-bridge-types ExtensionInfo). UI extensions list the
 * targets they are live on; a theme app extension lists its blocks and embeds, each with
 * a status ("active", "available", "unavailable") and its placements in the published theme.
 */
export type AppExtensionInfo =
  | { handle: string; type: "ui_extension"; activations: { target: string }[] }
  | {
      handle: string;
      type: "theme_app_extension";
      activations: {
        target: "section" | "head" | "body" | "compliance_head";
        handle: string;
        name: string;
        status: "active" | "available" | "unavailable";
        activations: { target: string; themeId: string }[];
      }[];
    };

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * A Shopify admin session token (HS256 JWT, as App Bridge's idToken() returns): aud is
 * the app's API key, dest the shop, signed with the app's secret, valid for a minute.
 */
export function mintSessionToken(
  shop: string,
  apiKey: string,
  secret: string,
  opts: { userId?: string; ttlSeconds?: number; now?: number } = {},
): string {
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const header = { alg: "HS256", typ: "JWT" };
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: opts.userId ?? "1",
    exp: now + (opts.ttlSeconds ?? 60),
    nbf: now - 5,
    iat: now,
    jti: crypto.randomUUID(),
    sid: crypto.randomBytes(16).toString("hex"),
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = crypto.createHmac("sha256", secret).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

export interface StubResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Answers the stub's two paths (the script and the token endpoint) for any node:http
 * or fetch-style server; null for every other path. CORS is open because the admin page
 * (the app's origin) fetches tokens from the simulator's origin.
 */
export function handleAppBridgeStubRequest(
  url: URL,
  app: { apiKey: string; secret: string },
  extensionsFor: (shop: string) => AppExtensionInfo[] | null | undefined = () => [],
): StubResponse | null {
  const cors = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };
  if (url.pathname === APP_BRIDGE_STUB_PATH) {
    return {
      status: 200,
      headers: { ...cors, "Content-Type": "text/javascript; charset=utf-8" },
      body: appBridgeStubScript(),
    };
  }
  if (url.pathname === APP_EXTENSIONS_PATH) {
    const extensions = extensionsFor(url.searchParams.get("shop") ?? "");
    const json = { ...cors, "Content-Type": "application/json" };
    if (extensions === undefined)
      return { status: 404, headers: json, body: JSON.stringify({ error: "unknown shop" }) };
    // null: an App Bridge that cannot say; the stub's extensions() rejects, as a failing one would.
    if (extensions === null)
      return { status: 503, headers: json, body: JSON.stringify({ error: "extensions unavailable" }) };
    return { status: 200, headers: json, body: JSON.stringify(extensions) };
  }
  if (url.pathname === SESSION_TOKEN_PATH) {
    const shop = url.searchParams.get("shop") ?? "";
    if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) {
      return {
        status: 400,
        headers: { ...cors, "Content-Type": "application/json" },
        body: JSON.stringify({ error: "shop must be a *.myshopify.com domain" }),
      };
    }
    const token = mintSessionToken(shop, app.apiKey, app.secret, { userId: url.searchParams.get("user") ?? "1" });
    return { status: 200, headers: { ...cors, "Content-Type": "application/json" }, body: JSON.stringify({ token }) };
  }
  return null;
}

/** The browser script. Plain ES2017, no template literals, so it can live in this string. */
export function appBridgeStubScript(): string {
  return STUB_SOURCE;
}

const STUB_SOURCE = String.raw`(function () {
  "use strict";
  if (window.shopify && window.shopify.__simStub) return;
  var script = document.currentScript;
  var apiKey = (script && script.getAttribute("data-api-key")) || "";
  var tokenOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var params = new URLSearchParams(location.search);
  // The admin passes shop and host on the first load only; keep them for the session.
  var shop = params.get("shop") || sessionStorage.getItem("__simShop") || "";
  var host = params.get("host") || sessionStorage.getItem("__simHost") || "";
  try { sessionStorage.setItem("__simShop", shop); sessionStorage.setItem("__simHost", host); } catch (e) {}

  var originalFetch = window.fetch.bind(window);
  var cached = null;
  function decodeExp(token) {
    try { return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).exp * 1000; } catch (e) { return 0; }
  }
  function idToken() {
    if (cached && cached.exp - Date.now() > 15000) return Promise.resolve(cached.token);
    return originalFetch(tokenOrigin + "/__sim/session-token?shop=" + encodeURIComponent(shop), { credentials: "omit", cache: "no-store" })
      .then(function (res) {
        if (!res.ok) throw new Error("session token endpoint answered " + res.status);
        return res.json();
      })
      .then(function (body) {
        cached = { token: body.token, exp: decodeExp(body.token) };
        return body.token;
      });
  }

  function sameOrigin(input) {
    try { return new URL(input instanceof Request ? input.url : String(input), location.href).origin === location.origin; } catch (e) { return false; }
  }
  // App Bridge adds the session token to the app's own requests (Remix loaders/actions).
  window.fetch = function (input, init) {
    if (!sameOrigin(input)) return originalFetch(input, init);
    var request = new Request(input, init);
    var retry = request.method === "GET" || request.method === "HEAD" ? request.clone() : null;
    function send(req, token) {
      if (!req.headers.has("Authorization")) req.headers.set("Authorization", "Bearer " + token);
      return originalFetch(req);
    }
    return idToken().then(function (token) {
      return send(request, token).then(function (res) {
        if (retry && res.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
          cached = null;
          return idToken().then(function (fresh) { return send(retry, fresh); });
        }
        return res;
      });
    });
  };

  // ---- toasts -------------------------------------------------------------
  var toastSeq = 0;
  function toastBox() {
    var box = document.getElementById("__sim-toasts");
    if (!box) {
      box = document.createElement("div");
      box.id = "__sim-toasts";
      box.setAttribute("aria-live", "polite");
      box.style.cssText = "position:fixed;left:50%;bottom:24px;transform:translateX(-50%);z-index:2147483647;display:flex;flex-direction:column;gap:8px;align-items:center;font:14px/1.4 system-ui,sans-serif";
      document.body.appendChild(box);
    }
    return box;
  }
  var toast = {
    show: function (message, opts) {
      opts = opts || {};
      var id = "sim-toast-" + (++toastSeq);
      var el = document.createElement("div");
      el.id = id;
      el.setAttribute("role", opts.isError ? "alert" : "status");
      el.setAttribute("data-sim-toast", opts.isError ? "error" : "info");
      el.textContent = message;
      el.style.cssText = "padding:10px 16px;border-radius:8px;color:#fff;box-shadow:0 4px 12px rgba(0,0,0,.2);background:" + (opts.isError ? "#8e1f0b" : "#303030");
      toastBox().appendChild(el);
      setTimeout(function () { el.remove(); }, opts.duration || 5000);
      return id;
    },
    hide: function (id) { var el = document.getElementById(id); if (el) el.remove(); }
  };

  // ---- custom elements ----------------------------------------------------
  var BAR = "display:flex;align-items:center;gap:12px;padding:8px 16px;font:600 14px/1.4 system-ui,sans-serif;";
  function define(name, cls) { if (!customElements.get(name)) customElements.define(name, cls); }

  // The admin draws the title bar above the iframe; here it is a strip at the top.
  class UITitleBar extends HTMLElement {
    static get observedAttributes() { return ["title"]; }
    connectedCallback() {
      this.render();
      // Breadcrumbs and links in the title bar navigate inside the app, as App Bridge
      // does: it tells the app (AppProvider listens for shopify:navigate) instead of
      // loading a new document.
      if (!this.__simClicks) {
        this.__simClicks = true;
        this.addEventListener("click", function (e) {
          var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
          if (!a) return;
          e.preventDefault();
          a.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true, composed: true }));
        });
      }
    }
    attributeChangedCallback() { this.render(); }
    render() {
      if (!this.shadowRoot) {
        var root = this.attachShadow({ mode: "open" });
        root.innerHTML = '<div part="bar" style="' + BAR + 'background:#f1f1f1;border-bottom:1px solid #ddd"><span part="title" data-sim-title></span><span style="flex:1"></span><slot></slot></div>';
      }
      this.shadowRoot.querySelector("[data-sim-title]").textContent = this.getAttribute("title") || "";
    }
  }
  define("ui-title-bar", UITitleBar);

  // The admin draws the app's navigation in its sidebar; here it is a row of links.
  class UINavMenu extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      var root = this.attachShadow({ mode: "open" });
      root.innerHTML = '<style>::slotted(a){color:#e3f1ff;text-decoration:none;margin-right:16px}::slotted(a[rel=home]){font-weight:700}</style><nav part="nav" aria-label="App navigation" style="' + BAR + 'background:#1a1a1a"><slot></slot></nav>';
      root.querySelector("nav").style.color = "#fff";
    }
  }
  define("ui-nav-menu", UINavMenu);

  var saveBars = new Set();
  class UISaveBar extends HTMLElement {
    constructor() { super(); this._showing = false; this.discardConfirmation = false; }
    connectedCallback() {
      saveBars.add(this);
      if (!this.shadowRoot) {
        var root = this.attachShadow({ mode: "open" });
        root.innerHTML = '<div part="bar" role="region" aria-label="Unsaved changes" style="' + BAR + 'position:fixed;top:0;left:0;right:0;z-index:2147483646;background:#1a1a1a;color:#fff"><span>Unsaved changes</span><span style="flex:1"></span><slot></slot></div>';
      }
      this.sync();
    }
    disconnectedCallback() { saveBars.delete(this); }
    get showing() { return this._showing; }
    sync() { this.style.display = this._showing ? "block" : "none"; this.toggleAttribute("data-sim-showing", this._showing); }
    show() { if (!this._showing) { this._showing = true; this.sync(); this.dispatchEvent(new Event("show")); } return Promise.resolve(); }
    hide() { if (this._showing) { this._showing = false; this.sync(); this.dispatchEvent(new Event("hide")); } return Promise.resolve(); }
    toggle() { return this._showing ? this.hide() : this.show(); }
  }
  define("ui-save-bar", UISaveBar);

  // Modals are not used by this app; the element exists so markup with it does not break.
  class UIModal extends HTMLElement {
    connectedCallback() { this.style.display = "none"; }
    show() { return Promise.resolve(); }
    hide() { return Promise.resolve(); }
    toggle() { return Promise.resolve(); }
  }
  define("ui-modal", UIModal);

  function barById(id) { var el = document.getElementById(id); return el && el.show ? el : null; }
  var saveBar = {
    show: function (id) { var b = barById(id); return b ? b.show() : Promise.resolve(); },
    hide: function (id) { var b = barById(id); return b ? b.hide() : Promise.resolve(); },
    toggle: function (id) { var b = barById(id); return b ? b.toggle() : Promise.resolve(); },
    leaveConfirmation: function () {
      var open = Array.from(saveBars).some(function (b) { return b.showing; });
      if (!open || window.confirm("Leave page with unsaved changes?")) return Promise.resolve();
      return new Promise(function () {});
    }
  };

  // <form data-save-bar>: any edit shows a save bar for the form; Save submits it,
  // Discard resets it; submitting or resetting hides the bar again.
  function formBar(form) {
    if (form.__simBar) return form.__simBar;
    var bar = document.createElement("ui-save-bar");
    var save = document.createElement("button");
    save.setAttribute("variant", "primary");
    save.textContent = "Save";
    save.type = "button";
    save.addEventListener("click", function () { form.requestSubmit(); });
    var discard = document.createElement("button");
    discard.textContent = "Discard";
    discard.type = "button";
    discard.addEventListener("click", function () { form.reset(); });
    bar.appendChild(save);
    bar.appendChild(discard);
    document.body.appendChild(bar);
    form.__simBar = bar;
    return bar;
  }
  function onEdit(event) {
    var form = event.target && event.target.closest ? event.target.closest("form[data-save-bar]") : null;
    if (form) formBar(form).show();
  }
  document.addEventListener("input", onEdit, true);
  document.addEventListener("change", onEdit, true);
  document.addEventListener("submit", function (e) { var f = e.target; if (f && f.__simBar) f.__simBar.hide(); }, true);
  document.addEventListener("reset", function (e) { var f = e.target; if (f && f.__simBar) f.__simBar.hide(); }, true);

  window.shopify = {
    __simStub: true,
    config: { apiKey: apiKey, shop: shop, host: host, locale: "en-US", appOrigins: [] },
    origin: "https://admin.shopify.com",
    ready: Promise.resolve(),
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: toast,
    saveBar: saveBar,
    // The loading bar: an attribute while on, and how many times it was turned on, so a
    // test can see that a navigation showed it even after it went off again.
    loading: function (on) {
      var el = document.documentElement;
      if (on !== false && !el.hasAttribute("data-sim-loading")) {
        el.setAttribute("data-sim-loading-count", String(Number(el.getAttribute("data-sim-loading-count") || "0") + 1));
      }
      el.toggleAttribute("data-sim-loading", on !== false);
    },
    // Admin Web Vitals: one report, as the admin sends after a page has loaded, with the
    // page's real navigation timing as LCP (a stand-in value, not a measurement).
    webVitals: {
      onReport: function (callback) {
        if (!callback) return Promise.resolve();
        setTimeout(function () {
          var nav = performance.getEntriesByType("navigation")[0];
          var lcp = nav ? nav.duration : performance.now();
          callback({ metrics: [
            { id: "sim-lcp-" + Date.now(), name: "LCP", value: lcp },
            { id: "sim-cls-" + Date.now(), name: "CLS", value: 0 }
          ] });
        }, 50);
        return Promise.resolve();
      }
    },
    modal: { show: function () { return Promise.resolve(); }, hide: function () { return Promise.resolve(); }, toggle: function () { return Promise.resolve(); } },
    user: function () { return Promise.resolve({ accountAccess: "Account owner" }); },
    app: {
      extensions: function () {
        return originalFetch(tokenOrigin + "/__sim/app-extensions?shop=" + encodeURIComponent(shop), { credentials: "omit", cache: "no-store" })
          .then(function (res) {
            if (!res.ok) throw new Error("app.extensions() is not available (" + res.status + ")");
            return res.json();
          });
      }
    }
  };
})();
`;
