// Shopify global ids: gid://shopify/{Type}/{numeric id}. Numeric ids come from one
// sequence for the whole simulator, so an id of one shop never names a record of another.

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export interface ParsedGid {
  type: string;
  id: number;
}

export function parseGid(value: unknown): ParsedGid | null {
  if (typeof value !== "string") return null;
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  if (!match) return null;
  return { type: match[1], id: Number(match[2]) };
}

/** Parses a gid and checks it names one of the given types. */
export function parseGidOf(value: unknown, ...types: string[]): number | null {
  const parsed = parseGid(value);
  return parsed && types.includes(parsed.type) ? parsed.id : null;
}
