// The background worker as its own process, straight from the TypeScript sources:
//   node --import tsx scripts/worker.ts
// It runs the same startWorker() as `npm run worker` (node server.mjs --worker-only,
// which needs the production build) and stops the same way on SIGTERM/SIGINT. The
// fault suite starts it as a child process so it can SIGKILL and restart it; it reads
// DATABASE_URL, SHOPIFY_SIMULATOR_URL, WORKER_POLL_MS and the SHOPIFY_* variables.
import { startWorker } from "../app/jobs/worker.server";
import { WORKER_ID } from "../app/jobs/queue.server";

const worker = startWorker();
// The fault suite reads this line to know the worker's lease id.
console.log(`worker ${WORKER_ID} started`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: worker ${WORKER_ID} stopping`);
  await worker.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
