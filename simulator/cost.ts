// Shopify's calculated query cost, computed from the document before execution
// (requestedQueryCost). Rules, as Shopify documents them:
//   scalars and enums 0, objects 1, a connection 2 + (first|last) x cost of one node,
//   each mutation root field 10 (its payload is not charged).
// Connections must say first or last (at most 250), as on Shopify.

import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromAST,
  Kind,
  getLocation,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { ShopifyGraphQLError } from "./graphql-errors.js";

export const MUTATION_FIELD_COST = 10;
export const MAX_PAGE_SIZE = 250;

export interface CostResult {
  requested: number;
  errors: ShopifyGraphQLError[];
}

/** A connection type in Shopify's schema: an object named *Connection with edges/nodes/pageInfo. */
export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  errors: ShopifyGraphQLError[];
}

function argValue(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown {
  const argDef = field.args.find((a) => a.name === name);
  const argNode = node.arguments?.find((a) => a.name.value === name);
  if (!argDef) return undefined;
  if (!argNode) return argDef.defaultValue;
  return valueFromAST(argNode.value, argDef.type, walk.variables);
}

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

/** Cost of a selection set; fragments on different concrete types cost the max of the branches. */
function selectionCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  set: SelectionSetNode | undefined,
  path: (string | number)[],
): number {
  if (!set) return 0;
  let common = 0;
  const branches = new Map<string, number>();
  const addBranch = (typeName: string, cost: number) => branches.set(typeName, (branches.get(typeName) ?? 0) + cost);
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      common += fieldCost(walk, parent, sel, path);
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments[sel.name.value];
      if (!fragment) continue;
      const condName = fragment.typeCondition?.name.value;
      const cond = condName ? walk.schema.getType(condName) : parent;
      if (!cond || !isCompositeType(cond)) continue;
      const cost = selectionCost(walk, cond, fragment.selectionSet, path);
      if (cond.name === parent.name || isAbstractType(cond)) common += cost;
      else addBranch(cond.name, cost);
    }
  }
  let maxBranch = 0;
  for (const c of branches.values()) maxBranch = Math.max(maxBranch, c);
  return common + maxBranch;
}

function fieldCost(walk: Walk, parent: GraphQLCompositeType, node: FieldNode, parentPath: (string | number)[]): number {
  const name = node.name.value;
  if (name.startsWith("__")) return 0;
  const def = fieldDef(parent, name);
  if (!def) return 0;
  const path = [...parentPath, node.alias?.value ?? name];
  const named = getNamedType(def.type);
  if (!isCompositeType(named)) return 0;

  if (isConnectionType(named)) {
    const first = argValue(walk, def, node, "first");
    const last = argValue(walk, def, node, "last");
    const size = typeof first === "number" ? first : typeof last === "number" ? last : undefined;
    const hasPaging = def.args.some((a) => a.name === "first");
    if (hasPaging && size === undefined) {
      walk.errors.push({
        message: "you must provide one of first or last",
        locations: loc(node),
        path,
        extensions: { code: "missingRequiredArguments" },
      });
    } else if (size !== undefined && (size < 0 || size > MAX_PAGE_SIZE)) {
      walk.errors.push({
        message: `The ${typeof first === "number" ? "first" : "last"} argument must be between 0 and ${MAX_PAGE_SIZE}`,
        locations: loc(node),
        path,
        extensions: { code: "argumentLiteralsIncompatible" },
      });
    }
    return 2 + (size ?? 0) * connectionItemCost(walk, named as GraphQLCompositeType, node.selectionSet, path);
  }

  const nullable = getNullableType(def.type);
  let multiplier = 1;
  if (isListType(nullable)) {
    // nodes(ids: [...]) returns one object per id; other lists are unsized, count one.
    const ids = argValue(walk, def, node, "ids");
    if (Array.isArray(ids)) multiplier = Math.max(ids.length, 1);
  }
  return multiplier * (1 + selectionCost(walk, named, node.selectionSet, path));
}

/** Cost of one item of a connection: the node under edges, or under nodes, whichever is dearer. */
function connectionItemCost(
  walk: Walk,
  connection: GraphQLCompositeType,
  set: SelectionSetNode | undefined,
  path: (string | number)[],
): number {
  if (!set || !isObjectType(connection)) return 0;
  let item = 0;
  const visit = (selSet: SelectionSetNode) => {
    for (const sel of selSet.selections) {
      if (sel.kind === Kind.FIELD) {
        const def = connection.getFields()[sel.name.value];
        if (!def) continue;
        if (sel.name.value === "nodes") {
          const nodeType = getNamedType(def.type) as GraphQLCompositeType;
          item = Math.max(item, 1 + selectionCost(walk, nodeType, sel.selectionSet, [...path, "nodes"]));
        } else if (sel.name.value === "edges") {
          const edgeType = getNamedType(def.type) as GraphQLCompositeType;
          // The edge wrapper is free; its node (an object, 1) and the node's fields are charged.
          item = Math.max(item, selectionCost(walk, edgeType, sel.selectionSet, [...path, "edges"]));
        }
      } else {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments[sel.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(set);
  return item;
}

function loc(node: FieldNode): { line: number; column: number }[] | undefined {
  if (!node.loc) return undefined;
  const { line, column } = getLocation(node.loc.source, node.loc.start);
  return [{ line, column }];
}

/** Requested cost of one operation, plus paging errors Shopify reports before running it. */
export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): CostResult {
  const walk: Walk = { schema, fragments, variables, errors: [] };
  if (operation.operation === "mutation") {
    const root = schema.getMutationType();
    let requested = 0;
    const countRoot = (set: SelectionSetNode) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (!sel.name.value.startsWith("__")) requested += MUTATION_FIELD_COST;
        } else {
          const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
          if (fragment) countRoot(fragment.selectionSet);
        }
      }
    };
    if (root) countRoot(operation.selectionSet);
    return { requested, errors: [] };
  }
  const root = operation.operation === "query" ? schema.getQueryType() : schema.getSubscriptionType();
  if (!root) return { requested: 0, errors: [] };
  const requested = selectionCost(walk, root, operation.selectionSet, []);
  return { requested, errors: walk.errors };
}

/**
 * Actual cost, accumulated while executing: the same rules applied to what was really
 * returned (a connection asked for 50 items that has 3 costs 2 + 3 x item).
 */
export class ActualCostMeter {
  total = 0;
  add(points: number): void {
    this.total += points;
  }
}
