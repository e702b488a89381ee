/**
 * The one place request bodies are size-limited. A Content-Length above the limit is
 * refused before a byte is read; a body without one (chunked) is read only up to the
 * limit and the rest is cancelled, so an oversized upload is never buffered whole.
 */

import { config } from "../config.server";

/** WEBHOOK_MAX_BODY_BYTES, by default 2 MiB: Shopify's largest order payloads stay well below. */
export function maxWebhookBodyBytes(): number {
  return config().webhooks.maxBodyBytes;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** The body as text, or BodyTooLargeError once it would pass `limit` bytes. */
export async function readBodyWithLimit(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    // Not reading it: let the runtime drop the rest instead of buffering it.
    await request.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A 413 that says only what the limit is. */
export function payloadTooLarge(limit: number): Response {
  return new Response(`Payload Too Large (limit ${limit} bytes)`, { status: 413, headers: { Connection: "close" } });
}
