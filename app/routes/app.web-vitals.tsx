import type { ActionFunctionArgs } from "@remix-run/node";
import { adminContext } from "../admin/context.server";

// Resource route: App Bridge's Admin Web Vitals for this app, reported by the admin
// layout (useWebVitalsLog), written to the server log one line per report. Only the
// metric names and numbers are kept; anything else in the body is ignored.
const MAX_BODY = 8_192;
const NAME = /^[A-Z]{2,5}$/;

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await adminContext(request);
  const text = await request.text();
  if (text.length > MAX_BODY) return new Response("Report too large", { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response("Send the report as JSON", { status: 400 });
  }
  const report = body as { path?: unknown; metrics?: unknown };
  if (!Array.isArray(report.metrics)) return new Response("The report has no metrics", { status: 400 });
  const metrics = report.metrics
    .filter(
      (m): m is { name: string; value: number } =>
        typeof m === "object" &&
        m !== null &&
        typeof m.name === "string" &&
        NAME.test(m.name) &&
        typeof m.value === "number" &&
        Number.isFinite(m.value),
    )
    .slice(0, 20);
  if (metrics.length === 0) return new Response("The report has no metrics", { status: 400 });
  const path = typeof report.path === "string" && /^\/app[\w/-]{0,80}$/.test(report.path) ? report.path : "/app";
  const values = metrics.map((m) => `${m.name}=${Math.round(m.value * 1000) / 1000}`).join(" ");
  console.info(`web-vitals shop=${shop} path=${path} ${values}`);
  return new Response(null, { status: 204 });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
