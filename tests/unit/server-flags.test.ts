import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, SERVER_NODE_FLAGS } from "../../scripts/demo/app-process";

// The demo, the browser tests and the benchmarks start the server with SERVER_NODE_FLAGS;
// production starts it with `npm start` / `npm run worker`. They must be the same server.
describe("the server's Node flags", () => {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };

  it("set a heap ceiling", () => {
    expect(SERVER_NODE_FLAGS).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
  });

  it.each(["start", "worker"])("are the ones `npm run %s` passes to server.mjs", (script) => {
    expect(scripts[script]).toContain(`node ${SERVER_NODE_FLAGS.join(" ")} server.mjs`);
  });
});
