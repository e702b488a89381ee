/**
 * Links from the app into the Shopify admin (the order, the customer), in the form App
 * Bridge navigates the top frame with: `shopify://admin/orders/123`. Ids are stored as
 * Shopify sent them (a number, or a gid in GraphQL answers); anything else has no page in
 * the admin and gets no link.
 */
function numericId(id: string | null | undefined): string | null {
  if (!id) return null;
  const match = /^(?:gid:\/\/shopify\/\w+\/)?(\d+)$/.exec(id.trim());
  return match ? match[1] : null;
}

export function adminOrderUrl(orderId: string | null | undefined): string | null {
  const id = numericId(orderId);
  return id ? `shopify://admin/orders/${id}` : null;
}

export function adminCustomerUrl(customerId: string | null | undefined): string | null {
  const id = numericId(customerId);
  return id ? `shopify://admin/customers/${id}` : null;
}
