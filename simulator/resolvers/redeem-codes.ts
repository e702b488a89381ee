// Redeem codes in bulk: discountRedeemCodeBulkAdd (asynchronous on Shopify: the
// mutation answers with a bulk creation that is not done yet; per-code errors show on
// the bulk creation's codes once processed), its query, and bulk delete.

import { randomUUID } from "node:crypto";
import { gid, parseGidOf } from "../gid.js";
import type { BulkCreationRecord, UserErrorRecord } from "../state.js";
import { userError, viewUserError } from "./common.js";
import { connection, type ConnectionArgs } from "./connection.js";
import type { ExecContext } from "./context.js";
import { CODE_TAKEN_MESSAGE, codeFormatError } from "./discounts-mutations.js";
import { codeDiscountNodeView, findDiscount, redeemCodeView } from "./discounts-view.js";
import { matchesSearch, parseSearch } from "./search.js";
import { requireGid } from "./nodes.js";

export const BULK_ADD_LIMIT = 250;

export function bulkCreationView(ctx: ExecContext, b: BulkCreationRecord) {
  return {
    __typename: "DiscountRedeemCodeBulkCreation",
    id: gid("DiscountRedeemCodeBulkCreation", b.id),
    createdAt: b.createdAt,
    done: b.done,
    codesCount: b.codes.length,
    importedCount: b.importedCount,
    failedCount: b.failedCount,
    discountCode: () => {
      const d = ctx.shop.discounts.get(b.discountId);
      return d ? codeDiscountNodeView(ctx, d) : null;
    },
    codes: (args: ConnectionArgs) =>
      connection(
        b.codes.map((c, index) => ({ ...c, index })),
        args,
        (c) => c.index,
        (c) => {
          const d = ctx.shop.discounts.get(b.discountId);
          const redeem = c.redeemCodeId === null ? undefined : d?.codes.find((r) => r.id === c.redeemCodeId);
          return {
            __typename: "DiscountRedeemCodeBulkCreationCode",
            code: c.code,
            discountRedeemCode: redeem ? redeemCodeView(redeem) : null,
            errors: c.errors.map(viewUserError),
          };
        },
      ),
  };
}

/** Imports the codes of a pending bulk creation (what Shopify's background job does). */
export function processBulkCreation(ctx: Pick<ExecContext, "shop">, b: BulkCreationRecord): void {
  if (b.done) return;
  const d = ctx.shop.discounts.get(b.discountId);
  for (const entry of b.codes) {
    const error: UserErrorRecord | null = !d
      ? userError(["discountId"], "Code discount does not exist.", "INVALID")
      : (codeFormatError(entry.code, ["code"]) ??
        (ctx.shop.findCode(entry.code) ? userError(["code"], CODE_TAKEN_MESSAGE, "TAKEN") : null));
    if (error || !d) {
      entry.errors.push(error!);
      b.failedCount++;
      continue;
    }
    const record = { id: ctx.shop.nextId(), code: entry.code, asyncUsageCount: 0, createdAt: ctx.shop.now() };
    d.codes.push(record);
    ctx.shop.codeIndex.set(entry.code.toLowerCase(), { discountId: d.id, codeId: record.id });
    entry.redeemCodeId = record.id;
    b.importedCount++;
  }
  b.done = true;
}

export const redeemCodeMutations = {
  discountRedeemCodeBulkAdd(ctx: ExecContext, args: { discountId: string; codes: { code: string }[] }) {
    const d = findDiscount(ctx, args.discountId);
    if (!d)
      return {
        bulkCreation: null,
        userErrors: [viewUserError(userError(["discountId"], "Code discount does not exist.", "INVALID"))],
      };
    if (args.codes.length === 0)
      return { bulkCreation: null, userErrors: [viewUserError(userError(["codes"], "Codes can't be blank", "BLANK"))] };
    if (args.codes.length > BULK_ADD_LIMIT)
      return {
        bulkCreation: null,
        userErrors: [
          viewUserError(userError(["codes"], `Codes can't exceed ${BULK_ADD_LIMIT} per request`, "TOO_LONG")),
        ],
      };
    const record: BulkCreationRecord = {
      id: ctx.shop.nextId(),
      discountId: d.id,
      createdAt: ctx.shop.now(),
      done: false,
      codes: args.codes.map((c) => ({ code: c.code, redeemCodeId: null, errors: [] })),
      importedCount: 0,
      failedCount: 0,
    };
    ctx.shop.bulkCreations.set(record.id, record);
    // Build the answer before processing: Shopify reports done: false here.
    const view = { ...bulkCreationView(ctx, record), done: false, importedCount: 0, failedCount: 0 };
    ctx.defer(() => processBulkCreation(ctx, record));
    return { bulkCreation: view, userErrors: [] };
  },

  discountCodeRedeemCodeBulkDelete(
    ctx: ExecContext,
    args: { discountId: string; ids?: string[] | null; search?: string | null; savedSearchId?: string | null },
  ) {
    const d = findDiscount(ctx, args.discountId);
    if (!d)
      return {
        job: null,
        userErrors: [viewUserError(userError(["discountId"], "Code discount does not exist.", "INVALID"))],
      };
    if (args.savedSearchId)
      return {
        job: null,
        userErrors: [
          viewUserError(
            userError(["savedSearchId"], "The Shopify simulator does not support savedSearchId", "INVALID"),
          ),
        ],
      };
    if (!args.ids && args.search === undefined) {
      return {
        job: null,
        userErrors: [
          viewUserError(
            userError(null, "Missing expected argument key: 'ids', 'search' or 'saved_search_id'.", "MISSING_ARGUMENT"),
          ),
        ],
      };
    }
    let doomed: Set<number>;
    if (args.ids) {
      doomed = new Set(
        args.ids.map((id) => parseGidOf(id, "DiscountRedeemCode")).filter((id): id is number => id !== null),
      );
    } else {
      const terms = parseSearch(args.search);
      doomed = new Set(
        d.codes.filter((c) => matchesSearch(terms, { code: () => [c.code] }, () => [c.code])).map((c) => c.id),
      );
    }
    for (const c of d.codes) if (doomed.has(c.id)) ctx.shop.codeIndex.delete(c.code.toLowerCase());
    d.codes = d.codes.filter((c) => !doomed.has(c.id));
    const job = { id: randomUUID(), done: true };
    ctx.shop.jobs.set(job.id, job);
    return {
      job: { __typename: "Job", id: gid("Job", 0).replace("/0", `/${job.id}`), done: false, query: null },
      userErrors: [],
    };
  },
};

export const redeemCodeQueries = {
  discountRedeemCodeBulkCreation(ctx: ExecContext, args: { id: string }) {
    const id = requireGid(args.id, "DiscountRedeemCodeBulkCreation");
    const b = id === null ? undefined : ctx.shop.bulkCreations.get(id);
    return b ? bulkCreationView(ctx, b) : null;
  },
  job(ctx: ExecContext, args: { id: string }) {
    const match = /^gid:\/\/shopify\/Job\/(.+)$/.exec(args.id);
    const job = match ? ctx.shop.jobs.get(match[1]) : undefined;
    return job ? { __typename: "Job", id: args.id, done: job.done, query: null } : null;
  },
};
