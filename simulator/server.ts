// HTTP routing. The app reaches the simulator by rewriting https://{shop}{path} to
// {SIMULATOR_URL}/{shop}{path}, so paths start with the shop domain:
//   POST /{shop}/admin/api/{version}/graphql.json   Admin GraphQL
//   POST /{shop}/admin/oauth/access_token           token exchange / refresh
//   /__sim/...                                      control API (control.ts)
// Faults are applied here, before the request is processed.

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAppBridgeStubRequest } from "./app-bridge-stub.js";
import { handleControl } from "./control.js";
import { executePrepared, prepareRequest, type AdminResponse } from "./execute.js";
import { statusFaultBody, type FaultRule } from "./faults.js";
import { parseParams, readBody, sendJson } from "./http-util.js";
import { handleAccessTokenRequest } from "./oauth.js";
import { DEFAULT_API_VERSION, hasAdminSchema, loadAdminSchema } from "./schema.js";
import type { Simulator } from "./simulator.js";
import { normalizeShopDomain, type Counters } from "./state.js";
import { handleStorefront } from "./storefront/server.js";

const GRAPHQL_PATH = /^\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/;
const TOKEN_PATH = /^\/([^/]+)\/admin\/oauth\/access_token$/;
export const INVALID_TOKEN_MESSAGE = "[API] Invalid API key or access token (unrecognized login or wrong password)";

function countFault(counters: Counters, rule: FaultRule): void {
  const key = rule.kind === "status" ? `status${rule.status ?? 500}` : rule.kind;
  counters.faultsInjected[key] = (counters.faultsInjected[key] ?? 0) + 1;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Applies a fault. Returns "handled" when the response was sent (or the connection
 * dropped or held), "throttle" for a forced THROTTLED answer, "continue" to process.
 */
async function applyFault(
  sim: Simulator,
  rule: FaultRule,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<"handled" | "throttle" | "continue"> {
  switch (rule.kind) {
    case "status": {
      const status = rule.status ?? 500;
      sendJson(res, status, statusFaultBody(status), rule.retryAfter ? { "Retry-After": String(rule.retryAfter) } : {});
      return "handled";
    }
    case "reset": {
      const socket = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
      if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
      else socket.destroy();
      return "handled";
    }
    case "throttle":
      return "throttle";
    case "timeout": {
      if (rule.holdMs === undefined || rule.holdMs === null) {
        // Never answer; stop() (or the client giving up) ends it.
        sim.heldResponses.add(res);
        res.on("close", () => sim.heldResponses.delete(res));
        return "handled";
      }
      sim.heldResponses.add(res);
      await sleep(rule.holdMs);
      sim.heldResponses.delete(res);
      if (rule.dropAfterHold) {
        req.socket.destroy();
        return "handled";
      }
      return "continue";
    }
  }
}

async function handleGraphql(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  shopPart: string,
  version: string,
): Promise<void> {
  const requestId = randomUUID();
  if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) {
    sim.globalCounters.requests++;
    return sendJson(res, 404, { errors: "Not Found" });
  }
  const shop = sim.shops.get(normalizeShopDomain(shopPart));
  const text = await readBody(req);
  if (!shop) {
    sim.globalCounters.requests++;
    return sendJson(res, 404, { errors: "Not Found" });
  }
  const counters = shop.counters;
  counters.requests++;
  counters.graphqlRequests++;
  if (req.method !== "POST") return sendJson(res, 405, { errors: "Method Not Allowed" });
  const token = req.headers["x-shopify-access-token"];
  if (!sim.tokens.check(Array.isArray(token) ? token[0] : token, shop.shop.domain)) {
    counters.unauthorized++;
    return sendJson(res, 401, { errors: INVALID_TOKEN_MESSAGE });
  }
  // Shopify serves an unknown-but-well-formed version with its oldest supported one; here: the default.
  const servedVersion = hasAdminSchema(version) ? version : DEFAULT_API_VERSION;
  const schema = loadAdminSchema(servedVersion);
  const params = parseParams(text, req.headers["content-type"]);
  const prepared = params ? prepareRequest(schema, params) : null;
  if (!prepared) return sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } });

  let forceThrottle = false;
  const rule = sim.faults.pick({
    shop: shop.shop.domain,
    endpoint: "graphql",
    rootFields: prepared.rootFields,
    operationName: prepared.operationName,
  });
  if (rule) {
    countFault(counters, rule);
    const outcome = await applyFault(sim, rule, req, res);
    if (outcome === "handled") return;
    forceThrottle = outcome === "throttle";
  }

  const bucket = sim.buckets.get(shop.shop.domain)!;
  const result: AdminResponse = executePrepared(prepared, {
    schema,
    shop,
    app: sim.app,
    bucket,
    flowTriggerHandles: sim.options.flowTriggerHandles ?? [],
    defer: (task) => sim.defer(task),
    forceThrottle,
  });
  sendJson(res, result.status, result.body, { "X-Shopify-API-Version": servedVersion, "X-Request-Id": requestId });
}

async function handleToken(sim: Simulator, req: IncomingMessage, res: ServerResponse, shopPart: string): Promise<void> {
  const domain = normalizeShopDomain(shopPart);
  const text = await readBody(req);
  if (req.method !== "POST") return sendJson(res, 405, { errors: "Method Not Allowed" });
  let shop = sim.shops.get(domain);
  if (!shop && sim.options.autoCreateShops !== false) {
    sim.seedShop({ domain });
    shop = sim.shops.get(domain);
  }
  if (!shop) {
    sim.globalCounters.requests++;
    return sendJson(res, 404, { errors: "Not Found" });
  }
  shop.counters.requests++;
  shop.counters.tokenRequests++;
  const rule = sim.faults.pick({ shop: domain, endpoint: "oauth", rootFields: [], operationName: null });
  if (rule) {
    countFault(shop.counters, rule);
    const outcome = await applyFault(sim, rule, req, res);
    if (outcome === "handled") return;
    if (outcome === "throttle") return sendJson(res, 429, { errors: "Exceeded rate limit." }, { "Retry-After": "1" });
  }
  const params = parseParams(text, req.headers["content-type"]);
  if (!params)
    return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be JSON or form-encoded." });
  const result = handleAccessTokenRequest(domain, params, {
    apiKey: sim.app.apiKey,
    apiSecret: sim.apiSecret,
    clock: sim.clock,
    tokens: sim.tokens,
    scopeFor: (s) => sim.shops.get(s)?.shop.scopes ?? "",
  });
  sendJson(res, result.status, result.body);
}

export async function handleHttp(sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator");
  const path = url.pathname;
  // App Bridge's stand-in and its session tokens, for the embedded admin in a browser.
  const stub = handleAppBridgeStubRequest(url, { apiKey: sim.app.apiKey, secret: sim.apiSecret }, (shop) =>
    sim.appExtensionsOf(shop),
  );
  if (stub) {
    res.writeHead(stub.status, stub.headers);
    return void res.end(stub.body);
  }
  if (path === "/__sim" || path.startsWith("/__sim/")) return handleControl(sim, req, res, path);
  let match = GRAPHQL_PATH.exec(path);
  if (match) return handleGraphql(sim, req, res, decodeURIComponent(match[1]), match[2]);
  match = TOKEN_PATH.exec(path);
  if (match) return handleToken(sim, req, res, decodeURIComponent(match[1]));
  // The storefront (account page with the block, app proxy) and the admin entry.
  if (await handleStorefront(sim, req, res, url)) return;
  sim.globalCounters.requests++;
  await readBody(req).catch(() => "");
  sendJson(res, 404, { errors: "Not Found" });
}
