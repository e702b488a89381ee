import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { log } from "./lib/log.server";
import { addDocumentResponseHeaders } from "./shopify.server";

export { config } from "./config.server";
export { startWorker } from "./jobs/worker.server";
export { WebTraffic } from "./jobs/web-traffic";
export { refuseAtBoundary } from "./lib/request-boundary.server";
export { settleAfterResponse } from "./lib/after-response.server";
export { redact } from "./lib/log.server";

const STREAM_TIMEOUT_MS = 5_000;
export const streamTimeout = STREAM_TIMEOUT_MS;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Shopify requires the frame-ancestors policy for the shop on every document.
  addDocumentResponseHeaders(request, responseHeaders);
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html");
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        log.error("render failed:", error instanceof Error ? (error.stack ?? error.message) : error);
      },
    });
    setTimeout(abort, STREAM_TIMEOUT_MS + 1000);
  });
}

/**
 * What Remix logs about a request that failed. A 4xx Remix answers itself (no route for
 * the URL, a method the route does not take) is the caller's mistake: one line, no stack.
 * Anything else is the app's error: its stack, redacted like every log line.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const where = `${request.method} ${new URL(request.url).pathname.slice(0, 200)}`;
  if (isRouteErrorResponse(error) && error.status < 500) {
    log.warn(`${where}: ${error.status} ${error.statusText}`);
    return;
  }
  const inner =
    isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error;
  log.error(`${where} failed:`, inner instanceof Error ? (inner.stack ?? inner.message) : inner);
};
