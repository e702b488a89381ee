import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { GraphQLClient } from "graphql-request";
import { unauthenticated } from "../shopify.server";
import { backoffMs } from "../lib/backoff";
import { API_VERSION } from "../shopify/api-version";
import { shopifyFetch } from "./shopify-fetch.server";
import {
  observeBudget,
  readBudgets,
  reserveBudget,
  usableMaximum,
  DEFAULT_THROTTLE_STATUS,
  type BudgetLevel,
} from "./shared-budget.server";
import type { ThrottleStatus } from "./throttle";

/**
 * The one way the app's domain code talks to the Admin API: GraphQL over
 * graphql-request with the shop's offline token, paced by the shop's cost bucket (shared
 * by every process through the database, see shared-budget.server.ts), retrying
 * throttling, 5xx and network failures with backoff.
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

/** What this process knows of a shop's shared bucket. */
interface ShopBudget {
  /** the level the last reservation (or read) found */
  level: BudgetLevel | null;
  /** points reserved but not charged by Shopify, given back with the next reservation */
  giveBack: number;
  /** whether this process has told the database what Shopify reported yet */
  observed: boolean;
}

const budgets = new Map<string, ShopBudget>();
function budgetFor(shop: string): ShopBudget {
  let budget = budgets.get(shop);
  if (!budget) budgets.set(shop, (budget = { level: null, giveBack: 0, observed: false }));
  return budget;
}

/** The level of a known bucket, refilled to `at` (ms). */
function levelAt(level: BudgetLevel, at: number): number {
  return Math.min(level.maximumAvailable, level.available + (level.restoreRate * Math.max(0, at - level.at)) / 1000);
}

/**
 * How many mutations (10 points each) the shop's rate limit pays for within `ms`, by the
 * shared bucket as this process last read it: what is left now plus what refills
 * meanwhile (less when calls of any process are queued). The worker hands a shop no more
 * work per pass than this, so no pass waits long on one shop's bucket while other shops'
 * work queues behind it.
 */
export function mutationsAffordable(shop: string, ms: number): number {
  const now = Date.now();
  const level = budgetFor(shop).level ?? {
    maximumAvailable: usableMaximum(DEFAULT_THROTTLE_STATUS),
    available: usableMaximum(DEFAULT_THROTTLE_STATUS),
    restoreRate: DEFAULT_THROTTLE_STATUS.restoreRate,
    at: now,
  };
  return Math.floor((levelAt(level, now) + (level.restoreRate * ms) / 1000) / 10);
}

/** Reads the shared buckets of these shops (one query), so mutationsAffordable is current. */
export async function refreshBudgets(shops: string[]): Promise<void> {
  for (const [shop, level] of await readBudgets(shops)) budgetFor(shop).level = level;
}

/**
 * What Shopify charged for each query the app sends (requestedQueryCost): the cost
 * reserved the next time, so a reservation matches what Shopify will take up front.
 */
const learnedCosts = new Map<string, number>();

/** Reported levels this far below what this process expected mean the books drifted. */
const DRIFT_POINTS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AdminClientOptions {
  maxAttempts?: number;
  timeoutMs?: number;
  /** base for exponential backoff of 5xx/network retries */
  retryBaseMs?: number;
}

/**
 * How long a client reuses the access token it looked up. Short, so a token refreshed or
 * replaced by a reinstall is picked up soon by a client that lives longer than a pass.
 */
const TOKEN_REUSE_MS = 30_000;

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
  const budget = budgetFor(shop);
  // The token is looked up (a database read of the offline session) once per client and
  // reused for TOKEN_REUSE_MS: a worker pass sends many calls for a shop through one
  // client, and each used to read the session again. A failed lookup is not kept.
  let cachedToken: { value: Promise<string>; at: number } | null = null;
  const tokenNow = (): Promise<string> => {
    if (typeof accessToken === "string") return Promise.resolve(accessToken);
    if (cachedToken && Date.now() - cachedToken.at < TOKEN_REUSE_MS) return cachedToken.value;
    const value = accessToken();
    const entry = { value, at: Date.now() };
    cachedToken = entry;
    value.catch(() => {
      if (cachedToken === entry) cachedToken = null;
    });
    return value;
  };

  async function once<T>(query: string, variables: Record<string, unknown> | undefined, cost: number): Promise<T> {
    const token = await tokenNow();
    // Reserved right before sending: Shopify charges the call when it arrives.
    const giveBack = budget.giveBack;
    budget.giveBack = 0;
    let reservation;
    try {
      reservation = await reserveBudget(shop, cost, giveBack);
    } catch (error) {
      budget.giveBack += giveBack;
      throw error;
    }
    budget.level = reservation.level;
    if (reservation.waitMs > 0) await sleep(reservation.waitMs);
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
      budget.giveBack += cost;
      throw classify(error);
    }
    const costInfo = (response.extensions as { cost?: CostExtension } | undefined)?.cost;
    const errors = response.errors ?? [];
    const throttled = errors.some((e) => e.extensions?.code === "THROTTLED");
    if (costInfo?.requestedQueryCost) learnedCosts.set(query, costInfo.requestedQueryCost);
    // Shopify takes the requested cost up front and gives back what was not used.
    const charged = throttled ? 0 : (costInfo?.actualQueryCost ?? costInfo?.requestedQueryCost ?? cost);
    budget.giveBack += cost - charged;
    const status = costInfo?.throttleStatus;
    if (status) {
      // Shopify's figures correct the shared books the first time, when they drifted
      // (a THROTTLED answer, or far less left than this call's reservation implied).
      const expected = Math.max(0, reservation.level.available);
      if (!budget.observed || throttled || status.currentlyAvailable < expected - DRIFT_POINTS) {
        await observeBudget(shop, status);
        budget.observed = true;
      }
    }
    if (throttled) throw new AdminApiError("Throttled by Shopify", true, "throttled");
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
      const cost = opts?.estimatedCost ?? learnedCosts.get(query) ?? estimateCost(query);
      for (let attempt = 1; ; attempt++) {
        try {
          return await once<T>(query, variables, cost);
        } catch (error) {
          const failure = error instanceof AdminApiError ? error : classify(error);
          if (!failure.retryable || attempt >= maxAttempts) throw failure;
          if (opts?.idempotent === false && failure.kind !== "throttled") throw failure;
          // Throttled: the next reservation queues behind the corrected books, after a
          // short pause; otherwise back off.
          await sleep(failure.kind === "throttled" ? 250 : backoffMs(attempt, retryBaseMs, 30_000));
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

/**
 * The Admin API for a shop, with its offline token (refreshed by the Shopify library when
 * expiring). No stored offline session (or one without a token) is an authentication
 * failure, not a network one: no retry can mend it, only the shop authenticating again
 * (OAuth or token exchange), so the caller parks the work at once instead of retrying it.
 */
export async function adminApiFor(shop: string, options?: AdminClientOptions): Promise<AdminApi> {
  return createAdminApi(shop, () => offlineToken(shop), options);
}

async function offlineToken(shop: string): Promise<string> {
  let token: string | undefined;
  try {
    token = (await unauthenticated.admin(shop)).session.accessToken;
  } catch (error) {
    if (!(error instanceof SessionNotFoundError)) throw error;
  }
  if (!token) throw new AdminApiError(NO_OFFLINE_SESSION, false, "auth");
  return token;
}

/** Why a shop's work is parked when the app holds no offline token for it. */
export const NO_OFFLINE_SESSION =
  "No offline access token is stored for the shop; waiting for the shop to authenticate again.";

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
