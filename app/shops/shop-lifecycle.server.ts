import db from "../db.server";

/**
 * After Shopify hands the app a token for a shop (install or reinstall): the shop is
 * active again and keeps whatever settings and history it had before uninstalling.
 */
export async function onShopAuthenticated(shop: string, scopes: string) {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, scopes },
    update: { uninstalledAt: null, scopes },
  });
  await db.programSettings.upsert({ where: { shop }, create: { shop }, update: {} });
}

/**
 * app/uninstalled: the shop's tokens are gone, so its sessions are deleted and the
 * program pauses. Referrals, rewards and settings stay until shop/redact (48 hours
 * later), so a reinstall resumes where the shop left off.
 */
export async function onShopUninstalled(shop: string) {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.upsert({ where: { domain: shop }, create: { domain: shop, uninstalledAt: new Date() }, update: { uninstalledAt: new Date() } }),
  ]);
}

/** app/scopes_update: keep the stored scopes equal to what the shop granted. */
export async function onScopesUpdated(shop: string, payload: unknown) {
  const current = (payload as { current?: unknown })?.current;
  if (!Array.isArray(current) || !current.every((s) => typeof s === "string")) return;
  const scope = (current as string[]).join(",");
  await db.$transaction([
    db.session.updateMany({ where: { shop }, data: { scope } }),
    db.shop.updateMany({ where: { domain: shop }, data: { scopes: scope } }),
  ]);
}

/** Whether the app may act for the shop: installed (not uninstalled). */
export async function isShopActive(shop: string): Promise<boolean> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { uninstalledAt: true } });
  return !!row && row.uninstalledAt === null;
}
