/**
 * A link to a page of the Shopify admin (an order, a customer). A plain anchor: App
 * Bridge navigates the admin's top frame for `shopify://admin/...` addresses, which the
 * router's own links would treat as a route of the app.
 */
export function AdminLink({ href, label, children }: { href: string; label: string; children: React.ReactNode }) {
  return (
    <a href={href} target="_top" aria-label={label} title={label} className="Polaris-Link">
      {children}
    </a>
  );
}
