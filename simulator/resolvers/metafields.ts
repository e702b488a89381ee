// Metafields: views for HasMetafields owners, metafieldsSet (atomic, at most 25, typed
// values), metafieldsDelete and metafield definitions.

import { createHash } from "node:crypto";
import { gid, parseGid } from "../gid.js";
import type { MetafieldDefinitionRecord, MetafieldRecord, UserErrorRecord } from "../state.js";
import { connection, type ConnectionArgs } from "./connection.js";
import { userError, viewUserError } from "./common.js";
import type { ExecContext } from "./context.js";
import { isValidMetafieldType, metafieldJsonValue, validateMetafieldValue } from "./metafield-types.js";
import { nodeByGid, ownerExists } from "./nodes.js";

export const METAFIELDS_SET_LIMIT = 25;

/** The MetafieldOwnerType of a gid, or null when it cannot own metafields. */
export function ownerTypeOf(ownerId: string): string | null {
  const parsed = parseGid(ownerId);
  if (!parsed) return null;
  switch (parsed.type) {
    case "Customer":
      return "CUSTOMER";
    case "Order":
      return "ORDER";
    case "Shop":
      return "SHOP";
    case "DiscountCodeNode":
    case "DiscountNode":
    case "DiscountAutomaticNode":
      return "DISCOUNT";
    case "AppInstallation":
      return "API_PERMISSION";
    case "Product":
      return "PRODUCT";
    case "ProductVariant":
      return "PRODUCTVARIANT";
    case "Collection":
      return "COLLECTION";
    case "DraftOrder":
      return "DRAFTORDER";
    default:
      return null;
  }
}

/** Metafields of discounts are keyed by the discount's number, whichever node gid named it. */
export function canonicalOwnerId(ownerId: string): string {
  const parsed = parseGid(ownerId);
  if (parsed && (parsed.type === "DiscountNode" || parsed.type === "DiscountCodeNode"))
    return gid("DiscountCodeNode", parsed.id);
  return ownerId;
}

/** `$app` namespaces (and an omitted namespace) belong to the calling app: app--{id}[--suffix]. */
export function resolveNamespace(ctx: ExecContext, namespace: string | null | undefined): string {
  if (namespace === null || namespace === undefined || namespace === "" || namespace === "$app")
    return `app--${ctx.app.id}`;
  if (namespace.startsWith("$app:")) return `app--${ctx.app.id}--${namespace.slice(5)}`;
  return namespace;
}

function metafieldKey(ownerId: string, namespace: string, key: string): string {
  return `${canonicalOwnerId(ownerId)}|${namespace}|${key}`;
}

export function compareDigestOf(m: MetafieldRecord): string {
  return createHash("sha256").update(`${m.type}\u0000${m.value}`).digest("hex");
}

function findDefinition(
  ctx: ExecContext,
  ownerType: string,
  namespace: string,
  key: string,
): MetafieldDefinitionRecord | undefined {
  for (const d of ctx.shop.metafieldDefinitions.values())
    if (d.ownerType === ownerType && d.namespace === namespace && d.key === key) return d;
  return undefined;
}

export function definitionView(ctx: ExecContext, d: MetafieldDefinitionRecord) {
  const owned = () =>
    [...ctx.shop.metafields.values()].filter(
      (m) => m.ownerType === d.ownerType && m.namespace === d.namespace && m.key === d.key,
    );
  return {
    __typename: "MetafieldDefinition",
    id: gid("MetafieldDefinition", d.id),
    name: d.name,
    namespace: d.namespace,
    key: d.key,
    description: d.description,
    ownerType: d.ownerType,
    pinnedPosition: d.pinnedPosition,
    type: {
      __typename: "MetafieldDefinitionType",
      name: d.type,
      category: d.type
        .replace(/^list\./, "")
        .split("_")[0]
        .toUpperCase(),
      supportedValidations: [],
      supportsDefinitionMigrations: true,
      valueType: d.type.toUpperCase(),
    },
    validations: d.validations.map((v) => ({
      __typename: "MetafieldDefinitionValidation",
      name: v.name,
      type: "single_line_text_field",
      value: v.value,
    })),
    validationStatus: "ALL_VALID",
    useAsCollectionCondition: false,
    standardTemplate: null,
    constraints: null,
    access: {
      __typename: "MetafieldAccess",
      admin: (d.access?.admin as string | undefined) ?? "PUBLIC_READ_WRITE",
      storefront: (d.access?.storefront as string | undefined) ?? "NONE",
      customerAccount: (d.access?.customerAccount as string | undefined) ?? "NONE",
    },
    metafieldsCount: () => owned().length,
    metafields: (args: ConnectionArgs) =>
      connection(
        owned(),
        args,
        (m) => m.id,
        (m) => metafieldView(ctx, m),
      ),
  };
}

export function metafieldView(ctx: ExecContext, m: MetafieldRecord) {
  return {
    __typename: "Metafield",
    id: gid("Metafield", m.id),
    legacyResourceId: String(m.id),
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    jsonValue: metafieldJsonValue(m.type, m.value),
    ownerType: m.ownerType,
    owner: () => nodeByGid(ctx, m.ownerId),
    compareDigest: compareDigestOf(m),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    description: null,
    reference: null,
    references: null,
    sizeInBytes: Buffer.byteLength(m.value),
    definition: () => {
      const d = findDefinition(ctx, m.ownerType, m.namespace, m.key);
      return d ? definitionView(ctx, d) : null;
    },
  };
}

/** The `metafield` and `metafields` fields every HasMetafields owner exposes. */
export function metafieldFields(ctx: ExecContext, ownerId: string) {
  const owner = canonicalOwnerId(ownerId);
  return {
    metafield: (args: { namespace?: string | null; key: string }) => {
      const m = ctx.shop.metafields.get(metafieldKey(owner, resolveNamespace(ctx, args.namespace), args.key));
      return m ? metafieldView(ctx, m) : null;
    },
    metafields: (args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null }) => {
      const namespace =
        args.namespace === undefined || args.namespace === null ? null : resolveNamespace(ctx, args.namespace);
      const keys = args.keys?.map((k) => {
        // keys are "namespace.key"
        const dot = k.lastIndexOf(".");
        return dot < 0 ? k : `${resolveNamespace(ctx, k.slice(0, dot))}.${k.slice(dot + 1)}`;
      });
      const list = [...ctx.shop.metafields.values()].filter(
        (m) =>
          m.ownerId === owner &&
          (namespace === null || m.namespace === namespace) &&
          (!keys || keys.includes(`${m.namespace}.${m.key}`)),
      );
      return connection(
        list,
        args,
        (m) => m.id,
        (m) => metafieldView(ctx, m),
      );
    },
  };
}

/** Metafields of one owner, for inspection helpers. */
export function metafieldsOf(ctx: Pick<ExecContext, "shop">, ownerId: string): MetafieldRecord[] {
  const owner = canonicalOwnerId(ownerId);
  return [...ctx.shop.metafields.values()].filter((m) => m.ownerId === owner);
}

const KEY_RE = /^[a-zA-Z0-9_-]+$/;

function checkNamespaceKey(
  namespace: string,
  key: string,
  field: (name: string) => string[],
  errors: UserErrorRecord[],
  index?: number,
): void {
  const extra = index === undefined ? {} : { elementIndex: index };
  if (key.length < 2)
    errors.push(userError(field("key"), "Key is too short (minimum is 2 characters)", "TOO_SHORT", extra));
  else if (key.length > 64)
    errors.push(userError(field("key"), "Key is too long (maximum is 64 characters)", "TOO_LONG", extra));
  else if (!KEY_RE.test(key))
    errors.push(userError(field("key"), "Key contains one or more invalid characters.", "INVALID", extra));
  if (namespace.length < 2)
    errors.push(userError(field("namespace"), "Namespace is too short (minimum is 2 characters)", "TOO_SHORT", extra));
  else if (namespace.length > 255)
    errors.push(userError(field("namespace"), "Namespace is too long (maximum is 255 characters)", "TOO_LONG", extra));
  else if (!KEY_RE.test(namespace))
    errors.push(userError(field("namespace"), "Namespace contains one or more invalid characters.", "INVALID", extra));
}

interface MetafieldsSetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

export function metafieldsSet(ctx: ExecContext, args: { metafields: MetafieldsSetInput[] }) {
  const shop = ctx.shop;
  const errors: UserErrorRecord[] = [];
  if (args.metafields.length > METAFIELDS_SET_LIMIT) {
    errors.push(
      userError(
        ["metafields"],
        `Exceeded the maximum metafields input limit of ${METAFIELDS_SET_LIMIT}.`,
        "LESS_THAN_OR_EQUAL_TO",
      ),
    );
    return { metafields: null, userErrors: errors.map(viewUserError) };
  }
  const planned: MetafieldRecord[] = [];
  args.metafields.forEach((input, index) => {
    const field = (name: string) => ["metafields", String(index), name];
    const before = errors.length;
    const ownerType = ownerTypeOf(input.ownerId);
    if (!ownerType || !ownerExists(ctx, input.ownerId)) {
      errors.push(userError(field("ownerId"), "Owner does not exist.", "INVALID", { elementIndex: index }));
      return;
    }
    const namespace = resolveNamespace(ctx, input.namespace);
    checkNamespaceKey(namespace, input.key, field, errors, index);
    if (errors.length > before) return;
    const owner = canonicalOwnerId(input.ownerId);
    const existing = shop.metafields.get(metafieldKey(owner, namespace, input.key));
    const definition = findDefinition(ctx, ownerType, namespace, input.key);
    const type = input.type ?? definition?.type ?? existing?.type;
    if (!type) {
      errors.push(userError(field("type"), "Type can't be blank", "BLANK", { elementIndex: index }));
      return;
    }
    if (!isValidMetafieldType(type)) {
      errors.push(
        userError(field("type"), `Type is invalid. '${type}' is not a valid metafield type.`, "INVALID_TYPE", {
          elementIndex: index,
        }),
      );
      return;
    }
    if (definition && definition.type !== type) {
      errors.push(
        userError(
          field("type"),
          `Type '${type}' must be consistent with the definition's type: '${definition.type}'.`,
          "INVALID_TYPE",
          { elementIndex: index },
        ),
      );
      return;
    }
    const problem = validateMetafieldValue(type, input.value);
    if (problem) {
      errors.push(userError(field("value"), problem, "INVALID_VALUE", { elementIndex: index }));
      return;
    }
    if ("compareDigest" in input) {
      const current = existing ? compareDigestOf(existing) : null;
      if ((input.compareDigest ?? null) !== current) {
        errors.push(
          userError(
            field("compareDigest"),
            "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
            "STALE_OBJECT",
            { elementIndex: index },
          ),
        );
        return;
      }
    }
    const now = shop.now();
    planned.push({
      id: existing?.id ?? 0,
      ownerId: owner,
      ownerType,
      namespace,
      key: input.key,
      type,
      value: input.value,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
  });
  // Atomic, as on Shopify: any error and nothing is written.
  if (errors.length > 0) return { metafields: null, userErrors: errors.map(viewUserError) };
  const written = planned.map((m) => {
    const record = { ...m, id: m.id || shop.nextId() };
    shop.metafields.set(metafieldKey(record.ownerId, record.namespace, record.key), record);
    return record;
  });
  return { metafields: written.map((m) => metafieldView(ctx, m)), userErrors: [] };
}

export function metafieldsDelete(
  ctx: ExecContext,
  args: { metafields: { ownerId: string; namespace: string; key: string }[] },
) {
  const deleted = args.metafields.map((input) => {
    const namespace = resolveNamespace(ctx, input.namespace);
    const k = metafieldKey(input.ownerId, namespace, input.key);
    if (!ctx.shop.metafields.delete(k)) return null;
    return { __typename: "MetafieldIdentifier", ownerId: input.ownerId, namespace, key: input.key };
  });
  return { deletedMetafields: deleted, userErrors: [] };
}

interface DefinitionInput {
  name: string;
  namespace?: string | null;
  key: string;
  type: string;
  ownerType: string;
  description?: string | null;
  pin?: boolean | null;
  validations?: { name: string; value?: string | null }[] | null;
  access?: Record<string, unknown> | null;
}

export function metafieldDefinitionCreate(ctx: ExecContext, args: { definition: DefinitionInput }) {
  const d = args.definition;
  const errors: UserErrorRecord[] = [];
  const namespace = resolveNamespace(ctx, d.namespace);
  if (!d.name.trim()) errors.push(userError(["definition", "name"], "Name can't be blank", "BLANK"));
  checkNamespaceKey(namespace, d.key, (name) => ["definition", name], errors);
  if (!isValidMetafieldType(d.type))
    errors.push(userError(["definition", "type"], "Type name is not included in the list", "INCLUSION"));
  if (errors.length === 0 && findDefinition(ctx, d.ownerType, namespace, d.key)) {
    const owner = d.ownerType.charAt(0) + d.ownerType.slice(1).toLowerCase();
    errors.push(
      userError(
        ["definition", "key"],
        `Key is in use for ${owner} metafields on the '${namespace}' namespace.`,
        "TAKEN",
      ),
    );
  }
  if (errors.length > 0) return { createdDefinition: null, userErrors: errors.map(viewUserError) };
  const pinned = d.pin
    ? [...ctx.shop.metafieldDefinitions.values()].filter(
        (x) => x.ownerType === d.ownerType && x.pinnedPosition !== null,
      ).length + 1
    : null;
  const record: MetafieldDefinitionRecord = {
    id: ctx.shop.nextId(),
    ownerType: d.ownerType,
    namespace,
    key: d.key,
    name: d.name,
    description: d.description ?? null,
    type: d.type,
    pinnedPosition: pinned,
    validations: (d.validations ?? []).map((v) => ({ name: v.name, value: v.value ?? null })),
    access: d.access ?? null,
  };
  ctx.shop.metafieldDefinitions.set(record.id, record);
  return { createdDefinition: definitionView(ctx, record), userErrors: [] };
}

export function metafieldDefinitionsQuery(
  ctx: ExecContext,
  args: ConnectionArgs & { ownerType: string; namespace?: string | null; key?: string | null },
) {
  const namespace =
    args.namespace === undefined || args.namespace === null ? null : resolveNamespace(ctx, args.namespace);
  const list = [...ctx.shop.metafieldDefinitions.values()].filter(
    (d) =>
      d.ownerType === args.ownerType &&
      (namespace === null || d.namespace === namespace) &&
      (!args.key || d.key === args.key),
  );
  return connection(
    list,
    args,
    (d) => d.id,
    (d) => definitionView(ctx, d),
  );
}
