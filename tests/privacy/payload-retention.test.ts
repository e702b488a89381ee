import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

// Order webhooks carry the buyer's name, email, addresses and IP. Once processed and past
// WEBHOOK_PAYLOAD_RETENTION_DAYS (default 30), and once the order's referral no longer
// waits for its reward, a delivery keeps only what the engine still reads; the worker
// does it by itself.
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const ANNA = { email: "anna.retention@mailbox.example", firstName: "Anna", lastName: "Kowalska" };
const FRIEND_IP = "203.0.113.77";
let n = 0;
const friend = () => {
  n += 1;
  return { email: `boris.retention${n}@mailbox.example`, firstName: `Borislav${n}`, lastName: "Retentionov" };
};

const db = async () => (await import("../../app/db.server")).default;
const strip = async (now?: Date) => (await import("../../app/webhooks/retention.server")).stripExpiredPayloads(now);
const deliveries = async (shop: string) =>
  (await db()).webhookDelivery.findMany({ where: { shop }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }] });
/** Makes the shop's deliveries `days` old. */
const age = async (shop: string, days: number) =>
  (await db()).webhookDelivery.updateMany({ where: { shop }, data: { receivedAt: new Date(Date.now() - days * DAY) } });

async function referredOrder(shop: string, code: string, lineItems = [{ price: "60.00" }, { price: "48.00" }]) {
  const buyer = friend();
  const placed = await world.sim.placeOrder(shop, {
    customer: buyer,
    lineItems,
    discountCodes: [{ code, amount: "0.00" }],
    browserIp: FRIEND_IP,
    note: `Leave it with ${buyer.firstName} next door`,
    financialStatus: "paid",
  });
  return { placed, buyer };
}

describe("order webhook retention", () => {
  it("cuts processed payloads down to ids and amounts after the retention period, and refunds still add up", async () => {
    const shop = await installShop(world.sim);
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const { placed, buyer } = await referredOrder(shop, advocate.code);
    const orderId = String(placed.order.legacyResourceId);
    const [first, second] = placed.payload.line_items as { id: number }[];
    await drain();
    await world.sim.refundOrder(shop, placed.order.id, { lineItems: [{ lineItemId: first.id, quantity: 1 }] });
    await drain();
    await drain(15 * DAY); // past the reward delay: the referral qualifies, nothing waits on it
    const referral = () => db().then((d) => d.referral.findFirstOrThrow({ where: { shop, orderId } }));
    expect(await referral()).toMatchObject({ refundedMinor: 6000, status: "accepted" });
    expect((await referral()).qualifiedAt).not.toBeNull();

    const personal = [buyer.email, buyer.firstName, FRIEND_IP, "next door"];
    const stored = () => deliveries(shop).then((rows) => JSON.stringify(rows.map((r) => r.payload)));
    // Within the retention period: kept whole.
    expect(await strip()).toBe(0);
    for (const p of personal) expect(await stored()).toContain(p);

    await age(shop, 31);
    const before = await deliveries(shop);
    expect(before.map((d) => d.topic).sort()).toEqual(["ORDERS_CREATE", "ORDERS_PAID", "REFUNDS_CREATE"]);
    expect(await strip()).toBe(3);
    const after = await deliveries(shop);
    // The same rows (event ids still recognise Shopify's retries), without the person.
    expect(after.map((d) => [d.id, d.eventId, d.status])).toEqual(before.map((d) => [d.id, d.eventId, d.status]));
    for (const p of personal) expect(await stored()).not.toContain(p);
    expect(await stored()).not.toMatch(/mailbox\.example|address|customer|browser_ip|note_attributes|line_items"/);
    expect(after.every((d) => d.payloadStrippedAt !== null)).toBe(true);
    const create = JSON.parse(after.find((d) => d.topic === "ORDERS_CREATE")!.payload);
    expect(create).toMatchObject({ id: placed.order.legacyResourceId, subtotal_price: "108.00" });
    const refund = JSON.parse(after.find((d) => d.topic === "REFUNDS_CREATE")!.payload);
    expect(refund).toMatchObject({
      order_id: placed.order.legacyResourceId,
      refund_line_items: [{ subtotal: "60.00" }],
    });
    // Once only: a second run changes nothing.
    expect(await strip()).toBe(0);

    // A later refund of the rest is summed with the cut-down first one.
    await world.sim.refundOrder(shop, placed.order.id, { lineItems: [{ lineItemId: second.id, quantity: 1 }] });
    await drain();
    expect(await referral()).toMatchObject({ refundedMinor: 10800 });
  });

  it("keeps a payload whole while its referral waits for the reward, but not past the longest reward delay", async () => {
    const { MAX_REWARD_DELAY_DAYS } = await import("../../app/referrals/program-settings");
    const shop = await installShop(world.sim, { rewardDelayDays: "60" });
    const { advocate } = await enrollCustomer(world.sim, shop, ANNA);
    const { buyer } = await referredOrder(shop, advocate.code, [{ price: "50.00" }]);
    await drain(); // paid, accepted, the reward 60 days away
    const waiting = async () => (await deliveries(shop)).filter((d) => d.payloadStrippedAt === null).length;
    await age(shop, 45);
    await strip();
    expect(await waiting()).toBe(2);
    expect(JSON.stringify(await deliveries(shop))).toContain(buyer.email);
    // An order never paid, or a referral held forever, keeps it no longer than this.
    await age(shop, 30 + MAX_REWARD_DELAY_DAYS + 1);
    await strip();
    expect(await waiting()).toBe(0);
    expect(JSON.stringify(await deliveries(shop))).not.toContain(buyer.email);
  });

  it("leaves deliveries not processed yet alone, however old", async () => {
    const shop = await installShop(world.sim);
    const database = await db();
    const payload = JSON.stringify({ id: 990001, email: "parked.buyer@mailbox.example" });
    await database.webhookDelivery.create({
      data: {
        shop,
        eventId: "evt-parked-old",
        topic: "ORDERS_CREATE",
        orderId: "990001",
        payload,
        status: "parked",
        receivedAt: new Date(Date.now() - 400 * DAY),
      },
    });
    await strip();
    expect((await database.webhookDelivery.findFirstOrThrow({ where: { shop } })).payload).toBe(payload);
  });

  it("is done by the worker without being asked", async () => {
    const shop = await installShop(world.sim);
    const buyer = friend();
    await world.sim.placeOrder(shop, { customer: buyer, subtotal: "20.00", financialStatus: "paid" }); // no code
    await drain();
    await age(shop, 31);
    const { startWorker } = await import("../../app/jobs/worker.server");
    const worker = startWorker();
    try {
      const deadline = Date.now() + 30_000;
      while ((await deliveries(shop)).some((d) => d.payloadStrippedAt === null)) {
        if (Date.now() > deadline) throw new Error("the worker did not cut the payloads down");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await worker.stop();
    }
    expect(JSON.stringify(await deliveries(shop))).not.toContain(buyer.email);
  });
});
