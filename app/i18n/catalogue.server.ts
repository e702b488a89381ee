/**
 * The admin's message catalogues (app/locales/*.json, one per language the admin
 * speaks) and Polaris's own translations where Polaris has the language (English and
 * Polish; Bulgarian and Russian Polaris strings fall back to English).
 */
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisPl from "@shopify/polaris/locales/pl.json";
import bg from "../locales/bg.json";
import en from "../locales/en.json";
import pl from "../locales/pl.json";
import ru from "../locales/ru.json";
import type { AdminI18nData } from "./I18nProvider";
import { safeTimeZone } from "./time-zone";
import { createTranslator, flattenMessages, resolveAdminLocale, type AdminLocale, type Messages } from "./translate";

const CATALOGUES: Record<AdminLocale, Messages> = {
  en: flattenMessages(en),
  pl: flattenMessages(pl),
  bg: flattenMessages(bg),
  ru: flattenMessages(ru),
};

const POLARIS: Partial<Record<AdminLocale, typeof polarisEn>> = { en: polarisEn, pl: polarisPl };

export function messagesFor(locale: AdminLocale): Messages {
  return CATALOGUES[locale];
}

export function polarisTranslations(locale: AdminLocale): typeof polarisEn {
  return POLARIS[locale] ?? polarisEn;
}

/** A server-side translator, for text made outside React (CSV headings, titles). */
export function translatorFor(locale: AdminLocale) {
  return createTranslator(locale, CATALOGUES[locale]);
}

/** What the layout hands to the pages: the language Shopify asked for and the shop's zone. */
export function adminI18nData(request: Request, timeZone: string | null | undefined): AdminI18nData {
  const locale = resolveAdminLocale(new URL(request.url).searchParams.get("locale"));
  return { locale, timeZone: safeTimeZone(timeZone), messages: CATALOGUES[locale] };
}
