// HS256 JWT verification for Shopify session tokens (the subject_token of a token
// exchange), with node:crypto only. Mirrors what @shopify/shopify-api checks: the
// signature with the app secret, exp/nbf with 10 s tolerance, aud = the app's client id.

import { createHmac, timingSafeEqual } from "node:crypto";

export interface SessionTokenPayload {
  iss?: string;
  dest?: string;
  aud?: string | string[];
  sub?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  sid?: string;
  [claim: string]: unknown;
}

export type JwtCheck = { ok: true; payload: SessionTokenPayload } | { ok: false; reason: string };

const CLOCK_TOLERANCE_S = 10;

function b64urlDecode(part: string): Buffer {
  return Buffer.from(part.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const enc = (obj: unknown) => Buffer.from(JSON.stringify(obj)).toString("base64url");
  const head = `${enc({ alg: "HS256", typ: "JWT" })}.${enc(payload)}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

export function verifyHs256(token: string, secret: string, nowMs: number): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "token is not a JWT" };
  let header: { alg?: string };
  let payload: SessionTokenPayload;
  try {
    header = JSON.parse(b64urlDecode(parts[0]).toString("utf8")) as { alg?: string };
    payload = JSON.parse(b64urlDecode(parts[1]).toString("utf8")) as SessionTokenPayload;
  } catch {
    return { ok: false, reason: "token is not valid JSON" };
  }
  if (header.alg !== "HS256") return { ok: false, reason: `unsupported alg ${String(header.alg)}` };
  const expected = createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = b64urlDecode(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "signature verification failed" };
  const now = nowMs / 1000;
  if (typeof payload.exp === "number" && now > payload.exp + CLOCK_TOLERANCE_S)
    return { ok: false, reason: "token has expired" };
  if (typeof payload.nbf === "number" && now < payload.nbf - CLOCK_TOLERANCE_S)
    return { ok: false, reason: "token is not yet valid" };
  return { ok: true, payload };
}
