import { LogSeverity } from "@shopify/shopify-api";
import { config } from "../config.server";

/**
 * The app's log output, redacted in one place. Everything the Shopify library logs goes
 * through shopifyLogger() (configured in shopify.server.ts); app code logs through `log`.
 * Access tokens, API secrets, session tokens (anything shaped like a JWT, signed, unsigned
 * or cut short), bearer credentials, the value of any parameter or field named like a
 * credential (id_token=..., "sessionToken": {...}, in URLs encoded or not) and email
 * addresses are replaced before a line is written, so a log can be shared freely.
 */

// Names whose value is a credential, in any spelling: id_token, idToken, sessionToken,
// access_token, refresh_token, client_secret, api_secret, password, authorization, hmac,
// signature (and unknown variants like "idtoken").
// (Bounded on both sides, so a long run of letters costs linear time.)
const CREDENTIAL_KEY = String.raw`[A-Za-z0-9_-]{0,40}(?:token|secret|password|passwd|authorization|hmac|signature)[A-Za-z0-9_-]{0,40}`;
// How a value follows its name: "=", ":", URL-encoded "=" (once or twice), quoted or not.
const SEPARATOR = String.raw`(?:\\?["']|%22)?\s*(?:=|:|%3D|%253D)\s*`;
// The value: a {...} object (the library logs {"header": ..., "search": ...}), a quoted
// string, or everything up to the next delimiter (including an encoded "&"); not a
// "[redacted ...]" put there by an earlier pattern.
const VALUE = String.raw`(?:\{[^{}]*\}|\\?"(?:[^"\\]|\\.)*\\?"|'[^']*'|(?:(?!%26|%2526)[^\s,;&"'}\]<>[])+)`;

const PATTERNS: [RegExp, string][] = [
  // Shopify access, refresh, custom-app and secret tokens: shpat_, shpua_, shprt_, shpca_, shpss_, shppa_ ...
  [/shp[a-z]{2}_[A-Za-z0-9]{8,}/g, "shp**_[redacted]"],
  // Anything that starts like a JWT (base64url of '{"'), whole or cut short, signed or
  // not: alg "none" tokens have an empty third part, a mistyped URL may hold two parts.
  [/eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){0,2}/g, "[redacted jwt]"],
  [/\b(Bearer|Basic)\s+[^\s"',}]+/gi, "$1 [redacted]"],
  // ... in prose, as error messages quote it: "Failed to parse session token 'abc'"
  [new RegExp(`(${CREDENTIAL_KEY}\\s+)(?:'[^'\\s]*'|"[^"\\s]*")`, "gi"), "$1'[redacted]'"],
  [new RegExp(`(${CREDENTIAL_KEY}${SEPARATOR})${VALUE}`, "gi"), "$1[redacted]"],
  // email addresses, unicode mailboxes and domains included (a mailbox name is at most
  // 64 characters: bounded, a long run of letters without "@" costs linear time)
  [/[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, "[redacted email]"],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  const secret = config().shopify.apiSecret;
  if (secret && secret.length >= 8) out = out.split(secret).join("[redacted secret]");
  return out;
}

const line = (args: unknown[]) =>
  redact(args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : safeJson(a))).join(" "));

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const log = {
  info: (...args: unknown[]) => console.log(line(args)),
  warn: (...args: unknown[]) => console.warn(line(args)),
  error: (...args: unknown[]) => console.error(line(args)),
};

/**
 * The Shopify library's logger: SHOPIFY_LOG_LEVEL (error, warning, info, debug) or, by
 * default, info (error under NODE_ENV=test); every line redacted.
 */
export function shopifyLogger() {
  const levels: Record<string, LogSeverity> = {
    error: LogSeverity.Error,
    warning: LogSeverity.Warning,
    info: LogSeverity.Info,
    debug: LogSeverity.Debug,
  };
  const level = levels[config().shopify.logLevel];
  return {
    level,
    log: (severity: LogSeverity, message: string) => {
      const text = redact(message);
      if (severity === LogSeverity.Error) console.error(text);
      else if (severity === LogSeverity.Warning) console.warn(text);
      else if (severity === LogSeverity.Debug) console.debug(text);
      else console.log(text);
    },
  };
}
