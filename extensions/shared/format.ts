import type { AdvocateView, ProgramView, RewardValue } from "./types";

/**
 * Texts, money and dates through `shopify.i18n`, so they follow the buyer's language and
 * locale. Money comes from the app as decimal strings; Number() here only feeds the
 * formatter and is never computed with.
 */

type Vars = Record<string, string | number>;

/** What the extensions use of `shopify.i18n` (the same on customer account pages and in checkout). */
export interface I18nApi {
  i18n: {
    translate(key: string, options?: Vars): unknown;
    formatCurrency(value: number, options?: Intl.NumberFormatOptions): string;
    formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
    formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
  };
}

export interface Format {
  /** a text of the extension's locale file; `count` picks the plural form */
  t(key: string, vars?: Vars): string;
  money(value: string, currencyCode: string): string;
  percent(value: string): string;
  number(value: number): string;
  date(iso: string): string;
}

export function makeFormat(api: I18nApi): Format {
  const { i18n } = api;
  return {
    t: (key, vars) => String(i18n.translate(key, vars)),
    money: (value, currencyCode) => {
      try {
        return i18n.formatCurrency(Number(value), { currency: currencyCode });
      } catch {
        return `${value} ${currencyCode}`; // a currency code the formatter does not know
      }
    },
    percent: (value) => i18n.formatNumber(Number(value) / 100, { style: "percent", maximumFractionDigits: 2 }),
    number: (value) => i18n.formatNumber(value),
    date: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? "" : i18n.formatDate(date, { dateStyle: "medium" });
    },
  };
}

/** What the friend gets, formatted ("10 %", "€5.00"), or null when there is no friend offer. */
export function friendGets(program: ProgramView, f: Format): string | null {
  const offer = program.friendOffer;
  if (offer.type === "percentage") return f.percent(offer.value);
  if (offer.type === "fixed_amount") return f.money(offer.value, program.currencyCode);
  return null;
}

/** What the advocate gets per friend, formatted. */
export function advocateGets(program: ProgramView, f: Format): string {
  return perFriend(program.advocateReward, program, f);
}

/** A reward per friend (the base one or a tier's), formatted: "15 %" or "€15.00". */
export function perFriend(reward: RewardValue, program: ProgramView, f: Format): string {
  return reward.type === "percentage" ? f.percent(reward.value) : f.money(reward.value, program.currencyCode);
}

/** "Give 10 %, get €5.00" (or "Share our shop, get €5.00" when friends get no discount). */
export function giveGet(program: ProgramView, f: Format): string {
  const give = friendGets(program, f);
  const get = advocateGets(program, f);
  return give ? f.t("offer.giveGet", { give, get }) : f.t("offer.getOnly", { get });
}

/** The program's rules in plain words, one sentence each. */
export function rules(program: ProgramView, f: Format): string[] {
  const give = friendGets(program, f);
  const friend = give
    ? f.t(program.friendOffer.type === "percentage" ? "rules.friendPercentage" : "rules.friendFixed", {
        amount: give,
      })
    : f.t("rules.friendNone");
  const out = [friend];
  if (program.minimumSubtotal)
    out.push(f.t("rules.minimum", { amount: f.money(program.minimumSubtotal, program.currencyCode) }));
  const rewardKey =
    program.advocateReward.type === "percentage"
      ? "rules.advocatePercentage"
      : program.advocateReward.type === "store_credit"
        ? "rules.advocateCredit"
        : "rules.advocateFixed";
  out.push(f.t(rewardKey, { amount: advocateGets(program, f) }));
  if (program.rewardDelayDays > 0) out.push(f.t("rules.delay", { count: program.rewardDelayDays }));
  for (const milestone of program.milestones)
    out.push(
      f.t("rules.milestone", {
        count: milestone.count,
        reward: f.money(milestone.reward, program.currencyCode),
      }),
    );
  return out;
}

/** The share links of the theme block: email, WhatsApp, Telegram, Facebook, X. */
export function shareLinks(advocate: AdvocateView, emailSubject: string): { network: string; url: string }[] {
  const e = encodeURIComponent;
  const { link, shareMessage: message } = advocate;
  return [
    { network: "email", url: `mailto:?subject=${e(emailSubject)}&body=${e(`${message}\n${link}`)}` },
    { network: "whatsapp", url: `https://wa.me/?text=${e(`${message} ${link}`)}` },
    { network: "telegram", url: `https://t.me/share/url?url=${e(link)}&text=${e(message)}` },
    { network: "facebook", url: `https://www.facebook.com/sharer/sharer.php?u=${e(link)}` },
    { network: "x", url: `https://x.com/intent/tweet?text=${e(message)}&url=${e(link)}` },
  ];
}
