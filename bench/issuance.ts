// 2. Reward issuance: rewards coming due at once, issued by the production server's
// worker through the simulator's cost-based leaky bucket (Standard plan: 100 points/s,
// 1000 points). The ceiling is what the bucket allows: a reward is one
// discountCodeBasicCreate (10 points), so N rewards cannot take less than
// (10·N − 1000) / restoreRate seconds. Then 20 shops at once: each shop has a bucket of
// its own, and no shop may wait behind another's backlog.
import type { Simulator } from "../simulator/index";
import { MUTATION_FIELD_COST } from "../simulator/index";
import { seedDueRewards, seedShop, type Sql } from "./seed";
import { row, type Row } from "./stats";
import { SCOPES } from "./env";

export interface ShopRun {
  shop: string;
  count: number;
  /** seconds from release to the first and the last issued reward */
  firstAt: number | null;
  doneAt: number | null;
  issued: number;
  failed: number;
  pending: number;
  /** reward codes that exist in the simulator, and how many of them more than once */
  codesInShopify: number;
  duplicates: number;
  throttled: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seeds `count` due rewards in each shop, lets the worker go, and watches until done. */
async function run(
  sql: Sql,
  sim: Simulator,
  shops: { shop: string; tag: string; count: number; dueAgoSeconds: number }[],
  timeoutMs: number,
): Promise<{ runs: ShopRun[]; seconds: number }> {
  for (const s of shops) {
    const { accessToken } = sim.seedShop({ domain: s.shop, currencyCode: "USD", name: s.tag });
    await seedShop(sql, s.shop, accessToken, SCOPES);
  }
  // All shops' rewards are written in one go; the clock starts when they are committed.
  for (const s of shops) {
    // the advocates are real customers of the shop: Shopify refuses a code for an unknown one
    const customers = Array.from({ length: Math.max(1, Math.floor(s.count / 10)) }, (_, i) =>
      String(
        sim.addCustomer(s.shop, { email: `adv${i}@${s.tag}.example`, firstName: "Ada", lastName: `A${i}` })
          .legacyResourceId,
      ),
    );
    await seedDueRewards(sql, s.shop, s.tag, s.count, customers, s.dueAgoSeconds);
  }
  const started = Date.now();
  const runs = new Map<string, ShopRun>(
    shops.map((s) => [
      s.shop,
      {
        shop: s.shop,
        count: s.count,
        firstAt: null,
        doneAt: null,
        issued: 0,
        failed: 0,
        pending: 0,
        codesInShopify: 0,
        duplicates: 0,
        throttled: 0,
      },
    ]),
  );
  const inList = shops.map((s) => `'${s.shop}'`).join(",");
  for (;;) {
    const rows = await sql.query<{ shop: string; state: string; n: number | string }>(
      `SELECT "shop", "state", COUNT(*) AS n FROM "Reward" WHERE "shop" IN (${inList}) GROUP BY "shop", "state"`,
    );
    const t = (Date.now() - started) / 1000;
    for (const r of runs.values()) {
      const of = (state: string) => Number(rows.find((x) => x.shop === r.shop && x.state === state)?.n ?? 0);
      r.issued = of("issued");
      r.failed = of("failed");
      r.pending = of("pending") + of("issuing");
      if (r.issued > 0 && r.firstAt === null) r.firstAt = t;
      if (r.issued + r.failed >= r.count && r.doneAt === null) r.doneAt = t;
    }
    if ([...runs.values()].every((r) => r.doneAt !== null)) break;
    if (Date.now() - started > timeoutMs) break;
    await sleep(100);
  }
  const seconds = (Date.now() - started) / 1000;
  const why = await sql.query<{ lastError: string }>(
    `SELECT "lastError" FROM "Reward" WHERE "shop" IN (${inList}) AND "state" = 'failed' LIMIT 1`,
  );
  if (why.length) console.warn(`  a reward failed: ${why[0].lastError}`);
  for (const r of runs.values()) {
    const codes = rewardCodesIn(sim, r.shop);
    r.codesInShopify = codes.length;
    r.duplicates = codes.length - new Set(codes).size;
    r.throttled = sim.counters(r.shop).throttled;
  }
  return { runs: [...runs.values()], seconds };
}

export interface IssuanceOptions {
  sql: Sql;
  sim: Simulator;
  restoreRate: number;
  bucketSize: number;
  single: number;
  shops: number;
  perShop: number;
  timeoutMs: number;
}

/** The fastest the bucket lets `count` rewards through: seconds. */
export function ceilingSeconds(count: number, bucketSize: number, restoreRate: number) {
  return Math.max(0, count * MUTATION_FIELD_COST - bucketSize) / restoreRate;
}

export async function benchIssuance(
  o: IssuanceOptions,
  log: (s: string) => void,
): Promise<{ rows: Row[]; single: ShopRun; many: ShopRun[] }> {
  const rows: Row[] = [];
  const stamp = Date.now().toString(36);
  // One shop, one big batch.
  const one = await run(
    o.sql,
    o.sim,
    [
      {
        shop: `bench-issue-${stamp}.myshopify.com`,
        tag: `i${stamp}`,
        count: o.single,
        dueAgoSeconds: 60 + o.single / 1000,
      },
    ],
    o.timeoutMs,
  );
  const s = one.runs[0];
  const ceiling = ceilingSeconds(s.count, o.bucketSize, o.restoreRate);
  const took = s.doneAt ?? one.seconds;
  const rate = s.issued / took;
  const ceilingRate = s.count / Math.max(ceiling, 1e-9);
  log(
    `  issuance 1 shop: ${s.issued}/${s.count} issued in ${took.toFixed(1)} s (ceiling ${ceiling.toFixed(1)} s), failed ${s.failed}, codes in Shopify ${s.codesInShopify}, duplicates ${s.duplicates}, throttled ${s.throttled}`,
  );
  rows.push(
    row({
      bench: "issuance",
      figure: `1 shop, ${s.count} rewards: rewards/s`,
      value: rate,
      unit: "/s",
      baseline: ceilingRate,
      target: ">= 0.90x ceiling",
      pass: rate >= 0.9 * ceilingRate && s.issued === s.count,
    }),
    row({
      bench: "issuance",
      figure: "1 shop: failed / duplicated",
      value: s.failed + s.duplicates + Math.abs(s.codesInShopify - s.issued),
      unit: "",
      target: "0",
      pass: s.failed === 0 && s.duplicates === 0 && s.codesInShopify === s.issued,
    }),
  );

  // Many shops at once. Their rewards come due in shop order (shop 0 first), which is
  // the worst case for a first-come-first-served queue.
  const shops = Array.from({ length: o.shops }, (_, k) => ({
    shop: `bench-fair-${k}-${stamp}.myshopify.com`,
    tag: `f${k}x${stamp}`,
    count: o.perShop,
    dueAgoSeconds: 60 + (o.shops - k) * 5,
  }));
  const many = await run(o.sql, o.sim, shops, o.timeoutMs);
  const perShopCeiling = ceilingSeconds(o.perShop, o.bucketSize, o.restoreRate);
  const rates = many.runs.map((r) => r.issued / (r.doneAt ?? many.seconds));
  const firsts = many.runs.map((r) => r.firstAt ?? many.seconds);
  const fairness = Math.min(...rates) / Math.max(...rates);
  const total = many.runs.reduce((n, r) => n + r.issued, 0);
  const bad = many.runs.reduce((n, r) => n + r.failed + r.duplicates + Math.abs(r.codesInShopify - r.issued), 0);
  log(
    `  issuance ${o.shops} shops × ${o.perShop}: ${total} issued in ${many.seconds.toFixed(1)} s; per shop done ${Math.min(...many.runs.map((r) => r.doneAt ?? many.seconds)).toFixed(1)}–${Math.max(...many.runs.map((r) => r.doneAt ?? many.seconds)).toFixed(1)} s, first reward by ${Math.max(...firsts).toFixed(1)} s; throttled ${many.runs.reduce((n, r) => n + r.throttled, 0)}; failed/dup ${bad}`,
  );
  rows.push(
    row({
      bench: "issuance",
      figure: `${o.shops} shops: total rewards/s`,
      value: total / many.seconds,
      unit: "/s",
      baseline: (o.shops * o.perShop) / Math.max(perShopCeiling, 1e-9),
      target: ">= 0.50x ceiling",
      pass: total / many.seconds >= (0.5 * (o.shops * o.perShop)) / Math.max(perShopCeiling, 1e-9),
    }),
    row({
      bench: "issuance",
      figure: `${o.shops} shops: slowest / fastest shop rate`,
      value: fairness,
      unit: "",
      target: ">= 0.50 (no starvation)",
      pass: fairness >= 0.5,
    }),
    row({
      bench: "issuance",
      figure: `${o.shops} shops: last shop's first reward`,
      value: Math.max(...firsts),
      unit: "s",
      baseline: Math.min(...firsts),
    }),
    row({
      bench: "issuance",
      figure: `${o.shops} shops: failed / duplicated`,
      value: bad,
      unit: "",
      target: "0",
      pass: bad === 0,
    }),
  );
  return { rows, single: s, many: many.runs };
}

/** Reward codes that exist in Shopify (the simulator) for the shop, duplicates included. */
export function rewardCodesIn(sim: Simulator, shop: string): string[] {
  return sim
    .discountCodes(shop)
    .flatMap((d) => d.codes.map((c) => c.code))
    .filter((c) => c.startsWith("RWD-"));
}
