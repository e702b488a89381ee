/**
 * A client-side mirror of Shopify's cost-based leaky bucket for one shop. Every Admin
 * API response reports the bucket (extensions.cost.throttleStatus); between responses
 * we assume it refills at restoreRate. Callers reserve the cost they are about to spend
 * and wait when the bucket would run dry, so concurrent callers in this process never
 * get THROTTLED; another process sharing the shop shows up in the reported figures.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private available: number;
  private maximum: number;
  private restoreRate: number;
  private updatedAt: number;

  constructor(
    status: ThrottleStatus = { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 },
    private readonly now: () => number = Date.now,
  ) {
    this.maximum = status.maximumAvailable;
    this.available = status.currentlyAvailable;
    this.restoreRate = status.restoreRate;
    this.updatedAt = this.now();
  }

  private refill() {
    const t = this.now();
    this.available = Math.min(this.maximum, this.available + ((t - this.updatedAt) / 1000) * this.restoreRate);
    this.updatedAt = t;
  }

  /** Milliseconds to wait before `cost` points are there; reserves them when 0. */
  reserve(cost: number): number {
    this.refill();
    const wanted = Math.min(cost, this.maximum);
    if (this.available >= wanted) {
      this.available -= wanted;
      return 0;
    }
    return Math.ceil(((wanted - this.available) / this.restoreRate) * 1000);
  }

  /** Gives back what a reservation over-estimated, or takes what it under-estimated. */
  settle(reserved: number, actual: number) {
    this.available = Math.min(this.maximum, this.available + reserved - actual);
  }

  /** Shopify's own figures win over our estimate. */
  observe(status: ThrottleStatus) {
    this.maximum = status.maximumAvailable;
    this.restoreRate = status.restoreRate;
    this.available = status.currentlyAvailable;
    this.updatedAt = this.now();
  }

  /** Milliseconds until `cost` points are there, without reserving. */
  waitFor(cost: number): number {
    this.refill();
    const wanted = Math.min(cost, this.maximum);
    return this.available >= wanted ? 0 : Math.ceil(((wanted - this.available) / this.restoreRate) * 1000);
  }

  get snapshot(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximum, currentlyAvailable: this.available, restoreRate: this.restoreRate };
  }
}
