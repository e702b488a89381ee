/**
 * Starts a file download from an authenticated admin route. A download is a plain
 * browser navigation, which App Bridge's fetch patch cannot add the Authorization
 * header to, so the request carries what Shopify's own embedded document requests carry:
 * embedded=1, shop, host and a fresh (one-minute) session token as id_token. The route
 * still goes through authenticate.admin, and the response streams straight to disk.
 */
export async function downloadWithSessionToken(path: string, params: Record<string, string>) {
  const token = await window.shopify.idToken();
  const config = window.shopify.config;
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", config.shop ?? "");
  url.searchParams.set("host", config.host ?? "");
  url.searchParams.set("id_token", token);
  const link = document.createElement("a");
  link.href = url.toString();
  link.download = "";
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
}
