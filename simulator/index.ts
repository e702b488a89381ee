// Public entry point of the local Shopify simulator.

import { Simulator, type SimulatorOptions } from "./simulator.js";

export { Simulator, DEFAULT_APP_API_KEY } from "./simulator.js";
export type {
  SimulatorOptions,
  SeedShopResult,
  CustomerSummary,
  DiscountSummary,
  PlacedOrder,
  WebhookLogEntry,
} from "./simulator.js";
export { ManualClock, OffsetClock, systemClock, type Clock } from "./clock.js";
export {
  loadAdminSchema,
  validateAdminOperation,
  parseAndValidate,
  hasAdminSchema,
  DEFAULT_API_VERSION,
} from "./schema.js";
export { toShopifyError, shopifyCodeFor, type ShopifyGraphQLError } from "./graphql-errors.js";
export { requestedQueryCost, MUTATION_FIELD_COST } from "./cost.js";
export { LeakyBucket, type ThrottleStatus } from "./bucket.js";
export { FaultController, type FaultSpec, type FaultRule, type FaultKind } from "./faults.js";
export {
  buildOrderPayload,
  buildRefundPayload,
  buildWebhookRequest,
  signWebhook,
  deliverWebhook,
  DEFAULT_APP_SECRET,
  type DeliveryOptions,
  type DeliveryResult,
  type OrderTopic,
} from "./webhooks.js";
export { CheckoutError, type PlaceOrderInput, type RefundInput } from "./commerce.js";
export { signHs256, verifyHs256 } from "./jwt.js";
export { INVALID_TOKEN_MESSAGE } from "./server.js";
export type { ShopSeed, Counters, CustomerAccountsVersion } from "./state.js";
export { mintExtensionSessionToken, type ExtensionSurface, type ExtensionTokenOptions } from "./extension-tokens.js";
export type { CustomerSeed } from "./resolvers/customers.js";

/** Starts a simulator on `port` (0 = a free port) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return new Simulator(options).listen();
}
export { SimulatorClient, type PlacedOrderJson } from "./client.js";
