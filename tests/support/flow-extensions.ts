import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The Flow trigger extensions in extensions/, read from their shopify.extension.toml
 * (a minimal reader for the subset those files use: [[extensions]], [settings],
 * [[settings.fields]] tables and `key = "string"` pairs; comments and blank lines).
 */

export interface FlowTriggerField {
  type: string;
  key?: string;
  description?: string;
}

export interface FlowTriggerExtension {
  dir: string;
  name: string;
  handle: string;
  type: string;
  description?: string;
  fields: FlowTriggerField[];
}

const EXTENSIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../extensions");

export function parseFlowTriggerToml(text: string, dir = ""): FlowTriggerExtension {
  const ext: Record<string, string> = {};
  const fields: Record<string, string>[] = [];
  let table: Record<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line === "[[extensions]]") table = ext;
    else if (line === "[settings]") table = null;
    else if (line === "[[settings.fields]]") fields.push((table = {}));
    else {
      const pair = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(line);
      if (!pair || !table) throw new Error(`${dir}: unsupported TOML line: ${line}`);
      table[pair[1]] = JSON.parse(`"${pair[2]}"`) as string;
    }
  }
  return {
    dir,
    name: ext.name,
    handle: ext.handle,
    type: ext.type,
    description: ext.description,
    fields: fields.map((f) => ({ type: f.type, key: f.key, description: f.description })),
  };
}

export function flowTriggerExtensions(): FlowTriggerExtension[] {
  return fs
    .readdirSync(EXTENSIONS_DIR)
    .map((dir) => path.join(EXTENSIONS_DIR, dir, "shopify.extension.toml"))
    .filter((file) => fs.existsSync(file) && /^\s*type\s*=\s*"flow_trigger"/m.test(fs.readFileSync(file, "utf8")))
    .map((file) => parseFlowTriggerToml(fs.readFileSync(file, "utf8"), path.basename(path.dirname(file))));
}

/** The payload keys Flow expects: a reference field is keyed <object>_id, the rest by their key. */
export function payloadKeys(ext: FlowTriggerExtension): string[] {
  return ext.fields.map((f) =>
    f.type.endsWith("_reference") ? `${f.type.replace(/_reference$/, "")}_id` : (f.key ?? ""),
  );
}
