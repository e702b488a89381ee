// Shopify's GraphQL Admin rate limit: a leaky bucket per app and shop. A request is
// admitted when the bucket holds at least its requested cost; that cost is taken up
// front and the difference to the actual cost is given back afterwards. Points flow
// back at restoreRate per second, up to maximumAvailable.

import type { Clock } from "./clock.js";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private lastRefill: number;

  constructor(
    private readonly clock: Clock,
    public maximumAvailable = 1000,
    public restoreRate = 100,
  ) {
    this.available = maximumAvailable;
    this.lastRefill = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.lastRefill) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsed * this.restoreRate);
    this.lastRefill = now;
  }

  /** Takes `cost` points if available. Returns false (and takes nothing) otherwise. */
  tryTake(cost: number): boolean {
    this.refill();
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points charged but not used (requested minus actual cost). */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Empties the bucket (as a burst of other requests would). */
  drain(): void {
    this.refill();
    this.available = 0;
  }

  configure(options: { maximumAvailable?: number; restoreRate?: number }): void {
    this.refill();
    if (options.maximumAvailable !== undefined) {
      this.maximumAvailable = options.maximumAvailable;
      this.available = Math.min(this.available, this.maximumAvailable);
    }
    if (options.restoreRate !== undefined) this.restoreRate = options.restoreRate;
  }

  status(): ThrottleStatus {
    this.refill();
    // Shopify reports whole points.
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
