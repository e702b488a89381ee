// The real Shopify Admin GraphQL schema, built from the introspection JSON kept in
// simulator/admin-schema (copied from @shopify/dev-mcp, see the README there). Every request the simulator answers is validated against it, and
// the app's own tests use validateAdminOperation() to check each document it sends, so
// a typo in a field name fails here exactly where Shopify would reject it.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  parse,
  validate,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";

export const DEFAULT_API_VERSION = "2026-10";

const schemaCache = new Map<string, GraphQLSchema>();

/** The folder with admin_<version>.json.gz: simulator/admin-schema (see its README), or SHOPIFY_SCHEMA_DIR. */
function findDataDir(): string {
  const fromEnv = process.env.SHOPIFY_SCHEMA_DIR;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return join(dirname(fileURLToPath(import.meta.url)), "admin-schema");
}

/** True when a schema file exists for this API version (e.g. "2026-10", "unstable"). */
export function hasAdminSchema(version: string): boolean {
  if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) return false;
  return schemaCache.has(version) || existsSync(join(findDataDir(), `admin_${version}.json.gz`));
}

/**
 * Loads (once per process and version) the Admin API schema. The file is
 * `{ data: { __schema }, offline_scopes }`: the introspection result is under `data`.
 */
export function loadAdminSchema(version: string = DEFAULT_API_VERSION): GraphQLSchema {
  const cached = schemaCache.get(version);
  if (cached) return cached;
  if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) throw new Error(`Not an Admin API version: ${version}`);
  const file = join(findDataDir(), `admin_${version}.json.gz`);
  const json = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data?: IntrospectionQuery };
  if (!json.data?.__schema) throw new Error(`${file} has no data.__schema`);
  const schema = buildClientSchema(json.data, { assumeValid: true });
  schemaCache.set(version, schema);
  return schema;
}

export type ParseResult =
  { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/** Parses and validates; never throws for bad input. */
export function parseAndValidate(source: string, version: string = DEFAULT_API_VERSION): ParseResult {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  const errors = validate(loadAdminSchema(version), document);
  return errors.length > 0 ? { errors } : { document };
}

/**
 * Validates one GraphQL document against the real Admin schema. Returns [] when the
 * document is valid. Syntax errors come back as a single GraphQLError.
 */
export function validateAdminOperation(source: string, version: string = DEFAULT_API_VERSION): readonly GraphQLError[] {
  return parseAndValidate(source, version).errors ?? [];
}
