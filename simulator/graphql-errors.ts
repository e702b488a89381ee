// Turns graphql-js errors into the error objects Shopify's Admin API returns:
// { message, locations, path?, extensions: { code, ... } }. Shopify runs graphql-ruby,
// whose static-validation codes (undefinedField, missingRequiredArguments, ...) differ
// from graphql-js; the mapping below is by message pattern. Exact message parity is
// not the goal, the shape and a sensible code are.

import type { GraphQLError } from "graphql";

export interface ShopifyGraphQLError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

const CODE_BY_PATTERN: [RegExp, string][] = [
  [/^Syntax Error/, "syntaxError"],
  [/^Cannot query field/, "undefinedField"],
  [/^Unknown argument/, "argumentNotAccepted"],
  [/argument .* is required, but it was not provided/, "missingRequiredArguments"],
  [/^Argument .* of (non-null|required) type/, "missingRequiredArguments"],
  [/^Field .* of required type .* was not provided/, "missingRequiredInputObjectAttribute"],
  [/^Field .* is not defined by type/, "argumentLiteralsIncompatible"],
  [/^Expected value of type|cannot represent|^Enum .* cannot represent|^Expected type/, "argumentLiteralsIncompatible"],
  [/^OneOf Input Object/, "argumentLiteralsIncompatible"],
  [/^Unknown type/, "undefinedType"],
  [/^Unknown directive/, "undefinedDirective"],
  [/^Directive .* may not be used on/, "directiveCannotBeApplied"],
  [/^Variable .* is never used/, "variableNotUsed"],
  [/^Variable .* is not defined/, "variableNotDefined"],
  [/^Variable .* used in position expecting/, "variableMismatch"],
  [/^Variable .* cannot be non-input type/, "variableRequiresValidType"],
  [/must have a selection of subfields/, "selectionMismatch"],
  [/must not have a selection since type/, "selectionMismatch"],
  [/^Fragment .* is never used/, "useAndDefineFragment"],
  [/^Unknown fragment/, "useAndDefineFragment"],
  [/^Fragment .* cannot be spread here|cannot be spread/, "cannotSpreadFragment"],
  [/^Cannot spread fragment .* within itself/, "infiniteLoop"],
  [/^Fields .* conflict because/, "fieldConflict"],
  [/^There can be only one fragment named/, "fragmentNamesUnique"],
  [/^There can be only one operation named/, "operationNameUnique"],
  [/^There can be only one argument named/, "argumentNotUnique"],
  [/^There can be only one variable named/, "variableNotUnique"],
  [/^There can be only one input field named/, "inputFieldNotUnique"],
  [/^This anonymous operation must be the only defined operation/, "anonymousOperationNotAlone"],
  [/^Anonymous Subscription|^Subscription .* must select only one/, "subscriptionRootFieldNotUnique"],
  [/^Schema is not configured for/, "missingFieldsForOperation"],
];

export function shopifyCodeFor(message: string): string {
  for (const [pattern, code] of CODE_BY_PATTERN) if (pattern.test(message)) return code;
  return "validationError";
}

/**
 * Shopify's (graphql-ruby's) wording and extensions for the most common validation
 * errors, so logs and assertions read like the real API's answers.
 */
function rubyStyle(message: string): { message: string; extensions: Record<string, unknown> } | null {
  let m = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] },
    };
  m = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./.exec(message);
  if (m)
    return {
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: "argumentNotAccepted", name: m[3], typeName: "Field", argumentName: m[1] },
    };
  m = /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\./.exec(message);
  if (m)
    return {
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: m[1], arguments: m[2] },
    };
  return null;
}

/** A graphql-js parse/validation error in Shopify's shape. */
export function toShopifyError(error: GraphQLError): ShopifyGraphQLError {
  const ruby = rubyStyle(error.message);
  const out: ShopifyGraphQLError = { message: ruby?.message ?? error.message };
  if (error.locations && error.locations.length > 0)
    out.locations = error.locations.map((l) => ({ line: l.line, column: l.column }));
  if (error.path) out.path = [...error.path];
  out.extensions = {
    ...(error.extensions ?? {}),
    code: (error.extensions?.code as string | undefined) ?? shopifyCodeFor(error.message),
    ...(ruby?.extensions ?? {}),
  };
  return out;
}

/** An execution-time error (resolver threw, non-null violation...) in Shopify's shape. */
export function toShopifyExecutionError(error: GraphQLError): ShopifyGraphQLError {
  const out: ShopifyGraphQLError = { message: error.message };
  if (error.locations && error.locations.length > 0)
    out.locations = error.locations.map((l) => ({ line: l.line, column: l.column }));
  if (error.path) out.path = [...error.path];
  const code =
    (error.extensions?.code as string | undefined) ??
    (/^Variable /.test(error.message) ? "INVALID_VARIABLE" : "INTERNAL_SERVER_ERROR");
  out.extensions = { ...(error.extensions ?? {}), code };
  return out;
}
