import { afterAll, beforeAll, expect, it } from "vitest";
import { adminRequest } from "../support/admin-requests";
import { counts, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

/**
 * A shop marked installed whose offline session is gone (deleted by hand, lost in a
 * restore): no retry can mend that, so its work is parked at once as an authentication
 * failure, without a single call to Shopify and without spending an attempt, while other
 * shops' work goes on. The shop's next authentication (token exchange when the owner
 * opens the app) stores a new session and resumes the parked work.
 */

let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.stop();
});

const friend = (n: number) => ({ email: `friend${n}@example.org`, firstName: "Boris", lastName: `Petrov${n}` });

it("parks a shop's work at once when no offline session is stored, and a new session resumes it", async () => {
  const { default: db } = await import("../../app/db.server");
  const { NO_OFFLINE_SESSION } = await import("../../app/shopify/admin-client.server");
  const lost = await installShop(world.sim, { rewardDelayDays: "0" });
  const fine = await installShop(world.sim, { rewardDelayDays: "0" });
  const person = { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" };
  const { advocate: lostAdvocate } = await enrollCustomer(world.sim, lost, person);
  const { advocate: fineAdvocate } = await enrollCustomer(world.sim, fine, person);

  await db.session.deleteMany({ where: { shop: lost } });
  const callsBefore = world.sim.counters(lost).requests;
  for (const [shop, code, n] of [
    [lost, lostAdvocate.code, 1],
    [fine, fineAdvocate.code, 2],
  ] as const)
    await world.sim.placeOrder(shop, {
      customer: friend(n),
      subtotal: "50.00",
      discountCodes: [code],
      financialStatus: "paid",
    });
  await drain();

  // Parked on the first attempt, which is not spent; Shopify never asked.
  const parked = await db.webhookDelivery.findMany({ where: { shop: lost, topic: { startsWith: "ORDERS_" } } });
  expect(parked.length).toBeGreaterThan(0);
  for (const delivery of parked)
    expect(delivery).toMatchObject({ status: "parked", attempts: 0, lastError: NO_OFFLINE_SESSION, leaseOwner: null });
  expect(world.sim.counters(lost).requests).toBe(callsBefore);
  expect(await counts(lost)).toEqual({ referrals: {}, rewards: 0, issued: 0 });
  // The other shop's order went all the way to an issued reward in the same drain.
  expect(await counts(fine)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });

  // The owner opens the app: authenticate.admin exchanges the session token for a new
  // offline token, and the parked work resumes.
  const { loader } = await import("../../app/routes/app.referrals._index");
  await loader({ request: adminRequest(lost, "/app/referrals"), params: {}, context: {} });
  expect(await db.session.count({ where: { shop: lost, isOnline: false } })).toBe(1);
  expect(await db.webhookDelivery.count({ where: { shop: lost, status: "parked" } })).toBe(0);
  await drain();
  expect(await counts(lost)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
});

it("parks a claimed reward of a shop whose session is gone, and a new session resumes it", async () => {
  const { default: db } = await import("../../app/db.server");
  const { NO_OFFLINE_SESSION } = await import("../../app/shopify/admin-client.server");
  const shop = await installShop(world.sim, { rewardDelayDays: "1" });
  const { advocate } = await enrollCustomer(world.sim, shop, {
    email: "vera@example.com",
    firstName: "Vera",
    lastName: "Ivanova",
  });
  await world.sim.placeOrder(shop, {
    customer: friend(3),
    subtotal: "50.00",
    discountCodes: [advocate.code],
    financialStatus: "paid",
  });
  await drain();
  expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 0 });

  await db.session.deleteMany({ where: { shop } });
  await drain(2 * 86_400_000);
  const [reward] = await db.reward.findMany({ where: { shop } });
  expect(reward).toMatchObject({ state: "parked", attempts: 0, lastError: NO_OFFLINE_SESSION });

  const { loader } = await import("../../app/routes/app.referrals._index");
  await loader({ request: adminRequest(shop, "/app/referrals"), params: {}, context: {} });
  expect(await db.reward.findUniqueOrThrow({ where: { id: reward.id } })).toMatchObject({ state: "pending" });
  await drain(2 * 86_400_000);
  expect(await counts(shop)).toEqual({ referrals: { accepted: 1 }, rewards: 1, issued: 1 });
});
