import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, finishPage, keysetQuery } from "../../app/admin/cursor";

describe("keyset cursors", () => {
  const key = { createdAt: new Date("2025-05-01T10:00:00.000Z"), id: "clx123abc" };

  it("round-trips and refuses anything it did not issue", () => {
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    expect(decodeCursor("not a cursor!")).toBeNull();
    expect(decodeCursor(Buffer.from("123.id with space").toString("base64url"))).toBeNull();
    expect(decodeCursor("")).toBeNull();
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor("A".repeat(500))).toBeNull();
  });

  it("pages forward and back over (createdAt, id) in descending order", () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: `id${i}`,
      createdAt: new Date(Date.UTC(2025, 0, 10 - i)),
    }));
    // the "database": rows newest first, filtered like the where clause would
    const run = (q: ReturnType<typeof keysetQuery>) => {
      const or = (q.where as { OR?: { createdAt: unknown; id?: { lt?: string; gt?: string } }[] }).OR;
      let list = [...rows];
      if (or) {
        const first = or[0].createdAt as { lt?: Date; gt?: Date };
        const pivot = (first.lt ?? first.gt)!;
        const pivotId = (or[1].id!.lt ?? or[1].id!.gt)!;
        list = list.filter((r) =>
          first.lt
            ? r.createdAt < pivot || (+r.createdAt === +pivot && r.id < pivotId)
            : r.createdAt > pivot || (+r.createdAt === +pivot && r.id > pivotId),
        );
      }
      if (q.orderBy[0].createdAt === "asc") list.reverse();
      return finishPage(list.slice(0, q.take), q);
    };
    const first = run(keysetQuery({ after: null, before: null }, "desc", 3));
    expect(first.rows.map((r) => r.id)).toEqual(["id0", "id1", "id2"]);
    expect(first.pageInfo).toMatchObject({ hasNext: true, hasPrevious: false });
    const second = run(keysetQuery({ after: first.pageInfo.nextCursor, before: null }, "desc", 3));
    expect(second.rows.map((r) => r.id)).toEqual(["id3", "id4", "id5"]);
    expect(second.pageInfo).toMatchObject({ hasNext: true, hasPrevious: true });
    const third = run(keysetQuery({ after: second.pageInfo.nextCursor, before: null }, "desc", 3));
    expect(third.rows.map((r) => r.id)).toEqual(["id6"]);
    expect(third.pageInfo.hasNext).toBe(false);
    const back = run(keysetQuery({ after: null, before: second.pageInfo.prevCursor }, "desc", 3));
    expect(back.rows.map((r) => r.id)).toEqual(["id0", "id1", "id2"]);
    expect(back.pageInfo).toMatchObject({ hasNext: true, hasPrevious: false });
  });
});
