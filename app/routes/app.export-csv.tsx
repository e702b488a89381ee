import type { LoaderFunctionArgs } from "@remix-run/node";
import { adminContext } from "../admin/context.server";
import { referralsCsv, rewardsCsv } from "../admin/csv-export.server";
import { exportFilename } from "../admin/export-kinds";
import { parseExportRequest } from "../admin/export-params";

// Resource route (no component): the CSV file itself, streamed page by page. The export
// page links here with a fresh session token in the URL, because a download cannot
// carry App Bridge's Authorization header.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const parsed = parseExportRequest(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return new Response(Object.values(parsed.errors).join("\n"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { kind, from, to } = parsed.value;
  const body = kind === "referrals" ? referralsCsv(shop, { from, to }) : rewardsCsv(shop, { from, to });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFilename(kind, { from, to })}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
