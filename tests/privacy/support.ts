import crypto from "node:crypto";
import { Prisma } from "@referral-db/sqlite";
import db from "../../app/db.server";

/**
 * Every model of the schema that belongs to a shop (a `shop` column, or Shop's
 * `domain`), read from Prisma's own model list: a table added later is covered too.
 */
export const SHOP_MODELS = Prisma.dmmf.datamodel.models
  .map((m) => ({
    name: m.name,
    key: m.fields.some((f) => f.name === "shop") ? "shop" : m.fields.some((f) => f.name === "domain") ? "domain" : null,
  }))
  .filter((m): m is { name: string; key: "shop" | "domain" } => m.key !== null);

type Delegate = { findMany(args: unknown): Promise<Record<string, unknown>[]> };
const delegate = (model: string) =>
  (db as unknown as Record<string, Delegate>)[model[0].toLowerCase() + model.slice(1)];

const stable = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [
        k,
        row[k] instanceof Date ? (row[k] as Date).toISOString() : typeof row[k] === "bigint" ? String(row[k]) : row[k],
      ]),
  );

/** All rows of the shop, per model, in a stable order and form. */
export async function shopRows(shop: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const m of SHOP_MODELS) {
    const rows = await delegate(m.name).findMany({ where: { [m.key]: shop } });
    out[m.name] = rows.map(stable).sort();
  }
  return out;
}

export async function rowCounts(shop: string): Promise<Record<string, number>> {
  const rows = await shopRows(shop);
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]));
}

/** sha256 over every row of the shop in every table: byte-for-byte sameness. */
export async function shopDigest(shop: string): Promise<string> {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify(await shopRows(shop)))
    .digest("hex");
}

/** The shop's whole stored data as one lower-case string, to look for personal data. */
export async function shopText(shop: string): Promise<string> {
  return JSON.stringify(await shopRows(shop)).toLowerCase();
}

/** What the dashboard and the ledger total: must not move when a customer is redacted. */
export async function totals(shop: string) {
  const [stats, rewards, advocates, referrals] = await Promise.all([
    db.dailyStat.findMany({ where: { shop }, orderBy: { day: "asc" } }),
    db.reward.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      select: { id: true, amountMinor: true, currencyCode: true, kind: true, code: true },
    }),
    db.advocate.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      select: { id: true, clicks: true, referredCount: true, qualifiedCount: true, earnedMinor: true },
    }),
    db.referral.findMany({
      where: { shop },
      orderBy: { id: "asc" },
      select: { id: true, status: true, subtotalMinor: true, refundedMinor: true, currencyCode: true, orderId: true },
    }),
  ]);
  return { stats, rewards, advocates, referrals, rewardMinorTotal: rewards.reduce((s, r) => s + r.amountMinor, 0) };
}
