// tagsAdd / tagsRemove on customers and orders (the taggable resources the app uses).

import { parseGid } from "../gid.js";
import { normalizeTags, userError, viewUserError } from "./common.js";
import type { ExecContext } from "./context.js";
import { customerView } from "./customers.js";
import { orderView } from "./orders.js";
import { unsupported } from "./unsupported.js";

const TAGGABLE = new Set(["Customer", "Order", "Product", "DraftOrder", "Article"]);
const MAX_TAG_LENGTH = 255;
const MAX_TAGS = 250;

function target(ctx: ExecContext, id: string) {
  const parsed = parseGid(id);
  if (!parsed || !TAGGABLE.has(parsed.type)) return null;
  if (parsed.type === "Customer") {
    const c = ctx.shop.customers.get(parsed.id);
    return c ? { record: c, view: () => customerView(ctx, c) } : null;
  }
  if (parsed.type === "Order") {
    const o = ctx.shop.orders.get(parsed.id);
    return o ? { record: o, view: () => orderView(ctx, o) } : null;
  }
  return unsupported(`tags on ${parsed.type}`);
}

function change(ctx: ExecContext, args: { id: string; tags: string[] }, add: boolean) {
  const hit = target(ctx, args.id);
  if (!hit) return { node: null, userErrors: [viewUserError(userError(["id"], "Resource not found."))] };
  const tags = normalizeTags(args.tags);
  const tooLong = tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (tooLong)
    return {
      node: null,
      userErrors: [
        viewUserError(
          userError(["tags"], `Tag '${tooLong.slice(0, 20)}…' is too long (maximum is ${MAX_TAG_LENGTH} characters)`),
        ),
      ],
    };
  const record = hit.record;
  if (add) {
    const merged = normalizeTags([...record.tags, ...tags]);
    if (merged.length > MAX_TAGS)
      return { node: null, userErrors: [viewUserError(userError(["tags"], `Tags cannot exceed ${MAX_TAGS}`))] };
    record.tags = merged;
  } else {
    const drop = new Set(tags.map((t) => t.toLowerCase()));
    record.tags = record.tags.filter((t) => !drop.has(t.toLowerCase()));
  }
  record.updatedAt = ctx.shop.now();
  return { node: hit.view(), userErrors: [] };
}

export const tagMutations = {
  tagsAdd: (ctx: ExecContext, args: { id: string; tags: string[] }) => change(ctx, args, true),
  tagsRemove: (ctx: ExecContext, args: { id: string; tags: string[] }) => change(ctx, args, false),
};
