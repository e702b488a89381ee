// POST /{shop}/admin/oauth/access_token, as @shopify/shopify-api v15 calls it:
//   - token exchange (auth.tokenExchange): subject_token is the session token (an HS256
//     JWT signed with the app secret, aud = client_id, dest = https://{shop});
//     requested_token_type online or offline; expiring "1" asks for an expiring offline
//     token with a refresh token;
//   - token exchange with subject_token_type offline-access-token
//     (auth.migrateToExpiringToken): swaps a non-expiring offline token for an expiring one;
//   - refresh_token grant (auth.refreshToken);
//   - client_credentials grant (auth.clientCredentials).
// Response bodies follow what createSession() reads: access_token, scope, expires_in,
// associated_user(_scope) for online, refresh_token(_expires_in) for expiring offline.

import type { Clock } from "./clock.js";
import { verifyHs256 } from "./jwt.js";
import { REFRESH_TTL_S, type AccessTokenRecord, type TokenStore } from "./tokens.js";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";

export interface OAuthDeps {
  apiKey: string;
  apiSecret: string;
  clock: Clock;
  tokens: TokenStore;
  /** Scopes granted on this shop. */
  scopeFor(shop: string): string;
}

export interface OAuthResult {
  status: number;
  body: Record<string, unknown>;
}

function fail(error: string, description: string, status = 400): OAuthResult {
  return { status, body: { error, error_description: description } };
}

function secondsLeft(at: number | null, clock: Clock): number | undefined {
  return at === null ? undefined : Math.max(0, Math.round((at - clock.now()) / 1000));
}

function tokenResponse(record: AccessTokenRecord, deps: OAuthDeps): Record<string, unknown> {
  const body: Record<string, unknown> = { access_token: record.token, scope: record.scope };
  const expiresIn = secondsLeft(record.expiresAt, deps.clock);
  if (record.kind === "online") {
    const id = record.userId ?? 1;
    body.expires_in = expiresIn;
    body.associated_user_scope = record.scope;
    body.associated_user = {
      id,
      first_name: "Staff",
      last_name: `Member ${id}`,
      email: `staff-${id}@${record.shop}`,
      email_verified: true,
      account_owner: true,
      locale: "en",
      collaborator: false,
    };
    return body;
  }
  if (expiresIn !== undefined) body.expires_in = expiresIn;
  if (record.refreshToken) {
    body.refresh_token = record.refreshToken;
    body.refresh_token_expires_in = secondsLeft(record.refreshExpiresAt, deps.clock) ?? REFRESH_TTL_S;
  }
  return body;
}

export function handleAccessTokenRequest(shop: string, params: Record<string, unknown>, deps: OAuthDeps): OAuthResult {
  const str = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  if (str("client_id") !== deps.apiKey || str("client_secret") !== deps.apiSecret) {
    return fail("invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.", 401);
  }
  const grant = str("grant_type");
  const scope = deps.scopeFor(shop);

  if (grant === TOKEN_EXCHANGE_GRANT) {
    const subjectToken = str("subject_token");
    const subjectType = str("subject_token_type");
    const requested = str("requested_token_type") ?? OFFLINE_TOKEN_TYPE;
    const expiring = str("expiring") === "1" || params.expiring === true;
    if (!subjectToken) return fail("invalid_request", "subject_token is required.");
    if (requested !== ONLINE_TOKEN_TYPE && requested !== OFFLINE_TOKEN_TYPE)
      return fail("invalid_request", `Unsupported requested_token_type: ${requested}`);

    if (subjectType === OFFLINE_TOKEN_TYPE) {
      // Migration of a non-expiring offline token to an expiring one.
      const old = deps.tokens.find(subjectToken);
      if (!old || old.shop !== shop || old.kind !== "offline" || old.expiresAt !== null) {
        return fail(
          "invalid_subject_token",
          "The subject token is not a valid non-expiring offline access token for this shop.",
        );
      }
      deps.tokens.revoke(old.token);
      return {
        status: 200,
        body: tokenResponse(deps.tokens.issue({ shop, scope: old.scope, kind: "offline", expiring: true }), deps),
      };
    }
    if (subjectType !== ID_TOKEN_TYPE)
      return fail("invalid_request", `Unsupported subject_token_type: ${String(subjectType)}`);

    const check = verifyHs256(subjectToken, deps.apiSecret, deps.clock.now());
    if (!check.ok) return fail("invalid_subject_token", `Session token is invalid: ${check.reason}.`);
    const { payload } = check;
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.includes(deps.apiKey))
      return fail("invalid_subject_token", "Session token audience does not match client_id.");
    if (payload.dest !== `https://${shop}`)
      return fail(
        "invalid_subject_token",
        `Session token dest ${String(payload.dest)} does not match https://${shop}.`,
      );

    const online = requested === ONLINE_TOKEN_TYPE;
    const userId = online ? Number(payload.sub) || 1 : null;
    const record = deps.tokens.issue({
      shop,
      scope,
      kind: online ? "online" : "offline",
      expiring: online || expiring,
      userId,
    });
    return { status: 200, body: tokenResponse(record, deps) };
  }

  if (grant === "refresh_token") {
    const refreshToken = str("refresh_token");
    if (!refreshToken) return fail("invalid_request", "refresh_token is required.");
    const record = deps.tokens.refresh(refreshToken, shop);
    if (!record) return fail("invalid_grant", "The refresh token is invalid, expired or was already used.");
    return { status: 200, body: tokenResponse(record, deps) };
  }

  if (grant === "client_credentials") {
    const record = deps.tokens.issue({ shop, scope, kind: "offline", expiring: true });
    // Client-credentials tokens expire after a day and carry no refresh token.
    return { status: 200, body: { access_token: record.token, scope: record.scope, expires_in: 86_399 } };
  }

  return fail(
    "unsupported_grant_type",
    `The Shopify simulator does not support grant_type ${String(grant)} (token exchange, refresh_token and client_credentials are supported).`,
  );
}
