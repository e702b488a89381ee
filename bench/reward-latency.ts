// 1d. Webhook to reward code: with the program's reward delay at 0, an order that uses an
// advocate's code qualifies at once and earns a reward due now. One order at a time
// (spaced, so each is measured on an otherwise idle server), from sending its signed
// orders/create webhook to its reward's discount code existing in Shopify (the
// simulator, polled in this process). The path: the web process records the delivery and
// wakes the in-process worker; the worker attributes the order (reading the friend's
// orders from Shopify), qualifies the referral, creates the reward and, on its next pass,
// issues the code with one discountCodeBasicCreate.
import http from "node:http";
import type { Simulator } from "../simulator/index";
import type { AppServer } from "./env";
import { SCOPES } from "./env";
import { send } from "./http-load";
import { orderPayload, signed } from "./ingest";
import { rewardCodesIn } from "./issuance";
import { seedAdvocates, seedShop, type Sql } from "./seed";
import { row, summarize, type LatencySummary, type Row } from "./stats";

export interface RewardLatencyOptions {
  server: AppServer;
  sql: Sql;
  sim: Simulator;
  orders: number;
  /** from one webhook's send to the next's (longer when a reward takes longer) */
  spacingMs: number;
  timeoutMs: number;
  /** the worker's idle poll interval (the bench server's WORKER_POLL_MS) */
  pollMs: number;
}

export interface RewardLatencyResult {
  rows: Row[];
  latency: LatencySummary;
  ack: LatencySummary;
  orders: number;
  issued: number;
  codesInShopify: number;
  duplicates: number;
  timedOut: number;
  /** each order's time to its code, in sending order (ms) */
  samples: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

export async function benchRewardLatency(
  o: RewardLatencyOptions,
  log: (s: string) => void,
): Promise<RewardLatencyResult> {
  const stamp = Date.now().toString(36);
  const shop = `bench-rl-${stamp}.myshopify.com`;
  const tag = `rl${stamp}`;
  const { accessToken } = o.sim.seedShop({ domain: shop, currencyCode: "USD", name: tag });
  await seedShop(o.sql, shop, accessToken, SCOPES, { rewardDelayDays: 0 });
  // one advocate per order: the same advocate's referrals within an hour would be held
  const customers = Array.from({ length: o.orders }, (_, i) =>
    String(
      o.sim.addCustomer(shop, { email: `adv${i}@${tag}.example`, firstName: "Ada", lastName: `A${i}` })
        .legacyResourceId,
    ),
  );
  const codes = await seedAdvocates(o.sql, shop, tag, customers);
  const rewardCodes = () => rewardCodesIn(o.sim, shop);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(o.server.url);
  const latencies: number[] = [];
  const acks: number[] = [];
  let timedOut = 0;
  for (let i = 0; i < o.orders; i++) {
    const before = rewardCodes().length;
    const req = signed("/webhooks", shop, orderPayload(shop, codes[i]));
    const sent = process.hrtime.bigint();
    const { status, ms: answeredMs } = await send(agent, base, req);
    acks.push(answeredMs);
    if (status !== 200) throw new Error(`reward-latency: the webhook was answered ${status}`);
    // the simulator runs in this process: a look at its state costs microseconds
    while (rewardCodes().length === before && ms(sent) < o.timeoutMs) await sleep(2);
    if (rewardCodes().length > before) latencies.push(ms(sent));
    else timedOut++;
    await sleep(Math.max(0, o.spacingMs - ms(sent)));
  }
  agent.destroy();
  const codesNow = rewardCodes();
  // the code exists in Shopify a moment before the worker's transaction marks the reward issued
  const issuedRows = async () =>
    Number(
      (
        await o.sql.query<{ n: number | string }>(
          `SELECT COUNT(*) AS n FROM "Reward" WHERE "shop" = '${shop}' AND "state" = 'issued' AND "code" IS NOT NULL`,
        )
      )[0].n,
    );
  let issued = await issuedRows();
  for (const t = Date.now(); issued < codesNow.length && Date.now() - t < 5_000; issued = await issuedRows())
    await sleep(50);
  const latency = summarize(latencies, 0);
  const ack = summarize(acks, 0);
  log(
    `  reward-latency: ${latencies.length}/${o.orders} codes in Shopify, p50 ${latency.p50.toFixed(0)} ms p95 ${latency.p95.toFixed(0)} ms max ${latency.max.toFixed(0)} ms (in order: ${latencies.map((x) => x.toFixed(0)).join(" ")}); webhook ack p50 ${ack.p50.toFixed(1)} ms; issued rows ${issued}, codes ${codesNow.length}, timed out ${timedOut}`,
  );
  const rows = [
    row({
      bench: "reward-latency",
      figure: "webhook to code in Shopify p50",
      value: latency.p50,
      unit: "ms",
      baseline: o.pollMs,
    }),
    row({
      bench: "reward-latency",
      figure: "webhook to code in Shopify p95",
      value: latency.p95,
      unit: "ms",
      baseline: o.pollMs,
    }),
    row({
      bench: "reward-latency",
      figure: "webhook to code in Shopify max",
      value: latency.max,
      unit: "ms",
      baseline: o.pollMs,
    }),
    row({ bench: "reward-latency", figure: "webhook answered p50", value: ack.p50, unit: "ms" }),
    row({
      bench: "reward-latency",
      figure: "orders without a code / duplicated",
      value: timedOut + (codesNow.length - new Set(codesNow).size) + Math.abs(codesNow.length - issued),
      unit: "",
      target: "0",
      pass: timedOut === 0 && codesNow.length === new Set(codesNow).size && codesNow.length === issued,
    }),
  ];
  return {
    rows,
    latency,
    ack,
    orders: o.orders,
    issued,
    codesInShopify: codesNow.length,
    duplicates: codesNow.length - new Set(codesNow).size,
    timedOut,
    samples: latencies.map((x) => Math.round(x)),
  };
}
