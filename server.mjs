#!/usr/bin/env node
// Production server: serves the Remix build and runs the background worker in the same
// process (`npm start`). `node server.mjs --worker-only` runs just the worker, so the
// worker can also be scaled as its own process; several of either may share one
// PostgreSQL database, because every job is claimed with a lease (see app/jobs).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { createRequestHandler } from "@remix-run/node";

const root = path.dirname(fileURLToPath(import.meta.url));
// Loading the build parses the configuration (app/config.server.ts): a bad environment
// variable stops the process here, before it listens or works, with the variable's name.
const build = await import(path.join(root, "build/server/index.js")).catch((error) => {
  if (error?.name !== "ConfigError") throw error;
  console.error(error.message);
  process.exit(1);
});
const { startWorker, WebTraffic, config, refuseAtBoundary, settleAfterResponse, redact } = build.entry.module;
const settings = config();
const workerOnly = process.argv.includes("--worker-only");
const runWorker = workerOnly || settings.server.runWorker;

// Requests in flight; the in-process worker lets them go first (app/jobs/web-traffic.ts).
const traffic = workerOnly ? undefined : new WebTraffic();
const worker = runWorker ? startWorker({ traffic }) : null;
let server = null;

if (!workerOnly) {
  const handleRemix = createRequestHandler(build, settings.nodeEnv);
  const clientDir = path.join(root, "build/client");
  const TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".ico": "image/x-icon",
  };

  /** Files from build/client (public/ is copied there, favicon.ico included); fingerprinted /assets are cached for a year. */
  function staticFile(url) {
    if (url.pathname.includes("..")) return null;
    const file = path.join(clientDir, decodeURIComponent(url.pathname));
    if (!file.startsWith(clientDir + path.sep)) return null;
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const immutable = url.pathname.startsWith("/assets/");
    return new Response(fs.readFileSync(file), {
      headers: {
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      },
    });
  }

  const listener = createRequestListener(
    async (request, client) => {
      // Malformed paths and cross-site form posts: a 4xx before any file or route is looked up.
      const refused = refuseAtBoundary(request);
      if (refused) return refused;
      if (request.method === "GET" || request.method === "HEAD") {
        const file = staticFile(new URL(request.url));
        if (file) return file;
      }
      // The connection's peer: the storefront's per-IP limits fall back to it (storefront/proxy-request).
      return handleRemix(request, { clientAddress: client.address });
    },
    {
      onError(error) {
        console.error(redact(`request failed: ${error instanceof Error ? error.message : String(error)}`));
        return new Response("Internal Server Error", { status: 500 });
      },
    },
  );
  server = http.createServer((req, res) => {
    traffic.begin();
    res.once("close", () => traffic.end());
    return listener(req, res);
  });
  // Shopify's webhook bodies are small; refuse slow or huge uploads early.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const { port, host } = settings.server;
  server.listen(port, host, () =>
    console.log(`referral app listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`),
  );
}

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  await Promise.all([server ? new Promise((resolve) => server.close(resolve)) : null, worker ? worker.stop() : null]);
  // Work the last answers left behind (a click being counted) finishes before the exit.
  await settleAfterResponse();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
