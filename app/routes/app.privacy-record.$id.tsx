import type { LoaderFunctionArgs } from "@remix-run/node";
import { adminContext } from "../admin/context.server";
import { dataRequestRecord } from "../privacy/privacy.server";

// Resource route: one customer data record (customers/data_request) as a JSON file, for
// the shop whose session token this is only; another shop's id is a 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const found = await dataRequestRecord(shop, params.id ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  const name = `customer-${found.customerId}-data-request-${found.requestId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 60)}.json`;
  return new Response(found.record, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
