// Demo data for the admin, written straight to the database with Prisma: a shop with
// advocates, referrals in every status (with reasons and history), rewards in every
// state and the DailyStat rows the engine would have kept. Deterministic (no clock or
// random input beyond `now`), so screenshots and assertions are stable. Used by
// `npm run demo` (scripts/demo.ts, which then adds live referrals through the engine)
// and by the admin tests.
import type { Db } from "../../app/db.server";

const DAY = 86_400_000;

export interface SeedOptions {
  shop: string;
  /** the offline token the app uses for Shopify (from the simulator's seedShop) */
  accessToken: string;
  scopes?: string;
  now?: Date;
  /** an existing friend discount (from activateProgram); a made-up id otherwise */
  friendDiscountId?: string | null;
  /** a tag to keep several shops' rows apart in names and codes */
  label?: string;
  /** the Shopify customer ids (legacy numeric) of the advocates, in DEMO_PEOPLE order; made up otherwise */
  customerIds?: string[];
  /**
   * A friend named like a spreadsheet formula, for the tests of the CSV guard (default
   * on); the showcase shop of `npm run demo` leaves it out.
   */
  hostileStrings?: boolean;
}

export interface SeededShop {
  shop: string;
  advocates: { id: string; code: string; email: string; name: string }[];
  heldReferralIds: string[];
  referralIds: Record<string, string[]>;
  rewardIds: Record<string, string[]>;
  /** a friend name built to be a spreadsheet formula, for the CSV guard */
  formulaFriendName: string;
}

/** The advocates of the demo shop, in order (first and last name). */
/** How many referral orders seedDemoShop creates (#1001 on): a shop's next order number follows them. */
export const SEEDED_ORDERS = 40;

export const DEMO_PEOPLE = [
  ["Anna", "Berg"],
  ["Boris", "Petrov"],
  ["Chloe", "Martin"],
  ["Dmitri", "Ivanov"],
  ["Ewa", "Nowak"],
  ["Frank", "Zed"],
] as const;

const FRIENDS = [
  "Greta Lind",
  "Hugo Sand",
  "Ines Faro",
  "Jonas Berg",
  "Kira Volk",
  "Liam Hart",
  "Mila Roth",
  "Nils Ek",
  "Olga Sova",
  "Pavel Krol",
];

/** The email of a demo advocate (the simulator's customer has the same). */
export function demoEmail(firstName: string, label = ""): string {
  return `${firstName.toLowerCase()}${label}@example.com`;
}

/** The minimum a shop needs to open the admin: an offline session and its Shop row. */
export async function seedSession(db: Db, shop: string, accessToken: string, scopes = "") {
  await db.session.upsert({
    where: { id: `offline_${shop}` },
    create: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: scopes },
    update: { accessToken, scope: scopes },
  });
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, name: shop.split(".")[0], scopes },
    update: { uninstalledAt: null },
  });
}

export async function seedDemoShop(db: Db, opts: SeedOptions): Promise<SeededShop> {
  const { shop } = opts;
  const now = opts.now ?? new Date();
  const label = opts.label ?? "";
  await seedSession(db, shop, opts.accessToken, opts.scopes);
  await db.programSettings.upsert({
    where: { shop },
    create: {
      shop,
      enabled: true,
      friendDiscountId: opts.friendDiscountId ?? `gid://shopify/DiscountCodeNode/${label || "1"}`,
      friendDiscountSynced: true,
      shareMessage: "I love this shop, here is 10% off your first order!",
    },
    update: { enabled: true, ...(opts.friendDiscountId ? { friendDiscountId: opts.friendDiscountId } : {}) },
  });

  const advocates = [];
  for (let i = 0; i < DEMO_PEOPLE.length; i++) {
    const [firstName, lastName] = DEMO_PEOPLE[i];
    const code = `${firstName.toUpperCase()}${label.toUpperCase()}-${String(1000 + i)}`;
    const a = await db.advocate.create({
      data: {
        shop,
        customerId: opts.customerIds?.[i] ?? String(9000 + i),
        code,
        email: demoEmail(firstName, label),
        firstName,
        lastName,
        clicks: 40 - i * 5,
        createdAt: new Date(now.getTime() - (90 - i) * DAY),
      },
    });
    advocates.push({ id: a.id, code: a.code, email: a.email!, name: `${firstName} ${lastName}` });
  }

  const formulaFriendName = '=HYPERLINK("http://evil.example","click")';
  const hostile = opts.hostileStrings ?? true;
  const notAfterNow = (date: Date) => (date > now ? now : date);
  const statuses = [
    "accepted",
    "accepted",
    "accepted",
    "held",
    "accepted",
    "blocked",
    "accepted",
    "rejected",
    "accepted",
    "voided",
  ] as const;
  const referralIds: Record<string, string[]> = {};
  const heldReferralIds: string[] = [];
  const qualified = new Map<string, number>();
  const earned = new Map<string, number>();
  const referred = new Map<string, number>();
  const daily = new Map<
    string,
    {
      referrals: number;
      accepted: number;
      held: number;
      blocked: number;
      voided: number;
      referredRevenueMinor: number;
      rewardsIssued: number;
      rewardCostMinor: number;
    }
  >();
  const bump = (date: Date, k: keyof ReturnType<typeof emptyDay>, n: number) => {
    const day = date.toISOString().slice(0, 10);
    const d = daily.get(day) ?? emptyDay();
    d[k] += n;
    daily.set(day, d);
  };
  const rewardIds: Record<string, string[]> = {};

  // 40 referrals over the last 56 days; advocates 0 and 1 bring most (the 80/20 of referral programs).
  for (let i = 0; i < SEEDED_ORDERS; i++) {
    const status = statuses[i % statuses.length];
    const advocate = advocates[i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : (i % 4) + 2];
    const createdAt = new Date(now.getTime() - (56 - i * 1.4) * DAY);
    // Friends 0 and 1 come back with a second referral row: repeat purchasers.
    const friendIdx = i < 38 ? i : i - 38;
    const person = DEMO_PEOPLE[advocates.indexOf(advocate)];
    // The data each rule looks at is what the rule says: a held friend's mailbox is the
    // advocate's with digits added, a blocked friend used the advocate's own email, and a
    // rejected friend has a name one letter longer than the advocate's.
    const friendName =
      status === "rejected"
        ? `${person[0]} ${person[1]}a`
        : i === 5 && hostile
          ? formulaFriendName
          : FRIENDS[friendIdx % FRIENDS.length];
    const subtotalMinor = 4000 + ((i * 1379) % 9000);
    const friendEmail =
      status === "held"
        ? `${advocate.email.split("@")[0]}${1900 + i}@example.net`
        : status === "blocked"
          ? advocate.email
          : `${
              friendName
                .split(" ")[0]
                .toLowerCase()
                .replace(/[^a-z]/g, "") || "friend"
            }${friendIdx}${label}@example.net`;
    // The engine's own words for what it found (app/referrals/attribution.ts).
    const reasons =
      status === "held"
        ? [{ rule: "similar_email", detail: "The friend's email looks like the advocate's." }]
        : status === "blocked"
          ? [{ rule: "self_referral", detail: "The friend's email is the advocate's email." }]
          : status === "rejected"
            ? [{ rule: "similar_name", detail: "The friend's name looks like the advocate's." }]
            : [];
    const r = await db.referral.create({
      data: {
        shop,
        advocateId: advocate.id,
        orderId: `${label}${5000 + i}`,
        orderName: `#${1001 + i}`,
        orderCreatedAt: createdAt,
        codeUsed: advocate.code,
        friendCustomerId: `${label}7${String(friendIdx).padStart(3, "0")}`,
        friendEmail,
        friendName,
        subtotalMinor,
        currencyCode: "USD",
        status,
        reasons: JSON.stringify(reasons),
        paidAt: status === "accepted" || status === "voided" ? createdAt : null,
        decidedAt: createdAt,
        createdAt,
      },
    });
    (referralIds[status] ??= []).push(r.id);
    if (status === "held") heldReferralIds.push(r.id);
    const recordedStatus = status === "rejected" ? "held" : status === "voided" ? "accepted" : status;
    await db.ledgerEvent.create({
      data: {
        shop,
        referralId: r.id,
        advocateId: advocate.id,
        type: `referral_${recordedStatus}`,
        toState: recordedStatus,
        reason: reasons.length
          ? reasons.map((x) => x.detail).join(" ")
          : `Order #${1001 + i} used code ${advocate.code}.`,
        createdAt,
      },
    });
    if (status === "rejected") {
      await db.ledgerEvent.create({
        data: {
          shop,
          referralId: r.id,
          advocateId: advocate.id,
          type: "referral_rejected",
          fromState: "held",
          toState: "rejected",
          reason: "Looks like a coupon site.",
          actor: "staff:1",
          createdAt: new Date(createdAt.getTime() + 3600_000),
        },
      });
    }
    if (status === "voided") {
      await db.ledgerEvent.create({
        data: {
          shop,
          referralId: r.id,
          advocateId: advocate.id,
          type: "referral_voided",
          fromState: "accepted",
          toState: "voided",
          reason: "The order was refunded.",
          createdAt: notAfterNow(new Date(createdAt.getTime() + 2 * DAY)),
        },
      });
    }
    bump(createdAt, "referrals", 1);
    bump(createdAt, status === "rejected" ? "held" : status, status === "rejected" ? 0 : 1);
    if (status !== "blocked" && status !== "rejected") bump(createdAt, "referredRevenueMinor", subtotalMinor);
    if (status !== "blocked") referred.set(advocate.id, (referred.get(advocate.id) ?? 0) + 1);

    if (status === "accepted" || status === "voided") {
      // Reward states cycle so each one is on screen: issued (some used), pending, failed, voided.
      const n = Object.values(rewardIds).flat().length;
      const dueAt = new Date(createdAt.getTime() + 14 * DAY);
      const cycled =
        status === "voided" ? "voided" : (["issued", "issued", "pending", "failed", "issued", "held"] as const)[n % 6];
      // Nothing happens after today: a reward not yet due is still pending.
      const state = dueAt > now && (cycled === "issued" || cycled === "failed") ? "pending" : cycled;
      const usedAt = new Date(createdAt.getTime() + 20 * DAY);
      const amountMinor = 1000;
      const reward = await db.reward.create({
        data: {
          shop,
          advocateId: advocate.id,
          referralId: r.id,
          kind: "referral",
          rewardType: "fixed_amount",
          amountMinor,
          currencyCode: "USD",
          state,
          dueAt,
          cause: `referral:${r.id}`,
          code: `RWD-${label.toUpperCase()}${String(n).padStart(4, "0")}-TEST`,
          discountId: state === "issued" ? `gid://shopify/DiscountCodeNode/${label}${8000 + n}` : null,
          issuedAt: state === "issued" ? dueAt : null,
          usedAt: state === "issued" && n % 4 === 0 && usedAt <= now ? usedAt : null,
          voidedAt: state === "voided" ? notAfterNow(new Date(createdAt.getTime() + 2 * DAY)) : null,
          attempts: state === "failed" ? 6 : state === "issued" ? 1 : 0,
          lastError: state === "failed" ? "Shopify answered 502 Bad Gateway" : null,
          createdAt: new Date(createdAt.getTime() + 1000),
        },
      });
      (rewardIds[state] ??= []).push(reward.id);
      await db.ledgerEvent.create({
        data: {
          shop,
          rewardId: reward.id,
          referralId: r.id,
          advocateId: advocate.id,
          type: "reward_created",
          toState: "pending",
          reason: "Referral accepted.",
          createdAt: new Date(createdAt.getTime() + 1000),
        },
      });
      if (state === "issued") {
        await db.ledgerEvent.create({
          data: {
            shop,
            rewardId: reward.id,
            advocateId: advocate.id,
            type: "reward_issued",
            fromState: "pending",
            toState: "issued",
            reason: `Code ${reward.code}`,
            createdAt: reward.issuedAt!,
          },
        });
        bump(reward.issuedAt!, "rewardsIssued", 1);
        bump(reward.issuedAt!, "rewardCostMinor", amountMinor);
        earned.set(advocate.id, (earned.get(advocate.id) ?? 0) + amountMinor);
      }
      if (status === "accepted") qualified.set(advocate.id, (qualified.get(advocate.id) ?? 0) + 1);
    }
  }

  for (const a of advocates) {
    await db.advocate.update({
      where: { id: a.id },
      data: {
        qualifiedCount: qualified.get(a.id) ?? 0,
        earnedMinor: earned.get(a.id) ?? 0,
        referredCount: referred.get(a.id) ?? 0,
      },
    });
  }

  // Clicks on every day of the last 60, plus the referral counters above, for the dashboard.
  for (let d = 0; d < 60; d++) {
    const date = new Date(now.getTime() - d * DAY);
    bump(date, "referrals", 0);
  }
  for (const [day, counts] of daily) {
    const clicks = 5 + ((Number(day.slice(8, 10)) * 7) % 11);
    await db.dailyStat.upsert({
      where: { shop_day: { shop, day } },
      create: { shop, day, clicks, ...counts },
      update: { clicks, ...counts },
    });
  }

  return { shop, advocates, heldReferralIds, referralIds, rewardIds, formulaFriendName };
}

function emptyDay() {
  return {
    referrals: 0,
    accepted: 0,
    held: 0,
    blocked: 0,
    voided: 0,
    referredRevenueMinor: 0,
    rewardsIssued: 0,
    rewardCostMinor: 0,
  };
}
