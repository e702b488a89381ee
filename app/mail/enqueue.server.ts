import type { Tx } from "../db.server";
import { enqueueTask } from "../outbox.server";
import { emailSwitches, type EmailKind, type ProgramSettings } from "../referrals/program-settings";
import { mailConfigured } from "./transport.server";

/**
 * Advocate emails are queued here. Each is an outbox task written in the same
 * transaction as the event it tells about, keyed by the email and the event
 * (`email:reward_ready:{rewardId}`), so however often a webhook repeats, the email is
 * queued once; the worker sends it (emails.server.ts, sendAdvocateEmail).
 */

export const EMAIL_TASK_KIND = "advocate_email";
export const DAY_MS = 86_400_000;

export interface EmailEvent {
  advocateId: string;
  referralId?: string;
  rewardId?: string;
}

/** The outbox key of one email about one event: the unit of "at most once". */
export function emailTaskKey(kind: EmailKind, event: EmailEvent): string {
  const about = kind === "welcome" ? event.advocateId : kind === "friend_ordered" ? event.referralId : event.rewardId;
  if (!about) throw new Error(`email ${kind} needs the id of what it tells about`);
  return `email:${kind}:${about}`;
}

/**
 * Queues an email in the caller's transaction when its switch is on (and SMTP is
 * configured). A second call for the same event is a no-op.
 */
export async function enqueueAdvocateEmail(
  tx: Tx,
  settings: Pick<
    ProgramSettings,
    "shop" | "emailWelcome" | "emailFriendOrdered" | "emailRewardReady" | "emailExpiryReminder"
  >,
  kind: EmailKind,
  event: EmailEvent,
  notBefore?: Date,
) {
  if (!emailSwitches(settings, mailConfigured())[kind]) return false;
  await enqueueTask(tx, settings.shop, {
    kind: EMAIL_TASK_KIND,
    key: emailTaskKey(kind, event),
    payload: { email: kind, ...event },
    ...(notBefore ? { notBefore } : {}),
  });
  return true;
}

/**
 * After a reward is issued: "your reward is ready" (unless Shopify's own store credit
 * notification tells the advocate instead) and, for a code that expires, the reminder
 * N days before it does.
 */
export async function enqueueRewardIssuedEmails(
  tx: Tx,
  settings: Pick<
    ProgramSettings,
    | "shop"
    | "emailWelcome"
    | "emailFriendOrdered"
    | "emailRewardReady"
    | "emailExpiryReminder"
    | "storeCreditShopifyNotify"
    | "emailReminderDays"
  >,
  reward: { id: string; advocateId: string; rewardType: string; expiresAt: Date | null },
  now: Date,
) {
  const event = { advocateId: reward.advocateId, rewardId: reward.id };
  if (!(reward.rewardType === "store_credit" && settings.storeCreditShopifyNotify))
    await enqueueAdvocateEmail(tx, settings, "reward_ready", event);
  if (reward.rewardType !== "store_credit" && reward.expiresAt) {
    const remindAt = new Date(reward.expiresAt.getTime() - settings.emailReminderDays * DAY_MS);
    // A code that expires sooner than the reminder period gets no reminder right after "ready".
    if (remindAt > now) await enqueueAdvocateEmail(tx, settings, "expiry_reminder", event, remindAt);
  }
}
