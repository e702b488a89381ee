import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decideAttribution, type AttributionFacts } from "../../app/referrals/attribution";
import { canonicalEmail, isSimilar } from "../../app/referrals/similarity";

const base = (): AttributionFacts => ({
  programEnabled: true,
  advocate: {
    customerId: "1",
    email: "anna.k@example.com",
    firstName: "Anna",
    lastName: "Kowalska",
    status: "active",
    code: "ANNA-7K3QX9PD",
  },
  friend: { customerId: "2", email: "boris@example.org", firstName: "Boris", lastName: "Petrov" },
  orderCodes: ["ANNA-7K3QX9PD"],
  subtotalMinor: 5000,
  minimumSubtotalMinor: 0,
  friendHasEarlierOrders: false,
  friendAlreadyReferred: false,
  ordersFromSameIp: 0,
  advocateReferralsLastHour: 0,
  advocateReferralsLastDay: 0,
  distinctIpsLastDay: 0,
});

const rules = (f: AttributionFacts) => decideAttribution(f).reasons.map((r) => r.rule);

describe("attribution rules", () => {
  it("accepts an unrelated new friend", () => {
    expect(decideAttribution(base())).toEqual({ decision: "accepted", reasons: [] });
  });

  it.each([
    ["own code (same customer)", (f: AttributionFacts) => (f.friend.customerId = "1"), "self_referral"],
    ["same email under a +tag", (f: AttributionFacts) => (f.friend.email = "Anna.K+shop@example.com"), "self_referral"],
    [
      "same full name",
      (f: AttributionFacts) => ((f.friend.firstName = "anna"), (f.friend.lastName = "KOWALSKA")),
      "self_referral",
    ],
    ["already a customer", (f: AttributionFacts) => (f.friendHasEarlierOrders = true), "existing_customer"],
    ["already referred by someone", (f: AttributionFacts) => (f.friendAlreadyReferred = true), "already_referred"],
    ["below the minimum", (f: AttributionFacts) => (f.minimumSubtotalMinor = 5001), "below_minimum"],
    ["banned advocate", (f: AttributionFacts) => (f.advocate.status = "banned"), "advocate_banned"],
    ["program off", (f: AttributionFacts) => (f.programEnabled = false), "program_paused"],
  ])("blocks %s", (_, change, rule) => {
    const f = base();
    change(f);
    expect(decideAttribution(f).decision).toBe("blocked");
    expect(rules(f)).toContain(rule);
  });

  it.each([
    ["a similar email", (f: AttributionFacts) => (f.friend.email = "annak@example.net"), "similar_email"],
    [
      "a similar name",
      (f: AttributionFacts) => ((f.friend.firstName = "Ana"), (f.friend.lastName = "Kowalska")),
      "similar_name",
    ],
    ["a fourth order from one IP", (f: AttributionFacts) => (f.ordersFromSameIp = 3), "ip_reuse"],
    ["a burst from one advocate", (f: AttributionFacts) => (f.advocateReferralsLastHour = 5), "burst"],
    [
      "a code posted publicly",
      (f: AttributionFacts) => ((f.advocateReferralsLastDay = 12), (f.distinctIpsLastDay = 11)),
      "public_code",
    ],
  ])("holds %s for review", (_, change, rule) => {
    const f = base();
    change(f);
    expect(decideAttribution(f).decision).toBe("held");
    expect(rules(f)).toContain(rule);
  });

  it("lets three orders from one IP through and holds the fourth", () => {
    const f = base();
    f.ordersFromSameIp = 2;
    expect(decideAttribution(f).decision).toBe("accepted");
  });

  it("never accepts a friend whose canonical email is the advocate's", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,6}$/), (tag, _) => {
        const f = base();
        f.friend.email = `ANNA.K+${tag}@EXAMPLE.COM`;
        expect(decideAttribution(f).decision).toBe("blocked");
      }),
    );
  });

  it("is total: any facts give exactly one decision with reasons unless accepted", () => {
    fc.assert(
      fc.property(
        fc.record({
          friendEmail: fc.option(fc.emailAddress(), { nil: null }),
          first: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
          ip: fc.nat(10),
          hour: fc.nat(10),
          minimum: fc.nat(10_000),
          subtotal: fc.nat(10_000),
        }),
        (r) => {
          const f = base();
          f.friend.email = r.friendEmail;
          f.friend.firstName = r.first;
          f.ordersFromSameIp = r.ip;
          f.advocateReferralsLastHour = r.hour;
          f.minimumSubtotalMinor = r.minimum;
          f.subtotalMinor = r.subtotal;
          const { decision, reasons } = decideAttribution(f);
          expect(["accepted", "held", "blocked"]).toContain(decision);
          expect(decision === "accepted").toBe(reasons.length === 0);
        },
      ),
    );
  });

  it("canonicalises mailboxes the way providers deliver them", () => {
    expect(canonicalEmail("A.Nna+x@GoogleMail.com")).toBe("anna@gmail.com");
    expect(isSimilar("boris", "anna")).toBe(false);
  });
});
