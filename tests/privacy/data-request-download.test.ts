import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { APP, adminRequest as request, thrown } from "../support/admin-requests";
import { enrollCustomer, installShop, startWorld, type World } from "../support/world";

// The admin's Privacy page and the record download, through the real authenticate.admin
// with App Bridge's session token: the shop comes only from the token.
let world: World;
let a: string;
let b: string;
let requestRowId: string;
let customerId: string;

beforeAll(async () => {
  world = await startWorld();
  a = await installShop(world.sim);
  b = await installShop(world.sim);
  const { customer } = await enrollCustomer(world.sim, a, {
    email: "anna@example.com",
    firstName: "Anna",
    lastName: "Kowalska",
  });
  customerId = String(customer.legacyResourceId);
  const res = await world.sim.sendWebhook(a, "customers/data_request", {
    shop_id: 1,
    shop_domain: a,
    customer: { id: customer.legacyResourceId, email: "anna@example.com" },
    orders_requested: [],
    data_request: { id: 4242 },
  });
  expect(res.status).toBe(200);
  requestRowId = (await db.dataRequest.findFirstOrThrow({ where: { shop: a } })).id;
});
afterAll(async () => {
  await world?.stop();
});

describe("Privacy page and record download", () => {
  it("lists the shop's own data requests only", async () => {
    const { loader } = await import("../../app/routes/app.privacy");
    const own = await loader({ request: request(a, "/app/privacy"), params: {}, context: {} });
    expect(own.requests).toHaveLength(1);
    expect(own.requests[0]).toMatchObject({ id: requestRowId, customerId, requestId: "4242", status: "completed" });
    expect(own.requests[0].bytes).toBeGreaterThan(100);
    const other = await loader({ request: request(b, "/app/privacy"), params: {}, context: {} });
    expect(other.requests).toEqual([]);
  });

  it("downloads the record as a JSON file, and answers 404 to another shop's session", async () => {
    const { loader } = await import("../../app/routes/app.privacy-record.$id");
    const res = await loader({
      request: request(a, `/app/privacy-record/${requestRowId}`),
      params: { id: requestRowId },
      context: {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="customer-${customerId}-data-request-4242.json"`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.text();
    expect(body).toBe((await db.dataRequest.findUniqueOrThrow({ where: { id: requestRowId } })).record);
    expect(JSON.parse(body)).toMatchObject({
      shop: a,
      customerId,
      dataRequestId: "4242",
      advocate: { email: "anna@example.com", firstName: "Anna" },
    });

    const foreign = await thrown(
      loader({ request: request(b, `/app/privacy-record/${requestRowId}`), params: { id: requestRowId }, context: {} }),
    );
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("anna");
    expect(
      (await thrown(loader({ request: request(a, "/app/privacy-record/nope"), params: { id: "nope" }, context: {} })))
        .status,
    ).toBe(404);
    expect(
      (
        await thrown(
          loader({ request: request(a, "/app/privacy-record/x"), params: { id: "../../etc/passwd" }, context: {} }),
        )
      ).status,
    ).toBe(404);
  });

  it("refuses a request without a session token", async () => {
    const { loader } = await import("../../app/routes/app.privacy-record.$id");
    const res = await thrown(
      loader({
        request: new Request(`${APP}/app/privacy-record/${requestRowId}`),
        params: { id: requestRowId },
        context: {},
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).not.toBe(200);
  });
});
