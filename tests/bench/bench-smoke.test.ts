// `npm run bench --quick` on the test run's database: proves the bench still runs end to
// end and reports sane figures. No timing is asserted here (the machines are shared and
// noisy; BENCHMARKS.md holds the figures): only that it completes, every figure is a
// non-negative number, the counts add up, and no reward failed or was duplicated.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureAppBuild } from "../support/app-build";

describe("npm run bench --quick", () => {
  beforeAll(() => ensureAppBuild(), 180_000);

  it("runs every benchmark and reports sane figures", async () => {
    const { runBench } = await import("../../bench/run");
    const lines: string[] = [];
    const [report] = await runBench({
      db: "current",
      only: ["ingest", "ingest-open", "reward-latency", "storefront", "dashboard", "dashboard-lcp", "issuance"],
      quick: true,
      log: (s) => lines.push(s),
    });

    const figures = new Set(report.rows.map((r) => `${r.bench}: ${r.figure}`));
    for (const bench of [
      "ingest",
      "ingest-open",
      "reward-latency",
      "memory",
      "storefront",
      "dashboard",
      "dashboard-lcp",
      "issuance",
    ]) {
      expect(
        [...figures].some((f) => f.startsWith(`${bench}:`)),
        `${bench} reported`,
      ).toBe(true);
    }
    for (const r of report.rows) {
      expect(Number.isFinite(r.value), `${r.bench} ${r.figure}`).toBe(true);
      expect(r.value).toBeGreaterThanOrEqual(0);
      if (r.baseline !== undefined) expect(r.baseline).toBeGreaterThanOrEqual(0);
    }
    expect(report.ingestCount).toBeGreaterThan(0);

    // open loop: every scheduled arrival is answered, failed or timed out, at each rate
    const open = report.ingestOpen!;
    expect(open.maxRps).toBeGreaterThan(0);
    expect(open.runs.map((r) => r.share)).toEqual([0.25, 0.5, 0.75]);
    for (const { base, real } of open.runs) {
      for (const r of [base, real]) {
        expect(r.scheduled).toBeGreaterThan(0);
        expect(r.count + r.errors + r.timeouts).toBe(r.scheduled);
      }
      expect(real.scheduled).toBe(base.scheduled);
    }
    // every order's reward code reached Shopify once, and its reward is issued
    const rl = report.rewardLatency!;
    expect(rl.timedOut).toBe(0);
    expect(rl.latency.count).toBe(rl.orders);
    expect(rl.codesInShopify).toBe(rl.orders);
    expect(rl.issued).toBe(rl.orders);
    expect(rl.duplicates).toBe(0);
    expect(rl.latency.p50).toBeGreaterThanOrEqual(rl.ack.p50);

    const { single, many } = report.issuance!;
    for (const run of [single, ...many]) {
      expect(run.issued, run.shop).toBe(run.count);
      expect(run.failed, run.shop).toBe(0);
      expect(run.duplicates, run.shop).toBe(0);
      expect(run.codesInShopify, run.shop).toBe(run.count);
    }
    // every shop size loaded in Chromium, each load with its paint after the document's first byte
    expect(report.dashboardLcp?.length).toBeGreaterThan(1);
    for (const { referrals, samples } of report.dashboardLcp!) {
      expect(samples.length, `${referrals} referrals`).toBeGreaterThan(0);
      for (const s of samples) expect(s.lcp, `${referrals} referrals`).toBeGreaterThanOrEqual(s.ttfb);
    }
    const me = report.storefrontSample as { loggedIn: boolean; advocate: { code: string } | null };
    expect(me.loggedIn).toBe(true);
    expect(me.advocate?.code).toBeTruthy();
  }, 180_000);
});
