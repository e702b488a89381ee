import nodemailer, { type Transporter } from "nodemailer";
import { config } from "../config.server";

/**
 * SMTP through nodemailer, configured by SMTP_URL and MAIL_FROM. Without SMTP_URL the app
 * sends nothing (mailTransport() is null), and the settings page says so.
 */

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** stable per email, so a receiving server (or a test) can tell one email from another */
  messageId?: string;
}

/** Why a send failed. Permanent: the server refused it for good (5xx); retrying cannot help. */
export class MailSendError extends Error {
  override name = "MailSendError";
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

let cached: { url: string; transporter: Transporter } | null = null;

function transporter(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transporter.close();
    cached = {
      url,
      // Short timeouts: a task holds its lease while it waits; a slow server is retried later.
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as Parameters<typeof nodemailer.createTransport>[1]),
    };
  }
  return cached.transporter;
}

export const mailConfigured = () => config().mail !== null;

/**
 * Sends one email. Throws MailSendError: retryable for transient failures (4xx replies,
 * a server that cannot be reached), not for permanent ones (5xx replies).
 */
export async function sendEmail(email: OutgoingEmail): Promise<{ messageId: string }> {
  const mail = config().mail;
  if (!mail) throw new MailSendError("SMTP is not configured (SMTP_URL is not set)", false);
  try {
    const info = (await transporter(mail.smtpUrl).sendMail({
      from: mail.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
      ...(email.messageId ? { messageId: email.messageId } : {}),
    })) as { messageId: string };
    return { messageId: info.messageId };
  } catch (error) {
    const e = error as { message?: string; responseCode?: number; permanent?: boolean; response?: string };
    const permanent = typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode !== 503;
    const detail = e.response ?? e.message ?? String(error);
    throw new MailSendError(`SMTP: ${detail}`.slice(0, 480), !permanent);
  }
}
