/**
 * Numbers, money, percentages and dates as the admin's language writes them ("10,00 zł"
 * in Polish), with dates in the shop's time zone. Built once per page from the locale and
 * zone the layout loader chose, so the server and the browser render identical text.
 */
import { formatMinor } from "../lib/money";

export interface Formatters {
  number(n: number, digits?: number): string;
  percent(ratio: number | null, digits?: number): string;
  money(minor: number, currency: string): string;
  /** whole units for a chart axis, no decimals */
  moneyAxis(major: number, currency: string): string;
  multiple(n: number | null): string;
  change(change: number | null): string | null;
  date(iso: string | Date | null | undefined): string;
  dateTime(iso: string | Date | null | undefined): string;
  /** a calendar day "YYYY-MM-DD" (already a day of the shop's zone) as "7 mar" */
  shortDay(day: string): string;
  /** a calendar day "YYYY-MM-DD" as a full date */
  day(day: string): string;
}

const EMPTY = "—";

export function createFormatters(locale: string, timeZone: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const shortDay = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (n: number, digits = 0) => {
    let format = numbers.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
      numbers.set(digits, format);
    }
    return format.format(n);
  };
  const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  return {
    number,
    percent: (ratio, digits = 1) =>
      ratio === null
        ? EMPTY
        : new Intl.NumberFormat(locale, {
            style: "percent",
            maximumFractionDigits: digits,
            minimumFractionDigits: digits,
          }).format(ratio),
    // Through the exact decimal string: minor units never pass through float arithmetic.
    money: (minor, currency) =>
      new Intl.NumberFormat(locale, { style: "currency", currency }).format(
        formatMinor(minor, currency) as unknown as number,
      ),
    moneyAxis: (major, currency) =>
      new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(major),
    multiple: (n) => (n === null ? EMPTY : `${number(n, 1)}×`),
    change: (change) => {
      if (change === null || !Number.isFinite(change)) return null;
      const pct = Math.round(change * 100);
      return pct === 0 ? "±0%" : `${pct > 0 ? "+" : "−"}${number(Math.abs(pct))}%`;
    },
    date: (iso) => (iso ? date.format(toDate(iso)) : EMPTY),
    dateTime: (iso) => (iso ? dateTime.format(toDate(iso)) : EMPTY),
    shortDay: (day) => shortDay.format(new Date(`${day}T00:00:00Z`)),
    day: (day) => calendarDay.format(new Date(`${day}T00:00:00Z`)),
  };
}
