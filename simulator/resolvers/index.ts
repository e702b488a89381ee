// The root fields the simulator implements. Anything valid against the schema but not
// listed here is answered with an error naming the field (see execute.ts).

import type { ExecContext } from "./context.js";
import { customerMutations, customerQueries } from "./customers.js";
import { discountMutations } from "./discounts-mutations.js";
import { discountQueries } from "./discounts-view.js";
import { flowMutations } from "./flow.js";
import { metafieldDefinitionCreate, metafieldDefinitionsQuery, metafieldsDelete, metafieldsSet } from "./metafields.js";
import { nodeQueries } from "./nodes.js";
import { orderQueries } from "./orders.js";
import { redeemCodeMutations, redeemCodeQueries } from "./redeem-codes.js";
import { appInstallationView, shopLocalesView, shopView } from "./shop.js";
import { storeCreditMutations, storeCreditQueries } from "./store-credit.js";
import { tagMutations } from "./tags.js";

// Arguments arrive already coerced by graphql-js against the schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RootResolver = (ctx: ExecContext, args: any) => unknown;

export const queryResolvers: Record<string, RootResolver> = {
  shop: (ctx) => shopView(ctx),
  currentAppInstallation: (ctx) => appInstallationView(ctx),
  shopLocales: (ctx) => shopLocalesView(ctx),
  ...customerQueries,
  ...orderQueries,
  ...discountQueries,
  ...redeemCodeQueries,
  ...nodeQueries,
  ...storeCreditQueries,
  metafieldDefinitions: metafieldDefinitionsQuery,
};

export const mutationResolvers: Record<string, RootResolver> = {
  ...customerMutations,
  ...discountMutations,
  ...redeemCodeMutations,
  metafieldsSet,
  metafieldsDelete,
  metafieldDefinitionCreate,
  ...tagMutations,
  ...flowMutations,
  ...storeCreditMutations,
};

export const SUPPORTED_ROOT_FIELDS = {
  query: Object.keys(queryResolvers).sort(),
  mutation: Object.keys(mutationResolvers).sort(),
};
