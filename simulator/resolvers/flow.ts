// flowTriggerReceive: records each trigger (handle + payload, or the legacy body) so
// tests can assert what the app sent to Shopify Flow.

import { userError, viewUserError } from "./common.js";
import type { ExecContext } from "./context.js";

/** Shopify's limit on a trigger payload. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export const flowMutations = {
  flowTriggerReceive(ctx: ExecContext, args: { handle?: string | null; payload?: unknown; body?: string | null }) {
    const { handle, payload, body } = args;
    const fail = (field: string[] | null, message: string) => ({
      userErrors: [viewUserError(userError(field, message))],
    });
    if (body !== undefined && body !== null && (handle || payload !== undefined))
      return fail(null, "Cannot use both body and handle/payload arguments.");
    if ((body === undefined || body === null) && !handle) return fail(["handle"], "Handle can't be blank.");
    if (handle && ctx.flowTriggerHandles.length > 0 && !ctx.flowTriggerHandles.includes(handle))
      return fail(["handle"], `Invalid handle '${handle}'.`);
    if (handle && (payload === undefined || payload === null || typeof payload !== "object" || Array.isArray(payload)))
      return fail(["payload"], "Errors validating schema:\n  Payload must be a JSON object.");
    const size = Buffer.byteLength(body ?? JSON.stringify(payload));
    if (size > FLOW_PAYLOAD_LIMIT_BYTES)
      return fail(
        ["payload"],
        `Errors validating schema:\n  Properties size exceeds the limit of ${FLOW_PAYLOAD_LIMIT_BYTES} bytes.`,
      );
    if (body) {
      try {
        JSON.parse(body);
      } catch {
        return fail(["body"], "Body is not valid JSON.");
      }
    }
    ctx.shop.flowTriggers.push({
      handle: handle ?? null,
      payload: payload ?? null,
      body: body ?? null,
      receivedAt: ctx.shop.now(),
    });
    return { userErrors: [] };
  },
};
