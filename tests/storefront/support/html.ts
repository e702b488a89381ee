/** Tiny helpers to read rendered Liquid output without a DOM (the browser tests use a real one). */

export const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const squash = (s: string) =>
  s
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** Text of the first element whose opening tag matches `open` (a regex source for the tag). */
export function textOf(html: string, open: string): string | undefined {
  const m = html.match(new RegExp(`<(\\w+)[^>]*${open}[^>]*>([\\s\\S]*?)</\\1>`));
  return m ? decodeEntities(squash(m[2])) : undefined;
}

/** The opening tag of the first element matching `open`, for attribute checks. */
export function tagOf(html: string, open: string): string | undefined {
  return html.match(new RegExp(`<\\w+[^>]*${open}[^>]*>`))?.[0];
}

/** The JSON strings the block hands to its script. */
export function i18nOf(html: string): Record<string, string> {
  const m = html.match(/<script type="application\/json" data-rfb-i18n>([\s\S]*?)<\/script>/);
  if (!m) throw new Error("no i18n JSON in the block");
  return JSON.parse(m[1]) as Record<string, string>;
}
