import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { emailLanguage, UNSUBSCRIBE_PAGE } from "../mail/messages";
import { unsubscribeAdvocate, verifyUnsubscribe } from "../mail/unsubscribe.server";

/**
 * /email/unsubscribe?shop=…&a=…&sig=…, the link in every advocate email.
 * GET: a page with one button (link scanners that open links do not unsubscribe anyone).
 * POST: unsubscribes, from that button or from a mail client's one-click request
 * (List-Unsubscribe-Post, RFC 8058). A link whose signature does not hold is a 400.
 */

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
  "Referrer-Policy": "no-referrer",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(lang: string, title: string, body: string, status = 200) {
  return new Response(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family:-apple-system,Segoe UI,Roboto,sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#202223">${body}</body></html>`,
    { status, headers: HEADERS },
  );
}

async function resolve(request: Request) {
  const link = verifyUnsubscribe(new URL(request.url).searchParams);
  if (!link) return null;
  const [advocate, shop] = await Promise.all([
    db.advocate.findFirst({ where: { id: link.advocateId, shop: link.shop }, select: { locale: true } }),
    db.shop.findUnique({ where: { domain: link.shop }, select: { name: true } }),
  ]);
  const lang = emailLanguage(advocate?.locale);
  return { ...link, lang, text: UNSUBSCRIBE_PAGE[lang], shopName: shop?.name || link.shop };
}

const invalid = () =>
  page(
    "en",
    "Invalid link",
    "<h1>Invalid link</h1><p>This unsubscribe link is incomplete or was changed. Use the link from the email as it is.</p>",
    400,
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const link = await resolve(request);
  if (!link) return invalid();
  const ask = escapeHtml(link.text.ask.replace("{shop}", link.shopName));
  return page(
    link.lang,
    link.text.title,
    `<h1>${escapeHtml(link.text.title)}</h1><p>${ask}</p>` +
      `<form method="post"><button type="submit" style="padding:10px 16px;font-size:16px">${escapeHtml(link.text.button)}</button></form>`,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const link = await resolve(request);
  if (!link) return invalid();
  await unsubscribeAdvocate(link.shop, link.advocateId);
  const done = escapeHtml(link.text.done.replace("{shop}", link.shopName));
  return page(link.lang, link.text.title, `<h1>${escapeHtml(link.text.title)}</h1><p>${done}</p>`);
}
