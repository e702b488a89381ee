import db from "../db.server";
import type { OutboxTask } from "../outbox.server";
import { AdminApiError, type AdminApi } from "../shopify/admin-client.server";
import { readShopContact as readShopNameAndEmail, readShopLocales } from "../shopify/shop.server";
import { readCodeUsage } from "../shopify/discounts.server";
import { refreshAdvocateIdentity } from "../referrals/advocates.server";
import { referralLink } from "../referrals/links";
import { getProgramSettings } from "../referrals/program-settings.server";
import { emailSwitches, type EmailKind } from "../referrals/program-settings";
import { EMAIL_TASK_KIND } from "./enqueue.server";
import { emailLanguage, renderEmail, sampleEmailValues, supportedLanguage, type EmailLanguage } from "./messages";
import { MailSendError, mailConfigured, sendEmail } from "./transport.server";
import { unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe.server";

/** Advocate emails as the worker sends them (queued by enqueue.server.ts). */

/**
 * The shop's primary locale (shopLocales, scope read_locales). A shop that did not
 * grant the scope yet gets null (emails fall back to English); a transient failure throws.
 */
export async function readShopPrimaryLocale(admin: AdminApi): Promise<string | null> {
  try {
    return (await readShopLocales(admin)).find((l) => l.primary)?.locale ?? null;
  } catch (error) {
    if (error instanceof AdminApiError && !error.retryable && error.kind !== "auth") return null;
    throw error;
  }
}

/** The shop's name and owner email, from the Admin API; the name is kept on the Shop row for pages. */
export async function readShopContact(admin: AdminApi): Promise<{ name: string; email: string }> {
  const contact = await readShopNameAndEmail(admin);
  await db.shop.updateMany({
    where: { domain: admin.shop, NOT: { name: contact.name } },
    data: { name: contact.name },
  });
  return contact;
}

/**
 * The shop's name for the settings page: as last read (kept on the Shop row), else read
 * now, waiting at most `waitMs` so a slow Shopify never holds the page; else its domain.
 */
export async function shopDisplayName(shop: string, admin: () => Promise<AdminApi>, waitMs = 2_000): Promise<string> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { name: true } });
  if (row?.name) return row.name;
  const read = admin()
    .then((api) => readShopContact(api))
    .then((contact) => contact.name)
    .catch(() => shop);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(shop), waitMs);
  });
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Payload = { email: EmailKind; advocateId: string; referralId?: string; rewardId?: string };

/**
 * The outbox task: sends one advocate email, or nothing when it no longer applies (the
 * switch was turned off, the advocate unsubscribed, was erased or banned, the reward was
 * voided or its code used). SMTP has no idempotency key, so `sendingAt` is written
 * before the message goes out: a worker that died mid-send leaves it set, and the email
 * is then recorded as failed instead of possibly sent twice. A 4xx reply or an
 * unreachable server (nothing was accepted) retries with the outbox's backoff; a 5xx
 * reply fails the task for good, with the server's answer for the owner to read.
 */
export async function sendAdvocateEmail(admin: AdminApi, task: OutboxTask): Promise<string> {
  const payload = JSON.parse(task.payload) as Payload;
  const shop = task.shop;
  const kind = payload.email;
  const settings = await getProgramSettings(shop);
  if (!mailConfigured()) return "not sent: SMTP is not configured";
  if (!emailSwitches(settings, true)[kind]) return "not sent: switched off";
  let advocate = await db.advocate.findFirst({ where: { id: payload.advocateId, shop } });
  if (!advocate || advocate.status !== "active") return "not sent: advocate not active";
  if (advocate.emailUnsubscribedAt) return "not sent: unsubscribed";
  if (!advocate.email && !advocate.identityReadAt) {
    advocate = await refreshAdvocateIdentity(admin, shop, advocate.id);
    if (!advocate) return "not sent: advocate not active";
  }
  if (!advocate.email) return "not sent: no email address";

  const reward = await rewardFor(shop, kind, payload);
  if (kind !== "welcome") {
    if (!reward || reward.state === "voided") return "not sent: no reward";
    if (kind === "reward_ready" && reward.state !== "issued") return "not sent: reward not issued";
    if (kind === "reward_ready" && reward.rewardType === "store_credit" && settings.storeCreditShopifyNotify)
      return "not sent: Shopify notifies store credit";
    if (kind === "expiry_reminder") {
      if (reward.state !== "issued" || reward.usedAt) return "not sent: reward used or not issued";
      if (!reward.expiresAt || reward.expiresAt.getTime() <= Date.now()) return "not sent: reward expired";
      // Shopify knows of uses the app has not seen (an order webhook still on its way).
      if (reward.discountId) {
        const usage = await readCodeUsage(admin, reward.discountId);
        if (!usage || (usage.asyncUsageCount ?? 0) > 0 || (usage.status && usage.status !== "ACTIVE"))
          return "not sent: the code was used or is no longer active";
      }
    }
  }

  const contact = await readShopContact(admin);
  // The shop's primary locale is read only for advocates whose own language the app does not write.
  const language: EmailLanguage =
    supportedLanguage(advocate.locale) ?? emailLanguage(null, await readShopPrimaryLocale(admin));
  const unsubscribe = unsubscribeUrl(shop, advocate.id);
  const rendered = renderEmail(kind, language, {
    shopName: contact.name,
    firstName: advocate.firstName,
    advocateCode: advocate.code,
    link: referralLink(shop, advocate.code),
    friendOfferType: settings.friendOfferType,
    friendPercent: settings.friendPercent,
    friendAmountMinor: settings.friendAmountMinor,
    currency: reward?.currencyCode ?? settings.currencyCode,
    amountMinor: reward?.amountMinor ?? 0,
    rewardType: reward?.rewardType ?? settings.rewardType,
    rewardCode: reward && reward.rewardType !== "store_credit" ? reward.code : null,
    unlocksAt: reward?.dueAt ?? null,
    expiresAt: reward?.expiresAt ?? null,
    reminderDays: settings.emailReminderDays,
    unsubscribeUrl: unsubscribe,
  });

  if (task.sendingAt)
    throw new MailSendError(
      "an earlier attempt was interrupted while sending; not sent again so the advocate cannot get it twice",
      false,
    );
  await db.outboxTask.updateMany({
    where: { id: task.id, leaseOwner: task.leaseOwner },
    data: { sendingAt: new Date() },
  });
  try {
    await sendEmail({
      to: advocate.email,
      ...rendered,
      headers: { ...unsubscribeHeaders(unsubscribe), "X-Referral-Email": task.key },
      messageId: `<${task.id}@referrals.${shop}>`,
    });
  } catch (error) {
    // Nothing was accepted (a reply refused it, or no server answered): may be sent again.
    await db.outboxTask.updateMany({
      where: { id: task.id, leaseOwner: task.leaseOwner },
      data: { sendingAt: null },
    });
    throw error;
  }
  return `sent (${language})`;
}

async function rewardFor(shop: string, kind: EmailKind, payload: Payload) {
  if (kind === "friend_ordered" && payload.referralId)
    return db.reward.findUnique({ where: { shop_cause: { shop, cause: `referral:${payload.referralId}` } } });
  if (payload.rewardId) return db.reward.findFirst({ where: { id: payload.rewardId, shop } });
  return null;
}

/** The owner's test email: one email with the shop's current offer, to the shop's own address. */
export async function sendTestEmail(admin: AdminApi, shop: string, kind: EmailKind, language: EmailLanguage) {
  const settings = await getProgramSettings(shop);
  const contact = await readShopContact(admin);
  const rendered = renderEmail(
    kind,
    language,
    sampleEmailValues(settings, contact.name, unsubscribeUrl(shop, "test-email")),
  );
  await sendEmail({ to: contact.email, ...rendered, subject: `[Test] ${rendered.subject}` });
  return { to: contact.email };
}

export interface EmailFailure {
  email: EmailKind;
  advocateId: string;
  at: Date;
  error: string;
}

/** Emails that failed for good (a 5xx refusal, or a send interrupted mid-way), newest first, for the settings page. */
export async function listEmailFailures(shop: string, take = 20): Promise<EmailFailure[]> {
  const tasks = await db.outboxTask.findMany({
    where: { shop, kind: EMAIL_TASK_KIND, status: "failed" },
    orderBy: { nextAttemptAt: "desc" },
    take,
    select: { payload: true, lastError: true, nextAttemptAt: true, createdAt: true },
  });
  return tasks.map((t) => {
    const payload = JSON.parse(t.payload) as Payload;
    return { email: payload.email, advocateId: payload.advocateId, at: t.nextAttemptAt, error: t.lastError ?? "" };
  });
}
