// The admin's message catalogues: every key English has exists in Polish, Bulgarian and
// Russian (with every plural form the language needs and the same placeholders), and the
// translator, locale choice and formatting behave as the pages rely on.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFormatters } from "../../app/i18n/format";
import { dayInTimeZone, startOfDayInTimeZone } from "../../app/i18n/time-zone";
import {
  ADMIN_LOCALES,
  createTranslator,
  flattenMessages,
  placeholders,
  pluralCategories,
  resolveAdminLocale,
  type MessageTree,
} from "../../app/i18n/translate";

const DIR = path.resolve("app/locales");
const load = (locale: string) => JSON.parse(readFileSync(path.join(DIR, `${locale}.json`), "utf8")) as MessageTree;

/** Keys with their plural forms folded: "x.one"/"x.other" -> "x" (plural), others as they are. */
function shape(tree: MessageTree, prefix = ""): Map<string, { plural: string[] | null; text: string[] }> {
  const out = new Map<string, { plural: string[] | null; text: string[] }>();
  for (const [key, value] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(p, { plural: null, text: [value] });
    else if (typeof value.other === "string") {
      out.set(p, { plural: Object.keys(value).sort(), text: Object.values(value) as string[] });
    } else for (const [k, v] of shape(value, p)) out.set(k, v);
  }
  return out;
}

describe("admin locale catalogues", () => {
  it("has exactly the four admin languages", () => {
    expect(readdirSync(DIR).sort()).toEqual(ADMIN_LOCALES.map((l) => `${l}.json`).sort());
  });

  const english = shape(load("en"));

  for (const locale of ADMIN_LOCALES.filter((l) => l !== "en")) {
    it(`${locale}: same keys as English, every plural form, same placeholders, translated`, () => {
      const other = shape(load(locale));
      const missing = [...english.keys()].filter((k) => !other.has(k));
      const extra = [...other.keys()].filter((k) => !english.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      const needed = pluralCategories(locale);
      const problems: string[] = [];
      for (const [key, en] of english) {
        const tr = other.get(key)!;
        if (en.plural) {
          if (!tr.plural) problems.push(`${key}: not a plural`);
          else {
            const lacking = needed.filter((c) => !tr.plural!.includes(c));
            if (lacking.length) problems.push(`${key}: lacks ${lacking.join(", ")}`);
          }
        } else if (tr.plural) problems.push(`${key}: plural where English has one text`);
        const want = [...new Set(en.text.flatMap(placeholders))].sort().join(",");
        for (const text of tr.text) {
          const got = [...new Set(placeholders(text))].sort().join(",");
          // A plural form may leave out {count} ("one" spelled as a word), nothing else.
          if (got !== want && got !== want.replace(/(^|,)count(,|$)/, "$1").replace(/^,|,$/g, ""))
            problems.push(`${key}: placeholders {${got}} instead of {${want}}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("fails the parity check when a language lacks a key", () => {
    const en = shape({ a: "x", b: { one: "{count} y", other: "{count} ys" } });
    const pl = shape({ a: "x" });
    expect([...en.keys()].filter((k) => !pl.has(k))).toEqual(["b"]);
  });
});

describe("translator", () => {
  it("fills placeholders and picks the plural form the language needs", () => {
    const pl = createTranslator("pl", flattenMessages(load("pl")));
    expect(pl("dashboard.heldTitle", { count: 1 })).toBe("1 polecenie czeka na Twoją decyzję");
    expect(pl("dashboard.heldTitle", { count: 3 })).toBe("3 polecenia czekają na Twoją decyzję");
    expect(pl("dashboard.heldTitle", { count: 5 })).toBe("5 poleceń czeka na Twoją decyzję");
    const ru = createTranslator("ru", flattenMessages(load("ru")));
    expect(ru("dashboard.heldTitle", { count: 21 })).toBe("21 рекомендация ждёт вашей проверки");
    expect(ru("dashboard.range.tooLong", { days: 366 })).toBe("Выберите не больше 366 дней.");
  });

  it("shows an unknown key as itself rather than an empty string", () => {
    expect(createTranslator("en", {})("nav.nothing")).toBe("nav.nothing");
  });

  it("chooses the admin language from Shopify's locale, English otherwise", () => {
    expect(resolveAdminLocale("pl")).toBe("pl");
    expect(resolveAdminLocale("pl-PL")).toBe("pl");
    expect(resolveAdminLocale("ru_RU")).toBe("ru");
    expect(resolveAdminLocale("BG")).toBe("bg");
    expect(resolveAdminLocale("de")).toBe("en");
    expect(resolveAdminLocale("")).toBe("en");
    expect(resolveAdminLocale(null)).toBe("en");
  });
});

describe("locale formatting", () => {
  it("writes money, numbers and percentages as the language does", () => {
    const pl = createFormatters("pl", "Europe/Warsaw");
    expect(pl.money(1000, "PLN")).toBe("10,00\u00a0zł");
    expect(pl.money(123456789, "PLN")).toBe("1\u00a0234\u00a0567,89\u00a0zł");
    expect(pl.percent(0.125)).toBe("12,5%");
    expect(createFormatters("en", "UTC").money(1050, "EUR")).toBe("€10.50");
    expect(createFormatters("bg", "Europe/Sofia").money(1000, "BGN")).toBe("10,00\u00a0лв.");
    expect(createFormatters("en", "UTC").money(-250, "JPY")).toBe("-¥250");
  });

  it("dates in the shop's zone: 23:30 UTC on 1 March is already 2 March in Warsaw", () => {
    const instant = "2026-03-01T23:30:00Z";
    expect(createFormatters("en", "Europe/Warsaw").date(instant)).toBe("Mar 2, 2026");
    expect(createFormatters("en", "UTC").date(instant)).toBe("Mar 1, 2026");
    expect(createFormatters("pl", "Europe/Warsaw").dateTime(instant)).toBe("2 mar 2026, 00:30");
  });
});

describe("shop time zone days", () => {
  it("finds the day an instant falls on in the zone", () => {
    expect(dayInTimeZone(new Date("2026-03-01T23:30:00Z"), "Europe/Warsaw")).toBe("2026-03-02");
    expect(dayInTimeZone(new Date("2026-03-02T04:00:00Z"), "America/New_York")).toBe("2026-03-01");
    expect(dayInTimeZone(new Date("2026-03-01T23:30:00Z"), "UTC")).toBe("2026-03-01");
  });

  it("starts a day at the zone's midnight, also on DST change days", () => {
    expect(startOfDayInTimeZone("2026-01-15", "Europe/Warsaw").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDayInTimeZone("2026-07-15", "Europe/Warsaw").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    // Clocks go forward at 02:00 on 29 March 2026 in Warsaw: the day still starts at 00:00 CET.
    expect(startOfDayInTimeZone("2026-03-29", "Europe/Warsaw").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayInTimeZone("2026-03-30", "Europe/Warsaw").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayInTimeZone("2026-11-01", "America/Sao_Paulo").toISOString()).toBe("2026-11-01T03:00:00.000Z");
    expect(startOfDayInTimeZone("2026-01-15", "UTC").toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });
});
