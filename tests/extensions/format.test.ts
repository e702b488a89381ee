import { describe, expect, it } from "vitest";
import { giveGet, makeFormat, rules, shareLinks } from "../../extensions/shared/format";
import { advocate, localeI18n, program } from "./support";

// The program's rules in plain words and the offer line, for every kind of offer and
// reward, through the account page's English texts and Intl formatting.
const f = makeFormat({ i18n: localeI18n("referral-account-page", "en").i18n });
const eur = (value: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(value);

describe("extension texts: rules and offer", () => {
  it("a percentage reward and store credit read as such", () => {
    expect(rules(program({ advocateReward: { type: "percentage", value: "12.5" } }), f)).toContain(
      "You get 12.5% off your next order for every friend who orders.",
    );
    expect(rules(program({ advocateReward: { type: "store_credit", value: "7.50" } }), f)).toContain(
      `You get ${eur(7.5)} in store credit for every friend who orders.`,
    );
    expect(giveGet(program({ advocateReward: { type: "percentage", value: "5" } }), f)).toBe("Give 15%, get 5%");
  });

  it("a fixed friend offer, no minimum, no delay, one milestone of one friend", () => {
    const sentences = rules(
      program({
        friendOffer: { type: "fixed_amount", value: "5.00" },
        minimumSubtotal: null,
        rewardDelayDays: 0,
        milestones: [{ count: 1, reward: "3.00" }],
      }),
      f,
    );
    expect(sentences).toEqual([
      `Your friends get ${eur(5)} off their first order.`,
      `You get a ${eur(10)} discount code for every friend who orders.`,
      `Bonus: ${eur(3)} once 1 friend qualifies.`,
    ]);
  });

  it("a program without a friend offer invites friends instead", () => {
    const none = program({ friendOffer: { type: "none", value: "0" } });
    expect(rules(none, f)[0]).toBe("Invite your friends to discover our shop.");
    expect(giveGet(none, f)).toBe(`Share our shop, get ${eur(10)}`);
  });

  it("share links carry the message and the link, encoded", () => {
    const links = Object.fromEntries(shareLinks(advocate(), "Subject & more").map((l) => [l.network, l.url]));
    expect(Object.keys(links)).toEqual(["email", "whatsapp", "telegram", "facebook", "x"]);
    expect(links.email.startsWith("mailto:?subject=Subject%20%26%20more&body=")).toBe(true);
    expect(decodeURIComponent(links.whatsapp.split("text=")[1])).toBe(`${advocate().shareMessage} ${advocate().link}`);
  });
});
