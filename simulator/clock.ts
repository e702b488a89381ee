// Time source for everything time-dependent in the simulator (leaky bucket, token
// expiry, discount status, timestamps). Tests inject a ManualClock so throttling and
// expiry can be proven without sleeping; the standalone server uses real time with
// an offset that the control API can advance.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: number | Date = Date.parse("2026-01-15T12:00:00.000Z")) {
    this.current = typeof start === "number" ? start : start.getTime();
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advance(ms) needs a finite ms >= 0");
    this.current += ms;
  }
  set(time: number | Date): void {
    this.current = typeof time === "number" ? time : time.getTime();
  }
}

/**
 * Wraps any clock and adds an offset, so a process driven over HTTP (demo, benchmark)
 * can still "advance time" on a simulator that runs on the real clock.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock) {}
  now(): number {
    return this.base.now() + this.offset;
  }
  advance(ms: number): void {
    if (this.base instanceof ManualClock) this.base.advance(ms);
    else this.offset += ms;
  }
  get offsetMs(): number {
    return this.offset;
  }
}

export function isoAt(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
