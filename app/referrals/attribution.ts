import { canonicalEmail, canonicalName, isSimilar, mailboxStem } from "./similarity";

/**
 * The fraud rules of PRODUCT.md as one pure decision: blocked (never counted), held for
 * the owner's review, or accepted. Every rule that fires adds a reason, so the admin
 * and the customer can be told exactly why.
 */

export type Decision = "accepted" | "held" | "blocked";

export interface Reason {
  rule: string;
  detail: string;
}

export interface Person {
  customerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface AdvocateFacts extends Person {
  status: string;
  code: string;
}

export interface AttributionFacts {
  programEnabled: boolean;
  advocate: AdvocateFacts;
  friend: Person;
  /** codes on the order, upper case */
  orderCodes: string[];
  subtotalMinor: number;
  minimumSubtotalMinor: number;
  /** the friend had an order before this one */
  friendHasEarlierOrders: boolean;
  /** an earlier referral already credits someone for this friend */
  friendAlreadyReferred: boolean;
  /** referred orders already seen from this order's IP address */
  ordersFromSameIp: number;
  /** this advocate's referrals in the last hour */
  advocateReferralsLastHour: number;
  /** this advocate's referrals in the last 24 hours, and from how many distinct IPs */
  advocateReferralsLastDay: number;
  distinctIpsLastDay: number;
}

export const RULES = {
  maxOrdersPerIp: 3,
  burstPerHour: 5,
  publicCodePerDay: 10,
  publicCodeDistinctIps: 8,
} as const;

export function decideAttribution(f: AttributionFacts): { decision: Decision; reasons: Reason[] } {
  const blocked: Reason[] = [];
  const held: Reason[] = [];

  if (!f.programEnabled)
    blocked.push({ rule: "program_paused", detail: "The referral program was off when the order was placed." });
  if (f.advocate.status === "banned") blocked.push({ rule: "advocate_banned", detail: "The advocate is banned." });

  const friendEmail = canonicalEmail(f.friend.email);
  const advocateEmail = canonicalEmail(f.advocate.email);
  const friendName = canonicalName(f.friend.firstName, f.friend.lastName);
  const advocateName = canonicalName(f.advocate.firstName, f.advocate.lastName);

  if (f.friend.customerId && f.friend.customerId === f.advocate.customerId) {
    blocked.push({ rule: "self_referral", detail: "The advocate used their own code." });
  } else if (friendEmail && friendEmail === advocateEmail) {
    blocked.push({ rule: "self_referral", detail: "The friend's email is the advocate's email." });
  } else if (friendName && friendName === advocateName && friendName.includes(" ")) {
    blocked.push({ rule: "self_referral", detail: "The friend has the advocate's full name." });
  }
  if (f.friendHasEarlierOrders)
    blocked.push({
      rule: "existing_customer",
      detail: "The friend had ordered before, so this is not a new customer.",
    });
  if (f.friendAlreadyReferred)
    blocked.push({
      rule: "already_referred",
      detail: "The friend was already referred; the first advocate keeps the credit.",
    });
  if (f.subtotalMinor < f.minimumSubtotalMinor)
    blocked.push({ rule: "below_minimum", detail: "The order subtotal is below the program's minimum." });

  if (blocked.length > 0) return { decision: "blocked", reasons: blocked };

  const friendStem = mailboxStem(friendEmail);
  const advocateStem = mailboxStem(advocateEmail);
  if (isSimilar(friendStem, advocateStem, 4))
    held.push({ rule: "similar_email", detail: "The friend's email looks like the advocate's." });
  if (isSimilar(friendName, advocateName, 5))
    held.push({ rule: "similar_name", detail: "The friend's name looks like the advocate's." });
  if (f.ordersFromSameIp >= RULES.maxOrdersPerIp) {
    held.push({
      rule: "ip_reuse",
      detail: `More than ${RULES.maxOrdersPerIp} referred orders came from one IP address.`,
    });
  }
  if (f.advocateReferralsLastHour >= RULES.burstPerHour) {
    held.push({
      rule: "burst",
      detail: `More than ${RULES.burstPerHour} referrals from this advocate within an hour.`,
    });
  }
  if (f.advocateReferralsLastDay >= RULES.publicCodePerDay && f.distinctIpsLastDay >= RULES.publicCodeDistinctIps) {
    held.push({
      rule: "public_code",
      detail: "Many unrelated friends used this code within a day; it may be posted publicly.",
    });
  }
  if (held.length > 0) return { decision: "held", reasons: held };
  return { decision: "accepted", reasons: [] };
}
