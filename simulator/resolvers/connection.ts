// Relay connections the way Shopify pages them: first/last/after/before/reverse over a
// list already sorted by the caller. Cursors are opaque base64 strings.

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function encodeCursor(id: number | string): string {
  return Buffer.from(JSON.stringify({ last_id: id })).toString("base64");
}

function decodeCursor(cursor: string): number | string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: number | string };
    return parsed.last_id;
  } catch {
    return undefined;
  }
}

/**
 * Pages `items` (records) and maps the page through `view`. `keyOf` gives the stable key
 * each cursor encodes.
 */
export function connection<R, T>(
  items: readonly R[],
  args: ConnectionArgs,
  keyOf: (item: R) => number | string,
  view: (item: R) => T,
): Connection<T> {
  let list = args.reverse ? [...items].reverse() : [...items];
  if (args.after) {
    const key = decodeCursor(args.after);
    const index = list.findIndex((item) => keyOf(item) === key);
    list = index >= 0 ? list.slice(index + 1) : [];
  }
  if (args.before) {
    const key = decodeCursor(args.before);
    const index = list.findIndex((item) => keyOf(item) === key);
    list = index >= 0 ? list.slice(0, index) : list;
  }
  const total = list.length;
  let hasNextPage = false;
  let hasPreviousPage = Boolean(args.after) && total < items.length;
  if (typeof args.first === "number") {
    hasNextPage = list.length > args.first;
    list = list.slice(0, args.first);
  }
  if (typeof args.last === "number") {
    hasPreviousPage = list.length > args.last;
    list = list.slice(Math.max(0, list.length - args.last));
  }
  if (args.before) hasNextPage = true;
  const edges = list.map((item) => ({ cursor: encodeCursor(keyOf(item)), node: view(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
