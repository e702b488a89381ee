import crypto from "node:crypto";
import { mulberry32, type Rng } from "../../simulator/prng";
import type { Simulator } from "../../simulator/index";
import { startMailSink, type MailSink } from "../../scripts/demo/mail-sink";
import { enrollCustomer, installShop, startWorld } from "../support/world";
import { WebProcess, WorkerProcess, expireLeasesOf } from "./worker-process";

/**
 * The fault suite: a few hundred referred orders flow in as signed webhooks
 * (duplicates, out of order, unpaid then paid, cancelled, refunded in full or in part)
 * while the Shopify simulator fails a configurable share of Admin API calls (5xx,
 * timeouts, throttling, connection resets) and the app's processes are SIGKILLed at
 * seeded random moments and restarted: the worker (one or several OS processes on the
 * same database) and, with `webProcesses`, the web instances that receive the webhooks
 * behind a load balancer. When everything has drained it compares what should exist with
 * what does, in the database and in "Shopify".
 *
 * Needs DATABASE_URL (migrated) and the SHOPIFY_* test variables set before it is
 * imported (tests/setup/env.ts, or tests/fault/run.ts for the command line).
 */

export interface FaultOptions {
  orders: number;
  shops: number;
  advocatesPerShop: number;
  /** share of Admin API calls that fail (0..1), split over 5xx, timeouts, throttling, resets */
  faultShare: number;
  /** how many times a process (any of them, chosen at random) is SIGKILLed and restarted */
  kills: number;
  /**
   * web instances as OS processes of their own, taking webhooks in turn (a load balancer
   * that sends to every instance it believes up); 0: the test process takes them
   */
  webProcesses: number;
  /** worker processes (`scripts/worker.ts`) sharing the database */
  workerProcesses: number;
  seed: number;
  /** webhooks in flight at once */
  concurrency: number;
  /** the simulator's leaky-bucket restore rate (points per second) */
  restoreRate: number;
  /** bound on the final wait for quiescence */
  quietTimeoutMs: number;
  log: (line: string) => void;
}

export const DEFAULT_FAULT_OPTIONS: FaultOptions = {
  orders: 300,
  shops: 3,
  advocatesPerShop: 8,
  faultShare: 0.2,
  kills: 6,
  webProcesses: 0,
  workerProcesses: 1,
  seed: 20260115,
  concurrency: 4,
  restoreRate: 1000,
  quietTimeoutMs: 180_000,
  log: (line) => console.log(line),
};

export interface FaultFigures {
  seed: number;
  database: string;
  shops: number;
  advocates: number;
  orders: number;
  deliveriesSent: number;
  duplicatesSent: number;
  webhookRetries: number;
  deliveriesFailed: number;
  adminRequests: number;
  faultsInjected: Record<string, number>;
  /** "2 web + 2 worker": the processes that ran (the test process's web server is not counted) */
  processes: string;
  crashes: number;
  /** kills per process, by name ("web 1", "worker 2") */
  crashesBy: Record<string, number>;
  crashesMidIssue: number;
  /** web processes killed with a delivery in flight to them */
  webCrashesInFlight: number;
  processStarts: number;
  heldApproved: number;
  referralsExpected: number;
  referralsRecorded: number;
  rewardsExpected: number;
  rewardsIssued: number;
  rewardsVoidedExpected: number;
  rewardsVoided: number;
  rewardsDuplicated: number;
  rewardsLost: number;
  voidsMissed: number;
  shopifyRewardCodes: number;
  ledgerMismatches: number;
  /** advocate emails queued (outbox tasks), received by the SMTP server, received twice, failed for good */
  emailsQueued: number;
  emailsSent: number;
  emailsDuplicated: number;
  emailsFailed: number;
  seconds: number;
}

export interface FaultResult {
  figures: FaultFigures;
  problems: string[];
  ok: boolean;
}

type Scenario =
  | "paid"
  | "paid_before_create"
  | "paid_later"
  | "unpaid"
  | "cancelled"
  | "cancelled_first"
  | "refunded"
  | "partly_refunded";

const SCENARIOS: [Scenario, number][] = [
  ["paid", 40],
  ["paid_before_create", 12],
  ["paid_later", 10],
  ["unpaid", 5],
  ["cancelled", 9],
  ["cancelled_first", 4],
  ["refunded", 10],
  ["partly_refunded", 10],
];

interface PlannedOrder {
  key: number;
  shop: string;
  advocateCode: string;
  advocateCustomerId: string;
  scenario: Scenario;
  friend: { email: string; firstName: string; lastName: string };
  ip: string;
  /** set once the order exists in the simulator */
  orderId?: number;
  lineItemIds?: number[];
}

interface Step {
  slot: number;
  order: PlannedOrder;
  /** place: create the order in Shopify; then topics are delivered in this order */
  action: "place" | "paid" | "cancel" | "refund" | "partial_refund" | "resend";
  topics: string[];
  duplicate?: boolean;
}

const FIRST = [
  "Zofia",
  "Dimitar",
  "Halina",
  "Svetlana",
  "Radoslav",
  "Teodora",
  "Kazimierz",
  "Yordanka",
  "Wieslaw",
  "Ludmila",
  "Bozhidar",
  "Grazyna",
];
const LAST = [
  "Wrobel",
  "Stoyanova",
  "Kaczmarek",
  "Yankov",
  "Szymanska",
  "Georgiev",
  "Mazur",
  "Petkova",
  "Krawczyk",
  "Todorov",
  "Jablonska",
  "Nikolov",
];
const ADVOCATES = [
  ["Anna", "Kowalska"],
  ["Ivan", "Petrov"],
  ["Marek", "Nowak"],
  ["Elena", "Dimitrova"],
  ["Olga", "Sokolova"],
  ["Piotr", "Zielinski"],
  ["Maria", "Ivanova"],
  ["Tomasz", "Lewandowski"],
  ["Vesela", "Hristova"],
  ["Jan", "Wojcik"],
];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function weighted<T>(rng: Rng, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][0];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; false when `timeoutMs` passes first. */
async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(everyMs);
  }
}

/**
 * Fault rules on a share of all Admin API calls: each kind gets its part of `share`,
 * with conditional probabilities so that the total share is what was asked.
 */
function addFaults(sim: Simulator, share: number, seed: number) {
  if (share <= 0) return;
  const parts: [Parameters<Simulator["faults"]["add"]>[0], number][] = [
    [{ kind: "status", status: 503 }, 0.2],
    [{ kind: "status", status: 500 }, 0.1],
    [{ kind: "status", status: 502 }, 0.05],
    [{ kind: "timeout", holdMs: 700 }, 0.2],
    [{ kind: "throttle" }, 0.3],
    [{ kind: "reset" }, 0.15],
  ];
  let before = 0;
  parts.forEach(([spec, weight], i) => {
    const p = (share * weight) / (1 - share * before);
    before += weight;
    sim.faults.add({ ...spec, probability: Math.min(1, p), seed: seed + i });
  });
}

export async function runFaultSuite(partial: Partial<FaultOptions> = {}): Promise<FaultResult> {
  const opts: FaultOptions = { ...DEFAULT_FAULT_OPTIONS, ...partial };
  const { log } = opts;
  const started = Date.now();
  const rng = mulberry32(opts.seed);
  const { default: db, databaseTarget } = await import("../../app/db.server");
  const { approveReferral } = await import("../../app/referrals/review.server");

  if (opts.workerProcesses < 1) throw new Error("the fault suite needs at least one worker process");
  // Advocate emails go to a real SMTP server in this process, which refuses a share of
  // them with a transient 451 (seeded): each email must still arrive at most once.
  const mail = await startMailSink();
  const mailRng = mulberry32(opts.seed ^ 0x5eed);
  mail.refuse = () => (mailRng() < opts.faultShare / 2 ? { code: 451, message: "Try again later" } : null);
  const mailEnv = { SMTP_URL: mail.smtpUrl, MAIL_FROM: "Referrals <referrals@fault.example>" };
  Object.assign(process.env, mailEnv);
  const world = await startWorld({ restoreRate: opts.restoreRate }); // reloads the configuration
  const sim = world.sim;
  const env = { SHOPIFY_SIMULATOR_URL: sim.url, WORKER_POLL_MS: "100", NODE_ENV: "test", ...mailEnv };
  const workers = Array.from(
    { length: opts.workerProcesses },
    (_, i) => new WorkerProcess(env, opts.workerProcesses > 1 ? `worker ${i + 1}` : "worker"),
  );
  const webs = Array.from({ length: opts.webProcesses }, (_, i) => new WebProcess(env, `web ${i + 1}`));
  const processes = [...webs, ...workers];
  const problems: string[] = [];
  try {
    // ---- shops and advocates (no faults yet: this is the shop's set-up) ----------------
    const runTag = crypto.randomBytes(3).toString("hex");
    const shops: string[] = [];
    const advocates: { shop: string; code: string; customerId: string; id: string }[] = [];
    for (let s = 0; s < opts.shops; s++) {
      const shop = await installShop(
        sim,
        { rewardDelayDays: "0", rewardExpiryDays: "180", emailWelcome: "true" },
        `fault-${runTag}-${s}.myshopify.com`,
      );
      shops.push(shop);
      for (let a = 0; a < opts.advocatesPerShop; a++) {
        const [firstName, lastName] = ADVOCATES[a % ADVOCATES.length];
        const { customer, advocate } = await enrollCustomer(sim, shop, {
          email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}${a}@example.com`,
          firstName,
          lastName,
        });
        advocates.push({ shop, code: advocate.code, customerId: String(customer.legacyResourceId), id: advocate.id });
      }
    }

    // ---- the plan: orders and the webhook steps that tell the app about them ------------
    const planned: PlannedOrder[] = [];
    const steps: Step[] = [];
    for (let i = 0; i < opts.orders; i++) {
      const adv = pick(rng, advocates);
      const order: PlannedOrder = {
        key: i,
        shop: adv.shop,
        advocateCode: adv.code,
        advocateCustomerId: adv.customerId,
        scenario: weighted(rng, SCENARIOS),
        friend: {
          email: `friend.${runTag}.${i}@example.org`,
          firstName: pick(rng, FIRST),
          lastName: `${pick(rng, LAST)}-${i}`,
        },
        ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      };
      planned.push(order);
      const later = () => i + 1 + Math.floor(rng() * 25);
      switch (order.scenario) {
        case "paid":
        case "cancelled":
        case "refunded":
        case "partly_refunded":
          steps.push({ slot: i, order, action: "place", topics: ["orders/create", "orders/paid"] });
          break;
        case "paid_before_create":
          steps.push({ slot: i, order, action: "place", topics: ["orders/paid", "orders/create"] });
          break;
        case "paid_later":
        case "unpaid":
          steps.push({ slot: i, order, action: "place", topics: ["orders/create"] });
          break;
        case "cancelled_first":
          // Shopify does not promise order: the cancellation overtakes the create.
          steps.push({ slot: i, order, action: "place", topics: [] });
          steps.push({ slot: i + 0.5, order, action: "cancel", topics: ["orders/cancelled"] });
          steps.push({ slot: later(), order, action: "resend", topics: ["orders/create"] });
          break;
      }
      if (order.scenario === "paid_later")
        steps.push({ slot: later(), order, action: "paid", topics: ["orders/paid"] });
      // Half the cancellations and full refunds come after the reward was issued, so its
      // code must be deactivated; the others arrive before the worker gets to the order.
      const slot = () => (rng() < 0.5 ? Infinity : later());
      if (order.scenario === "cancelled")
        steps.push({ slot: slot(), order, action: "cancel", topics: ["orders/cancelled"] });
      if (order.scenario === "refunded")
        steps.push({ slot: slot(), order, action: "refund", topics: ["refunds/create"] });
      if (order.scenario === "partly_refunded")
        steps.push({ slot: later(), order, action: "partial_refund", topics: ["refunds/create"] });
    }

    // ---- sending: signed webhooks, retried like Shopify retries a non-2xx answer ---------
    let sent = 0;
    let duplicatesSent = 0;
    let webhookRetries = 0;
    const placed = new Map<number, Promise<void>>();
    const payloads = new Map<string, { payload: Record<string, unknown>; eventId: string }>();
    const duplicates: { step: Step; topic: string; slot: number }[] = [];

    // The load balancer in front of the web processes: each delivery goes to the next
    // instance that is up. One killed with requests in flight drops them (Shopify sees a
    // failure and retries); while an instance restarts the others take everything.
    let turn = 0;
    const pickWeb = async (): Promise<WebProcess | undefined> => {
      if (webs.length === 0) return undefined; // the test process's own server
      if (!webs.some((w) => w.up)) await waitFor(() => webs.some((w) => w.up), 120_000, 20);
      const up = webs.filter((w) => w.up);
      return up.length ? up[turn++ % up.length] : undefined;
    };
    const inFlight = new Map<WebProcess, number>();
    /** A web kill waiting for a delivery to be in flight to its instance. */
    let onDelivery: { web: WebProcess; fire: () => void } | null = null;

    const deliver = async (shop: string, topic: string, payload: Record<string, unknown>, eventId: string) => {
      for (let attempt = 1; ; attempt++) {
        sent++;
        const web = await pickWeb();
        const sending = sim
          .sendWebhook(shop, topic, payload, { eventId, ...(web ? { url: `${web.url}/webhooks` } : {}) })
          .catch((error: unknown) => ({ status: 0, error }));
        if (web) {
          inFlight.set(web, (inFlight.get(web) ?? 0) + 1);
          if (onDelivery?.web === web) onDelivery.fire();
        }
        const result = await sending.finally(() => web && inFlight.set(web, inFlight.get(web)! - 1));
        if (result.status === 200) return;
        webhookRetries++;
        if (attempt >= 20) throw new Error(`webhook ${topic} for ${shop} kept failing: ${result.status}`);
        await sleep(50 * attempt);
      }
    };

    const runStep = async (step: Step) => {
      const o = step.order;
      if (step.action === "place") {
        let resolve!: () => void;
        placed.set(o.key, new Promise<void>((r) => (resolve = r)));
        const paid = !["paid_later", "unpaid"].includes(o.scenario);
        const result = await sim.placeOrder(
          o.shop,
          {
            customer: o.friend,
            lineItems: [
              { title: "Linen shirt", price: "30.00", quantity: 1 },
              { title: "Scarf", price: "20.00", quantity: 1 },
            ],
            discountCodes: [o.advocateCode],
            browserIp: o.ip,
            financialStatus: paid ? "paid" : "pending",
          },
          { deliver: false },
        );
        o.orderId = result.order.legacyResourceId;
        o.lineItemIds = (result.payload.line_items as { id: number }[]).map((li) => li.id);
        payloads.set(`${o.key}:orders/create`, { payload: result.payload, eventId: crypto.randomUUID() });
        resolve();
      } else {
        await placed.get(o.key);
      }
      let payload: Record<string, unknown> | null = null;
      if (step.action === "paid") payload = (await sim.markOrderPaid(o.shop, o.orderId!, { deliver: false })).payload;
      if (step.action === "cancel")
        payload = (await sim.cancelOrder(o.shop, o.orderId!, "customer", { deliver: false })).payload;
      if (step.action === "refund")
        payload = (await sim.refundOrder(o.shop, o.orderId!, {}, { deliver: false })).payload;
      if (step.action === "partial_refund")
        payload = (
          await sim.refundOrder(
            o.shop,
            o.orderId!,
            { lineItems: [{ lineItemId: o.lineItemIds![1], quantity: 1 }] },
            { deliver: false },
          )
        ).payload;
      for (const topic of step.topics) {
        const stored = payloads.get(
          `${o.key}:${topic === "orders/paid" && step.action === "place" ? "orders/create" : topic}`,
        );
        const body = payload ?? stored?.payload;
        if (!body) throw new Error(`no payload for ${topic} of order ${o.key}`);
        const eventId = step.action === "resend" && stored ? stored.eventId : crypto.randomUUID();
        payloads.set(`${o.key}:${topic}`, { payload: body, eventId });
        await deliver(o.shop, topic, body, eventId);
        // Shopify sometimes delivers an event twice (same event id), sometimes later.
        if (rng() < 0.15) duplicates.push({ step, topic, slot: step.slot + rng() * 30 });
      }
    };

    // The owner reviews held referrals (bursts from one advocate are held) and approves them.
    let heldApproved = 0;
    const approveHeld = async () => {
      const held = await db.referral.findMany({
        where: { shop: { in: shops }, status: "held" },
        select: { id: true, shop: true },
      });
      for (const r of held) {
        try {
          await approveReferral(r.shop, r.id, "fault-suite owner");
          heldApproved++;
        } catch (error) {
          if (!(error instanceof Error && /changed meanwhile|Only held/.test(error.message))) throw error;
        }
      }
    };

    // ---- faults on, processes up ----------------------------------------------------------
    const setupSeconds = ((Date.now() - started) / 1000).toFixed(1);
    addFaults(sim, opts.faultShare, opts.seed);
    await Promise.all(processes.map((p) => p.start()));
    log(
      `fault suite (set-up ${setupSeconds} s): ${opts.orders} orders, ${opts.shops} shops x ${opts.advocatesPerShop} advocates, ${Math.round(opts.faultShare * 100)}% faults, ${opts.kills} kills of ${processDescription(opts)}, seed ${opts.seed}, ${databaseTarget.provider}`,
    );

    // Kills: most while orders flow in, the rest while the backlog drains; each picks one
    // process at random. About half of a worker's wait for a reward's
    // discountCodeBasicCreate to be in flight (held by the simulator, which applies it
    // after the worker is dead) and kill the worker issuing then.
    // Targets: every process once in a random order, then again, so a run with at least
    // as many kills as processes kills each of them.
    const totalSends = steps.reduce((n, s) => n + s.topics.length, 0);
    const duringSend = Math.ceil(opts.kills * 0.7);
    const targets: (WebProcess | WorkerProcess)[] = [];
    while (targets.length < opts.kills) {
      const round = [...processes];
      for (let i = round.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [round[i], round[j]] = [round[j], round[i]];
      }
      targets.push(...round);
    }
    const killPlan = Array.from({ length: opts.kills }, (_, k) => ({
      atSent: k < duringSend ? Math.floor(totalSends * (0.1 + 0.85 * rng())) : Infinity,
      afterSendMs: 200 + Math.floor(rng() * 1500),
      target: targets[k],
      midIssue: rng() < 0.5,
      pauseMs: Math.floor(rng() * 400),
      holdMs: 600 + Math.floor(rng() * 900),
    })).sort((a, b) => a.atSent - b.atSent);
    let sendingDone = false;
    let crashesMidIssue = 0;
    let webCrashesInFlight = 0;
    const crashesBy: Record<string, number> = {};

    /** The worker holding a reward in "issuing" (the one whose code create is in flight), else `fallback`. */
    const issuingWorker = async (fallback: WorkerProcess) => {
      const ids = workers.filter((w) => w.up).map((w) => w.workerId!);
      const issuing = await db.reward.findMany({
        where: { shop: { in: shops }, state: "issuing", leaseOwner: { in: ids } },
        select: { leaseOwner: true },
      });
      const owners = workers.filter((w) => issuing.some((r) => r.leaseOwner === w.workerId));
      return owners.length ? owners[Math.floor(rng() * owners.length)] : fallback;
    };

    const crash = async (plan: (typeof killPlan)[number], k: number) => {
      let target = plan.target;
      let midIssue = false;
      if (target instanceof WebProcess) {
        // While deliveries flow, the kill lands a few milliseconds after one was sent to
        // this instance: somewhere between reading it and answering it.
        if (!sendingDone) {
          const web = target;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 15_000);
            onDelivery = {
              web,
              fire: () => {
                onDelivery = null;
                clearTimeout(timer);
                setTimeout(resolve, Math.floor(rng() * 15));
              },
            };
          });
          onDelivery = null;
        } else await sleep(plan.pauseMs);
        const dropped = inFlight.get(target) ?? 0;
        if (dropped > 0) webCrashesInFlight++;
        await target.kill();
        crashesBy[target.name] = (crashesBy[target.name] ?? 0) + 1;
        log(
          `  crash ${k + 1}/${opts.kills}: SIGKILL ${target.name} after ${sent} deliveries, ${dropped} in flight to it`,
        );
        await target.start();
        return;
      }
      if (plan.midIssue) {
        const id = sim.faults.add({
          kind: "timeout",
          holdMs: plan.holdMs,
          rootField: "discountCodeBasicCreate",
          count: 1,
        });
        const fired = await waitFor(() => sim.faults.list().find((r) => r.id === id)?.injected === 1, 15_000);
        sim.faults.remove(id);
        midIssue = fired;
        if (fired) {
          target = await issuingWorker(target as WorkerProcess);
          crashesMidIssue++;
          await sleep(Math.min(plan.pauseMs, plan.holdMs / 2));
        }
      } else {
        await sleep(plan.pauseMs);
      }
      const worker = target as WorkerProcess;
      const workerId = await worker.kill();
      crashesBy[worker.name] = (crashesBy[worker.name] ?? 0) + 1;
      // A dead worker's requests finish (or drop) in Shopify on their own; once they
      // have, its leases may run out (what LEASE_MS of waiting would do).
      await waitFor(() => sim.heldResponses.size === 0, 10_000);
      const expired = workerId ? await expireLeasesOf(workerId) : 0;
      log(
        `  crash ${k + 1}/${opts.kills}: SIGKILL ${worker.name} after ${sent} deliveries${midIssue ? " (reward code create in flight)" : ""}; ${expired} leases taken over`,
      );
      await worker.start();
    };

    const killer = (async () => {
      for (let k = 0; k < killPlan.length; k++) {
        const plan = killPlan[k];
        if (Number.isFinite(plan.atSent)) await waitFor(() => sent >= plan.atSent || sendingDone, 600_000, 20);
        else {
          await waitFor(() => sendingDone, 600_000, 50);
          await sleep(plan.afterSendMs);
        }
        await crash(plan, k);
      }
    })();

    // ---- orders flow in -----------------------------------------------------------------
    const queue = steps
      .filter((s) => Number.isFinite(s.slot))
      .sort((a, b) => a.slot - b.slot || a.order.key - b.order.key);
    const late = steps.filter((s) => !Number.isFinite(s.slot));
    const resend = async (dup: (typeof duplicates)[number]) => {
      const stored = payloads.get(`${dup.step.order.key}:${dup.topic}`)!;
      duplicatesSent++;
      await deliver(dup.step.order.shop, dup.topic, stored.payload, stored.eventId);
    };
    const senders = Array.from({ length: opts.concurrency }, async () => {
      for (let step = queue.shift(); step; step = queue.shift()) {
        await runStep(step);
        // Resend due duplicates (same event id) as the stream moves past their slot.
        for (
          let i = duplicates.findIndex((d) => d.slot <= step!.slot);
          i >= 0;
          i = duplicates.findIndex((d) => d.slot <= step!.slot)
        ) {
          await resend(duplicates.splice(i, 1)[0]);
        }
        if (step.order.key % 25 === 0) await approveHeld();
      }
    });
    await Promise.all(senders);
    for (const dup of duplicates.splice(0)) await resend(dup);
    // Late cancellations and refunds: once the order's reward is out (bounded wait).
    await waitFor(
      async () => {
        await approveHeld();
        const referrals = await db.referral.findMany({
          where: { shop: { in: shops }, orderId: { in: late.map((s) => String(s.order.orderId)) } },
          select: { id: true },
        });
        const issued = await db.reward.count({
          where: { referralId: { in: referrals.map((r) => r.id) }, state: "issued" },
        });
        return issued >= late.length;
      },
      60_000,
      250,
    );
    await Promise.all(late.map((step) => runStep(step)));
    for (const dup of duplicates.splice(0)) await resend(dup);
    sendingDone = true;
    log(
      `  sent ${sent} webhook deliveries (${duplicatesSent} duplicates, ${webhookRetries} retried) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await killer;

    // ---- drain: poll until nothing is left to do, twice in a row ------------------------
    const busy = async () => {
      await approveHeld();
      const [deliveries, tasks, rewards, held] = await Promise.all([
        db.webhookDelivery.count({ where: { shop: { in: shops }, status: "received" } }),
        db.outboxTask.count({ where: { shop: { in: shops }, status: "pending" } }),
        db.reward.count({ where: { shop: { in: shops }, state: { in: ["pending", "issuing"] } } }),
        db.referral.count({ where: { shop: { in: shops }, status: "held" } }),
      ]);
      return { deliveries, tasks, rewards, held, inFlight: sim.heldResponses.size };
    };
    let quietPolls = 0;
    let lastReport = Date.now();
    let last = await busy();
    const quiet = await waitFor(
      async () => {
        last = await busy();
        if (Date.now() - lastReport > 5_000) {
          lastReport = Date.now();
          log(`  draining: ${JSON.stringify(last)}`);
        }
        quietPolls = Object.values(last).every((n) => n === 0) ? quietPolls + 1 : 0;
        return quietPolls >= 3;
      },
      opts.quietTimeoutMs,
      250,
    );
    if (!quiet) problems.push(`did not drain within ${opts.quietTimeoutMs} ms: ${JSON.stringify(last)}`);
    await Promise.all(processes.map((p) => p.stop()));
    sim.faults.clear();

    // ---- expected vs actual ---------------------------------------------------------------
    const figures = await measure({ db, sim, shops, planned, problems });
    const emails = await measureEmails(db, shops, mail, problems);
    const faultsInjected: Record<string, number> = {};
    let adminRequests = 0;
    for (const shop of shops) {
      const c = sim.counters(shop);
      adminRequests += c.graphqlRequests;
      for (const [k, v] of Object.entries(c.faultsInjected)) faultsInjected[k] = (faultsInjected[k] ?? 0) + v;
    }
    const result: FaultFigures = {
      seed: opts.seed,
      database: databaseTarget.provider,
      shops: shops.length,
      advocates: advocates.length,
      orders: planned.length,
      deliveriesSent: sent,
      duplicatesSent,
      webhookRetries,
      deliveriesFailed: await db.webhookDelivery.count({ where: { shop: { in: shops }, status: "failed" } }),
      adminRequests,
      faultsInjected,
      processes: processDescription(opts),
      crashes: processes.reduce((n, p) => n + p.kills, 0),
      crashesBy,
      crashesMidIssue,
      webCrashesInFlight,
      processStarts: processes.reduce((n, p) => n + p.starts, 0),
      heldApproved,
      ...figures,
      ...emails,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    if (result.deliveriesFailed > 0) problems.push(`${result.deliveriesFailed} webhook deliveries failed for good`);
    if (!problems.length) {
      for (const p of processes) {
        const leftovers = p.log.filter(
          (l) => l.startsWith("! ") && !/ExperimentalWarning|shopify-api\/INFO|--trace-warnings/.test(l),
        );
        if (leftovers.length) log(`  ${p.name} stderr (last lines):\n${leftovers.slice(-5).join("\n")}`);
      }
    }
    return { figures: result, problems, ok: problems.length === 0 };
  } finally {
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
    await world.stop();
    await mail.stop();
    for (const name of Object.keys(mailEnv)) delete process.env[name];
  }
}

/**
 * Advocate emails: each outbox email task is one email about one event; the SMTP server
 * must have received none twice (same task key), whatever crashed or was refused.
 */
async function measureEmails(db: Db, shops: string[], mail: MailSink, problems: string[]) {
  const tasks = await db.outboxTask.groupBy({
    by: ["status"],
    where: { shop: { in: shops }, kind: "advocate_email" },
    _count: true,
  });
  const byKey = new Map<string, number>();
  for (const m of mail.messages) {
    const key = m.headers["x-referral-email"] ?? `no key: ${m.subject}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const emailsDuplicated = [...byKey.values()].reduce((n, count) => n + count - 1, 0);
  if (emailsDuplicated) {
    const twice = [...byKey].filter(([, count]) => count > 1).map(([key]) => key);
    problems.push(`${emailsDuplicated} emails sent twice (${twice.slice(0, 3).join(", ")})`);
  }
  const count = (status: string) => tasks.find((t) => t.status === status)?._count ?? 0;
  return {
    emailsQueued: tasks.reduce((n, t) => n + t._count, 0),
    emailsSent: mail.messages.length,
    emailsDuplicated,
    emailsFailed: count("failed"),
  };
}

function processDescription(opts: Pick<FaultOptions, "webProcesses" | "workerProcesses">) {
  return `${opts.webProcesses ? `${opts.webProcesses} web + ` : ""}${opts.workerProcesses} worker`;
}

type Db = (typeof import("../../app/db.server"))["default"];

/** Compares the plan with the database and the simulator's discount codes. */
async function measure({
  db,
  sim,
  shops,
  planned,
  problems,
}: {
  db: Db;
  sim: Simulator;
  shops: string[];
  planned: PlannedOrder[];
  problems: string[];
}) {
  const referrals = await db.referral.findMany({ where: { shop: { in: shops } } });
  const rewards = await db.reward.findMany({ where: { shop: { in: shops } } });
  const advocates = await db.advocate.findMany({ where: { shop: { in: shops } } });
  const codes = shops.flatMap((shop) =>
    sim
      .discountCodes(shop)
      .filter((d) => d.codes.some((c) => c.code.startsWith("RWD-")))
      .map((d) => ({ shop, ...d })),
  );
  const codesByCode = new Map<string, typeof codes>();
  for (const d of codes)
    for (const c of d.codes)
      codesByCode.set(`${d.shop}|${c.code}`, [...(codesByCode.get(`${d.shop}|${c.code}`) ?? []), d]);
  const rewardByCode = new Map(rewards.map((r) => [`${r.shop}|${r.code}`, r]));
  const referralByOrder = new Map(referrals.map((r) => [`${r.shop}|${r.orderId}`, r]));

  let referralsRecorded = 0;
  let rewardsExpected = 0;
  let rewardsIssued = 0;
  let rewardsVoidedExpected = 0;
  let rewardsLost = 0;
  let voidsMissed = 0;
  let rewardsDuplicated = 0;
  const lostSamples: string[] = [];

  for (const o of planned) {
    const referral = referralByOrder.get(`${o.shop}|${o.orderId}`);
    if (referral) referralsRecorded++;
    else problems.push(`order ${o.key} (${o.scenario}) has no referral`);
    const mine = referral ? rewards.filter((r) => r.referralId === referral.id) : [];
    const live = mine.filter((r) => r.state !== "voided");
    if (mine.length > 1) rewardsDuplicated += mine.length - 1;
    const earns = ["paid", "paid_before_create", "paid_later", "partly_refunded"].includes(o.scenario);
    const activeCodes = mine.flatMap((r) =>
      (codesByCode.get(`${r.shop}|${r.code}`) ?? []).filter((d) => d.status === "ACTIVE"),
    );
    if (earns) {
      rewardsExpected++;
      const ok =
        live.length === 1 &&
        live[0].state === "issued" &&
        activeCodes.length === 1 &&
        activeCodes[0].customerSelection.all === false &&
        activeCodes[0].customerSelection.customerIds.includes(`gid://shopify/Customer/${o.advocateCustomerId}`);
      if (ok) rewardsIssued++;
      else {
        rewardsLost++;
        if (lostSamples.length < 5)
          lostSamples.push(
            `order ${o.key} (${o.scenario}): referral ${referral?.status ?? "none"}, rewards [${mine.map((r) => `${r.state}${r.lastError ? `: ${r.lastError}` : ""}`).join(", ")}], active codes ${activeCodes.length}`,
          );
      }
    } else {
      // No reward, or a voided one whose code (if Shopify has it) is no longer usable.
      if (mine.length) rewardsVoidedExpected++;
      if (live.length || activeCodes.length) {
        voidsMissed++;
        if (lostSamples.length < 10)
          lostSamples.push(
            `order ${o.key} (${o.scenario}) should earn nothing: referral ${referral?.status ?? "none"}, rewards [${mine.map((r) => r.state).join(", ")}], active codes ${activeCodes.length}`,
          );
      }
    }
  }
  // Shopify codes the database does not know: a second code for some reward.
  for (const d of codes) for (const c of d.codes) if (!rewardByCode.has(`${d.shop}|${c.code}`)) rewardsDuplicated++;
  for (const list of codesByCode.values()) if (list.length > 1) rewardsDuplicated += list.length - 1;
  if (referrals.length !== planned.length)
    problems.push(`${referrals.length} referrals recorded for ${planned.length} orders`);

  // The advocate's running total must equal what was issued and not voided.
  let ledgerMismatches = 0;
  for (const a of advocates) {
    const issued = rewards
      .filter((r) => r.advocateId === a.id && r.state === "issued")
      .reduce((s, r) => s + r.amountMinor, 0);
    if (issued !== a.earnedMinor) {
      ledgerMismatches++;
      problems.push(`advocate ${a.code}: earned ${a.earnedMinor} but issued rewards add up to ${issued}`);
    }
  }
  if (rewardsLost) problems.push(`${rewardsLost} rewards lost`);
  if (rewardsDuplicated) problems.push(`${rewardsDuplicated} rewards duplicated`);
  if (voidsMissed)
    problems.push(`${voidsMissed} cancelled/refunded/unpaid orders still hold a reward or an active code`);
  problems.push(...lostSamples.map((s) => `  ${s}`));

  return {
    referralsExpected: planned.length,
    referralsRecorded,
    rewardsExpected,
    rewardsIssued,
    rewardsVoidedExpected,
    rewardsVoided: rewards.filter((r) => r.state === "voided").length,
    rewardsDuplicated,
    rewardsLost,
    voidsMissed,
    shopifyRewardCodes: codes.length,
    ledgerMismatches,
  };
}

/** The figures as a two-column table. */
export function formatFigures(f: FaultFigures): string {
  const faults = Object.entries(f.faultsInjected)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const totalFaults = Object.values(f.faultsInjected).reduce((s, v) => s + v, 0);
  const rows: [string, string | number][] = [
    ["database", f.database],
    ["seed", f.seed],
    ["shops / advocates / orders", `${f.shops} / ${f.advocates} / ${f.orders}`],
    ["webhook deliveries sent", f.deliveriesSent],
    ["  duplicates sent (same event id)", f.duplicatesSent],
    ["  answered non-2xx, resent", f.webhookRetries],
    ["  failed for good in the app", f.deliveriesFailed],
    ["Admin API requests", f.adminRequests],
    ["faults injected", `${totalFaults} (${faults || "none"})`],
    ["processes", f.processes],
    [
      "crashes (SIGKILL)",
      `${f.crashes} (${
        Object.entries(f.crashesBy)
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(", ") || "none"
      }; ${f.crashesMidIssue} with a reward code create in flight${
        Object.keys(f.crashesBy).some((k) => k.startsWith("web"))
          ? `, ${f.webCrashesInFlight} with a webhook in flight`
          : ""
      })`,
    ],
    ["process starts", f.processStarts],
    ["held referrals approved by the owner", f.heldApproved],
    ["referrals expected / recorded", `${f.referralsExpected} / ${f.referralsRecorded}`],
    ["rewards expected", f.rewardsExpected],
    ["rewards issued", f.rewardsIssued],
    ["rewards duplicated", f.rewardsDuplicated],
    ["rewards lost", f.rewardsLost],
    ["voided as expected (cancel/refund)", `${f.rewardsVoidedExpected} (${f.rewardsVoided} voided in all)`],
    ["voids missed (code still usable)", f.voidsMissed],
    ["reward codes in Shopify", f.shopifyRewardCodes],
    ["ledger mismatches", f.ledgerMismatches],
    ["advocate emails queued / received", `${f.emailsQueued} / ${f.emailsSent}`],
    ["  received twice", f.emailsDuplicated],
    ["  failed for good (a send interrupted)", f.emailsFailed],
    ["seconds", f.seconds],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
