/**
 * Calendar days in a shop's time zone (Shopify's `shop.ianaTimezone`): the day an instant
 * falls on there, and the instant a day starts there. The dashboard, lists and CSV count
 * the owner's days, not UTC days. Pure Intl arithmetic, correct across DST changes.
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** An IANA zone Intl knows ("Europe/Warsaw"); anything else falls back to UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    partsFormat(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

function wallClock(date: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return out;
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetMs(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** "YYYY-MM-DD" of the instant in the zone. */
export function dayInTimeZone(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** The instant the day ("YYYY-MM-DD") begins in the zone (its first moment, after any DST jump). */
export function startOfDayInTimeZone(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  let instant = midnightUtc - offsetMs(new Date(midnightUtc), timeZone);
  // The offset at the guess can differ from the offset at the real start (DST days).
  instant = midnightUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}
