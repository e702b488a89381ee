import crypto from "node:crypto";

/**
 * Requests as Shopify's app proxy forwards them: every query parameter signed with the
 * app secret (sorted "key=value" pairs, concatenated, HMAC-SHA256 hex), as in
 * https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies.
 */
export function signProxyParams(params: Record<string, string>, secret = process.env.SHOPIFY_API_SECRET!): string {
  const message = Object.keys(params)
    .sort((a, b) => a.localeCompare(b))
    .map((k) => `${k}=${params[k]}`)
    .join("");
  return crypto.createHmac("sha256", secret).update(message).digest("hex");
}

export interface ProxyOptions {
  shop: string;
  customerId?: string | null;
  /** seconds since the epoch; now by default */
  timestamp?: number;
  ip?: string;
  headers?: Record<string, string>;
  /** more parameters, signed like the rest (Shopify signs every query parameter) */
  signedExtra?: Record<string, string>;
  /** parameters added after signing (unsigned) */
  extra?: Record<string, string>;
  /** change the signed parameters before sending */
  tamper?: (q: URLSearchParams) => void;
}

export function proxyUrl(appUrl: string, path: string, o: ProxyOptions): string {
  const params: Record<string, string> = {
    shop: o.shop,
    logged_in_customer_id: o.customerId ?? "",
    path_prefix: "/apps/referrals",
    timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
    ...o.signedExtra,
  };
  const q = new URLSearchParams(params);
  q.set("signature", signProxyParams(params));
  for (const [k, v] of Object.entries(o.extra ?? {})) q.append(k, v);
  o.tamper?.(q);
  return `${appUrl}${path}?${q}`;
}

export function proxyGet(appUrl: string, path: string, o: ProxyOptions) {
  return fetch(proxyUrl(appUrl, path, o), {
    redirect: "manual",
    headers: { ...(o.ip ? { "X-Forwarded-For": o.ip } : {}), ...(o.headers ?? {}) },
  });
}

/** A distinct documentation-range address per call, so IP limits stay out of the way. */
let ipCounter = 0;
export function freshIp(): string {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

/** Row counts of every table the app writes, for "nothing changed" assertions. */
export async function tableCounts() {
  const { default: db } = await import("../../app/db.server");
  const [
    shops,
    sessions,
    settings,
    advocates,
    referrals,
    rewards,
    clicks,
    deliveries,
    tasks,
    events,
    stats,
    dataRequests,
  ] = await Promise.all([
    db.shop.count(),
    db.session.count(),
    db.programSettings.count(),
    db.advocate.count(),
    db.referral.count(),
    db.reward.count(),
    db.click.count(),
    db.webhookDelivery.count(),
    db.outboxTask.count(),
    db.ledgerEvent.count(),
    db.dailyStat.count(),
    db.dataRequest.count(),
  ]);
  return {
    shops,
    sessions,
    settings,
    advocates,
    referrals,
    rewards,
    clicks,
    deliveries,
    tasks,
    events,
    stats,
    dataRequests,
  };
}

/** Collects everything written through console.* (and process stdout/stderr) while `fn` runs. */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const lines: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
  const saved = methods.map((m) => console[m]);
  const format = (args: unknown[]) =>
    args
      .map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.message}\n${a.stack}` : safeJson(a)))
      .join(" ");
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(format(args));
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const tap = (chunk: unknown) => {
    lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  process.stdout.write = tap as typeof process.stdout.write;
  process.stderr.write = tap as typeof process.stderr.write;
  try {
    const result = await fn();
    return { result, output: lines.join("\n") };
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]));
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
