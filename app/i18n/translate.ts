/**
 * The admin's message catalogue lookup: nested JSON (app/locales/*.json) flattened to
 * dotted keys, `{name}` placeholders, and plural forms chosen by Intl.PluralRules (a key
 * whose value is an object with an `other` entry). Pure and client-safe: the same code
 * renders on the server and hydrates in the browser.
 */

export const ADMIN_LOCALES = ["en", "pl", "bg", "ru"] as const;
export type AdminLocale = (typeof ADMIN_LOCALES)[number];
export const DEFAULT_LOCALE: AdminLocale = "en";

export type MessageTree = { [key: string]: string | MessageTree };
export type Messages = Record<string, string>;
export type MessageVars = Record<string, string | number | null | undefined>;

/** A message to show later, in whatever language the page renders in (action answers). */
export interface LocalMessage {
  key: string;
  vars?: MessageVars;
}

/**
 * The admin language for Shopify's `locale` parameter ("pl", "pl-PL", "en-US"): its
 * language if the app speaks it, English otherwise.
 */
export function resolveAdminLocale(raw: string | null | undefined): AdminLocale {
  const language = (raw ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (ADMIN_LOCALES as readonly string[]).includes(language) ? (language as AdminLocale) : DEFAULT_LOCALE;
}

export function flattenMessages(tree: MessageTree, prefix = ""): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, flattenMessages(value, path));
  }
  return out;
}

/** The `{name}` placeholders a message uses, for checking translations against English. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export type Translate = (key: string, vars?: MessageVars) => string;

/**
 * `t(key, vars)`: the message with its placeholders filled in (numbers formatted for the
 * locale). With a numeric `count`, a plural key picks its form for that number. A key the
 * catalogue lacks shows as the key itself, which the catalogue test keeps from shipping.
 */
export function createTranslator(locale: string, messages: Messages): Translate {
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  return (key, vars) => {
    let template = messages[key];
    if (template === undefined && typeof vars?.count === "number") {
      template = messages[`${key}.${plural.select(vars.count)}`] ?? messages[`${key}.other`];
    }
    if (template === undefined) return key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined || value === null) return whole;
      return typeof value === "number" ? number.format(value) : value;
    });
  };
}

/** Plural categories a language needs (Polish and Russian: one, few, many, other). */
export function pluralCategories(locale: string): string[] {
  return [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories];
}
