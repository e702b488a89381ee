import { authenticate } from "../shopify.server";

export interface AdminContext {
  /** the shop every query of this request is scoped to */
  shop: string;
  /** who did it, for the ledger: the staff member's Shopify user id from the session token */
  actor: string;
}

/**
 * Every admin loader and action starts here: authenticate.admin validates the session
 * token (or bounces to get one) and the shop comes only from that verified token, never
 * from a form field or the URL.
 */
export async function adminContext(request: Request): Promise<AdminContext> {
  const { session, sessionToken } = await authenticate.admin(request);
  const sub = sessionToken?.sub;
  return { shop: session.shop, actor: sub ? `staff:${sub}` : "staff" };
}
