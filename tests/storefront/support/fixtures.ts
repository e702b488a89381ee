/**
 * Payloads of GET /apps/referrals/api/me as the app sends them (contract in the block's brief).
 * Money is always a decimal string; the block must format it, never compute with it.
 */
export type Program = {
  enabled: boolean;
  currencyCode: string;
  friendOffer: { type: "percentage" | "fixed_amount" | "none"; value: string };
  advocateReward: { type: "fixed_amount" | "percentage" | "store_credit"; value: string };
  minimumSubtotal: string | null;
  rewardDelayDays: number;
  milestones: { count: number; reward: string }[];
  rewardFromReferral: number;
  tiers: { level: number; from: number; reward: RewardValue }[];
};

export type RewardValue = { type: "fixed_amount" | "percentage" | "store_credit"; value: string };

export type RewardStatus = "available" | "used" | "expired" | "pending" | "voided";

export type Advocate = {
  code: string;
  link: string;
  directLink: string;
  shareMessage: string;
  stats: { clicks: number; referred: number; qualified: number };
  totals: { earned: string; available: string; pending: string };
  rewards: {
    code: string;
    amount: string;
    status: RewardStatus;
    expiresAt: string | null;
    availableAt: string | null;
  }[];
  nextMilestone: null | { count: number; remaining: number; reward: string };
  tier: null | {
    level: number;
    levels: number;
    reward: RewardValue;
    next: null | { level: number; from: number; remaining: number; reward: RewardValue };
  };
  banned: boolean;
};

export type MePayload = { loggedIn: boolean; program: Program; advocate: Advocate | null };

export const program = (over: Partial<Program> = {}): Program => ({
  enabled: true,
  currencyCode: "EUR",
  friendOffer: { type: "percentage", value: "10" },
  advocateReward: { type: "fixed_amount", value: "10.00" },
  minimumSubtotal: "50.00",
  rewardDelayDays: 14,
  milestones: [{ count: 5, reward: "25.00" }],
  rewardFromReferral: 1,
  tiers: [],
  ...over,
});

export const advocate = (over: Partial<Advocate> = {}): Advocate => ({
  code: "ANNA-7K3Q",
  link: "https://shop.example/apps/referrals/r/ANNA-7K3Q",
  directLink: "https://shop.example/discount/ANNA-7K3Q?redirect=/",
  shareMessage: "Get 10% off your first order with my code ANNA-7K3Q",
  stats: { clicks: 1234, referred: 3, qualified: 2 },
  totals: { earned: "1234.50", available: "10.00", pending: "10.00" },
  rewards: [
    {
      code: "RWD-ABCD-EFGH",
      amount: "10.00",
      status: "available",
      expiresAt: "2027-01-15T12:00:00Z",
      availableAt: null,
    },
    {
      code: "RWD-PEND-0002",
      amount: "10.00",
      status: "pending",
      expiresAt: null,
      availableAt: "2026-08-20T12:00:00Z",
    },
    {
      code: "RWD-USED-0003",
      amount: "1214.50",
      status: "used",
      expiresAt: null,
      availableAt: null,
    },
    {
      code: "RWD-EXPD-0004",
      amount: "5.00",
      status: "expired",
      expiresAt: "2025-01-01T00:00:00Z",
      availableAt: null,
    },
    {
      code: "RWD-VOID-0005",
      amount: "10.00",
      status: "voided",
      expiresAt: null,
      availableAt: null,
    },
  ],
  nextMilestone: { count: 5, remaining: 3, reward: "25.00" },
  tier: null,
  banned: false,
  ...over,
});

export const loggedIn = (p: Partial<Program> = {}, a: Partial<Advocate> = {}): MePayload => ({
  loggedIn: true,
  program: program(p),
  advocate: advocate(a),
});

export const loggedOut = (p: Partial<Program> = {}): MePayload => ({
  loggedIn: false,
  program: program(p),
  advocate: null,
});
