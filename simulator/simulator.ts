// The simulator as an object: shops and their state, tokens, one leaky bucket per
// shop (the simulator serves one app, so per shop = per app and shop), faults, the
// clock, and the helpers tests, the demo and the benchmark use to seed data, play the
// storefront (orders, webhooks) and inspect what the app did.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { LeakyBucket, type ThrottleStatus } from "./bucket.js";
import { ManualClock, OffsetClock, systemClock, type Clock } from "./clock.js";
import {
  cancelOrder,
  findOrder,
  markOrderPaid,
  placeOrder,
  refundOrder,
  type PlaceOrderInput,
  type RefundInput,
} from "./commerce.js";
import { FaultController } from "./faults.js";
import { gid, parseGid } from "./gid.js";
import type { AppIdentity, ExecContext } from "./resolvers/context.js";
import { customerView, insertCustomer, validateCustomerSeed, type CustomerSeed } from "./resolvers/customers.js";
import { discountStatus } from "./resolvers/discounts-view.js";
import { canonicalOwnerId, metafieldsOf } from "./resolvers/metafields.js";
import { processBulkCreation } from "./resolvers/redeem-codes.js";
import { SUPPORTED_ROOT_FIELDS } from "./resolvers/index.js";
import { DEFAULT_API_VERSION, loadAdminSchema } from "./schema.js";
import { handleHttp } from "./server.js";
import {
  buildShopRecord,
  emptyCounters,
  IdSequence,
  normalizeShopDomain,
  ShopState,
  type Counters,
  type DiscountRecord,
  type MetafieldRecord,
  type OrderRecord,
  type ShopSeed,
  type CustomerAccountsVersion,
} from "./state.js";
import { TokenStore } from "./tokens.js";
import type { AppExtensionInfo } from "./app-bridge-stub.js";
import { mintExtensionSessionToken, type ExtensionTokenOptions } from "./extension-tokens.js";
import {
  buildOrderPayload,
  buildRefundPayload,
  buildShopPayload,
  DEFAULT_APP_SECRET,
  deliverWebhook,
  type DeliveryOptions,
  type DeliveryResult,
  type OrderTopic,
} from "./webhooks.js";
import { ActualCostMeter } from "./cost.js";

export const DEFAULT_APP_API_KEY = "simulator-app-api-key";

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Points restored per second (Shopify Standard plan: 100). */
  restoreRate?: number;
  /** Bucket size (maximumAvailable); Shopify Standard: 1000. */
  bucketSize?: number;
  appApiKey?: string;
  appSecret?: string;
  /** Inject a ManualClock to control time in tests; default real time (advanceable by offset). */
  clock?: Clock;
  /** Seed for probabilistic faults. */
  seed?: number;
  /** A token exchange for an unknown shop installs the app there (creates the shop). Default true. */
  autoCreateShops?: boolean;
  /** Where order webhooks are POSTed (the app's webhook endpoint), unless a shop overrides it. */
  webhookUrl?: string | null;
  /** Flow trigger handles the app declares; empty accepts any handle. */
  flowTriggerHandles?: string[];
  /** Delay before a redeem-code bulk creation is processed. Default 0 (next tick). */
  bulkCodeDelayMs?: number;
  /** API version stamped on webhooks. */
  webhookApiVersion?: string;
  app?: Partial<Omit<AppIdentity, "apiKey">>;
  /** Load the schema eagerly at start (default true) so the first request is fast. */
  preloadSchema?: boolean;
  /** The app's URL (SHOPIFY_APP_URL): where the storefront's app proxy and the admin entry go. */
  appUrl?: string | null;
  /** The app proxy (shopify.app.toml [app_proxy]); default /apps/referrals/* to {appUrl}/proxy/*. */
  appProxy?: { prefix?: string; subpath?: string; path?: string };
}

export interface SeedShopResult {
  shop: string;
  id: string;
  accessToken: string;
}

export interface CustomerSummary {
  id: string;
  legacyResourceId: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  tags: string[];
  createdAt: string;
}

export interface DiscountSummary {
  id: string;
  title: string;
  status: "ACTIVE" | "EXPIRED" | "SCHEDULED";
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  asyncUsageCount: number;
  value: DiscountRecord["value"];
  customerSelection: { all: true } | { all: false; customerIds: string[] };
  minimumRequirement: DiscountRecord["minimumRequirement"];
  combinesWith: DiscountRecord["combinesWith"];
  codes: { id: string; code: string; asyncUsageCount: number }[];
  tags: string[];
}

export interface PlacedOrder {
  order: {
    id: string;
    legacyResourceId: number;
    name: string;
    customerId: string | null;
    totalPrice: string;
    subtotalPrice: string;
    discountCodes: OrderRecord["discountCodes"];
  };
  payload: Record<string, unknown>;
  deliveries: DeliveryResult[];
}

export interface WebhookLogEntry {
  shop: string;
  topic: string;
  url: string;
  status: number | null;
  error: string | null;
  webhookId: string;
  eventId: string;
  at: string;
}

export class Simulator {
  readonly clock: OffsetClock;
  readonly faults: FaultController;
  readonly tokens: TokenStore;
  readonly app: AppIdentity;
  readonly apiSecret: string;
  readonly options: SimulatorOptions;
  readonly shops = new Map<string, ShopState>();
  /**
   * What App Bridge's `shopify.app.extensions()` answers in each shop's admin (which of
   * the app's extensions are live where); null: this admin's App Bridge cannot say.
   * A shop never set answers [] (no extensions).
   */
  private readonly appExtensions = new Map<string, AppExtensionInfo[] | null>();
  readonly buckets = new Map<string, LeakyBucket>();
  readonly webhookTargets = new Map<string, string>();
  readonly webhookLog: WebhookLogEntry[] = [];
  /** Requests that matched no shop (unknown shop, bad path). */
  globalCounters: Counters = emptyCounters();
  webhookUrl: string | null;
  /** See SimulatorOptions.appUrl; may be set after start. */
  appUrl: string | null;
  restoreRate: number;
  bucketSize: number;
  private ids = new IdSequence();
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  readonly heldResponses = new Set<ServerResponse>();
  private pending = new Map<NodeJS.Timeout | NodeJS.Immediate, () => void>();
  url = "";
  port = 0;

  constructor(options: SimulatorOptions = {}) {
    this.options = options;
    this.clock = new OffsetClock(options.clock ?? systemClock);
    this.faults = new FaultController(options.seed);
    this.tokens = new TokenStore(this.clock);
    this.apiSecret = options.appSecret ?? DEFAULT_APP_SECRET;
    this.app = {
      apiKey: options.appApiKey ?? DEFAULT_APP_API_KEY,
      id: options.app?.id ?? 6_000_001,
      title: options.app?.title ?? "Referral Program",
      handle: options.app?.handle ?? "referral-program",
    };
    this.webhookUrl = options.webhookUrl ?? null;
    this.appUrl = options.appUrl ?? null;
    this.restoreRate = options.restoreRate ?? 100;
    this.bucketSize = options.bucketSize ?? 1000;
  }

  // ---- lifecycle -------------------------------------------------------------------

  async listen(): Promise<this> {
    if (this.options.preloadSchema !== false) loadAdminSchema(DEFAULT_API_VERSION);
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      handleHttp(this, req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ errors: `Simulator error: ${(error as Error).message}` }));
        }
      });
    });
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.port = address.port;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${this.port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const [handle] of this.pending) {
      clearTimeout(handle as NodeJS.Timeout);
      clearImmediate(handle as NodeJS.Immediate);
    }
    this.pending.clear();
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets every shop, token, fault, counter and webhook log entry. */
  reset(): void {
    this.shops.clear();
    this.appExtensions.clear();
    this.buckets.clear();
    this.tokens.clear();
    this.faults.clear();
    this.webhookTargets.clear();
    this.webhookLog.length = 0;
    this.globalCounters = emptyCounters();
    for (const [handle] of this.pending) {
      clearTimeout(handle as NodeJS.Timeout);
      clearImmediate(handle as NodeJS.Immediate);
    }
    this.pending.clear();
  }

  /** Runs Shopify's asynchronous work later (next tick, or after bulkCodeDelayMs). */
  defer(task: () => void): void {
    const delay = this.options.bulkCodeDelayMs ?? 0;
    const run = () => {
      this.pending.delete(handle);
      task();
    };
    const handle: NodeJS.Timeout | NodeJS.Immediate = delay > 0 ? setTimeout(run, delay) : setImmediate(run);
    this.pending.set(handle, task);
  }

  /** Runs all deferred work now (e.g. finishes redeem-code bulk creations). */
  settle(): void {
    for (const [handle, task] of [...this.pending]) {
      clearTimeout(handle as NodeJS.Timeout);
      clearImmediate(handle as NodeJS.Immediate);
      this.pending.delete(handle);
      task();
    }
  }

  advanceTime(ms: number): void {
    this.clock.advance(ms);
  }

  // ---- shops -----------------------------------------------------------------------

  /** Creates (or replaces) a shop and returns an offline access token for it. */
  seedShop(seed: ShopSeed & { accessToken?: string; webhookUrl?: string | null }): SeedShopResult {
    const domain = normalizeShopDomain(seed.domain);
    const record = buildShopRecord({ ...seed, domain }, this.ids.next(), new Date(this.clock.now()).toISOString());
    this.tokens.revokeShop(domain);
    const state = new ShopState(record, this.ids, this.clock);
    if (seed.firstOrderNumber) state.nextOrderNumber = seed.firstOrderNumber;
    this.shops.set(domain, state);
    this.buckets.set(domain, new LeakyBucket(this.clock, this.bucketSize, this.restoreRate));
    if (seed.webhookUrl !== undefined) {
      if (seed.webhookUrl) this.webhookTargets.set(domain, seed.webhookUrl);
      else this.webhookTargets.delete(domain);
    }
    const token = this.tokens.issue({ shop: domain, scope: record.scopes, token: seed.accessToken });
    return { shop: domain, id: gid("Shop", record.id), accessToken: token.token };
  }

  hasShop(shop: string): boolean {
    return this.shops.has(normalizeShopDomain(shop));
  }

  /** Raw state of one shop (for assertions the helpers below do not cover). */
  shopState(shop: string): ShopState {
    const state = this.shops.get(normalizeShopDomain(shop));
    if (!state) throw new Error(`Unknown shop ${shop}: seed it first`);
    return state;
  }

  bucket(shop: string): LeakyBucket {
    this.shopState(shop);
    return this.buckets.get(normalizeShopDomain(shop))!;
  }

  throttleStatus(shop: string): ThrottleStatus {
    return this.bucket(shop).status();
  }

  /** Changes the rate limit of all shops (and of shops created later). */
  configureRateLimit(options: { restoreRate?: number; bucketSize?: number }): void {
    if (options.restoreRate !== undefined) this.restoreRate = options.restoreRate;
    if (options.bucketSize !== undefined) this.bucketSize = options.bucketSize;
    for (const bucket of this.buckets.values())
      bucket.configure({ restoreRate: options.restoreRate, maximumAvailable: options.bucketSize });
  }

  issueAccessToken(shop: string, options: { online?: boolean; expiring?: boolean; userId?: number } = {}): string {
    const state = this.shopState(shop);
    return this.tokens.issue({
      shop: state.shop.domain,
      scope: state.shop.scopes,
      kind: options.online ? "online" : "offline",
      expiring: options.expiring,
      userId: options.userId,
    }).token;
  }

  /** Sets what `shopify.app.extensions()` answers in the shop's admin (null: App Bridge cannot say). */
  setAppExtensions(shop: string, extensions: AppExtensionInfo[] | null): void {
    this.shopState(shop);
    this.appExtensions.set(normalizeShopDomain(shop), extensions === null ? null : structuredClone(extensions));
  }

  /** What `shopify.app.extensions()` answers in the shop's admin; undefined for an unknown shop. */
  appExtensionsOf(shop: string): AppExtensionInfo[] | null | undefined {
    const domain = normalizeShopDomain(shop);
    if (!this.shops.has(domain)) return undefined;
    const set = this.appExtensions.get(domain);
    return set === undefined ? [] : set === null ? null : structuredClone(set);
  }

  /** Moves a shop between legacy (CLASSIC) and current (NEW_CUSTOMER_ACCOUNTS) customer accounts. */
  setCustomerAccountsVersion(shop: string, version: CustomerAccountsVersion): void {
    this.shopState(shop).shop.customerAccountsVersion = version;
  }

  /**
   * The owner changes the store's currency in Shopify's settings: `shop.currencyCode`
   * answers the new one, and shop/update is sent to the app when a webhook URL is set (or
   * `deliver` is true). Nothing is converted: Shopify keeps prices and discount amounts as written.
   */
  async setShopCurrency(shop: string, currencyCode: string, options: { deliver?: boolean } = {}) {
    const state = this.shopState(shop);
    state.shop.currencyCode = currencyCode;
    if (!(options.deliver ?? this.webhookUrlFor(shop) !== null)) return null;
    return this.sendWebhook(shop, "shop/update", buildShopPayload(state));
  }

  /**
   * A session token as `shopify.sessionToken.get()` returns it in a customer account UI
   * extension: signed with the app's secret, `sub` the customer's GID (none for a guest).
   */
  customerAccountSessionToken(shop: string, opts: ExtensionTokenOptions = {}): string {
    return mintExtensionSessionToken("customer-account", this.shopState(shop).shop.domain, this.appKeys(), opts);
  }

  /** The same for a checkout UI extension (the thank-you page); a guest buyer's has no `sub`. */
  checkoutSessionToken(shop: string, opts: ExtensionTokenOptions = {}): string {
    return mintExtensionSessionToken("checkout", this.shopState(shop).shop.domain, this.appKeys(), opts);
  }

  private appKeys() {
    return { apiKey: this.app.apiKey, secret: this.apiSecret };
  }

  /** A resolver context for in-process use of the resolvers (seeding, inspection). */
  context(shop: string): ExecContext {
    return {
      shop: this.shopState(shop),
      app: this.app,
      meter: new ActualCostMeter(),
      defer: (task) => this.defer(task),
      flowTriggerHandles: this.options.flowTriggerHandles ?? [],
    };
  }

  // ---- seeding ---------------------------------------------------------------------

  addCustomer(shop: string, seed: CustomerSeed): CustomerSummary {
    const ctx = this.context(shop);
    const errors = validateCustomerSeed(ctx, seed);
    if (errors.length > 0) throw new Error(`Cannot add customer: ${errors.map((e) => e.message).join("; ")}`);
    const c = insertCustomer(ctx, seed);
    return {
      id: gid("Customer", c.id),
      legacyResourceId: c.id,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      tags: [...c.tags],
      createdAt: c.createdAt,
    };
  }

  // ---- storefront: orders and webhooks ------------------------------------------------

  setWebhookUrl(url: string | null, shop?: string): void {
    if (shop === undefined) this.webhookUrl = url;
    else if (url) this.webhookTargets.set(normalizeShopDomain(shop), url);
    else this.webhookTargets.delete(normalizeShopDomain(shop));
  }

  webhookUrlFor(shop: string): string | null {
    return this.webhookTargets.get(normalizeShopDomain(shop)) ?? this.webhookUrl;
  }

  /** POSTs a signed webhook to the app's webhook URL for this shop (or `options.url`). */
  async sendWebhook(
    shop: string,
    topic: string,
    payload: unknown,
    options: DeliveryOptions & { url?: string } = {},
  ): Promise<DeliveryResult> {
    const domain = normalizeShopDomain(shop);
    const url = options.url ?? this.webhookUrlFor(domain);
    if (!url) throw new Error(`No webhook URL for ${domain}: pass webhookUrl to startSimulator or setWebhookUrl()`);
    const state = this.shops.get(domain);
    const opts: DeliveryOptions = {
      secret: this.apiSecret,
      apiVersion: this.options.webhookApiVersion ?? DEFAULT_API_VERSION,
      triggeredAt: new Date(this.clock.now()).toISOString(),
      ...options,
    };
    const entry: WebhookLogEntry = {
      shop: domain,
      topic,
      url,
      status: null,
      error: null,
      webhookId: "",
      eventId: "",
      at: new Date(this.clock.now()).toISOString(),
    };
    try {
      const result = await deliverWebhook(url, topic, domain, payload, opts);
      Object.assign(entry, { status: result.status, webhookId: result.webhookId, eventId: result.eventId });
      return result;
    } catch (error) {
      entry.error = (error as Error).message;
      throw error;
    } finally {
      this.webhookLog.push(entry);
      if (state) state.counters.webhooksSent++;
    }
  }

  private async deliverTopics(
    shop: string,
    topics: OrderTopic[],
    payload: Record<string, unknown>,
    deliver: boolean | undefined,
  ): Promise<DeliveryResult[]> {
    const shouldDeliver = deliver ?? this.webhookUrlFor(shop) !== null;
    if (!shouldDeliver) return [];
    const out: DeliveryResult[] = [];
    for (const topic of topics) out.push(await this.sendWebhook(shop, topic, payload));
    return out;
  }

  /**
   * Places an order as checkout would and sends orders/create (plus orders/paid when
   * paid) to the webhook URL, if one is set (or `deliver` is true).
   */
  async placeOrder(shop: string, input: PlaceOrderInput, options: { deliver?: boolean } = {}): Promise<PlacedOrder> {
    const state = this.shopState(shop);
    const order = placeOrder(state, input);
    const payload = buildOrderPayload(state, order);
    const topics: OrderTopic[] =
      order.financialStatus === "paid" ? ["orders/create", "orders/paid"] : ["orders/create"];
    const deliveries = await this.deliverTopics(state.shop.domain, topics, payload, options.deliver);
    return { order: orderSummary(order), payload, deliveries };
  }

  async markOrderPaid(
    shop: string,
    orderId: string | number,
    options: { deliver?: boolean } = {},
  ): Promise<PlacedOrder> {
    const state = this.shopState(shop);
    const order = markOrderPaid(state, orderId);
    const payload = buildOrderPayload(state, order);
    return {
      order: orderSummary(order),
      payload,
      deliveries: await this.deliverTopics(state.shop.domain, ["orders/paid"], payload, options.deliver),
    };
  }

  async cancelOrder(
    shop: string,
    orderId: string | number,
    reason: Parameters<typeof cancelOrder>[2] = "customer",
    options: { deliver?: boolean } = {},
  ): Promise<PlacedOrder> {
    const state = this.shopState(shop);
    const order = cancelOrder(state, orderId, reason);
    const payload = buildOrderPayload(state, order);
    return {
      order: orderSummary(order),
      payload,
      deliveries: await this.deliverTopics(state.shop.domain, ["orders/cancelled"], payload, options.deliver),
    };
  }

  async refundOrder(
    shop: string,
    orderId: string | number,
    input: RefundInput = {},
    options: { deliver?: boolean } = {},
  ): Promise<PlacedOrder> {
    const state = this.shopState(shop);
    const { order, refund } = refundOrder(state, orderId, input);
    const payload = buildRefundPayload(state, order, refund);
    return {
      order: orderSummary(order),
      payload,
      deliveries: await this.deliverTopics(state.shop.domain, ["refunds/create"], payload, options.deliver),
    };
  }

  /** The REST payload Shopify would send for this order now. */
  orderPayload(shop: string, orderId: string | number): Record<string, unknown> {
    const state = this.shopState(shop);
    return buildOrderPayload(state, findOrder(state, orderId));
  }

  // ---- inspection ------------------------------------------------------------------

  customers(shop: string): CustomerSummary[] {
    return [...this.shopState(shop).customers.values()].map((c) => ({
      id: gid("Customer", c.id),
      legacyResourceId: c.id,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      tags: [...c.tags],
      createdAt: c.createdAt,
    }));
  }

  orders(shop: string): PlacedOrder["order"][] {
    return [...this.shopState(shop).orders.values()].map(orderSummary);
  }

  discountCodes(shop: string): DiscountSummary[] {
    const state = this.shopState(shop);
    return [...state.discounts.values()].map((d) => discountSummary(d, state.clock.now()));
  }

  /** The discount owning this redeem code (case-insensitive), or null. */
  codeDiscountByCode(shop: string, code: string): DiscountSummary | null {
    const state = this.shopState(shop);
    const hit = state.findCode(code);
    return hit ? discountSummary(hit.discount, state.clock.now()) : null;
  }

  metafields(shop: string, ownerId: string): MetafieldRecord[] {
    return metafieldsOf({ shop: this.shopState(shop) }, ownerId).map((m) => ({ ...m }));
  }

  metafield(shop: string, ownerId: string, namespace: string, key: string): MetafieldRecord | null {
    const owner = canonicalOwnerId(ownerId);
    const ns = namespace === "$app" ? `app--${this.app.id}` : namespace;
    return this.shopState(shop).metafields.get(`${owner}|${ns}|${key}`) ?? null;
  }

  flowTriggers(shop: string) {
    return this.shopState(shop).flowTriggers.map((t) => ({ ...t }));
  }

  /** Tags of a customer or order (gid). */
  tags(shop: string, id: string): string[] {
    const state = this.shopState(shop);
    const parsed = parseGid(id);
    if (parsed?.type === "Customer") return [...(state.customers.get(parsed.id)?.tags ?? [])];
    if (parsed?.type === "Order") return [...(state.orders.get(parsed.id)?.tags ?? [])];
    throw new Error(`tags(): ${id} is not a Customer or Order gid`);
  }

  storeCreditAccounts(shop: string, customerId?: string) {
    const state = this.shopState(shop);
    const filter = customerId ? parseGid(customerId)?.id : undefined;
    return [...state.storeCreditAccounts.values()]
      .filter((a) => filter === undefined || a.customerId === filter)
      .map((a) => ({
        id: gid("StoreCreditAccount", a.id),
        customerId: gid("Customer", a.customerId),
        currencyCode: a.currencyCode,
        balance: a.balance,
        transactions: a.transactions.map((t) => ({ ...t })),
      }));
  }

  counters(shop?: string): Counters {
    if (shop === undefined) return structuredClone(this.globalCounters);
    return structuredClone(this.shopState(shop).counters);
  }

  resetCounters(shop?: string): void {
    if (shop === undefined) {
      this.globalCounters = emptyCounters();
      for (const s of this.shops.values()) s.counters = emptyCounters();
    } else this.shopState(shop).counters = emptyCounters();
  }

  /** Everything one shop holds, as JSON-friendly data. */
  snapshot(shop: string) {
    const state = this.shopState(shop);
    const ctx = this.context(shop);
    return {
      shop: { ...state.shop },
      customers: [...state.customers.values()].map((c) => ({ ...c, gid: customerView(ctx, c).id })),
      orders: [...state.orders.values()].map((o) => ({ ...o, gid: gid("Order", o.id) })),
      discounts: this.discountCodes(shop),
      bulkCreations: [...state.bulkCreations.values()],
      metafields: [...state.metafields.values()],
      metafieldDefinitions: [...state.metafieldDefinitions.values()],
      flowTriggers: state.flowTriggers,
      storeCreditAccounts: this.storeCreditAccounts(shop),
      counters: state.counters,
      throttleStatus: this.throttleStatus(shop),
    };
  }

  /** Finishes pending bulk creations of a shop at once. */
  processBulkCreations(shop: string): void {
    const state = this.shopState(shop);
    for (const b of state.bulkCreations.values()) processBulkCreation({ shop: state }, b);
  }

  supportedRootFields() {
    return SUPPORTED_ROOT_FIELDS;
  }

  // ---- convenience client ----------------------------------------------------------

  /** Sends an Admin GraphQL request over HTTP, as the app would. */
  async graphql<T = unknown>(
    shop: string,
    query: string,
    variables?: Record<string, unknown>,
    options: { token?: string; apiVersion?: string; operationName?: string } = {},
  ): Promise<{
    status: number;
    body: { data?: T; errors?: unknown; extensions?: { cost?: unknown } } & Record<string, unknown>;
  }> {
    const domain = normalizeShopDomain(shop);
    const token = options.token ?? this.issueAccessToken(domain);
    const response = await fetch(
      `${this.url}/${domain}/admin/api/${options.apiVersion ?? DEFAULT_API_VERSION}/graphql.json`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
        body: JSON.stringify({ query, variables, operationName: options.operationName }),
      },
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }
}

function orderSummary(o: OrderRecord): PlacedOrder["order"] {
  return {
    id: gid("Order", o.id),
    legacyResourceId: o.id,
    name: o.name,
    customerId: o.customerId === null ? null : gid("Customer", o.customerId),
    totalPrice: o.totalPrice,
    subtotalPrice: o.subtotalPrice,
    discountCodes: o.discountCodes.map((d) => ({ ...d })),
  };
}

function discountSummary(d: DiscountRecord, now: number): DiscountSummary {
  return {
    id: gid("DiscountCodeNode", d.id),
    title: d.title,
    status: discountStatus(d, now),
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    usageLimit: d.usageLimit,
    appliesOncePerCustomer: d.appliesOncePerCustomer,
    asyncUsageCount: d.asyncUsageCount,
    value: { ...d.value },
    customerSelection: d.customerSelection.all
      ? { all: true }
      : { all: false, customerIds: d.customerSelection.customerIds.map((id) => gid("Customer", id)) },
    minimumRequirement: d.minimumRequirement,
    combinesWith: { ...d.combinesWith },
    codes: d.codes.map((c) => ({
      id: gid("DiscountRedeemCode", c.id),
      code: c.code,
      asyncUsageCount: c.asyncUsageCount,
    })),
    tags: [...d.tags],
  };
}

export { ManualClock };
