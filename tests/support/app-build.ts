import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const STAMP = path.join(ROOT, "build/.test-run");

/**
 * Makes sure build/ holds a production build of today's code, built at most once per
 * test run: global setup hands every test file the same run id, and the build records
 * the id it was made for. REUSE_APP_BUILD=1 reuses any existing build while iterating.
 * The build runs as a child process awaited asynchronously: a synchronous wait would
 * block the test worker for minutes on a busy machine, and vitest then reports its own
 * worker as unresponsive.
 */
export async function ensureAppBuild(): Promise<void> {
  const serverEntry = path.join(ROOT, "build/server/index.js");
  if (process.env.REUSE_APP_BUILD === "1" && fs.existsSync(serverEntry)) return;
  const runId = process.env.TEST_RUN_ID ?? String(process.pid);
  if (fs.existsSync(serverEntry) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === runId) return;
  const cli = path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
  const child = spawn(process.execPath, [cli, "vite:build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (status !== 0) throw new Error(`remix vite:build failed:\n${output}`);
  fs.writeFileSync(STAMP, runId);
}
