import { data } from "@remix-run/node";
import { config } from "../config.server";
import type { EmailSetup, TestEmailResult } from "../components/settings/EmailSettings";
import { listEmailFailures, sendTestEmail, shopDisplayName } from "../mail/emails.server";
import { EMAIL_LANGUAGES, type EmailLanguage } from "../mail/messages";
import { MailSendError, mailConfigured } from "../mail/transport.server";
import { oneOf } from "../states";
import { EMAIL_KINDS } from "../referrals/program-settings";
import { adminApiFor, AdminApiError } from "../shopify/admin-client.server";

/** The settings page's email card: SMTP set up or not, the shop's name for previews, failed sends. */
export async function emailSetup(shop: string): Promise<EmailSetup> {
  const [shopName, failures] = await Promise.all([
    shopDisplayName(shop, () => adminApiFor(shop)),
    listEmailFailures(shop),
  ]);
  return {
    configured: mailConfigured(),
    from: config().mail?.from ?? null,
    shopName,
    failures: failures.map((f) => ({ ...f, at: f.at.toISOString() })),
  };
}

/**
 * "Send test email": the chosen email in the chosen language, with the shop's saved
 * offer, to the shop owner's address (from the Admin API). Sent at once, not queued,
 * so the owner sees whether SMTP works.
 */
export async function testEmailAction(shop: string, form: FormData) {
  const kind = oneOf(EMAIL_KINDS, String(form.get("kind") ?? ""));
  const language = oneOf(EMAIL_LANGUAGES as readonly EmailLanguage[], String(form.get("language") ?? ""));
  if (!kind || !language)
    return data<TestEmailResult>({ ok: false, messages: [{ key: "email.testInvalid" }] }, { status: 400 });
  if (!mailConfigured())
    return data<TestEmailResult>({ ok: false, messages: [{ key: "email.testNotConfigured" }] }, { status: 400 });
  try {
    const { to } = await sendTestEmail(await adminApiFor(shop), shop, kind, language);
    return data<TestEmailResult>({ ok: true, messages: [{ key: "email.testSent", vars: { to } }] });
  } catch (error) {
    if (!(error instanceof MailSendError || error instanceof AdminApiError)) throw error;
    return data<TestEmailResult>(
      { ok: false, messages: [{ key: "email.testFailed", vars: { error: error.message } }] },
      { status: 502 },
    );
  }
}
