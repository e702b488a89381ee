// One Admin GraphQL request, from body to response, the way Shopify's API answers:
// parse and validate against the real schema, refuse root fields the simulator does
// not implement (by name), price the query, charge the leaky bucket (THROTTLED when
// short), execute with the simulator's resolvers, refund unused points, and attach
// extensions.cost to every answer.

import {
  execute,
  getNamedType,
  getOperationAST,
  isCompositeType,
  Kind,
  parse,
  validate,
  GraphQLError,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { LeakyBucket, ThrottleStatus } from "./bucket.js";
import { ActualCostMeter, isConnectionType, requestedQueryCost } from "./cost.js";
import { toShopifyError, toShopifyExecutionError, type ShopifyGraphQLError } from "./graphql-errors.js";
import type { AppIdentity, ExecContext } from "./resolvers/context.js";
import { mutationResolvers, queryResolvers, type RootResolver } from "./resolvers/index.js";
import type { ShopState } from "./state.js";

export const THROTTLE_DOCS = "https://shopify.dev/api/usage/rate-limits";

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface GraphQLResponseBody {
  data?: unknown;
  errors?: ShopifyGraphQLError[];
  extensions: { cost: CostExtension };
}

export interface AdminResponse {
  status: number;
  body: GraphQLResponseBody | { errors: unknown };
}

/** A request parsed far enough to route faults and count calls by root field. */
export interface PreparedRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  document: DocumentNode | null;
  operation: OperationDefinitionNode | null;
  rootFields: string[];
  /** Parse or validation errors, already in Shopify's shape. */
  errors: ShopifyGraphQLError[];
}

function collectRootFields(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  out: string[],
  seen = new Set<string>(),
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) collectRootFields(sel.selectionSet, fragments, out, seen);
    else if (!seen.has(sel.name.value) && fragments[sel.name.value]) {
      seen.add(sel.name.value);
      collectRootFields(fragments[sel.name.value].selectionSet, fragments, out, seen);
    }
  }
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) out[def.name.value] = def;
  return out;
}

/** Returns null when the HTTP body itself is unusable (Shopify answers 400 then). */
export function prepareRequest(schema: GraphQLSchema, body: unknown): PreparedRequest | null {
  if (!body || typeof body !== "object") return null;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== "string" || query.trim() === "") return null;
  const prepared: PreparedRequest = {
    query,
    variables:
      variables && typeof variables === "object" && !Array.isArray(variables)
        ? (variables as Record<string, unknown>)
        : {},
    operationName: typeof operationName === "string" && operationName ? operationName : null,
    document: null,
    operation: null,
    rootFields: [],
    errors: [],
  };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    prepared.errors = [toShopifyError(error)];
    return prepared;
  }
  prepared.document = document;
  const operation = getOperationAST(document, prepared.operationName);
  if (operation) {
    prepared.operation = operation;
    prepared.operationName = prepared.operationName ?? operation.name?.value ?? null;
    collectRootFields(operation.selectionSet, fragmentsOf(document), prepared.rootFields);
  }
  const errors = validate(schema, document);
  if (errors.length > 0) {
    prepared.errors = errors.map(toShopifyError);
    return prepared;
  }
  if (!operation) {
    const message = prepared.operationName
      ? `No operation named "${prepared.operationName}"`
      : "An operation name is required when the document contains several operations";
    prepared.errors = [{ message, extensions: { code: "operationNotFound" } }];
  }
  return prepared;
}

/** Wraps one root resolver into the (args, ctx) form the field resolver calls. */
function rootValueOf(resolvers: Record<string, RootResolver>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(resolvers)) root[name] = (args: unknown, ctx: ExecContext) => fn(ctx, args);
  return root;
}
const QUERY_ROOT = rootValueOf(queryResolvers);
const MUTATION_ROOT = rootValueOf(mutationResolvers);

/**
 * Field resolution by property name (a plain value, or a function of the arguments).
 * A field the view object does not carry is a simulator gap: it errors loudly,
 * naming Type.field, instead of returning null. Also meters the actual cost.
 */
const fieldResolver: GraphQLFieldResolver<unknown, ExecContext & { metering: boolean }> = (source, args, ctx, info) => {
  const name = info.fieldName;
  if (source === null || typeof source !== "object" || !(name in source)) {
    throw new GraphQLError(`The Shopify simulator does not implement ${info.parentType.name}.${name}`, {
      extensions: { code: "SIMULATOR_UNSUPPORTED" },
    });
  }
  const prop = (source as Record<string, unknown>)[name];
  const value =
    typeof prop === "function"
      ? (prop as (a: unknown, c: unknown, i: unknown) => unknown).call(source, args, ctx, info)
      : prop;
  if (ctx.metering && value !== null && value !== undefined) {
    const named = getNamedType(info.returnType);
    if (isCompositeType(named)) {
      // Inside a connection, edges and pageInfo are free; the node under each edge is
      // charged when it resolves, and `nodes` per item.
      const freeInConnection = isConnectionType(info.parentType) && name !== "nodes";
      if (isConnectionType(named)) ctx.meter.add(2);
      else if (freeInConnection) {
        // no charge
      } else if (Array.isArray(value)) ctx.meter.add(value.filter((v) => v !== null && v !== undefined).length);
      else ctx.meter.add(1);
    }
  }
  return value;
};

const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) => {
  const typename = (value as { __typename?: unknown } | null)?.__typename;
  return typeof typename === "string" ? typename : undefined;
};

export interface ExecuteOptions {
  schema: GraphQLSchema;
  shop: ShopState;
  app: AppIdentity;
  bucket: LeakyBucket;
  flowTriggerHandles: readonly string[];
  defer: (task: () => void) => void;
  /** A fault forcing a THROTTLED answer regardless of the bucket. */
  forceThrottle?: boolean;
}

function costExtension(requested: number, actual: number | null, bucket: LeakyBucket): { cost: CostExtension } {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } };
}

function errorResponse(errors: ShopifyGraphQLError[], bucket: LeakyBucket, requested = 0): AdminResponse {
  return { status: 200, body: { errors, extensions: costExtension(requested, null, bucket) } };
}

export function throttledResponse(requested: number, bucket: LeakyBucket): AdminResponse {
  return errorResponse(
    [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: THROTTLE_DOCS } }],
    bucket,
    requested,
  );
}

export function executePrepared(prepared: PreparedRequest, options: ExecuteOptions): AdminResponse {
  const { schema, shop, bucket } = options;
  const counters = shop.counters;
  if (prepared.errors.length > 0 || !prepared.document || !prepared.operation) {
    counters.validationErrors++;
    return errorResponse(prepared.errors, bucket);
  }
  const operation = prepared.operation;
  if (operation.operation === "subscription") {
    return errorResponse(
      [
        {
          message: "Subscriptions are not supported by the Admin API over HTTP",
          extensions: { code: "SIMULATOR_UNSUPPORTED" },
        },
      ],
      bucket,
    );
  }
  const isMutation = operation.operation === "mutation";
  const resolvers = isMutation ? mutationResolvers : queryResolvers;
  const rootType = isMutation ? "Mutation" : "QueryRoot";
  const missing = prepared.rootFields.filter((f) => !f.startsWith("__") && !(f in resolvers));
  if (missing.length > 0) {
    return errorResponse(
      missing.map((field) => ({
        message: `The Shopify simulator does not implement ${rootType}.${field} (valid in the Admin API schema, but not simulated)`,
        extensions: { code: "SIMULATOR_UNSUPPORTED", field: `${rootType}.${field}` },
      })),
      bucket,
    );
  }

  const fragments = prepared.document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const cost = requestedQueryCost(
    schema,
    operation,
    Object.fromEntries(fragments.map((f) => [f.name.value, f])),
    prepared.variables,
  );
  if (cost.errors.length > 0) return errorResponse(cost.errors, bucket, cost.requested);
  const requested = cost.requested;
  if (requested > bucket.maximumAvailable) {
    return errorResponse(
      [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${bucket.maximumAvailable}).

See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the
cost of a query is calculated.

To query larger amounts of data with fewer limits, bulk operations should be used instead.
See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.
`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: bucket.maximumAvailable },
        },
      ],
      bucket,
      requested,
    );
  }
  if (options.forceThrottle || !bucket.tryTake(requested)) {
    counters.throttled++;
    return throttledResponse(requested, bucket);
  }

  for (const field of prepared.rootFields) counters.byRootField[field] = (counters.byRootField[field] ?? 0) + 1;
  if (prepared.operationName)
    counters.byOperationName[prepared.operationName] = (counters.byOperationName[prepared.operationName] ?? 0) + 1;

  const meter = new ActualCostMeter();
  const context = {
    shop,
    app: options.app,
    meter,
    defer: options.defer,
    flowTriggerHandles: options.flowTriggerHandles,
    metering: !isMutation,
  };
  const result = execute({
    schema,
    document: prepared.document,
    rootValue: isMutation ? MUTATION_ROOT : QUERY_ROOT,
    contextValue: context,
    variableValues: prepared.variables,
    operationName: prepared.operationName ?? undefined,
    fieldResolver,
    typeResolver,
  });
  if ("then" in result) throw new Error("Simulator resolvers must be synchronous");
  const actual = isMutation ? requested : Math.min(requested, meter.total);
  bucket.refund(requested - actual);
  const body: GraphQLResponseBody = { extensions: costExtension(requested, actual, bucket) };
  if (result.errors && result.errors.length > 0) {
    body.errors = result.errors.map((e) =>
      toShopifyExecutionError(
        /does not (support|implement)/.test(e.message) && !e.extensions?.code
          ? new GraphQLError(e.message, { nodes: e.nodes, path: e.path, extensions: { code: "SIMULATOR_UNSUPPORTED" } })
          : e,
      ),
    );
  }
  if ("data" in result) body.data = result.data;
  // Keep Shopify's key order: errors (if any), data, extensions.
  const ordered: GraphQLResponseBody = {
    ...(body.errors ? { errors: body.errors } : {}),
    ...("data" in body ? { data: body.data } : {}),
    extensions: body.extensions,
  };
  return { status: 200, body: ordered };
}
