import { GraphQLClient } from "graphql-request";
import { unauthenticated } from "../shopify.server";
import { API_VERSION } from "../shopify/api-version";
import { shopifyFetch } from "./shopify-fetch.server";
import { CostBucket, type ThrottleStatus } from "./throttle";

/**
 * The one way the app's domain code talks to the Admin API: GraphQL over
 * graphql-request with the shop's offline token, paced by the shop's cost bucket,
 * retrying throttling, 5xx and network failures with backoff.
 */

export class AdminApiError extends Error {
  constructor(
    message: string,
    /** true for failures that may pass (throttling, 5xx, timeouts, network) */
    readonly retryable: boolean,
    readonly kind: "throttled" | "server" | "network" | "graphql" | "auth",
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export interface AdminApi {
  readonly shop: string;
  request<T>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
}

export interface RequestOptions {
  estimatedCost?: number;
  /**
   * false for a mutation that must not run twice and has no idempotency key (Flow
   * triggers): only throttling, which proves Shopify did not run it, is retried; a 5xx,
   * timeout or dropped connection (Shopify may have run it) is thrown at once.
   */
  idempotent?: boolean;
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

const buckets = new Map<string, CostBucket>();
function bucketFor(shop: string) {
  let bucket = buckets.get(shop);
  if (!bucket) buckets.set(shop, (bucket = new CostBucket()));
  return bucket;
}

/**
 * How many mutations (10 points each) the shop's rate limit pays for within `ms`, by
 * this process's mirror of its bucket: what is left now plus what refills meanwhile.
 * The worker hands a shop no more work per pass than this, so no pass waits long on one
 * shop's bucket while other shops' work queues behind it.
 */
export function mutationsAffordable(shop: string, ms: number): number {
  const { currentlyAvailable, restoreRate } = bucketFor(shop).snapshot;
  return Math.floor((currentlyAvailable + (restoreRate * ms) / 1000) / 10);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AdminClientOptions {
  maxAttempts?: number;
  timeoutMs?: number;
  /** base for exponential backoff of 5xx/network retries */
  retryBaseMs?: number;
}

/** A mutation costs Shopify about 10 points; a small query a few. */
export function estimateCost(query: string): number {
  return /^\s*(#graphql\s*)?mutation\b/.test(query) ? 10 : 5;
}

export function createAdminApi(
  shop: string,
  accessToken: string | (() => Promise<string>),
  options: AdminClientOptions = {},
): AdminApi {
  const { maxAttempts = 6, timeoutMs = 20_000, retryBaseMs = 500 } = options;
  const endpoint = `https://${shop}/admin/api/${API_VERSION}/graphql.json`;
  const bucket = bucketFor(shop);

  async function once<T>(query: string, variables: Record<string, unknown> | undefined, cost: number): Promise<T> {
    for (let wait = bucket.reserve(cost); wait > 0; wait = bucket.reserve(cost)) await sleep(wait);
    const token = typeof accessToken === "string" ? accessToken : await accessToken();
    const client = new GraphQLClient(endpoint, {
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        shopifyFetch(input as string, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      headers: { "X-Shopify-Access-Token": token },
      errorPolicy: "all",
    });
    let response;
    try {
      response = await client.rawRequest<T>(query, variables);
    } catch (error) {
      bucket.settle(cost, 0);
      throw classify(error);
    }
    const costInfo = (response.extensions as { cost?: CostExtension } | undefined)?.cost;
    if (costInfo?.throttleStatus) bucket.observe(costInfo.throttleStatus);
    else bucket.settle(cost, costInfo?.actualQueryCost ?? cost);
    const errors = response.errors ?? [];
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
      throw new AdminApiError("Throttled by Shopify", true, "throttled");
    }
    if (errors.length > 0) {
      const internal = errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
      throw new AdminApiError(
        `GraphQL error: ${errors.map((e) => e.message).join("; ")}`,
        internal,
        internal ? "server" : "graphql",
      );
    }
    return response.data as T;
  }

  return {
    shop,
    async request<T>(query: string, variables?: Record<string, unknown>, opts?: RequestOptions) {
      const cost = opts?.estimatedCost ?? estimateCost(query);
      for (let attempt = 1; ; attempt++) {
        try {
          return await once<T>(query, variables, cost);
        } catch (error) {
          const failure = error instanceof AdminApiError ? error : classify(error);
          if (!failure.retryable || attempt >= maxAttempts) throw failure;
          if (opts?.idempotent === false && failure.kind !== "throttled") throw failure;
          // Throttled: wait until the bucket has refilled enough; otherwise back off.
          const delay =
            failure.kind === "throttled"
              ? Math.max(bucket.waitFor(cost), 250)
              : Math.min(30_000, retryBaseMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
          await sleep(delay);
        }
      }
    },
  };
}

function classify(error: unknown): AdminApiError {
  if (error instanceof AdminApiError) return error;
  const status = (error as { response?: { status?: number } })?.response?.status;
  if (status === 401 || status === 403)
    return new AdminApiError(`Shopify refused the access token (HTTP ${status})`, false, "auth");
  if (status === 429) return new AdminApiError("Throttled by Shopify (HTTP 429)", true, "throttled");
  if (status !== undefined && status >= 500)
    return new AdminApiError(`Shopify answered HTTP ${status}`, true, "server");
  if (status !== undefined && status >= 400)
    return new AdminApiError(`Shopify answered HTTP ${status}`, false, "graphql");
  const message = error instanceof Error ? error.message : String(error);
  // Timeouts, resets and refused connections may pass on a later try.
  return new AdminApiError(`Network failure talking to Shopify: ${message}`, true, "network");
}

/** The Admin API for a shop, with its offline token (refreshed by the Shopify library when expiring). */
export async function adminApiFor(shop: string, options?: AdminClientOptions): Promise<AdminApi> {
  return createAdminApi(
    shop,
    async () => {
      const { session } = await unauthenticated.admin(shop);
      return session.accessToken!;
    },
    options,
  );
}

/** Throws unless a mutation's userErrors list is empty. */
export function assertNoUserErrors(operation: string, userErrors: UserError[] | null | undefined) {
  if (userErrors && userErrors.length > 0) {
    throw new AdminApiError(
      `${operation}: ${userErrors.map((e) => `${(e.field ?? []).join(".")} ${e.message}`.trim()).join("; ")}`,
      false,
      "graphql",
    );
  }
}
