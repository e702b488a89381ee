/**
 * Where a referral link lands (app/referrals/links.ts), and the click endpoint that sends
 * visitors there: a two-sided program lands on Shopify's /discount/CODE link (carrying the
 * code on to the home page for the tracking embed), a one-sided program, whose friend code
 * is not valid in Shopify, on the home page with ?referral_code=CODE. Known and unknown
 * codes get the same answer in both, so codes cannot be probed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { directLink, landingPath, referralLink, REFERRAL_PARAM, trackedHomePath } from "../../app/referrals/links";
import { freshIp, proxyGet } from "../security/support";
import { enrollCustomer, installShop, startWorld, type World } from "../support/world";

const ONE_SIDED = { friendOfferType: "none" };
const TWO_SIDED = { friendOfferType: "percentage" };

describe("landingPath (pure)", () => {
  it("one-sided: the home page with the code for the tracking embed", () => {
    expect(landingPath("ANNA-7K3QX9PD", ONE_SIDED)).toBe("/?referral_code=ANNA-7K3QX9PD");
    expect(trackedHomePath("ANNA-7K3QX9PD")).toBe(`/?${REFERRAL_PARAM}=ANNA-7K3QX9PD`);
  });

  it("two-sided: Shopify's discount link, redirecting to the same tracked home page", () => {
    const path = landingPath("ANNA-7K3QX9PD", TWO_SIDED);
    expect(path).toBe("/discount/ANNA-7K3QX9PD?redirect=%2F%3Freferral_code%3DANNA-7K3QX9PD");
    // what Shopify reads from it: the code, then a path on the shop with the parameter
    const url = new URL(path, "https://shop.example");
    expect(url.searchParams.get("redirect")).toBe(trackedHomePath("ANNA-7K3QX9PD"));
    expect(landingPath("ANNA-7K3QX9PD", { friendOfferType: "fixed_amount" })).toBe(path);
  });

  it("shared and direct links are built from the same rule", () => {
    expect(referralLink("s.myshopify.com", "ANNA-7K3QX9PD")).toBe(
      "https://s.myshopify.com/apps/referrals/r/ANNA-7K3QX9PD",
    );
    expect(directLink("s.myshopify.com", "ANNA-7K3QX9PD", ONE_SIDED)).toBe(
      "https://s.myshopify.com/?referral_code=ANNA-7K3QX9PD",
    );
    expect(directLink("s.myshopify.com", "ANNA-7K3QX9PD", TWO_SIDED)).toBe(
      `https://s.myshopify.com${landingPath("ANNA-7K3QX9PD", TWO_SIDED)}`,
    );
  });
});

describe("GET /apps/referrals/r/CODE through the signed proxy", () => {
  let world: World;
  let oneSided: string;
  let twoSided: string;
  let codeOne: string;
  let codeTwo: string;

  beforeAll(async () => {
    world = await startWorld();
    oneSided = await installShop(world.sim, { friendOfferType: "none", friendPercent: "" });
    twoSided = await installShop(world.sim);
    codeOne = (
      await enrollCustomer(world.sim, oneSided, { email: "anna@one.example", firstName: "Anna", lastName: "One" })
    ).advocate.code;
    codeTwo = (
      await enrollCustomer(world.sim, twoSided, { email: "anna@two.example", firstName: "Anna", lastName: "Two" })
    ).advocate.code;
  });
  afterAll(async () => {
    await world?.stop();
  });
  beforeEach(async () => {
    const { resetRateLimits } = await import("../../app/storefront/rate-limit.server");
    await resetRateLimits();
  });

  const click = (shop: string, code: string) =>
    proxyGet(world.app.url, `/proxy/r/${encodeURIComponent(code)}`, { shop, ip: freshIp() });
  const shape = async (res: Response) => ({
    status: res.status,
    location: res.headers.get("location")?.replace(/(^|\/|=|%3D)[A-Z0-9]+-[A-Z0-9]+/g, "$1CODE"),
    headers: [...res.headers.keys()].filter((h) => !["date", "location"].includes(h)).sort(),
    body: await res.text(),
  });

  it("one-sided: known, unknown and lower-case codes all land on the tracked home page, alike", async () => {
    const { default: db } = await import("../../app/db.server");
    const before = (await db.advocate.findFirstOrThrow({ where: { shop: oneSided, code: codeOne } })).clicks;
    const known = await click(oneSided, codeOne);
    expect(known.headers.get("location")).toBe(`/?referral_code=${codeOne}`);
    const knownShape = await shape(known);
    expect(knownShape).toMatchObject({ status: 302, location: "/?referral_code=CODE", body: "" });
    const unknown = "ANNA-ZZZZZZZZ";
    expect((await click(oneSided, unknown)).headers.get("location")).toBe(`/?referral_code=${unknown}`);
    expect(await shape(await click(oneSided, unknown))).toEqual(knownShape);
    expect(await shape(await click(oneSided, codeOne.toLowerCase()))).toEqual(knownShape);
    expect(await shape(await click(oneSided, codeTwo))).toEqual(knownShape); // another shop's code
    // the known code's clicks were counted (twice: upper and lower case), nothing else
    await (await import("../../app/lib/after-response.server")).settleAfterResponse(); // counted after the answers
    expect((await db.advocate.findFirstOrThrow({ where: { shop: oneSided, code: codeOne } })).clicks).toBe(before + 2);
  });

  it("two-sided: known and unknown codes land on /discount/CODE, which redirects to the tracked home page", async () => {
    const known = await click(twoSided, codeTwo);
    expect(known.headers.get("location")).toBe(landingPath(codeTwo, TWO_SIDED));
    const knownShape = await shape(known);
    expect(knownShape).toMatchObject({ status: 302, location: "/discount/CODE?redirect=%2F%3Freferral_code%3DCODE" });
    expect(await shape(await click(twoSided, "ANNA-ZZZZZZZZ"))).toEqual(knownShape);
    expect(await shape(await click(twoSided, codeOne))).toEqual(knownShape);
  });

  it("a code that could never exist goes to the bare home page in both programs", async () => {
    for (const shop of [oneSided, twoSided]) {
      const res = await click(shop, "<x>");
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
  });

  it("the advocate's block gets a direct link with the same destination as the shared one", async () => {
    const { advocateView } = await import("../../app/storefront/advocate-view.server");
    const { default: db } = await import("../../app/db.server");
    for (const [shop, code, program] of [
      [oneSided, codeOne, ONE_SIDED],
      [twoSided, codeTwo, TWO_SIDED],
    ] as const) {
      const advocate = await db.advocate.findFirstOrThrow({ where: { shop, code } });
      const view = await advocateView(shop, advocate.customerId);
      expect(view.advocate?.link).toBe(referralLink(shop, code));
      expect(view.advocate?.directLink).toBe(directLink(shop, code, program));
    }
  });
});
