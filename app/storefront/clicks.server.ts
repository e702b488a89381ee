import db from "../db.server";
import { isPlausibleCode, normaliseCode } from "../referrals/codes";
import { bumpDailyStat } from "../referrals/ledger.server";
import { landingPath } from "../referrals/links";
import { isUniqueViolation } from "../lib/prisma-errors";
import { clickVisitorKey } from "../referrals/secrets.server";

/**
 * Counts a click on a referral link and says where to send the visitor (referrals/links:
 * landingPath). Known, unknown or banned, a well-formed code gets the same answer, which
 * depends only on the shop's program: a two-sided program lands on Shopify's
 * /discount/CODE link (Shopify itself judges the code exactly as if it were typed at
 * checkout), a one-sided one on the home page with ?referral_code=CODE for the tracking
 * embed. So the app's endpoint cannot be used to find out which codes exist. Only a code
 * that could never have been issued (wrong characters or length) goes to the bare home page.
 *
 * A visitor counts once per code and UTC day (Click's unique visitor key: IP and user
 * agent hashed with the day), so reloading a link does not inflate an advocate's clicks.
 * A request without an IP is keyed by its user agent alone: undercounting beats inflating.
 */
export async function recordClick(
  shop: string,
  rawCode: string,
  visitor: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const home = "/";
  if (!isPlausibleCode(rawCode)) return home;
  const code = normaliseCode(rawCode);
  // A plain read (no settings row is created for a shop that never set up the program,
  // which keeps the schema's default: a two-sided offer).
  const [program, advocate] = await Promise.all([
    db.programSettings.findUnique({ where: { shop }, select: { friendOfferType: true } }),
    db.advocate.findUnique({ where: { shop_code: { shop, code } }, select: { id: true, status: true } }),
  ]);
  const target = landingPath(code, program ?? { friendOfferType: "percentage" });
  if (!advocate || advocate.status !== "active") return target;
  const visitorKey = clickVisitorKey(shop, code, visitor, now);
  try {
    await db.$transaction(async (tx) => {
      await tx.click.create({ data: { shop, advocateId: advocate.id, visitorKey, createdAt: now } });
      await tx.advocate.update({ where: { id: advocate.id }, data: { clicks: { increment: 1 } } });
      await bumpDailyStat(tx, shop, now, { clicks: 1 });
    });
  } catch (error) {
    // This visitor's click on this code today is already counted.
    if (!isUniqueViolation(error)) throw error;
  }
  return target;
}
