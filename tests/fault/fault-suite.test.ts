import { expect, it } from "vitest";
import { formatFigures, runFaultSuite } from "./suite";

// The small version of the fault suite for CI: `npm run fault` runs the
// big one (300 orders by default) with any mix of parameters.
it("loses and duplicates nothing through 20% Shopify faults and worker crashes", async () => {
  const { figures, problems } = await runFaultSuite({
    orders: 60,
    shops: 2,
    advocatesPerShop: 4,
    faultShare: 0.2,
    kills: 2,
    seed: 6,
    quietTimeoutMs: 120_000,
    log: () => undefined,
  });
  console.log(`fault suite (CI size):\n${formatFigures(figures)}`);
  expect(problems).toEqual([]);
  expect(figures.referralsRecorded).toBe(figures.referralsExpected);
  expect(figures.rewardsIssued).toBe(figures.rewardsExpected);
  expect(figures.rewardsLost).toBe(0);
  expect(figures.rewardsDuplicated).toBe(0);
  expect(figures.voidsMissed).toBe(0);
  // advocate emails (a friend ordered, reward ready, welcome) went out, none twice
  expect(figures.emailsSent).toBeGreaterThan(figures.rewardsExpected);
  expect(figures.emailsDuplicated).toBe(0);
  expect(figures.crashes).toBe(2);
  expect(Object.values(figures.faultsInjected).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
}, 240_000);
