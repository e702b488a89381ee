import db from "../db.server";
import { isPlausibleCode, normaliseCode } from "../referrals/codes";
import { bumpDailyStat } from "../referrals/ledger.server";
import { hashIp } from "../referrals/secrets.server";

/**
 * Counts a click on a referral link and says where to send the visitor. Known, unknown
 * or banned, a well-formed code gets the same answer (Shopify's /discount/CODE link,
 * where Shopify itself judges the code exactly as if it were typed at checkout), so the
 * app's endpoint cannot be used to find out which codes exist. Only a code that could
 * never have been issued (wrong characters or length) goes to the home page.
 */
export async function recordClick(shop: string, rawCode: string, visitorIp: string | null, now = new Date()): Promise<string> {
  const home = "/";
  if (!isPlausibleCode(rawCode)) return home;
  const code = normaliseCode(rawCode);
  // Shopify's own discount link applies the code to the cart and lands on the home page.
  const target = `/discount/${encodeURIComponent(code)}?redirect=/`;
  const advocate = await db.advocate.findUnique({ where: { shop_code: { shop, code } }, select: { id: true, status: true } });
  if (!advocate || advocate.status !== "active") return target;
  await db.$transaction(async (tx) => {
    await tx.click.create({ data: { shop, advocateId: advocate.id, visitorHash: hashIp(shop, visitorIp) } });
    await tx.advocate.update({ where: { id: advocate.id }, data: { clicks: { increment: 1 } } });
    await bumpDailyStat(tx, shop, now, { clicks: 1 });
  });
  return target;
}
