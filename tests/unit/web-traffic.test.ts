import { describe, expect, it } from "vitest";
import { WebTraffic } from "../../app/jobs/web-traffic";

/** A clock the test moves by hand, so no assertion depends on how fast the machine is. */
function manualClock(start = 1_000) {
  let now = start;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

/** Lets timers and immediates run, then says whether `promise` has settled. */
async function settled(promise: Promise<unknown>) {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 2));
  return done;
}

describe("WebTraffic", () => {
  it("lets the worker go at once when no request has come in", async () => {
    const clock = manualClock();
    const traffic = new WebTraffic(clock.read);
    expect(traffic.isQuiet(10)).toBe(true);
    expect(await settled(traffic.quiet(60_000))).toBe(true);
  });

  it("holds the worker while a request is in flight, and lets it go once the server has been idle", async () => {
    const clock = manualClock();
    const traffic = new WebTraffic(clock.read);
    traffic.begin();
    const waiting = traffic.quiet(60_000, 10);
    expect(await settled(waiting)).toBe(false);
    expect(traffic.inFlight).toBe(1);

    traffic.end();
    // Answered, but a request began only just now: more may follow in the same burst.
    expect(traffic.isQuiet(10)).toBe(false);
    expect(await settled(waiting)).toBe(false);

    clock.advance(10);
    expect(await settled(waiting)).toBe(true);
  });

  it("never holds the worker longer than maxWaitMs, so sustained traffic cannot starve it", async () => {
    const clock = manualClock();
    const traffic = new WebTraffic(clock.read);
    traffic.begin();
    const waiting = traffic.quiet(50, 10);
    expect(await settled(waiting)).toBe(false);
    clock.advance(49);
    expect(await settled(waiting)).toBe(false);
    clock.advance(1);
    expect(await settled(waiting)).toBe(true);
    expect(traffic.inFlight).toBe(1);
  });

  it("does not count more ends than begins (a connection closed twice)", () => {
    const clock = manualClock();
    const traffic = new WebTraffic(clock.read);
    traffic.begin();
    traffic.end();
    traffic.end();
    expect(traffic.inFlight).toBe(0);
    traffic.begin();
    expect(traffic.inFlight).toBe(1);
  });
});
