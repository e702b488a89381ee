import { LogSeverity } from "@shopify/shopify-api";
import { config } from "../config.server";

/**
 * The app's log output, redacted in one place. Everything the Shopify library logs goes
 * through shopifyLogger() (configured in shopify.server.ts); app code logs through `log`.
 * Access tokens, API secrets, session tokens (JWTs), bearer credentials and email
 * addresses are replaced before a line is written, so a log can be shared freely.
 */

const PATTERNS: [RegExp, string][] = [
  // Shopify access, refresh, custom-app and secret tokens: shpat_, shpua_, shprt_, shpca_, shpss_, shppa_ ...
  [/\bshp[a-z]{2}_[A-Za-z0-9]{8,}/g, "shp**_[redacted]"],
  // JWTs (session tokens, id_token): three base64url parts, the first a JSON header
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, "[redacted jwt]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]"],
  [
    /("?(?:access_?token|refresh_?token|client_secret|api_?secret|password|id_token)"?\s*[:=]\s*"?)[^",\s}&]+/gi,
    "$1[redacted]",
  ],
  // email addresses, unicode mailboxes and domains included
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, "[redacted email]"],
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
