/**
 * `npm test` and `npm run demo` check what they need before starting, and say what is
 * missing in one line: an old Node, uninstalled dependencies, no Chromium, an unreachable
 * PostgreSQL. The CLI is run as npm runs it, with the browser hidden behind CHROMIUM_PATH.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkPostgres, findChromium, firstMissing, requiredNode } from "../../scripts/prerequisites.mjs";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/prerequisites.mjs");
const nowhere = () => false;

function runCheck(command: string, env: Record<string, string | undefined>) {
  const out = spawnSync(process.execPath, [SCRIPT, command], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: out.status, stdout: out.stdout, lines: out.stderr.split("\n").filter(Boolean) };
}

describe("the prerequisite check", () => {
  test("with the browser hidden, npm test stops with one line naming Chromium and how to install it", () => {
    const run = runCheck("test", { CHROMIUM_PATH: "/nonexistent/chromium", DATABASE_URL: "" });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.lines).toEqual([
      "npm test: CHROMIUM_PATH is /nonexistent/chromium, which does not exist: point it at a Chromium or Chrome binary",
    ]);
  });

  test("with no Chromium anywhere the line says which package installs it", () => {
    const found = findChromium({}, ["/usr/bin/chromium"], nowhere);
    expect(found.missing).toMatch(
      /^the browser tests need Chromium: install it with `sudo apt-get install -y chromium`/,
    );
    expect(found.missing).not.toContain("\n");
  });

  test("CHROMIUM_PATH wins over the system's Chromium; without it the first candidate present is used", () => {
    const present = (p: string) => p === "/usr/bin/chromium" || p === "/opt/chrome";
    expect(findChromium({ CHROMIUM_PATH: "/opt/chrome" }, ["/usr/bin/chromium"], present)).toEqual({
      path: "/opt/chrome",
    });
    expect(findChromium({}, ["/usr/bin/chromium-browser", "/usr/bin/chromium"], present)).toEqual({
      path: "/usr/bin/chromium",
    });
  });

  test("a Node older than package.json's engines range is named in one line, before anything else", () => {
    const { range } = requiredNode();
    expect(range).toBe(">=22.12");
    const line = firstMissing("test", { nodeVersion: "20.20.2", env: {} });
    expect(line).toMatch(/^this project needs Node\.js >=22\.12 and this is 20\.20\.2: install Node 22/);
    expect(firstMissing("demo", { nodeVersion: "22.11.0", env: {} })).toMatch(/needs Node\.js >=22\.12/);
    expect(firstMissing("demo", { nodeVersion: "22.12.0", env: {} })).toBeNull();
    expect(firstMissing("demo", { nodeVersion: "24.1.0", env: {} })).toBeNull();
  });

  test("the demo does not need a browser", () => {
    expect(firstMissing("demo", { env: { CHROMIUM_PATH: "/nonexistent" } })).toBeNull();
    expect(runCheck("demo", { CHROMIUM_PATH: "/nonexistent" }).status).toBe(0);
  });

  test("uninstalled dependencies are named", () => {
    const line = firstMissing("demo", { root: path.join(ROOT, "tests/unit/fixtures/no-install") });
    expect(line).toBe("the dependencies are not installed: run `npm install` first");
  });

  test("a PostgreSQL DATABASE_URL that does not answer is named; SQLite needs no server", async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const line = await checkPostgres({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/postgres" });
    expect(line).toMatch(/^DATABASE_URL names PostgreSQL at 127\.0\.0\.1:1, which did not answer \(ECONNREFUSED\)/);
    expect(await checkPostgres({})).toBeNull();
    expect(await checkPostgres({ DATABASE_URL: "file:./x.sqlite" })).toBeNull();
  });
});
