import { formatMinor } from "../lib/money";
import { referralLink } from "../referrals/links";
import type { EmailKind } from "../referrals/program-settings";

/**
 * The advocate emails' texts in every language the app writes to customers in, and the
 * one renderer both the worker and the settings preview use (client-safe, pure), so the
 * preview is exactly what is sent.
 */

export const EMAIL_LANGUAGES = ["en", "ru", "bg", "pl"] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

/**
 * The language of an advocate's emails: theirs when the app writes it ("pl", "pt-BR" ->
 * "pt"), else the shop's primary locale's, else English.
 */
export function emailLanguage(advocateLocale: string | null | undefined, shopLocale?: string | null): EmailLanguage {
  return supportedLanguage(advocateLocale) ?? supportedLanguage(shopLocale) ?? "en";
}

/** The email language of a Shopify locale ("pl", "ru-RU"), or null when the app does not write it. */
export function supportedLanguage(locale: string | null | undefined): EmailLanguage | null {
  const lang = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (EMAIL_LANGUAGES as readonly string[]).includes(lang) ? (lang as EmailLanguage) : null;
}

/** What the texts are filled with. Money in minor units of `currency`. */
export interface EmailValues {
  shopName: string;
  firstName: string | null;
  /** the advocate's code and link (welcome) */
  advocateCode: string;
  link: string;
  /** the friend's offer, for the welcome email */
  friendOfferType: string;
  friendPercent: number;
  friendAmountMinor: number;
  currency: string;
  /** the reward: its amount, type, code, when it unlocks and when it expires */
  amountMinor: number;
  rewardType: string;
  rewardCode: string | null;
  unlocksAt: Date | null;
  expiresAt: Date | null;
  reminderDays: number;
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Phrases {
  hello: (name: string | null) => string;
  friendOffer: (offer: string | null) => string;
  percentOff: (percent: number) => string;
  amountOff: (amount: string) => string;
  welcome: {
    subject: (shop: string) => string;
    body: (shop: string) => string;
    code: (code: string) => string;
    cta: string;
  };
  friendOrdered: {
    subject: (shop: string) => string;
    body: (amount: string) => string;
    unlocks: (date: string) => string;
    unlocksNow: string;
  };
  rewardReady: {
    subject: (shop: string) => string;
    code: (amount: string, code: string) => string;
    credit: (amount: string) => string;
    until: (date: string) => string;
  };
  expiryReminder: {
    subject: (days: number) => string;
    body: (code: string, amount: string, date: string) => string;
  };
  footer: (shop: string) => string;
  unsubscribe: string;
}

const PHRASES: Record<EmailLanguage, Phrases> = {
  en: {
    hello: (name) => (name ? `Hi ${name},` : "Hi,"),
    friendOffer: (offer) => (offer ? `Your friends get ${offer} their first order.` : ""),
    percentOff: (p) => `${p}% off`,
    amountOff: (a) => `${a} off`,
    welcome: {
      subject: (shop) => `Welcome to the ${shop} referral program`,
      body: (shop) => `Thank you for your order. Share ${shop} with friends and earn a reward for each one who orders.`,
      code: (code) => `Your code: ${code}`,
      cta: "Share your link",
    },
    friendOrdered: {
      subject: (shop) => `A friend ordered from ${shop} with your code`,
      body: (amount) => `Good news: a friend placed an order with your code. You earned ${amount}.`,
      unlocks: (date) => `Your reward unlocks on ${date}.`,
      unlocksNow: "Your reward will be ready shortly.",
    },
    rewardReady: {
      subject: (shop) => `Your ${shop} reward is ready`,
      code: (amount, code) => `Your reward of ${amount} is ready. Use this code at checkout: ${code}`,
      credit: (amount) => `Your reward of ${amount} has been added to your store credit.`,
      until: (date) => `It is valid until ${date}.`,
    },
    expiryReminder: {
      subject: (days) => `Your reward code expires in ${days} ${days === 1 ? "day" : "days"}`,
      body: (code, amount, date) =>
        `Your reward code ${code} (${amount}) has not been used yet. It expires on ${date}.`,
    },
    footer: (shop) => `You receive this email because you joined the ${shop} referral program.`,
    unsubscribe: "Unsubscribe",
  },
  ru: {
    hello: (name) => (name ? `Здравствуйте, ${name}!` : "Здравствуйте!"),
    friendOffer: (offer) => (offer ? `Ваши друзья получат ${offer} на первый заказ.` : ""),
    percentOff: (p) => `скидку ${p}%`,
    amountOff: (a) => `скидку ${a}`,
    welcome: {
      subject: (shop) => `Добро пожаловать в реферальную программу ${shop}`,
      body: (shop) =>
        `Спасибо за заказ. Расскажите друзьям о ${shop} и получайте награду за каждого, кто сделает заказ.`,
      code: (code) => `Ваш код: ${code}`,
      cta: "Поделиться ссылкой",
    },
    friendOrdered: {
      subject: (shop) => `Друг сделал заказ в ${shop} по вашему коду`,
      body: (amount) => `Отличная новость: друг сделал заказ по вашему коду. Вы заработали ${amount}.`,
      unlocks: (date) => `Награда станет доступна ${date}.`,
      unlocksNow: "Награда скоро будет готова.",
    },
    rewardReady: {
      subject: (shop) => `Ваша награда от ${shop} готова`,
      code: (amount, code) => `Ваша награда ${amount} готова. Введите этот код при оформлении заказа: ${code}`,
      credit: (amount) => `Ваша награда ${amount} зачислена на ваш баланс в магазине.`,
      until: (date) => `Она действует до ${date}.`,
    },
    expiryReminder: {
      subject: (days) => `Срок действия кода награды истекает через ${days} ${ruDays(days)}`,
      body: (code, amount, date) =>
        `Код награды ${code} (${amount}) ещё не использован. Срок его действия истекает ${date}.`,
    },
    footer: (shop) => `Вы получили это письмо, потому что участвуете в реферальной программе ${shop}.`,
    unsubscribe: "Отписаться",
  },
  bg: {
    hello: (name) => (name ? `Здравейте, ${name}!` : "Здравейте!"),
    friendOffer: (offer) => (offer ? `Вашите приятели получават ${offer} за първата си поръчка.` : ""),
    percentOff: (p) => `${p}% отстъпка`,
    amountOff: (a) => `${a} отстъпка`,
    welcome: {
      subject: (shop) => `Добре дошли в програмата за препоръки на ${shop}`,
      body: (shop) =>
        `Благодарим за поръчката. Препоръчайте ${shop} на приятели и получавайте награда за всеки, който поръча.`,
      code: (code) => `Вашият код: ${code}`,
      cta: "Споделете връзката си",
    },
    friendOrdered: {
      subject: (shop) => `Приятел поръча от ${shop} с вашия код`,
      body: (amount) => `Добра новина: приятел направи поръчка с вашия код. Спечелихте ${amount}.`,
      unlocks: (date) => `Наградата ви ще бъде достъпна на ${date}.`,
      unlocksNow: "Наградата ви скоро ще бъде готова.",
    },
    rewardReady: {
      subject: (shop) => `Вашата награда от ${shop} е готова`,
      code: (amount, code) => `Вашата награда от ${amount} е готова. Използвайте този код при поръчка: ${code}`,
      credit: (amount) => `Вашата награда от ${amount} е добавена към кредита ви в магазина.`,
      until: (date) => `Валидна е до ${date}.`,
    },
    expiryReminder: {
      subject: (days) => `Кодът за награда изтича след ${days} ${days === 1 ? "ден" : "дни"}`,
      body: (code, amount, date) => `Кодът за награда ${code} (${amount}) още не е използван. Изтича на ${date}.`,
    },
    footer: (shop) => `Получавате този имейл, защото участвате в програмата за препоръки на ${shop}.`,
    unsubscribe: "Отписване",
  },
  pl: {
    hello: (name) => (name ? `Cześć ${name},` : "Cześć,"),
    friendOffer: (offer) => (offer ? `Twoi znajomi dostają ${offer} na pierwsze zamówienie.` : ""),
    percentOff: (p) => `${p}% zniżki`,
    amountOff: (a) => `${a} zniżki`,
    welcome: {
      subject: (shop) => `Witamy w programie poleceń ${shop}`,
      body: (shop) =>
        `Dziękujemy za zamówienie. Poleć ${shop} znajomym i otrzymuj nagrodę za każdego, kto złoży zamówienie.`,
      code: (code) => `Twój kod: ${code}`,
      cta: "Udostępnij swój link",
    },
    friendOrdered: {
      subject: (shop) => `Znajomy zamówił w ${shop} z Twoim kodem`,
      body: (amount) => `Dobra wiadomość: znajomy złożył zamówienie z Twoim kodem. Zdobywasz ${amount}.`,
      unlocks: (date) => `Nagroda będzie dostępna ${date}.`,
      unlocksNow: "Nagroda będzie wkrótce gotowa.",
    },
    rewardReady: {
      subject: (shop) => `Twoja nagroda od ${shop} jest gotowa`,
      code: (amount, code) => `Twoja nagroda ${amount} jest gotowa. Użyj tego kodu przy kasie: ${code}`,
      credit: (amount) => `Twoja nagroda ${amount} została dodana do Twojego salda w sklepie.`,
      until: (date) => `Jest ważna do ${date}.`,
    },
    expiryReminder: {
      subject: (days) => `Twój kod nagrody wygasa za ${days} ${plDays(days)}`,
      body: (code, amount, date) => `Twój kod nagrody ${code} (${amount}) nie został jeszcze użyty. Wygasa ${date}.`,
    },
    footer: (shop) => `Otrzymujesz tę wiadomość, ponieważ należysz do programu poleceń ${shop}.`,
    unsubscribe: "Wypisz się",
  },
};

function ruDays(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return "день";
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return "дня";
  return "дней";
}

function plDays(n: number): string {
  return n === 1 ? "dzień" : "dni";
}

function money(minor: number, currency: string, lang: EmailLanguage): string {
  return new Intl.NumberFormat(lang, { style: "currency", currency }).format(Number(formatMinor(minor, currency)));
}

function day(date: Date, lang: EmailLanguage): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** One email in one language: subject, plain text and HTML (the same content). */
export function renderEmail(kind: EmailKind, lang: EmailLanguage, v: EmailValues): RenderedEmail {
  const p = PHRASES[lang];
  const amount = money(v.amountMinor, v.currency, lang);
  let subject: string;
  const lines: string[] = [];
  let button: { label: string; url: string } | null = null;
  switch (kind) {
    case "welcome": {
      subject = p.welcome.subject(v.shopName);
      const offer =
        v.friendOfferType === "percentage"
          ? p.percentOff(v.friendPercent)
          : v.friendOfferType === "fixed_amount"
            ? p.amountOff(money(v.friendAmountMinor, v.currency, lang))
            : null;
      lines.push(p.welcome.body(v.shopName), p.welcome.code(v.advocateCode), p.friendOffer(offer));
      button = { label: p.welcome.cta, url: v.link };
      break;
    }
    case "friend_ordered":
      subject = p.friendOrdered.subject(v.shopName);
      lines.push(
        p.friendOrdered.body(amount),
        v.unlocksAt && v.unlocksAt.getTime() > Date.now()
          ? p.friendOrdered.unlocks(day(v.unlocksAt, lang))
          : p.friendOrdered.unlocksNow,
      );
      break;
    case "reward_ready":
      subject = p.rewardReady.subject(v.shopName);
      lines.push(
        v.rewardType === "store_credit" || !v.rewardCode
          ? p.rewardReady.credit(amount)
          : p.rewardReady.code(amount, v.rewardCode),
        v.expiresAt ? p.rewardReady.until(day(v.expiresAt, lang)) : "",
      );
      break;
    case "expiry_reminder":
      subject = p.expiryReminder.subject(v.reminderDays);
      lines.push(p.expiryReminder.body(v.rewardCode ?? "", amount, v.expiresAt ? day(v.expiresAt, lang) : ""));
      break;
  }
  const body = lines.filter(Boolean);
  const footer = p.footer(v.shopName);
  const text = [
    p.hello(v.firstName),
    "",
    ...body.flatMap((l) => [l, ""]),
    ...(button ? [`${button.label}: ${button.url}`, ""] : []),
    "--",
    v.shopName,
    footer,
    `${p.unsubscribe}: ${v.unsubscribeUrl}`,
  ].join("\n");
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Roboto,sans-serif;color:#202223;line-height:1.5;margin:0;padding:24px;background:#f6f6f7">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="font-weight:600;margin-top:0">${escapeHtml(v.shopName)}</p>
<p>${escapeHtml(p.hello(v.firstName))}</p>
${body.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
${button ? `<p><a href="${escapeHtml(button.url)}" style="display:inline-block;background:#303030;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(button.label)}</a></p>` : ""}
<hr style="border:none;border-top:1px solid #e3e3e3;margin:24px 0 12px">
<p style="font-size:12px;color:#616161">${escapeHtml(footer)} <a href="${escapeHtml(v.unsubscribeUrl)}" style="color:#616161">${escapeHtml(p.unsubscribe)}</a></p>
</div></body></html>`;
  return { subject, text, html };
}

/** The program as an example email shows it: the shop's current offer and timings. */
export interface SampleProgram {
  shop: string;
  friendOfferType: string;
  friendPercent: number;
  friendAmountMinor: number;
  rewardType: string;
  rewardAmountMinor: number;
  rewardPercent: number;
  currencyCode: string;
  rewardDelayDays: number;
  rewardExpiryDays: number | null;
  emailReminderDays: number;
}

const SAMPLE_CODE = "ANNA-7K3QX9PD";
const SAMPLE_ORDER_MINOR = 5000;

/** Example values with the shop's offer, for the settings preview and the test email. */
export function sampleEmailValues(
  p: SampleProgram,
  shopName: string,
  unsubscribeUrl: string,
  now = Date.now(),
): EmailValues {
  const day = 86_400_000;
  return {
    shopName,
    firstName: "Anna",
    advocateCode: SAMPLE_CODE,
    link: referralLink(p.shop, SAMPLE_CODE),
    friendOfferType: p.friendOfferType,
    friendPercent: p.friendPercent,
    friendAmountMinor: p.friendAmountMinor,
    currency: p.currencyCode,
    // a percentage reward as it would be on a 50.00 order
    amountMinor:
      p.rewardType === "percentage"
        ? Math.floor((SAMPLE_ORDER_MINOR * p.rewardPercent + 50) / 100)
        : p.rewardAmountMinor,
    rewardType: p.rewardType,
    rewardCode: p.rewardType === "store_credit" ? null : "RWD-5F2K9QHX",
    unlocksAt: new Date(now + p.rewardDelayDays * day),
    expiresAt: p.rewardExpiryDays ? new Date(now + p.rewardExpiryDays * day) : null,
    reminderDays: p.emailReminderDays,
    unsubscribeUrl,
  };
}

/** Texts of the unsubscribe page, in the advocate's language. */
export const UNSUBSCRIBE_PAGE: Record<EmailLanguage, { title: string; ask: string; button: string; done: string }> = {
  en: {
    title: "Unsubscribe",
    ask: "Stop receiving referral program emails from {shop}?",
    button: "Unsubscribe",
    done: "You are unsubscribed. You will receive no more referral program emails from {shop}.",
  },
  ru: {
    title: "Отписаться",
    ask: "Больше не получать письма реферальной программы {shop}?",
    button: "Отписаться",
    done: "Вы отписались. Письма реферальной программы {shop} больше не будут приходить.",
  },
  bg: {
    title: "Отписване",
    ask: "Да спрете ли да получавате имейли от програмата за препоръки на {shop}?",
    button: "Отписване",
    done: "Отписахте се. Повече няма да получавате имейли от програмата за препоръки на {shop}.",
  },
  pl: {
    title: "Wypisz się",
    ask: "Przestać otrzymywać wiadomości programu poleceń {shop}?",
    button: "Wypisz się",
    done: "Wypisano Cię. Nie będziesz już otrzymywać wiadomości programu poleceń {shop}.",
  },
};
