import type { LoaderFunctionArgs } from "@remix-run/node";
import { adminContext } from "../admin/context.server";
import { referralsCsv, rewardsCsv } from "../admin/csv-export.server";
import { exportFilename } from "../admin/export-kinds";
import { parseExportRequest } from "../admin/export-params";
import { translatorFor } from "../i18n/catalogue.server";
import { shopTimeZone } from "../shops/time-zone.server";

// Resource route (no component): the CSV file itself, streamed page by page. The export
// page links here with a fresh session token in the URL, because a download cannot
// carry App Bridge's Authorization header. Days are the shop's (shop.ianaTimezone).
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const parsed = parseExportRequest(new URL(request.url).searchParams);
  if (!parsed.ok) {
    // A download has no page to show the message on: plain English text with the 400.
    const english = translatorFor("en");
    return new Response(
      Object.values(parsed.errors)
        .map((key) => english(key))
        .join("\n"),
      {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  const { kind, from, to } = parsed.value;
  const timeZone = await shopTimeZone(shop);
  const body =
    kind === "referrals" ? referralsCsv(shop, { from, to }, timeZone) : rewardsCsv(shop, { from, to }, timeZone);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFilename(kind, { from, to })}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
