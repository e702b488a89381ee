/**
 * The admin's language and time zone for every component below the app layout:
 * `useI18n()` gives `t` (messages from app/locales/*.json) and the formatters. The layout
 * loader picks the catalogue from Shopify's `locale` parameter and the shop's zone.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import english from "../locales/en.json";
import { createFormatters, type Formatters } from "./format";
import {
  createTranslator,
  DEFAULT_LOCALE,
  flattenMessages,
  type AdminLocale,
  type LocalMessage,
  type Messages,
  type Translate,
} from "./translate";

export interface AdminI18nData {
  locale: AdminLocale;
  timeZone: string;
  messages: Messages;
}

export interface AdminI18n {
  locale: AdminLocale;
  timeZone: string;
  t: Translate;
  /** a message an action sent back as a key */
  tm: (message: LocalMessage) => string;
  format: Formatters;
}

function build({ locale, timeZone, messages }: AdminI18nData): AdminI18n {
  const t = createTranslator(locale, messages);
  return { locale, timeZone, t, tm: (m) => t(m.key, m.vars), format: createFormatters(locale, timeZone) };
}

// Outside the layout (never in practice, but an error page must still read): English, UTC.
const FALLBACK = build({ locale: DEFAULT_LOCALE, timeZone: "UTC", messages: flattenMessages(english) });
const I18nContext = createContext<AdminI18n>(FALLBACK);

export function I18nProvider({ value, children }: { value: AdminI18nData; children: ReactNode }) {
  const i18n = useMemo(() => build(value), [value]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): AdminI18n {
  return useContext(I18nContext);
}
