// Global-id lookups: node/nodes, ownership checks for metafields and tags, and the
// "Invalid global id" error Shopify gives for malformed ids.

import { GraphQLError } from "graphql";
import { parseGid } from "../gid.js";
import type { ExecContext } from "./context.js";
import { customerView } from "./customers.js";
import { codeDiscountNodeView, discountNodeView } from "./discounts-view.js";
import { definitionView, metafieldView } from "./metafields.js";
import { orderView } from "./orders.js";
import { bulkCreationView } from "./redeem-codes.js";
import { appInstallationGid, appInstallationView, shopView } from "./shop.js";
import { storeCreditAccountView } from "./store-credit.js";
import { unsupported } from "./unsupported.js";
import { redeemCodeView } from "./discounts-view.js";

/**
 * Parses an id argument. Malformed ids are a top-level error on Shopify; a well-formed
 * gid of another type simply finds nothing (null).
 */
export function requireGid(value: string, ...types: string[]): number | null {
  const parsed = parseGid(value);
  if (!parsed) {
    throw new GraphQLError(`Invalid global id '${value}'`, {
      extensions: { code: "argumentLiteralsIncompatible", typeName: "CoercionError" },
    });
  }
  return types.includes(parsed.type) ? parsed.id : null;
}

export function ownerExists(ctx: ExecContext, ownerId: string): boolean {
  const parsed = parseGid(ownerId);
  if (!parsed) return false;
  const shop = ctx.shop;
  switch (parsed.type) {
    case "Customer":
      return shop.customers.has(parsed.id);
    case "Order":
      return shop.orders.has(parsed.id);
    case "Shop":
      return shop.shop.id === parsed.id;
    case "DiscountCodeNode":
    case "DiscountNode":
      return shop.discounts.has(parsed.id);
    case "AppInstallation":
      return ownerId === appInstallationGid(ctx);
    default:
      return false;
  }
}

/** Resolves any supported gid to its GraphQL object, or null when this shop has none. */
export function nodeByGid(ctx: ExecContext, id: string): Record<string, unknown> | null {
  const parsed = parseGid(id);
  if (!parsed)
    throw new GraphQLError(`Invalid global id '${id}'`, {
      extensions: { code: "argumentLiteralsIncompatible", typeName: "CoercionError" },
    });
  const shop = ctx.shop;
  switch (parsed.type) {
    case "Customer": {
      const c = shop.customers.get(parsed.id);
      return c ? customerView(ctx, c) : null;
    }
    case "Order": {
      const o = shop.orders.get(parsed.id);
      return o ? orderView(ctx, o) : null;
    }
    case "DiscountCodeNode": {
      const d = shop.discounts.get(parsed.id);
      return d ? codeDiscountNodeView(ctx, d) : null;
    }
    case "DiscountNode": {
      const d = shop.discounts.get(parsed.id);
      return d ? discountNodeView(ctx, d) : null;
    }
    case "DiscountRedeemCode": {
      for (const d of shop.discounts.values()) {
        const c = d.codes.find((x) => x.id === parsed.id);
        if (c) return redeemCodeView(c);
      }
      return null;
    }
    case "DiscountRedeemCodeBulkCreation": {
      const b = shop.bulkCreations.get(parsed.id);
      return b ? bulkCreationView(ctx, b) : null;
    }
    case "Metafield": {
      for (const m of shop.metafields.values()) if (m.id === parsed.id) return metafieldView(ctx, m);
      return null;
    }
    case "MetafieldDefinition": {
      const d = shop.metafieldDefinitions.get(parsed.id);
      return d ? definitionView(ctx, d) : null;
    }
    case "StoreCreditAccount": {
      const a = shop.storeCreditAccounts.get(parsed.id);
      return a ? storeCreditAccountView(ctx, a) : null;
    }
    case "Shop":
      return shop.shop.id === parsed.id ? shopView(ctx) : null;
    case "AppInstallation":
      return id === appInstallationGid(ctx) ? appInstallationView(ctx) : null;
    default:
      return unsupported(`node lookups of type ${parsed.type}`);
  }
}

export const nodeQueries = {
  node(ctx: ExecContext, args: { id: string }) {
    return nodeByGid(ctx, args.id);
  },
  nodes(ctx: ExecContext, args: { ids: string[] }) {
    if (args.ids.length > 250)
      throw new GraphQLError("The ids argument accepts at most 250 ids", {
        extensions: { code: "argumentLiteralsIncompatible" },
      });
    return args.ids.map((id) => nodeByGid(ctx, id));
  },
};
