import os from "node:os";
import crypto from "node:crypto";

/** Identifies this process in job leases, so a crashed owner's lease can simply expire. */
export const WORKER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/** How long a claimed job is ours before another worker may take it over. */
export const LEASE_MS = 60_000;

/** Exponential backoff with full jitter, capped: attempt 1 -> up to 2 s, ... up to 15 min. */
export function backoffMs(attempt: number, baseMs = 2_000, capMs = 15 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + Math.random() * (ceiling / 2));
}
