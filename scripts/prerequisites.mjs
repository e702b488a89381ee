#!/usr/bin/env node
// What a command of this project needs from the machine, checked before it starts, so a
// newcomer reads one line naming what is missing and how to get it instead of a stack of
// launch errors. Plain JavaScript that any Node still in use can parse: it must be able to
// say "this Node is too old" on that old Node.
//
//   node scripts/prerequisites.mjs test    Node, installed dependencies, Chromium, PostgreSQL if DATABASE_URL names it
//   node scripts/prerequisites.mjs demo    Node, installed dependencies
//
// Exit 0 when everything is there; otherwise one line on stderr and exit 1.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where a Chromium is looked for when CHROMIUM_PATH is not set: Debian's, then other distributions' names. */
export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
];

/** The lowest Node this project runs on, from package.json's `engines.node` (">=22.12"). */
export function requiredNode(root = ROOT) {
  const range = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).engines.node;
  const m = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`package.json engines.node is not of the form ">=MAJOR.MINOR": ${range}`);
  return { range, version: [Number(m[1]), Number(m[2]), Number(m[3] || 0)] };
}

function olderThan(have, need) {
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i] < need[i];
  return false;
}

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set (and then only it, so a
 * wrong value is reported rather than silently replaced), else the first candidate present.
 * Returns { path } or { missing: one-line reason }.
 */
export function findChromium(env = process.env, candidates = CHROMIUM_CANDIDATES, exists = fs.existsSync) {
  const given = env.CHROMIUM_PATH;
  if (given) {
    return exists(given)
      ? { path: given }
      : { missing: `CHROMIUM_PATH is ${given}, which does not exist: point it at a Chromium or Chrome binary` };
  }
  const found = candidates.find((p) => exists(p));
  if (found) return { path: found };
  return {
    missing:
      "the browser tests need Chromium: install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) " +
      "or set CHROMIUM_PATH to a Chromium or Chrome binary",
  };
}

/** The Chromium path for tests and benchmarks; throws the one-line reason when there is none. */
export function chromiumPath() {
  const found = findChromium();
  if (found.missing) throw new Error(found.missing);
  return found.path;
}

/**
 * The first missing prerequisite for `command`, as one line, or null. Synchronous checks
 * only; PostgreSQL is checked by checkPostgres.
 */
export function firstMissing(command, { nodeVersion = process.versions.node, env = process.env, root = ROOT } = {}) {
  const need = requiredNode(root);
  const have = nodeVersion.split(".").map(Number);
  if (olderThan(have, need.version)) {
    return (
      `this project needs Node.js ${need.range.replace(/\s+/g, "")} and this is ${nodeVersion}: ` +
      "install Node 22 (https://nodejs.org, nvm install 22, or `npm install --prefix ~/.node22 node@22` " +
      "and put ~/.node22/node_modules/.bin first on PATH)"
    );
  }
  if (!fs.existsSync(path.join(root, "node_modules/.bin/vitest"))) {
    return "the dependencies are not installed: run `npm install` first";
  }
  if (command === "test") {
    const chromium = findChromium(env);
    if (chromium.missing) return chromium.missing;
  }
  return null;
}

/** When DATABASE_URL names PostgreSQL, a one-line reason if that server cannot be reached; else null. */
export async function checkPostgres(env = process.env) {
  const url = env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) return null;
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    const where = new URL(url);
    return (
      `DATABASE_URL names PostgreSQL at ${where.hostname}:${where.port || 5432}, which did not answer ` +
      `(${error.code || error.message}): start it, or unset DATABASE_URL to test on SQLite`
    );
  } finally {
    await client.end().catch(() => {});
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const command = process.argv[2] || "test";
  const missing = firstMissing(command) || (command === "test" ? await checkPostgres() : null);
  if (missing) {
    process.stderr.write(`npm ${command === "test" ? "test" : `run ${command}`}: ${missing}\n`);
    process.exit(1);
  }
}
