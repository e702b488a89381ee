/**
 * The one backoff of the app: exponential with jitter (half fixed, half random), capped.
 * The job queue waits this long between attempts of a job (attempt 1 -> 1-2 s, ... up to
 * 15 min); the Admin API client between retries of one request, with a smaller base and cap.
 */
export function backoffMs(attempt: number, baseMs = 2_000, capMs = 15 * 60_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}
