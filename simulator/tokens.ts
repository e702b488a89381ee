// Access tokens the simulator has issued, per shop: offline (optionally expiring, with
// a refresh token) and online (expiring, tied to a staff user). The GraphQL endpoint
// accepts only a live token issued for the shop in the URL.

import { randomBytes } from "node:crypto";
import type { Clock } from "./clock.js";

export interface AccessTokenRecord {
  token: string;
  shop: string;
  kind: "offline" | "online";
  scope: string;
  /** Epoch ms; null = never expires. */
  expiresAt: number | null;
  userId: number | null;
  refreshToken: string | null;
  refreshExpiresAt: number | null;
}

export const OFFLINE_EXPIRING_TTL_S = 3600;
export const ONLINE_TTL_S = 86_399;
export const REFRESH_TTL_S = 7_776_000;

function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

export class TokenStore {
  private readonly byToken = new Map<string, AccessTokenRecord>();
  private readonly byRefresh = new Map<string, AccessTokenRecord>();

  constructor(private readonly clock: Clock) {}

  issue(options: {
    shop: string;
    scope: string;
    kind?: "offline" | "online";
    expiring?: boolean;
    userId?: number | null;
    token?: string;
  }): AccessTokenRecord {
    const now = this.clock.now();
    const kind = options.kind ?? "offline";
    const expiring = kind === "online" || options.expiring === true;
    const record: AccessTokenRecord = {
      token: options.token ?? randomToken(kind === "online" ? "shpua_" : "shpat_"),
      shop: options.shop,
      kind,
      scope: options.scope,
      expiresAt: expiring ? now + (kind === "online" ? ONLINE_TTL_S : OFFLINE_EXPIRING_TTL_S) * 1000 : null,
      userId: options.userId ?? null,
      refreshToken: kind === "offline" && expiring ? randomToken("shprt_") : null,
      refreshExpiresAt: kind === "offline" && expiring ? now + REFRESH_TTL_S * 1000 : null,
    };
    this.byToken.set(record.token, record);
    if (record.refreshToken) this.byRefresh.set(record.refreshToken, record);
    return record;
  }

  /** A live token for this shop, or null (unknown, other shop, or expired). */
  check(token: string | undefined, shop: string): AccessTokenRecord | null {
    if (!token) return null;
    const record = this.byToken.get(token);
    if (!record || record.shop !== shop) return null;
    if (record.expiresAt !== null && this.clock.now() >= record.expiresAt) return null;
    return record;
  }

  find(token: string): AccessTokenRecord | undefined {
    return this.byToken.get(token);
  }

  /** Exchanges a refresh token: the old access and refresh tokens stop working. */
  refresh(refreshToken: string, shop: string): AccessTokenRecord | null {
    const old = this.byRefresh.get(refreshToken);
    if (!old || old.shop !== shop) return null;
    if (old.refreshExpiresAt !== null && this.clock.now() >= old.refreshExpiresAt) return null;
    this.revoke(old.token);
    return this.issue({ shop, scope: old.scope, kind: "offline", expiring: true });
  }

  revoke(token: string): void {
    const record = this.byToken.get(token);
    if (!record) return;
    this.byToken.delete(token);
    if (record.refreshToken) this.byRefresh.delete(record.refreshToken);
  }

  revokeShop(shop: string): void {
    for (const record of [...this.byToken.values()]) if (record.shop === shop) this.revoke(record.token);
  }

  clear(): void {
    this.byToken.clear();
    this.byRefresh.clear();
  }
}
