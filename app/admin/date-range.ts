import { dayInTimeZone, startOfDayInTimeZone } from "../i18n/time-zone";
import type { LocalMessage } from "../i18n/translate";

/**
 * The dashboard's date range, read from the URL (?range=30d or ?range=custom&from=&to=).
 * Days are calendar days ("YYYY-MM-DD"); "today" is today in the shop's time zone, and
 * both ends are inclusive. The previous period is the same number of days just before,
 * so "compared with the previous period" always compares like with like.
 */

export interface DayRange {
  from: string;
  to: string;
  days: number;
}

export interface RangeSelection {
  preset: RangePreset;
  current: DayRange;
  previous: DayRange;
  /** set when the URL asked for something unusable and the default was used instead */
  error: LocalMessage | null;
  /** the shop's zone the days are in */
  timeZone: string;
}

export const RANGE_PRESETS = ["7d", "30d", "90d", "365d", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET = "30d" satisfies RangePreset;
/** Bounds the work per request: at most two years of daily rows are ever read. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function utcDayString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A "YYYY-MM-DD" that is a real calendar day, as a Date at 00:00 UTC; else null. */
export function parseDay(text: string | null | undefined): Date | null {
  if (!text || !DAY_PATTERN.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || utcDayString(date) !== text ? null : date;
}

export function addDays(day: string, n: number): string {
  return utcDayString(new Date(parseDay(day)!.getTime() + n * DAY_MS));
}

function span(from: string, to: string): DayRange {
  return { from, to, days: Math.round((parseDay(to)!.getTime() - parseDay(from)!.getTime()) / DAY_MS) + 1 };
}

function withPrevious(
  preset: RangePreset,
  current: DayRange,
  error: LocalMessage | null,
  timeZone: string,
): RangeSelection {
  const prevTo = addDays(current.from, -1);
  return { preset, current, previous: span(addDays(prevTo, -(current.days - 1)), prevTo), error, timeZone };
}

function presetRange(preset: Exclude<RangePreset, "custom">, today: string): DayRange {
  const days = Number(preset.slice(0, -1));
  return span(addDays(today, -(days - 1)), today);
}

export function parseRangeSelection(params: URLSearchParams, now = new Date(), timeZone = "UTC"): RangeSelection {
  const today = dayInTimeZone(now, timeZone);
  const preset = (params.get("range") ?? DEFAULT_PRESET) as RangePreset;
  if (!RANGE_PRESETS.includes(preset)) {
    const error = { key: "dashboard.range.unknown" };
    return withPrevious(DEFAULT_PRESET, presetRange(DEFAULT_PRESET, today), error, timeZone);
  }
  if (preset !== "custom") return withPrevious(preset, presetRange(preset, today), null, timeZone);

  const from = parseDay(params.get("from"));
  const to = parseDay(params.get("to"));
  let error: LocalMessage | null = null;
  if (!from || !to) error = { key: "dashboard.range.bothDates" };
  else if (from > to) error = { key: "dashboard.range.order" };
  else if ((to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_RANGE_DAYS)
    error = { key: "dashboard.range.tooLong", vars: { days: MAX_RANGE_DAYS } };
  if (error) return withPrevious(DEFAULT_PRESET, presetRange(DEFAULT_PRESET, today), error, timeZone);
  return withPrevious("custom", span(utcDayString(from!), utcDayString(to!)), null, timeZone);
}

/** Every day of a range, in order (for charts with no gaps). */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let i = 0; i < range.days; i++) out.push(addDays(range.from, i));
  return out;
}

/**
 * The range as instants for createdAt filters: [from 00:00, day after `to` 00:00), the
 * days being the shop's (a Warsaw day starts at 23:00 or 22:00 UTC the evening before).
 */
export function rangeInstants(range: { from: string; to: string }, timeZone = "UTC"): { gte: Date; lt: Date } {
  return { gte: startOfDayInTimeZone(range.from, timeZone), lt: startOfDayInTimeZone(addDays(range.to, 1), timeZone) };
}
