import { beforeAll, describe, expect, it, vi } from "vitest";
import db from "../../app/db.server";
import { APP, adminRequest as request, thrown } from "../support/admin-requests";
import { mintSessionToken } from "../../simulator/app-bridge-stub";
import { seedDemoShop, type SeededShop } from "../../scripts/demo/seed";

let a: SeededShop;
let b: SeededShop;

const statusOf = (r: unknown) => (r as { init?: { status?: number } })?.init?.status ?? 200;
const dataOf = (r: unknown) =>
  ((r as { type?: string }).type === "DataWithResponseInit" ? (r as { data: unknown }).data : r) as Record<
    string,
    unknown
  >;

beforeAll(async () => {
  a = await seedDemoShop(db, { shop: "routes-a.myshopify.com", accessToken: "tok-a", label: "ra" });
  b = await seedDemoShop(db, { shop: "routes-b.myshopify.com", accessToken: "tok-b", label: "rb" });
});

describe("admin routes", () => {
  it("refuses a request without a session token", async () => {
    const { loader } = await import("../../app/routes/app.referrals._index");
    const res = await thrown(loader({ request: new Request(`${APP}/app/referrals`), params: {}, context: {} }));
    expect(res.status).toBeGreaterThanOrEqual(300);
  });

  it("help page gives the operator's support contact from SUPPORT_EMAIL and SUPPORT_URL", async () => {
    const { reloadConfig } = await import("../../app/config.server");
    const { loader } = await import("../../app/routes/app.help");
    process.env.SUPPORT_EMAIL = "help@operator.example";
    process.env.SUPPORT_URL = "https://operator.example/help";
    reloadConfig();
    try {
      const data = (await loader({ request: request(a.shop, "/app/help"), params: {}, context: {} })) as {
        support: { email: string | null; url: string | null };
      };
      expect(data.support).toEqual({ email: "help@operator.example", url: "https://operator.example/help" });
    } finally {
      delete process.env.SUPPORT_EMAIL;
      delete process.env.SUPPORT_URL;
      reloadConfig();
    }
  });

  it("logs the Admin Web Vitals App Bridge reports, refusing what is not a report", async () => {
    const { action } = await import("../../app/routes/app.web-vitals");
    const post = (body: string) =>
      action({
        request: new Request(`${APP}/app/web-vitals`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${mintSessionToken(a.shop, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!)}`,
            "Content-Type": "application/json",
          },
          body,
        }),
        params: {},
        context: {},
      });
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    try {
      const ok = await post(
        JSON.stringify({
          path: "/app/referrals",
          metrics: [
            { id: "v1", name: "LCP", value: 812.345 },
            { id: "v2", name: "CLS", value: 0.02 },
            { id: "v3", name: "<script>", value: 1 },
          ],
        }),
      );
      expect(ok.status).toBe(204);
      expect(info).toHaveBeenCalledWith(`web-vitals shop=${a.shop} path=/app/referrals LCP=812.345 CLS=0.02`);
      expect((await post("not json")).status).toBe(400);
      expect((await post(JSON.stringify({ metrics: [{ name: "LCP", value: "fast" }] }))).status).toBe(400);
      expect((await post("x".repeat(9000))).status).toBe(413);
    } finally {
      info.mockRestore();
    }
  });

  it("shows a referral of the shop and answers 404 for another shop's id", async () => {
    const { loader } = await import("../../app/routes/app.referrals.$id");
    const own = a.referralIds.accepted[0];
    const ok = (await loader({
      request: request(a.shop, `/app/referrals/${own}`),
      params: { id: own },
      context: {},
    })) as { referral: { id: string } };
    expect(ok.referral.id).toBe(own);
    const other = b.referralIds.accepted[0];
    expect(
      (
        await thrown(
          loader({ request: request(a.shop, `/app/referrals/${other}`), params: { id: other }, context: {} }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await thrown(loader({ request: request(a.shop, "/app/referrals/x"), params: { id: "../../etc" }, context: {} })))
        .status,
    ).toBe(404);
  });

  it("never decides another shop's held referral, and decides its own", async () => {
    const { action } = await import("../../app/routes/app.review");
    const foreign = b.heldReferralIds[0];
    const refused = await action({
      request: request(a.shop, "/app/review", { intent: "approve", ids: [foreign] }),
      params: {},
      context: {},
    });
    expect(statusOf(refused)).toBe(404);
    expect((await db.referral.findUnique({ where: { id: foreign } }))?.status).toBe("held");

    const bad = await action({
      request: request(a.shop, "/app/review", { intent: "explode", ids: [a.heldReferralIds[0]] }),
      params: {},
      context: {},
    });
    expect(statusOf(bad)).toBe(400);
    const none = await action({
      request: request(a.shop, "/app/review", { intent: "approve" }),
      params: {},
      context: {},
    });
    expect(statusOf(none)).toBe(400);

    const own = a.heldReferralIds[0];
    const done = await action({
      request: request(a.shop, "/app/review", { intent: "reject", ids: [own], note: "coupon site" }),
      params: {},
      context: {},
    });
    expect(dataOf(done)).toMatchObject({ ok: true });
    expect((await db.referral.findUnique({ where: { id: own } }))?.status).toBe("rejected");
    const again = await action({
      request: request(a.shop, "/app/review", { intent: "approve", ids: [own] }),
      params: {},
      context: {},
    });
    expect(statusOf(again)).toBe(409);
  });

  it("refuses invalid settings field by field and changes nothing", async () => {
    const { action } = await import("../../app/routes/app.settings");
    const before = await db.programSettings.findUnique({ where: { shop: a.shop } });
    const res = await action({
      request: request(a.shop, "/app/settings", {
        enabled: "true",
        currencyCode: "usd",
        friendOfferType: "percentage",
        friendPercent: "150",
        rewardType: "fixed_amount",
        rewardAmount: "-5",
        rewardDelayDays: "14",
        milestones: "5:x",
        orderTag: "referral",
        customerTag: "ok",
      }),
      params: {},
      context: {},
    });
    expect(statusOf(res)).toBe(400);
    const errors = dataOf(res).errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(["friendPercent", "milestones", "rewardAmount"]);
    const after = await db.programSettings.findUnique({ where: { shop: a.shop } });
    expect(after?.updatedAt.getTime()).toBe(before?.updatedAt.getTime());
  });

  it("retries and voids only the shop's own rewards", async () => {
    const { action } = await import("../../app/routes/app.rewards");
    const foreign = b.rewardIds.failed[0];
    const refused = await action({
      request: request(a.shop, "/app/rewards", { intent: "retry", id: foreign }),
      params: {},
      context: {},
    });
    expect(statusOf(refused)).toBe(404);
    expect((await db.reward.findUnique({ where: { id: foreign } }))?.state).toBe("failed");
    const own = a.rewardIds.failed[0];
    const ok = await action({
      request: request(a.shop, "/app/rewards", { intent: "retry", id: own }),
      params: {},
      context: {},
    });
    expect(dataOf(ok)).toMatchObject({ ok: true });
    expect((await db.reward.findUnique({ where: { id: own } }))?.state).toBe("pending");
    const wrong = await action({
      request: request(a.shop, "/app/rewards", {
        intent: "void",
        id: a.rewardIds.pending?.[0] ?? own,
        note: "x".repeat(10),
      }),
      params: {},
      context: {},
    });
    expect([200, 409]).toContain(statusOf(wrong));
  });

  it("bans only the shop's own advocates", async () => {
    const { action } = await import("../../app/routes/app.advocates.$id");
    const foreign = b.advocates[2].id;
    expect(
      (
        await thrown(
          action({
            request: request(a.shop, `/app/advocates/${foreign}`, { intent: "ban" }),
            params: { id: foreign },
            context: {},
          }),
        )
      ).status,
    ).toBe(404);
    expect((await db.advocate.findUnique({ where: { id: foreign } }))?.status).toBe("active");
  });

  it("streams the CSV export for the shop", async () => {
    const { loader } = await import("../../app/routes/app.export-csv");
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const res = await loader({
      request: request(a.shop, `/app/export-csv?kind=referrals&from=${from}&to=${today}`),
      params: {},
      context: {},
    });
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toContain(`referrals-${from}-to-${today}.csv`);
    const text = await res.text();
    expect(text.trim().split("\r\n")).toHaveLength(41);
    const bad = await loader({
      request: request(a.shop, "/app/export-csv?kind=orders&from=2000-01-01&to=1999-01-01"),
      params: {},
      context: {},
    });
    expect(bad.status).toBe(400);
  });
});
