import { adminApiFor, type AdminApi } from "../shopify/admin-client.server";

/**
 * A fact about a shop that the admin needs on a page (its customer accounts version, its
 * time zone): read from Shopify on an admin visit when the stored answer is older than
 * `ttlMs`, and kept on the Shop row with the time it was read, so every app instance and
 * the worker share it. While Shopify fails, the stored answer serves, and this process
 * waits a minute before asking again; the pages of one admin visit share one question.
 */
export interface ShopFact<T> {
  /** what is read, for the warning when Shopify fails ("time zone") */
  name: string;
  ttlMs: number;
  /** the answer kept on the Shop row and when it was read (null: never) */
  load(shop: string): Promise<{ value: T; checkedAt: Date | null }>;
  /** asks Shopify, keeps the answer on the Shop row, and returns it */
  refresh(shop: string, api: AdminApi, at: Date): Promise<T>;
}

export interface ShopFactOptions {
  now?: () => number;
  /** the Admin API to ask (tests); the shop's offline token otherwise */
  admin?: AdminApi;
}

/** After a failed read, this process waits this long before asking Shopify again. */
const RETRY_AFTER_FAILURE_MS = 60 * 1000;

export function shopFactReader<T>(fact: ShopFact<T>) {
  const failedAt = new Map<string, number>();
  const inFlight = new Map<string, Promise<T>>();

  async function ask(shop: string, now: number, cached: T, admin?: AdminApi): Promise<T> {
    try {
      // A page waits on this: one quick try, not the engine's patient retries.
      const api = admin ?? (await adminApiFor(shop, { maxAttempts: 1, timeoutMs: 5_000 }));
      const value = await fact.refresh(shop, api, new Date(now));
      failedAt.delete(shop);
      return value;
    } catch (error) {
      failedAt.set(shop, now);
      console.warn(`reading the shop's ${fact.name} failed`, shop, (error as Error).message);
      return cached;
    }
  }

  async function read(shop: string, options: ShopFactOptions = {}): Promise<T> {
    const now = options.now?.() ?? Date.now();
    const { value: cached, checkedAt } = await fact.load(shop);
    if (checkedAt && now - checkedAt.getTime() < fact.ttlMs) return cached;
    const lastFailure = failedAt.get(shop);
    if (lastFailure !== undefined && now - lastFailure < RETRY_AFTER_FAILURE_MS) return cached;
    let pending = inFlight.get(shop);
    if (!pending) {
      pending = ask(shop, now, cached, options.admin).finally(() => inFlight.delete(shop));
      inFlight.set(shop, pending);
    }
    return pending;
  }

  /** Forgets this process's failure backoff (tests). */
  const resetBackoff = () => failedAt.clear();
  return { read, resetBackoff };
}
