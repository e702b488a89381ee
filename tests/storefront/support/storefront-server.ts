/**
 * A stand-in storefront on 127.0.0.1: serves theme-like pages with the rendered block, the
 * extension's assets (as Shopify's CDN would) and a stub of the app proxy endpoint
 * GET /apps/referrals/api/me whose answer, delay and status each test sets.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extensionAsset } from "../../../simulator/storefront/theme";

export type ApiStub =
  { status: number; body?: unknown; delayMs?: number; raw?: string } | { dropConnection: true; delayMs?: number };

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
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(url: string, headers: IncomingHttpHeaders, res: import("node:http").ServerResponse) {
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
      const asset = await extensionAsset(decodeURIComponent(pathname.slice("/assets/".length)));
      if (!asset) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": asset.contentType });
      res.end(asset.body);
      return;
    }
    const page = this.pages.get(pathname);
    if (page === undefined) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  }
}

export { themePage } from "../../../simulator/storefront/theme";
