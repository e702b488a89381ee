// What every resolver gets: the one shop the request is for (never the whole store),
// the app making the call, and hooks for work Shopify does asynchronously.

import type { ActualCostMeter } from "../cost.js";
import type { ShopState } from "../state.js";

export interface AppIdentity {
  apiKey: string;
  /** Numeric app id; app-owned metafield namespaces are `app--{id}`. */
  id: number;
  title: string;
  handle: string;
}

export interface ExecContext {
  shop: ShopState;
  app: AppIdentity;
  meter: ActualCostMeter;
  /** Runs Shopify's asynchronous work (redeem code bulk creation) after the response. */
  defer(task: () => void): void;
  /** Flow trigger handles the app has declared; empty means any handle is accepted. */
  flowTriggerHandles: readonly string[];
}
