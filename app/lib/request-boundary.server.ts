/**
 * Checks every request passes before it reaches Remix (server.mjs calls refuseAtBoundary
 * first), for input Remix itself would answer with a 500:
 * - a URL path with malformed percent-encoding (`/%E0%A4%A`): decoding it throws, in the
 *   static file lookup and in Remix's router alike. 400.
 * - a cross-site write to a page: Remix refuses a document POST whose `Origin` is not
 *   this host by throwing, which becomes a 500 with a stack trace in the log. The same
 *   comparison is made here first (Origin against X-Forwarded-Host, else Host, as Remix
 *   makes it; a browser's `Sec-Fetch-Site: cross-site` counts too) and answered 403.
 *   Left to their routes: the endpoints meant to be called from elsewhere, which
 *   authenticate every request by a signature or a token (Shopify's webhooks and app
 *   proxy, the UI extensions' API, a mail client's one-click unsubscribe, the benchmark
 *   routes), and the admin's data requests
 *   (`*.data`), which need a session token in a header that a form cannot send.
 */

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const CALLED_FROM_ELSEWHERE = [/^\/webhooks(?:\/|$)/, /^\/proxy\//, /^\/api\//, /^\/email\/unsubscribe$/, /^\/bench\//];

const refuse = (status: number, reason: string) =>
  new Response(reason, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export function refuseAtBoundary(request: Request): Response | null {
  const url = new URL(request.url);
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return refuse(400, "Bad Request: the URL path has malformed percent-encoding.");
  }
  if (isCrossSiteWrite(request, url.pathname)) {
    return refuse(403, "Forbidden: a form on another site cannot post to this app.");
  }
  return null;
}

function isCrossSiteWrite(request: Request, pathname: string): boolean {
  if (!WRITES.has(request.method)) return false;
  if (pathname.endsWith(".data") || CALLED_FROM_ELSEWHERE.some((p) => p.test(pathname))) return false;
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return !host || originHost(origin) !== host;
}

/** The host of an Origin header; null for "null" and for anything that is not a URL. */
function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
