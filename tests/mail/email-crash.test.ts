import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMailSink, type MailSink } from "../../scripts/demo/mail-sink";
import { WorkerProcess, expireLeasesOf } from "../fault/worker-process";
import { enrollCustomer, installShop, startWorld, type World } from "../support/world";

/**
 * The worker process (scripts/worker.ts) SIGKILLed while an advocate email is on the
 * wire, then restarted: the email arrives once, never twice. The SMTP server in this
 * process has the message and holds back its "250 OK", so the kill lands while the
 * worker cannot know whether it was accepted.
 */

let world: World;
let sink: MailSink;
let worker: WorkerProcess;
let db: (typeof import("../../app/db.server"))["default"];

beforeAll(async () => {
  sink = await startMailSink();
  process.env.SMTP_URL = sink.smtpUrl;
  process.env.MAIL_FROM = "Referrals <referrals@app.example>";
  world = await startWorld();
  db = (await import("../../app/db.server")).default;
});
afterEach(async () => {
  await worker?.stop();
  sink.holdMs = 0;
  sink.clear();
});
afterAll(async () => {
  await world?.stop();
  await sink?.stop();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  (await import("../../app/config.server")).reloadConfig();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const keyOf = (m: { headers: Record<string, string> }) => m.headers["x-referral-email"];

describe("worker killed while sending an email", () => {
  it("killed before the server's answer: the email is not sent again, and the task says why", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    await world.sim.placeOrder(shop, {
      customer: { email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
      subtotal: "50.00",
      discountCodes: [advocate.code],
      financialStatus: "paid",
    });
    worker = new WorkerProcess({
      SHOPIFY_SIMULATOR_URL: world.sim.url,
      WORKER_POLL_MS: "50",
      NODE_ENV: "test",
      SMTP_URL: sink.smtpUrl,
      MAIL_FROM: "Referrals <referrals@app.example>",
    });
    sink.holdMs = 60_000;
    await worker.start();
    const [first] = await sink.waitFor(1, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.log.slice(-20).join("\n")}`);
    });
    const workerId = await worker.kill();
    await expireLeasesOf(workerId!);
    sink.holdMs = 0;

    await worker.start();
    // Everything the order causes is done: both emails' tasks are settled.
    await until("the emails to settle", async () => {
      const tasks = await db.outboxTask.findMany({ where: { shop, kind: "advocate_email" } });
      return tasks.length === 2 && tasks.every((t) => t.status !== "pending");
    });
    await worker.stop();

    const tasks = await db.outboxTask.findMany({ where: { shop, kind: "advocate_email" } });
    const interrupted = tasks.find((t) => t.key === keyOf(first))!;
    expect(interrupted.status).toBe("failed");
    expect(interrupted.lastError).toMatch(/interrupted while sending/);
    // The other email went out after the restart; nothing arrived twice.
    const keys = sink.messages.map(keyOf);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(keys.sort()).toEqual(tasks.map((t) => t.key).sort());
    expect(worker.kills).toBe(1);
  });
});
