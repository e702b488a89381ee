import { mintSessionToken } from "../../simulator/app-bridge-stub";

// Admin routes as Remix calls them, with a signed session token like App Bridge sends:
// everything goes through the real authenticate.admin, and the shop comes from the token.
export const APP = "http://app.test";

/** A GET (or, with `form`, a form POST) to `path` as staff of `shop`. */
export function adminRequest(shop: string, path: string, form?: Record<string, string | string[]>) {
  const token = mintSessionToken(shop, process.env.SHOPIFY_API_KEY!, process.env.SHOPIFY_API_SECRET!);
  const headers = { Authorization: `Bearer ${token}` };
  if (!form) return new Request(`${APP}${path}`, { headers });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return new Request(`${APP}${path}`, { method: "POST", headers, body });
}

/** The Response a loader or action threw (authenticate.admin answers by throwing). */
export async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected the route to throw a Response");
}
