// Injectable failures, so the app's retry, timeout and idempotency paths can be tested:
//   status   - answer HTTP 500/502/503/504 (Shopify's 5xx bodies), without executing;
//   timeout  - hold the request holdMs and then process it (the client may have given up,
//              so a mutation can succeed unseen), or never answer until stop() if no holdMs;
//   throttle - answer THROTTLED as if the bucket were empty;
//   reset    - destroy the TCP connection without a response.
// A rule fires for the next `count` matching requests, or with `probability` per
// request from its own seeded PRNG (so a run repeats exactly), optionally only for one
// shop, endpoint, root field or operation name.

import { hashSeed, mulberry32, type Rng } from "./prng.js";

export type FaultKind = "status" | "timeout" | "throttle" | "reset";
export type FaultEndpoint = "graphql" | "oauth" | "any";

export interface FaultSpec {
  kind: FaultKind;
  /** For kind "status": 500 (default), 502, 503 or 504. */
  status?: number;
  /** For kind "timeout": hold this long, then process normally. Omit to never answer. */
  holdMs?: number | null;
  /** For kind "timeout" with holdMs: after holding, drop the connection instead of answering. */
  dropAfterHold?: boolean;
  /** Only requests for this shop (myshopify domain). */
  shop?: string | null;
  /** Which endpoint the rule watches. Default "graphql". */
  endpoint?: FaultEndpoint;
  /** Fire for the next N matching requests. Default 1 when probability is not given. */
  count?: number | null;
  /** Fire with this probability per matching request (0..1), seeded. */
  probability?: number | null;
  seed?: number | null;
  /** Only operations selecting one of these root fields. */
  rootField?: string | string[] | null;
  /** Only operations with one of these names. */
  operationName?: string | string[] | null;
  /** Retry-After header (seconds) on a status fault. */
  retryAfter?: number | null;
}

export interface FaultRule extends FaultSpec {
  id: string;
  /** Matching requests still to fail (count rules); null for probability rules. */
  remaining: number | null;
  injected: number;
  matched: number;
}

export interface FaultRequest {
  shop: string;
  endpoint: "graphql" | "oauth";
  rootFields: readonly string[];
  operationName: string | null;
}

const asList = (v: string | string[] | null | undefined): string[] | null =>
  v === undefined || v === null ? null : Array.isArray(v) ? v : [v];

export class FaultController {
  private rules: (FaultRule & { rng: Rng })[] = [];
  private nextId = 1;

  constructor(private readonly baseSeed = 20260115) {}

  /** Adds a rule; returns its id. */
  add(spec: FaultSpec): string {
    if (!["status", "timeout", "throttle", "reset"].includes(spec.kind))
      throw new Error(`Unknown fault kind: ${String(spec.kind)}`);
    if (spec.kind === "status" && spec.status !== undefined && ![500, 502, 503, 504].includes(spec.status))
      throw new Error("status faults use 500, 502, 503 or 504");
    if (
      spec.probability !== undefined &&
      spec.probability !== null &&
      !(spec.probability >= 0 && spec.probability <= 1)
    )
      throw new Error("probability must be within 0..1");
    const id = `fault-${this.nextId++}`;
    const probabilistic = spec.probability !== undefined && spec.probability !== null;
    const seed = spec.seed ?? this.baseSeed ^ hashSeed(id);
    this.rules.push({
      ...spec,
      endpoint: spec.endpoint ?? "graphql",
      id,
      remaining: probabilistic ? (spec.count ?? null) : (spec.count ?? 1),
      injected: 0,
      matched: 0,
      rng: mulberry32(seed),
    });
    return id;
  }

  /** Shorthand: fail the next `count` requests with `kind`. */
  failNext(kind: FaultKind, count = 1, options: Omit<FaultSpec, "kind" | "count"> = {}): string {
    return this.add({ ...options, kind, count });
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  /** Removes all rules, or all rules scoped to one shop. */
  clear(shop?: string): void {
    this.rules = shop === undefined ? [] : this.rules.filter((r) => r.shop !== shop);
  }

  list(): FaultRule[] {
    return this.rules.map(({ rng: _rng, ...rule }) => ({ ...rule }));
  }

  /** The rule that fires for this request, if any (consuming one of its count). */
  pick(req: FaultRequest): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.endpoint !== "any" && rule.endpoint !== req.endpoint) continue;
      if (rule.shop && rule.shop !== req.shop) continue;
      const fields = asList(rule.rootField);
      if (fields && !req.rootFields.some((f) => fields.includes(f))) continue;
      const names = asList(rule.operationName);
      if (names && (req.operationName === null || !names.includes(req.operationName))) continue;
      if (rule.remaining !== null && rule.remaining <= 0) continue;
      rule.matched++;
      if (rule.probability !== undefined && rule.probability !== null && rule.rng() >= rule.probability) continue;
      if (rule.remaining !== null) rule.remaining--;
      rule.injected++;
      const { rng: _rng, ...out } = rule;
      return out;
    }
    return null;
  }
}

/** Bodies Shopify sends with 5xx answers. */
export function statusFaultBody(status: number): unknown {
  switch (status) {
    case 502:
      return { errors: "Bad Gateway" };
    case 503:
      return { errors: "Service Unavailable" };
    case 504:
      return { errors: "Gateway Timeout" };
    default:
      return { errors: "Internal Server Error" };
  }
}
