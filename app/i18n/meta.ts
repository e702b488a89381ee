/**
 * Page titles (`<title>`) in the admin's language: a route's `meta` reads the catalogue
 * the app layout loaded, so the title is right on the server render and after client
 * navigation alike.
 */
import type { MetaFunction } from "@remix-run/node";
import type { AdminI18nData } from "./I18nProvider";
import { createTranslator, DEFAULT_LOCALE } from "./translate";

export const ADMIN_LAYOUT_ROUTE_ID = "routes/app";

/** `export const meta = pageTitle("nav.referrals")` */
export function pageTitle(key: string): MetaFunction {
  return ({ matches }) => {
    const layout = matches.find((m) => m.id === ADMIN_LAYOUT_ROUTE_ID)?.data as { i18n?: AdminI18nData } | undefined;
    const i18n = layout?.i18n;
    const t = createTranslator(i18n?.locale ?? DEFAULT_LOCALE, i18n?.messages ?? {});
    const page = t(key);
    return [{ title: i18n ? t("app.titleSuffix", { page }) : page }];
  };
}
