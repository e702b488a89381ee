/**
 * Keyset ("cursor") pagination over (createdAt, id): stable while rows are added, and
 * each page is an index range scan no matter how deep the merchant pages, unlike OFFSET.
 * A cursor is opaque to the browser: base64url of "<epoch ms>.<id>".
 */

export interface CursorKey {
  createdAt: Date;
  id: string;
}

export type SortOrder = "asc" | "desc";

export interface PageRequest {
  /** rows after this cursor in the list's order (the next page) */
  after: string | null;
  /** rows before this cursor in the list's order (the previous page) */
  before: string | null;
}

export interface PageInfo {
  hasNext: boolean;
  hasPrevious: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

export function encodeCursor(row: CursorKey): string {
  return Buffer.from(`${row.createdAt.getTime()}.${row.id}`, "utf8").toString("base64url");
}

/** A cursor the app issued, or null for anything else (tampered or truncated input). */
export function decodeCursor(text: string | null | undefined): CursorKey | null {
  if (!text || text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  if (!match) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2] };
}

export function pageRequestFrom(params: URLSearchParams): PageRequest {
  return { after: params.get("after"), before: params.get("before") };
}

type Cmp = "lt" | "gt";

/** The where clause for rows strictly past `key` in direction `cmp`. */
function beyond(key: CursorKey, cmp: Cmp) {
  return {
    OR: [
      { createdAt: { [cmp]: key.createdAt } as { lt?: Date; gt?: Date } },
      { createdAt: key.createdAt, id: { [cmp]: key.id } as { lt?: string; gt?: string } },
    ],
  };
}

export interface KeysetQuery {
  where: ReturnType<typeof beyond> | Record<string, never>;
  orderBy: [{ createdAt: SortOrder }, { id: SortOrder }];
  take: number;
  /** the rows came back in reverse and must be flipped (a "before" page) */
  reversed: boolean;
  /** which cursor was used, to work out the page info */
  mode: "first" | "after" | "before";
}

/**
 * Builds the query for one page of `limit` rows in `order`. One extra row is fetched
 * to learn whether there is a page beyond.
 */
export function keysetQuery(page: PageRequest, order: SortOrder, limit: number): KeysetQuery {
  const forward: Cmp = order === "desc" ? "lt" : "gt";
  const backward: Cmp = forward === "lt" ? "gt" : "lt";
  const flip: SortOrder = order === "desc" ? "asc" : "desc";
  const before = decodeCursor(page.before);
  if (before) {
    return {
      where: beyond(before, backward),
      orderBy: [{ createdAt: flip }, { id: flip }],
      take: limit + 1,
      reversed: true,
      mode: "before",
    };
  }
  const after = decodeCursor(page.after);
  if (after) {
    return {
      where: beyond(after, forward),
      orderBy: [{ createdAt: order }, { id: order }],
      take: limit + 1,
      reversed: false,
      mode: "after",
    };
  }
  return { where: {}, orderBy: [{ createdAt: order }, { id: order }], take: limit + 1, reversed: false, mode: "first" };
}

/** Trims the extra row, restores the list's order and works out the page info. */
export function finishPage<T extends CursorKey>(rows: T[], query: KeysetQuery): { rows: T[]; pageInfo: PageInfo } {
  const limit = query.take - 1;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (query.reversed) page.reverse();
  // Coming from a "before" page there is always a next page (the one we came from);
  // coming from an "after" page there is always a previous one.
  const hasNext = query.mode === "before" ? true : more;
  const hasPrevious = query.mode === "before" ? more : query.mode === "after";
  return {
    rows: page,
    pageInfo: {
      hasNext: hasNext && page.length > 0,
      hasPrevious: hasPrevious && page.length > 0,
      nextCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
      prevCursor: page.length ? encodeCursor(page[0]) : null,
    },
  };
}
