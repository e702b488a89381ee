import { log } from "./log.server";

/**
 * Work a route starts that its answer must not wait for (counting a click on /r/CODE):
 * it begins once the route has returned, runs on its own, and a failure is logged, never
 * turned into the answer. So how long that work takes, and whether there is any, cannot
 * be read from how long the answer takes. settleAfterResponse() waits for all of it
 * (tests; server.mjs before it exits).
 */
const pending = new Set<Promise<void>>();

export function afterResponse(label: string, task: () => Promise<unknown>): void {
  const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .then(
      () => undefined,
      (error: unknown) => log.error(`${label} failed:`, error instanceof Error ? error.message : String(error)),
    )
    .finally(() => pending.delete(run));
  pending.add(run);
}

/** Resolves once every task started so far, and any they started, has finished. */
export async function settleAfterResponse(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
