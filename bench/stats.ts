// Figures and the report: percentiles, rates, ratios against a baseline measured in the
// same run, and one table per database.

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export interface LatencySummary {
  count: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latenciesMs: number[], seconds: number, errors = 0): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    errors,
    seconds,
    rps: seconds > 0 ? sorted.length / seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/** One line of a report: a figure, the baseline it is compared with, and the target. */
export interface Row {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  /** value / baseline (omitted when there is no baseline) */
  ratio?: number;
  target?: string;
  pass?: boolean;
}

export function row(r: Omit<Row, "ratio"> & { ratio?: number }): Row {
  const ratio = r.ratio ?? (r.baseline !== undefined && r.baseline !== 0 ? r.value / r.baseline : undefined);
  return { ...r, ratio };
}

const fmt = (n: number | undefined, unit = "") => {
  if (n === undefined) return "";
  if (!Number.isFinite(n)) return String(n);
  const s = Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
  return unit ? `${s} ${unit}` : s;
};

/** A plain-text (and Markdown-compatible) table of rows. */
export function table(rows: Row[]): string {
  const head = ["bench", "figure", "value", "baseline", "ratio", "target", "result"];
  const body = rows.map((r) => [
    r.bench,
    r.figure,
    fmt(r.value, r.unit),
    fmt(r.baseline, r.unit),
    r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`,
    r.target ?? "",
    r.pass === undefined ? "" : r.pass ? "pass" : "FAIL",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
