// The built app (`node server.mjs`: web server and worker) as a child process, the way
// `npm start` runs it. Used by `npm run demo` and by the admin browser tests.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Node's flags for the server, as `npm start` and `npm run worker` pass them (a test
 * keeps package.json in step). A 512 MB old-space ceiling: without one, V8 sizes the heap
 * for the machine (gigabytes here) and lets garbage pile up to ~350 MB RSS under a
 * webhook burst; with it, peak RSS stays near 200 MB at the same throughput (BENCHMARKS.md).
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=512"];

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** the server's recent output, to show when something fails */
  logs: () => string;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`) */
  stop: (graceMs?: number) => Promise<void>;
}

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node server.mjs` on 127.0.0.1:`port` with `env` on top of this process's
 * environment, and resolves once `readyPath` answers. `echo` also copies its output to
 * this process's (the demo shows the app's log; tests keep it for failures).
 */
export async function startAppProcess(opts: {
  port: number;
  env: Record<string, string | undefined>;
  readyPath?: string;
  echo?: boolean;
  timeoutMs?: number;
}): Promise<AppProcess> {
  const url = `http://127.0.0.1:${opts.port}`;
  let output = "";
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(opts.port), HOST: "127.0.0.1", SHOPIFY_APP_URL: url, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
    if (opts.echo) stream.write(chunk);
  };
  child.stdout!.on("data", collect(process.stdout));
  child.stderr!.on("data", collect(process.stderr));
  const logs = () => output.slice(-20_000);
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}:\n${logs()}`);
    try {
      await fetch(`${url}${opts.readyPath ?? "/app"}`, { redirect: "manual" });
      return { url, child, logs, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`app server did not start:\n${logs()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
