import type { LocalMessage } from "../i18n/translate";
import { formatMinor, isKnownCurrency, parseMoney, sameAmountIn } from "../lib/money";
import { formatTiers, parseTiers, type Tier } from "./tiers";

export type FriendOfferType = "percentage" | "fixed_amount" | "none";
export type RewardType = "fixed_amount" | "percentage" | "store_credit";

export interface Milestone {
  /** successful referrals needed */
  count: number;
  /** extra reward at that count, minor units */
  amountMinor: number;
}

/** A shop's program, as the engine uses it. Money in minor units of currencyCode. */
export interface ProgramSettings {
  shop: string;
  enabled: boolean;
  currencyCode: string;
  friendOfferType: FriendOfferType;
  friendPercent: number;
  friendAmountMinor: number;
  rewardType: RewardType;
  rewardAmountMinor: number;
  rewardPercent: number;
  minimumSubtotalMinor: number;
  rewardDelayDays: number;
  rewardExpiryDays: number | null;
  milestones: Milestone[];
  maxRewardsPerAdvocate: number | null;
  /** bigger rewards for top advocates, ascending by `from` */
  tiers: Tier[];
  /** the first successful referral that earns a reward (1: every one) */
  rewardFromReferral: number;
  orderTag: string;
  customerTag: string;
  shareMessage: string;
  /** every customer becomes an advocate after their first paid order */
  autoEnroll: boolean;
  friendDiscountId: string | null;
  /** Advocate emails, each switched on its own (see emailSwitches for the defaults). */
  emailWelcome: boolean;
  /** null: the default, on when SMTP is configured */
  emailFriendOrdered: boolean | null;
  /** null: the default, on when SMTP is configured */
  emailRewardReady: boolean | null;
  /** store credit rewards: Shopify's own notification instead of the app's "reward ready" email */
  storeCreditShopifyNotify: boolean;
  emailExpiryReminder: boolean;
  /** the reminder goes this many days before an unused reward code expires */
  emailReminderDays: number;
}

export type EmailKind = "welcome" | "friend_ordered" | "reward_ready" | "expiry_reminder";
export const EMAIL_KINDS: readonly EmailKind[] = ["welcome", "friend_ordered", "reward_ready", "expiry_reminder"];

/**
 * Which emails are on. The two about a friend's order and a ready reward are on by
 * default once SMTP is configured; nothing is on without it (nothing could be sent).
 */
export function emailSwitches(
  s: Pick<ProgramSettings, "emailWelcome" | "emailFriendOrdered" | "emailRewardReady" | "emailExpiryReminder">,
  mailConfigured: boolean,
): Record<EmailKind, boolean> {
  return {
    welcome: mailConfigured && s.emailWelcome,
    friend_ordered: mailConfigured && (s.emailFriendOrdered ?? true),
    reward_ready: mailConfigured && (s.emailRewardReady ?? true),
    expiry_reminder: mailConfigured && s.emailExpiryReminder,
  };
}

/** The settings form as submitted: every value a string, exactly as typed. */
export type SettingsInput = Partial<Record<string, string>>;

/** Per field, the message (a key of app/locales) saying what to fix. */
export type FieldErrors = Partial<Record<string, LocalMessage>>;

export type SettingsUpdate = Omit<ProgramSettings, "shop" | "friendDiscountId">;

const FRIEND_TYPES: FriendOfferType[] = ["percentage", "fixed_amount", "none"];
const REWARD_TYPES: RewardType[] = ["fixed_amount", "percentage", "store_credit"];
const TAG_PATTERN = /^[\p{L}\p{N} _\-.:]{1,40}$/u;
export const MAX_SHARE_MESSAGE = 280;

/** The longest reward delay a program may set (days from payment to reward). */
export const MAX_REWARD_DELAY_DAYS = 365;

function wholeNumber(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d{1,6}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

/**
 * Validates the settings form. Nonsense (zero or negative amounts, percentages over
 * 100, unknown currencies, milestones out of order) is rejected field by field, and
 * nothing is half-applied: either every field is valid or the update is refused.
 */
export function validateSettings(
  input: SettingsInput,
): { ok: true; value: SettingsUpdate } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const currencyCode = (input.currencyCode ?? "").trim().toUpperCase();
  if (!isKnownCurrency(currencyCode)) errors.currencyCode = { key: "settings.errors.currency" };
  const currency = errors.currencyCode ? "USD" : currencyCode;

  const money = (field: string, { allowZero = false } = {}): number => {
    const raw = (input[field] ?? "").trim();
    const minor = parseMoney(raw, currency);
    if (minor === null) {
      errors[field] = raw.startsWith("-") ? { key: "settings.errors.negative" } : { key: "settings.errors.amount" };
      return 0;
    }
    if (!allowZero && minor === 0) errors[field] = { key: "settings.errors.positive" };
    return minor;
  };
  const percent = (field: string): number => {
    const n = wholeNumber(input[field], 1, 100);
    if (n === null) errors[field] = { key: "settings.errors.percent" };
    return n ?? 0;
  };

  const friendOfferType = input.friendOfferType as FriendOfferType;
  if (!FRIEND_TYPES.includes(friendOfferType)) errors.friendOfferType = { key: "settings.errors.friendOffer" };
  const friendPercent = friendOfferType === "percentage" ? percent("friendPercent") : 0;
  const friendAmountMinor = friendOfferType === "fixed_amount" ? money("friendAmount") : 0;

  const rewardType = input.rewardType as RewardType;
  if (!REWARD_TYPES.includes(rewardType)) errors.rewardType = { key: "settings.errors.reward" };
  const rewardPercent = rewardType === "percentage" ? percent("rewardPercent") : 0;
  const rewardAmountMinor = rewardType === "percentage" ? 0 : money("rewardAmount");

  const minimumSubtotalMinor =
    (input.minimumSubtotal ?? "").trim() === "" ? 0 : money("minimumSubtotal", { allowZero: true });

  const rewardDelayDays = wholeNumber(input.rewardDelayDays, 0, MAX_REWARD_DELAY_DAYS);
  if (rewardDelayDays === null) errors.rewardDelayDays = { key: "settings.errors.delay" };

  let rewardExpiryDays: number | null = null;
  if ((input.rewardExpiryDays ?? "").trim() !== "") {
    rewardExpiryDays = wholeNumber(input.rewardExpiryDays, 1, 3650);
    if (rewardExpiryDays === null) errors.rewardExpiryDays = { key: "settings.errors.expiry" };
  }

  let maxRewardsPerAdvocate: number | null = null;
  if ((input.maxRewardsPerAdvocate ?? "").trim() !== "") {
    maxRewardsPerAdvocate = wholeNumber(input.maxRewardsPerAdvocate, 1, 10000);
    if (maxRewardsPerAdvocate === null) errors.maxRewardsPerAdvocate = { key: "settings.errors.max" };
  }

  const milestones = parseMilestones(input.milestones ?? "", currency);
  if (!Array.isArray(milestones)) errors.milestones = milestones;

  const rewardFromReferral =
    (input.rewardFromReferral ?? "").trim() === "" ? 1 : wholeNumber(input.rewardFromReferral, 1, 1000);
  if (rewardFromReferral === null) errors.rewardFromReferral = { key: "settings.errors.rewardFrom" };
  const tiers = parseTiers(input.tiers ?? "", currency, rewardType, rewardFromReferral ?? 1);
  if (!Array.isArray(tiers)) errors.tiers = tiers;

  const orderTag = (input.orderTag ?? "").trim();
  if (!TAG_PATTERN.test(orderTag)) errors.orderTag = { key: "settings.errors.tag" };
  const customerTag = (input.customerTag ?? "").trim();
  if (!TAG_PATTERN.test(customerTag)) errors.customerTag = { key: "settings.errors.tag" };

  const emailReminderDays =
    (input.emailReminderDays ?? "").trim() === "" ? 7 : wholeNumber(input.emailReminderDays, 1, 365);
  if (emailReminderDays === null) errors.emailReminderDays = { key: "settings.errors.reminderDays" };

  const shareMessage = (input.shareMessage ?? "").trim();
  if (shareMessage.length > MAX_SHARE_MESSAGE)
    errors.shareMessage = { key: "settings.errors.message", vars: { max: MAX_SHARE_MESSAGE } };

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      enabled: input.enabled === "true" || input.enabled === "on",
      currencyCode,
      friendOfferType,
      friendPercent,
      friendAmountMinor,
      rewardType,
      rewardAmountMinor,
      rewardPercent,
      minimumSubtotalMinor,
      rewardDelayDays: rewardDelayDays!,
      rewardExpiryDays,
      milestones: milestones as Milestone[],
      maxRewardsPerAdvocate,
      tiers: tiers as Tier[],
      rewardFromReferral: rewardFromReferral!,
      orderTag,
      customerTag,
      shareMessage,
      // On unless the form says otherwise (an unchecked box is posted as "false").
      autoEnroll: input.autoEnroll === undefined || input.autoEnroll === "true" || input.autoEnroll === "on",
      emailWelcome: isOn(input.emailWelcome),
      emailFriendOrdered: switchOrDefault(input.emailFriendOrdered),
      emailRewardReady: switchOrDefault(input.emailRewardReady),
      storeCreditShopifyNotify: input.storeCreditShopifyNotify === undefined || isOn(input.storeCreditShopifyNotify),
      emailExpiryReminder: isOn(input.emailExpiryReminder),
      emailReminderDays: emailReminderDays!,
    },
  };
}

const isOn = (value: string | undefined) => value === "true" || value === "on";

/** A switch whose default depends on the setup: empty or absent keeps the default (null). */
const switchOrDefault = (value: string | undefined) =>
  value === undefined || value.trim() === "" ? null : isOn(value);

/**
 * Milestones as the form writes them: "5:25, 10:50" means an extra 25 at 5 successful
 * referrals and 50 at 10. Returns the message saying what is wrong instead.
 */
export const MAX_MILESTONES = 10;

export function parseMilestones(text: string, currency: string): Milestone[] | LocalMessage {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > MAX_MILESTONES) return { key: "settings.errors.milestonesMax", vars: { max: MAX_MILESTONES } };
  const out: Milestone[] = [];
  for (const part of parts) {
    const match = /^(\d{1,5})\s*:\s*(\S+)$/.exec(part);
    if (!match) return { key: "settings.errors.milestoneFormat", vars: { text: part.slice(0, 30) } };
    const count = Number(match[1]);
    const amountMinor = parseMoney(match[2], currency);
    if (count < 1) return { key: "settings.errors.milestoneCount" };
    if (amountMinor === null || amountMinor === 0) return { key: "settings.errors.milestoneAmount", vars: { count } };
    if (out.some((m) => m.count === count)) return { key: "settings.errors.milestoneTwice", vars: { count } };
    out.push({ count, amountMinor });
  }
  return out.sort((a, b) => a.count - b.count);
}

export function formatMilestones(milestones: Milestone[], currency: string): string {
  return milestones.map((m) => `${m.count}:${formatMinor(m.amountMinor, currency)}`).join(", ");
}

/** The program's amounts: what changes when they are written in another currency. */
export type ProgramAmounts = Pick<
  ProgramSettings,
  "friendAmountMinor" | "rewardAmountMinor" | "minimumSubtotalMinor" | "milestones" | "tiers"
>;

/**
 * The program's amounts with the same written numbers in the shop's new currency (10.50
 * stays 10.50): what Shopify does with prices and with the friend discount's amount when
 * a store's currency changes. Nothing is converted at an exchange rate; a currency with
 * fewer decimals rounds half up to its minor unit (10.50 USD -> 11 JPY).
 */
export function programAmountsIn(amounts: ProgramAmounts, from: string, to: string): ProgramAmounts {
  const same = (minor: number) => sameAmountIn(minor, from, to);
  return {
    friendAmountMinor: same(amounts.friendAmountMinor),
    rewardAmountMinor: same(amounts.rewardAmountMinor),
    minimumSubtotalMinor: same(amounts.minimumSubtotalMinor),
    milestones: amounts.milestones.map((m) => ({ ...m, amountMinor: same(m.amountMinor) })),
    tiers: amounts.tiers.map((t) => ({ ...t, amountMinor: same(t.amountMinor) })),
  };
}

/** The settings as the form shows them (strings), so a page can prefill its fields. */
export function settingsToInput(s: ProgramSettings): Record<string, string> {
  return {
    enabled: String(s.enabled),
    currencyCode: s.currencyCode,
    friendOfferType: s.friendOfferType,
    friendPercent: String(s.friendPercent || 10),
    friendAmount: formatMinor(s.friendAmountMinor, s.currencyCode),
    rewardType: s.rewardType,
    rewardAmount: formatMinor(s.rewardAmountMinor, s.currencyCode),
    rewardPercent: String(s.rewardPercent || 10),
    minimumSubtotal: s.minimumSubtotalMinor ? formatMinor(s.minimumSubtotalMinor, s.currencyCode) : "",
    rewardDelayDays: String(s.rewardDelayDays),
    rewardExpiryDays: s.rewardExpiryDays === null ? "" : String(s.rewardExpiryDays),
    maxRewardsPerAdvocate: s.maxRewardsPerAdvocate === null ? "" : String(s.maxRewardsPerAdvocate),
    milestones: formatMilestones(s.milestones, s.currencyCode),
    tiers: formatTiers(s.tiers, s.currencyCode, s.rewardType),
    rewardFromReferral: String(s.rewardFromReferral),
    orderTag: s.orderTag,
    customerTag: s.customerTag,
    shareMessage: s.shareMessage,
    autoEnroll: String(s.autoEnroll),
    emailWelcome: String(s.emailWelcome),
    emailFriendOrdered: s.emailFriendOrdered === null ? "" : String(s.emailFriendOrdered),
    emailRewardReady: s.emailRewardReady === null ? "" : String(s.emailRewardReady),
    storeCreditShopifyNotify: String(s.storeCreditShopifyNotify),
    emailExpiryReminder: String(s.emailExpiryReminder),
    emailReminderDays: String(s.emailReminderDays),
  };
}
