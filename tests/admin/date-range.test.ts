import { describe, expect, it } from "vitest";
import { daysOf, parseDay, parseRangeSelection, rangeInstants } from "../../app/admin/date-range";
import { parseExportRequest } from "../../app/admin/export-params";

const now = new Date("2025-03-31T15:00:00Z");

describe("dashboard date range", () => {
  it("defaults to the last 30 days and compares with the 30 days before", () => {
    const r = parseRangeSelection(new URLSearchParams(), now);
    expect(r.current).toEqual({ from: "2025-03-02", to: "2025-03-31", days: 30 });
    expect(r.previous).toEqual({ from: "2025-01-31", to: "2025-03-01", days: 30 });
    expect(r.error).toBeNull();
  });

  it("accepts a custom range and rejects nonsense with a message", () => {
    const ok = parseRangeSelection(new URLSearchParams({ range: "custom", from: "2025-02-01", to: "2025-02-28" }), now);
    expect(ok.current.days).toBe(28);
    expect(ok.previous).toEqual({ from: "2025-01-04", to: "2025-01-31", days: 28 });
    for (const bad of <Record<string, string>[]>[
      { range: "custom", from: "2025-02-30", to: "2025-03-01" },
      { range: "custom", from: "2025-03-01", to: "2025-02-01" },
      { range: "custom", from: "2020-01-01", to: "2025-01-01" },
      { range: "bogus" },
    ]) {
      const r = parseRangeSelection(new URLSearchParams(bad), now);
      expect(r.error).toBeTruthy();
      expect(r.preset).toBe("30d");
    }
  });

  it("lists days and instants with the end day inclusive", () => {
    expect(daysOf({ from: "2024-02-28", to: "2024-03-01", days: 3 })).toEqual([
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
    ]);
    expect(rangeInstants({ from: "2025-01-01", to: "2025-01-01" })).toEqual({
      gte: new Date("2025-01-01T00:00:00Z"),
      lt: new Date("2025-01-02T00:00:00Z"),
    });
    expect(parseDay("2025-13-01")).toBeNull();
  });
});

describe("export request", () => {
  it("names the wrong field", () => {
    expect(
      parseExportRequest(new URLSearchParams({ kind: "orders", from: "2025-01-01", to: "2025-01-02" })),
    ).toMatchObject({ ok: false, errors: { kind: expect.any(String) } });
    expect(
      parseExportRequest(new URLSearchParams({ kind: "rewards", from: "2025-01-05", to: "2025-01-02" })),
    ).toMatchObject({ ok: false, errors: { to: expect.any(String) } });
    expect(parseExportRequest(new URLSearchParams({ kind: "referrals", from: "x", to: "2025-01-02" }))).toMatchObject({
      ok: false,
      errors: { from: expect.any(String) },
    });
    expect(
      parseExportRequest(new URLSearchParams({ kind: "referrals", from: "2025-01-01", to: "2025-01-02" })),
    ).toEqual({ ok: true, value: { kind: "referrals", from: "2025-01-01", to: "2025-01-02" } });
  });
});
