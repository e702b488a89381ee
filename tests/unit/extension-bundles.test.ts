import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { BUNDLE_LIMIT_BYTES, buildExtensions } from "../../scripts/build-extensions.mjs";

// Each UI extension, bundled as the Shopify CLI bundles it for deploy, must stay within
// Shopify's 64 KB limit, carry the app's URL, and register its targets when it runs.
describe("UI extension bundles (npm run extensions:build)", () => {
  it("stay under 64 KB, call the configured app and register every target when run", async () => {
    const bundles = await buildExtensions({ env: { APP_URL: "https://referrals.bundle.test" } });
    expect(bundles.map((b) => b.handle)).toEqual([
      "referral-account-blocks",
      "referral-account-page",
      "referral-thank-you",
    ]);
    for (const bundle of bundles) {
      expect(bundle.bytes, bundle.handle).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
      expect(bundle.code, bundle.handle).toContain("https://referrals.bundle.test");
      expect(bundle.code, bundle.handle).not.toMatch(/process\.env/);
      // Run the bundle as Shopify's sandbox would load it: it only registers its targets.
      const registered: string[] = [];
      const shopify = {
        extend: (target: string, render: unknown) => {
          expect(typeof render).toBe("function");
          registered.push(target);
        },
        setSignals: () => {},
      };
      vm.runInNewContext(bundle.code, { shopify, globalThis: { shopify } });
      expect(registered, bundle.handle).toEqual(bundle.targets);
    }
    expect(bundles.find((b) => b.handle === "referral-account-page")?.targets).toEqual([
      "customer-account.page.render",
    ]);
    expect(bundles.find((b) => b.handle === "referral-thank-you")?.targets).toEqual([
      "purchase.thank-you.block.render",
    ]);
  });

  it("fails the build, naming the extension, when a bundle is over the limit", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "extensions-over-"));
    try {
      const dir = path.join(root, "extensions", "too-big");
      fs.mkdirSync(path.join(dir, "src"), { recursive: true });
      fs.writeFileSync(
        path.join(dir, "shopify.extension.toml"),
        'api_version = "2026-07"\n\n[[extensions]]\nname = "Too big"\nhandle = "too-big"\ntype = "ui_extension"\n\n' +
          '[[extensions.targeting]]\ntarget = "customer-account.page.render"\nmodule = "./src/Big.ts"\n',
      );
      // Random text does not minify away: well over 64 KB in the bundle.
      const filler = Array.from({ length: 9000 }, (_, i) => `${i.toString(36)}${(i * 7919).toString(36)}`).join("|");
      fs.writeFileSync(path.join(dir, "src", "Big.ts"), `export default () => ${JSON.stringify(filler)}.split("|");\n`);
      fs.writeFileSync(path.join(root, "shopify.app.toml"), 'application_url = "https://example.com"\n');
      const run = spawnSync(process.execPath, ["scripts/build-extensions.mjs", "--root", root], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/OVER\s+too-big/);
      expect(run.stderr).toContain("over Shopify's 64 KB limit");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
