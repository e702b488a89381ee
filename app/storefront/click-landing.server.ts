import db from "../db.server";
import { isPlausibleCode, normaliseCode } from "../referrals/codes";
import { landingPath } from "../referrals/links";
import { recordClick } from "./clicks.server";

type ClickVisitor = Parameters<typeof recordClick>[2];

/**
 * Where /r/CODE sends the visitor, from the code's spelling and the shop's program only:
 * the same read for every code, known or not (storefront/clicks says where links land).
 * Counting the click (which looks the code up and writes) happens after the answer, in
 * clickRecorder, so the time to answer says nothing about whether the code exists.
 */
export async function clickLandingPath(shop: string, rawCode: string): Promise<string> {
  if (!isPlausibleCode(rawCode)) return "/";
  // A plain read: no settings row is created for a shop that never set up the program.
  const program = await db.programSettings.findUnique({ where: { shop }, select: { friendOfferType: true } });
  return landingPath(normaliseCode(rawCode), program ?? { friendOfferType: "percentage" });
}

/** What counts a click once the answer is on its way; tests put a slower one in its place. */
export const clickRecorder = {
  record: (shop: string, rawCode: string, visitor: ClickVisitor, at: Date): Promise<unknown> =>
    recordClick(shop, rawCode, visitor, at),
};
