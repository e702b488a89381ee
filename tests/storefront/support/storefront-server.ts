/**
 * A stand-in storefront on 127.0.0.1: serves theme-like pages with the rendered block, the
 * extension's assets (as Shopify's CDN would) and a stub of the app proxy endpoint
 * GET /apps/referrals/api/me whose answer, delay and status each test sets.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { EXT_DIR } from "./shopify-liquid";

export type ApiStub =
  | { status: number; body?: unknown; delayMs?: number; raw?: string }
  | { dropConnection: true; delayMs?: number };

const TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css" };

export class StorefrontServer {
  readonly pages = new Map<string, string>();
  api: ApiStub = { status: 200, body: {} };
  readonly apiCalls: IncomingHttpHeaders[] = [];
  private server: Server | undefined;
  origin = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req.url ?? "/", req.headers, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    );
  }

  private async handle(
    url: string,
    headers: IncomingHttpHeaders,
    res: import("node:http").ServerResponse
  ) {
    const { pathname } = new URL(url, "http://x");
    if (pathname === "/apps/referrals/api/me") {
      this.apiCalls.push(headers);
      const stub = this.api;
      if (stub.delayMs) await new Promise((r) => setTimeout(r, stub.delayMs));
      if ("dropConnection" in stub) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(stub.status, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      res.end(stub.raw ?? JSON.stringify(stub.body ?? {}));
      return;
    }
    if (pathname.startsWith("/assets/")) {
      const name = path.basename(decodeURIComponent(pathname));
      const body = await readFile(path.join(EXT_DIR, "assets", name)).catch(() => undefined);
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, {
        "content-type": TYPES[path.extname(name)] ?? "application/octet-stream",
      });
      res.end(body);
      return;
    }
    const page = this.pages.get(pathname);
    if (page === undefined) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  }
}

/** A minimal Online Store 2.0-like layout: theme font and colours, app block wrapper. */
export function themePage(opts: {
  lang: string;
  head: string;
  block: string;
  dark?: boolean;
}): string {
  const scheme = opts.dark
    ? "background:#14171c;color:#e8e6e1"
    : "background:#fbf8f3;color:#1f2a33";
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
<header><div class="page-width"><a href="/">Test Shop</a></div></header>
<main class="page-width">
  <h1>Account</h1>
  <div id="shopify-block-AbC123xyz" class="shopify-block shopify-app-block">
${opts.block}
  </div>
</main>
</body>
</html>`;
}
