/**
 * Shopify's GraphQL Admin rate limit as every response reports it
 * (extensions.cost.throttleStatus): a leaky bucket per app and shop. The app keeps it per
 * shop in the database, shared by all its processes (shared-budget.server.ts).
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}
