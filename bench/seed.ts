// Bulk seeding with set-based SQL: the rows are generated inside the database
// (generate_series on PostgreSQL, a recursive CTE on SQLite), so a million referrals
// take seconds, not the hours a row-at-a-time ORM insert would. Rows look like the
// engine's own: the same columns, the 80/20 spread of referrals over advocates, the
// counters on Advocate and the DailyStat rows the engine keeps in step.
import pg from "pg";
import { createClient, type Client as LibsqlClient } from "@libsql/client";
import type { Provider } from "./env";

export interface Sql {
  provider: Provider;
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, args?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function connect(provider: Provider, url: string): Promise<Sql> {
  if (provider === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      provider,
      exec: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string, args: unknown[] = []) => (await client.query(sql, args)).rows as T[],
      close: () => client.end(),
    };
  }
  const client: LibsqlClient = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA busy_timeout = 10000");
  return {
    provider,
    exec: async (sql) => void (await client.executeMultiple(sql)),
    query: async <T>(sql: string, args: unknown[] = []) =>
      (await client.execute({ sql, args: args as never })).rows as unknown as T[],
    close: async () => client.close(),
  };
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** SQL for "now minus d days minus s seconds", stored the way Prisma stores DateTime. */
function ago(provider: Provider, days: string, seconds: string) {
  return provider === "postgresql"
    ? `((now() AT TIME ZONE 'UTC') - (${days}) * interval '1 day' - (${seconds}) * interval '1 second')`
    : `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || (${days}) || ' days', '-' || (${seconds}) || ' seconds')`;
}
/** SQL for "now plus d days" (d may be negative). */
function later(provider: Provider, days: string) {
  return provider === "postgresql"
    ? `((now() AT TIME ZONE 'UTC') + (${days}) * interval '1 day')`
    : `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', printf('%+d days', ${days}))`;
}
const nowSql = (p: Provider) =>
  p === "postgresql" ? "(now() AT TIME ZONE 'UTC')" : "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')";

/** INSERT ... SELECT over i = 0..n-1, in either dialect. */
function series(provider: Provider, n: number, insert: string, select: string) {
  return provider === "postgresql"
    ? `${insert} ${select} FROM generate_series(0::bigint, ${n - 1}) AS s(i)`
    : `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < ${n}) ${insert} ${select} FROM s`;
}

/** What the app needs to know a shop: an offline session, the Shop row, program settings. */
export async function seedShop(
  sql: Sql,
  shop: string,
  accessToken: string,
  scopes: string,
  settings: { rewardDelayDays?: number; friendDiscountId?: string } = {},
) {
  const now = nowSql(sql.provider);
  const t = sql.provider === "postgresql" ? "true" : "1";
  await sql.exec(
    `INSERT INTO "Session" ("id", "shop", "state", "isOnline", "accessToken", "scope") VALUES (${q(`offline_${shop}`)}, ${q(shop)}, '', false, ${q(accessToken)}, ${q(scopes)})`.replace(
      "false",
      sql.provider === "postgresql" ? "false" : "0",
    ),
  );
  await sql.exec(
    `INSERT INTO "Shop" ("domain", "name", "currencyCode", "scopes", "installedAt", "updatedAt") VALUES (${q(shop)}, ${q(shop.split(".")[0])}, 'USD', ${q(scopes)}, ${now}, ${now})`,
  );
  await sql.exec(
    `INSERT INTO "ProgramSettings" ("shop", "enabled", "currencyCode", "friendDiscountId", "friendDiscountSynced", "rewardDelayDays", "milestones", "updatedAt")
     VALUES (${q(shop)}, ${t}, 'USD', ${q(settings.friendDiscountId ?? "gid://shopify/DiscountCodeNode/1")}, ${t}, ${settings.rewardDelayDays ?? 14}, '[{"count":5,"amountMinor":2500},{"count":10,"amountMinor":5000}]', ${now})`,
  );
}

export interface Volume {
  advocates: number;
  referrals: number;
  /** referral rewards, on the first accepted referrals */
  rewards: number;
}

/** The advocate behind referral i: four in five referrals come from the top fifth of advocates. */
function advocateOf(i: string, advocates: number) {
  const top = Math.max(1, Math.floor(advocates / 5));
  return `(CASE WHEN (${i}) % 5 < 4 THEN ((${i}) * 7919) % ${top} ELSE ((${i}) * 104729) % ${advocates} END)`;
}

/**
 * A shop's history: `advocates` advocates (customer ids base+n), `referrals` referrals
 * over the last year (85% accepted, 5% held, 5% blocked, 5% voided; 2% of friends come
 * back), rewards, Advocate counters and DailyStat rows.
 */
export async function seedVolume(sql: Sql, shop: string, tag: string, v: Volume) {
  const p = sql.provider;
  const cat = (...parts: string[]) => parts.join(" || ");
  const text = (e: string) => (p === "postgresql" ? `(${e})::text` : `CAST(${e} AS TEXT)`);
  const script: string[] = [];
  script.push(
    series(
      p,
      v.advocates,
      `INSERT INTO "Advocate" ("id", "shop", "customerId", "code", "email", "firstName", "lastName", "status", "codeSyncedAt", "createdAt", "updatedAt")`,
      `SELECT ${cat(q(`${tag}-a`), text("i"))}, ${q(shop)}, ${text(`${advocateCustomerBase} + i`)}, ${cat(q(`${tag.toUpperCase()}`), text("i"))},
              ${cat(q("adv"), text("i"), q(`@${tag}.example`))}, 'Ada', ${cat(q("Advocate"), text("i"))}, 'active', ${nowSql(p)}, ${ago(p, "i % 400", "0")}, ${nowSql(p)}`,
    ),
  );
  const status = `(CASE WHEN i % 20 = 0 THEN 'held' WHEN i % 20 = 1 THEN 'blocked' WHEN i % 20 = 2 THEN 'voided' ELSE 'accepted' END)`;
  const friend = `(CASE WHEN i % 50 = 49 THEN i - 1 ELSE i END)`;
  const created = ago(p, "i % 365", "(i * 37) % 86400");
  script.push(
    series(
      p,
      v.referrals,
      `INSERT INTO "Referral" ("id", "shop", "advocateId", "orderId", "orderName", "orderCreatedAt", "codeUsed", "friendCustomerId", "friendEmail", "friendName", "ipHash", "subtotalMinor", "currencyCode", "status", "paidAt", "qualifiedAt", "decidedAt", "createdAt", "updatedAt")`,
      `SELECT ${cat(q(`${tag}-r`), text("i"))}, ${q(shop)}, ${cat(q(`${tag}-a`), text(advocateOf("i", v.advocates)))}, ${text("1000000000 + i")}, ${cat("'#'", text("1000 + i"))},
              ${created}, ${cat(q(tag.toUpperCase()), text(advocateOf("i", v.advocates)))}, ${text(`${friendCustomerBase} + ${friend}`)}, ${cat(q("friend"), text(friend), q("@mail.example"))}, ${cat(q("Friend "), text(friend))},
              ${cat(q("ip"), text("i % 100000"))}, 2000 + (i * 1379) % 9000, 'USD', ${status},
              ${created}, (CASE WHEN i % 20 >= 3 THEN ${created} ELSE NULL END), ${created}, ${created}, ${created}`,
    ),
  );
  // Rewards for the first accepted referrals: most issued, with codes, like the ledger's;
  // one in ten still pending, due in the coming days (so the worker leaves them be).
  const rewardRefs = Math.min(v.rewards, v.referrals);
  script.push(
    series(
      p,
      rewardRefs,
      `INSERT INTO "Reward" ("id", "shop", "advocateId", "referralId", "kind", "rewardType", "amountMinor", "currencyCode", "state", "dueAt", "cause", "code", "discountId", "issuedAt", "expiresAt", "createdAt", "updatedAt")`,
      `SELECT ${cat(q(`${tag}-w`), text("i"))}, ${q(shop)}, ${cat(q(`${tag}-a`), text(advocateOf("i", v.advocates)))}, ${cat(q(`${tag}-r`), text("i"))}, 'referral', 'fixed_amount', 1000, 'USD',
              (CASE WHEN i % 10 = 0 THEN 'pending' ELSE 'issued' END),
              (CASE WHEN i % 10 = 0 THEN ${later(p, "1 + i % 14")} ELSE ${created} END),
              ${cat(q("referral:"), q(`${tag}-r`), text("i"))}, ${cat(q(`RWD-${tag.toUpperCase()}-`), text("i"))},
              (CASE WHEN i % 10 = 0 THEN NULL ELSE ${cat(q("gid://shopify/DiscountCodeNode/"), text("i + 1"))} END),
              (CASE WHEN i % 10 = 0 THEN NULL ELSE ${created} END), (CASE WHEN i % 10 = 0 THEN NULL ELSE ${later(p, "180 - i % 365")} END), ${created}, ${created}`,
    ) + ` WHERE i % 20 >= 3`,
  );
  // Counters the engine keeps on Advocate, from what was inserted.
  script.push(
    `UPDATE "Advocate" SET "referredCount" = agg.n, "qualifiedCount" = agg.q, "earnedMinor" = agg.q * 1000
     FROM (SELECT "advocateId", COUNT(*) AS n, SUM(CASE WHEN "status" = 'accepted' THEN 1 ELSE 0 END) AS q FROM "Referral" WHERE "shop" = ${q(shop)} GROUP BY "advocateId") AS agg
     WHERE "Advocate"."id" = agg."advocateId"`,
  );
  const day = p === "postgresql" ? `to_char("createdAt", 'YYYY-MM-DD')` : `substr("createdAt", 1, 10)`;
  script.push(
    `INSERT INTO "DailyStat" ("shop", "day", "clicks", "referrals", "accepted", "held", "blocked", "voided", "referredRevenueMinor", "rewardsIssued", "rewardCostMinor")
     SELECT "shop", ${day}, COUNT(*) * 3, COUNT(*), SUM(CASE WHEN "status" = 'accepted' THEN 1 ELSE 0 END), SUM(CASE WHEN "status" = 'held' THEN 1 ELSE 0 END),
            SUM(CASE WHEN "status" = 'blocked' THEN 1 ELSE 0 END), SUM(CASE WHEN "status" = 'voided' THEN 1 ELSE 0 END),
            SUM(CASE WHEN "status" = 'accepted' THEN "subtotalMinor" ELSE 0 END), SUM(CASE WHEN "status" = 'accepted' THEN 1 ELSE 0 END), SUM(CASE WHEN "status" = 'accepted' THEN 1000 ELSE 0 END)
     FROM "Referral" WHERE "shop" = ${q(shop)} GROUP BY "shop", ${day}`,
  );
  await sql.exec(["BEGIN", ...script, "COMMIT"].join(";\n"));
  // PostgreSQL: VACUUM too, as autovacuum would have on a live database, so index-only
  // scans need not visit the heap for every freshly inserted row.
  await sql.exec(sql.provider === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE");
  // SQLite: fold the bulk load's write-ahead log (gigabytes after a million rows) into
  // the database now, as a live app's gradual writes would have; otherwise the server's
  // first commits would pay for checkpointing it.
  if (sql.provider === "sqlite") await sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

export const advocateCustomerBase = 7_000_000;
export const friendCustomerBase = 8_000_000_000;

/**
 * `count` pending rewards coming due now for one shop, spread over one advocate per
 * customer id given (ids {tag}-a0..), due `dueAgoSeconds` ago minus i ms (so a FIFO
 * queue would serve them in insertion order).
 */
export async function seedDueRewards(
  sql: Sql,
  shop: string,
  tag: string,
  count: number,
  customerIds: string[],
  dueAgoSeconds: number,
) {
  const p = sql.provider;
  const text = (e: string) => (p === "postgresql" ? `(${e})::text` : `CAST(${e} AS TEXT)`);
  const advocates = customerIds.length;
  await seedAdvocates(sql, shop, tag, customerIds);
  const script: string[] = [];
  script.push(
    series(
      p,
      count,
      `INSERT INTO "Reward" ("id", "shop", "advocateId", "kind", "rewardType", "amountMinor", "currencyCode", "state", "dueAt", "cause", "code", "createdAt", "updatedAt")`,
      `SELECT ${q(`${tag}-d`)} || ${text("i")}, ${q(shop)}, ${q(`${tag}-a`)} || ${text(`i % ${advocates}`)}, 'referral', 'fixed_amount', 1000, 'USD', 'pending',
              ${ago(p, "0", `${dueAgoSeconds} - i * 0.001`)}, ${q(`bench:${tag}:`)} || ${text("i")}, ${q(`RWD-${tag.toUpperCase()}-`)} || ${text("i")}, ${nowSql(p)}, ${nowSql(p)}`,
    ),
  );
  await sql.exec(["BEGIN", ...script, "COMMIT"].join(";\n"));
}

/** Active advocates with the customer ids given (ids {tag}-a0.., codes {TAG}0..), codes already in Shopify. */
export async function seedAdvocates(sql: Sql, shop: string, tag: string, customerIds: string[]) {
  const p = sql.provider;
  await sql.exec(
    `INSERT INTO "Advocate" ("id", "shop", "customerId", "code", "status", "codeSyncedAt", "metafieldSyncedAt", "createdAt", "updatedAt") VALUES ` +
      customerIds
        .map(
          (c, i) =>
            `(${q(`${tag}-a${i}`)}, ${q(shop)}, ${q(c)}, ${q(`${tag.toUpperCase()}${i}`)}, 'active', ${nowSql(p)}, ${nowSql(p)}, ${nowSql(p)}, ${nowSql(p)})`,
        )
        .join(", "),
  );
  return customerIds.map((_, i) => `${tag.toUpperCase()}${i}`);
}
