/**
 * The web server's recent requests, so the background worker running in the same
 * process can give way to them.
 *
 * Why: Shopify waits at most 5 seconds for a webhook's 200 and counts slow answers as
 * failures, while the work a delivery starts (attribution, rewards) may lag by seconds
 * without anyone noticing. In one Node process the two share one thread, and on SQLite
 * the driver blocks that thread for every query the worker runs. So during a burst the
 * worker steps aside: before each job it waits until the server has been quiet for a
 * moment, but never longer than `maxWaitMs`, so it still makes steady progress under
 * sustained load and drains the backlog at full speed once the burst is over
 * (BENCHMARKS.md, ingest).
 *
 * "Quiet" is "no request in flight and none begun for `idleMs`": on SQLite a request is
 * often answered within one turn of the event loop, so the in-flight count alone is zero
 * whenever the worker looks, even under a flood of requests.
 */
export class WebTraffic {
  private active = 0;
  private lastBegin = -Infinity;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** A request arrived (server.mjs calls this for every request). */
  begin() {
    this.active++;
    this.lastBegin = this.clock();
  }

  /** A request was answered or its connection closed. */
  end() {
    if (this.active > 0) this.active--;
  }

  get inFlight() {
    return this.active;
  }

  isQuiet(idleMs: number) {
    return this.active === 0 && this.clock() - this.lastBegin >= idleMs;
  }

  /** Resolves once the server is quiet, or after `maxWaitMs`, whichever is first. */
  async quiet(maxWaitMs: number, idleMs = 10): Promise<void> {
    const deadline = this.clock() + maxWaitMs;
    // Let the event loop take in what arrived meanwhile first: when the worker itself
    // held the thread (a synchronous SQLite query), requests wait unread in their
    // sockets, and the server would look quiet only because it was not listening.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      if (this.isQuiet(idleMs)) return;
      const left = deadline - this.clock();
      if (left <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(idleMs, left)));
    }
  }
}
