#!/usr/bin/env node
// Builds each UI extension the way the Shopify CLI bundles it for `shopify app deploy`
// (@shopify/cli 4: esbuild, one bundle per extension from an entry that imports every
// target's module and registers it with shopify.extend; bundle, minify, jsx automatic,
// target es6, no legal comments, process.env.NODE_ENV and process.env.APP_URL defined),
// prints each bundle's size and fails when one is over Shopify's 64 KB limit.
//
//   npm run extensions:build                 build in memory, print sizes
//   npm run extensions:build -- --out DIR    also write DIR/<handle>.js
//   node scripts/build-extensions.mjs --root DIR   the extensions of another checkout
//
// APP_URL (else SHOPIFY_APP_URL, else shopify.app.toml's application_url) is the app the
// extensions call, as the CLI bakes it in.
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Shopify's limit on a UI extension's compiled bundle. */
export const BUNDLE_LIMIT_BYTES = 64 * 1024;

/** The UI extensions under extensions/ with their targets, from each shopify.extension.toml. */
export function uiExtensions(root = ROOT) {
  const dir = path.join(root, "extensions");
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name, "shopify.extension.toml"))
    .filter((file) => fs.existsSync(file))
    .map((file) => ({ dir: path.dirname(file), toml: fs.readFileSync(file, "utf8") }))
    .filter(({ toml }) => /^type\s*=\s*"ui_extension"\s*$/m.test(toml))
    .map(({ dir: extensionDir, toml }) => {
      const targets = [];
      for (const block of toml.split(/^\[\[extensions\.targeting\]\]\s*$/m).slice(1)) {
        const target = /^target\s*=\s*"([^"]+)"/m.exec(block)?.[1];
        const module = /^module\s*=\s*"([^"]+)"/m.exec(block)?.[1];
        if (target && module) targets.push({ target, module });
      }
      return {
        handle: /^handle\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? path.basename(extensionDir),
        apiVersion: /^api_version\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "",
        dir: extensionDir,
        targets,
      };
    });
}

/** The app URL baked into the bundles. */
export function appUrlFor(env = process.env, root = ROOT) {
  if (env.APP_URL) return env.APP_URL;
  if (env.SHOPIFY_APP_URL) return env.SHOPIFY_APP_URL;
  const toml = fs.readFileSync(path.join(root, "shopify.app.toml"), "utf8");
  return /^application_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? "";
}

/** The CLI's entry for API 2025-10 and later: each target's default export registered with shopify.extend. */
function entryFor(extension) {
  return extension.targets
    .map(
      ({ target, module }, i) =>
        `import Target_${i} from '${module}';shopify.extend('${target}', (...args) => Target_${i}(...args));`,
    )
    .join("\n");
}

/** Builds every UI extension; returns each one's handle, bytes, brotli bytes and code. */
export async function buildExtensions({ root = ROOT, env = process.env } = {}) {
  const appUrl = appUrlFor(env, root);
  const results = [];
  for (const extension of uiExtensions(root)) {
    const output = await build({
      stdin: { contents: entryFor(extension), resolveDir: extension.dir, loader: "tsx" },
      bundle: true,
      write: false,
      outfile: path.join(extension.dir, "dist", `${extension.handle}.js`),
      define: {
        "process.env.NODE_ENV": JSON.stringify("production"),
        "process.env.APP_URL": JSON.stringify(appUrl),
      },
      jsx: "automatic",
      loader: { ".esnext": "ts", ".js": "jsx" },
      legalComments: "none",
      minify: true,
      target: "es6",
      resolveExtensions: [".tsx", ".ts", ".js", ".json", ".esnext", ".mjs", ".ejs"],
      logLevel: "error",
    });
    const code = output.outputFiles[0].contents;
    results.push({
      handle: extension.handle,
      targets: extension.targets.map((t) => t.target),
      bytes: code.byteLength,
      brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
      code: Buffer.from(code).toString("utf8"),
    });
  }
  return results;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(argv) {
  const outIndex = argv.indexOf("--out");
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1] ?? "") : null;
  const rootIndex = argv.indexOf("--root");
  const root = rootIndex >= 0 ? path.resolve(argv[rootIndex + 1] ?? "") : ROOT;
  const results = await buildExtensions({ root });
  let over = 0;
  for (const r of results) {
    const fits = r.bytes <= BUNDLE_LIMIT_BYTES;
    if (!fits) over += 1;
    console.log(
      `${fits ? "ok  " : "OVER"} ${r.handle.padEnd(28)} ${kb(r.bytes).padStart(9)} (~${kb(r.brotliBytes)} compressed) ${r.targets.join(", ")}`,
    );
    if (outDir) {
      fs.mkdirSync(outDir, { recursive: true });
      fs.writeFileSync(path.join(outDir, `${r.handle}.js`), r.code);
    }
  }
  console.log(
    `limit ${kb(BUNDLE_LIMIT_BYTES)} per extension; ${results.length} built${outDir ? ` into ${outDir}` : ""}`,
  );
  if (over) {
    console.error(`${over} extension bundle(s) over Shopify's 64 KB limit`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
