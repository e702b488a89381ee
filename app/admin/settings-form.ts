import type { FieldErrors, SettingsInput } from "../referrals/program-settings";

/**
 * Every field of the settings form, as validateSettings reads them. The currency is not
 * one: it is the shop's (validateShopSettings), shown read-only.
 */
export const SETTINGS_FIELDS = [
  "enabled",
  "friendOfferType",
  "friendPercent",
  "friendAmount",
  "rewardType",
  "rewardAmount",
  "rewardPercent",
  "minimumSubtotal",
  "rewardDelayDays",
  "rewardExpiryDays",
  "maxRewardsPerAdvocate",
  "milestones",
  "tiers",
  "rewardFromReferral",
  "orderTag",
  "customerTag",
  "shareMessage",
  "autoEnroll",
  "emailWelcome",
  "emailFriendOrdered",
  "emailRewardReady",
  "storeCreditShopifyNotify",
  "emailExpiryReminder",
  "emailReminderDays",
] as const;

/**
 * The posted form as SettingsInput: only the known fields, only text, each bounded
 * (validateSettings judges the content; this just keeps junk and huge bodies out).
 */
export function settingsInputFrom(form: FormData): SettingsInput {
  const input: SettingsInput = {};
  for (const field of SETTINGS_FIELDS) {
    const value = form.get(field);
    if (typeof value === "string") input[field] = value.slice(0, 2000);
  }
  // An unchecked checkbox is absent from a form post: absent means off.
  input.enabled = input.enabled === "true" || input.enabled === "on" ? "true" : "false";
  input.autoEnroll = input.autoEnroll === "true" || input.autoEnroll === "on" ? "true" : "false";
  for (const field of ["emailWelcome", "storeCreditShopifyNotify", "emailExpiryReminder"] as const)
    input[field] = input[field] === "true" || input[field] === "on" ? "true" : "false";
  return input;
}

/** What the settings action answers: saved, or the message per invalid field. */
export type SettingsActionData = { ok: true; errors: null } | { ok: false; errors: FieldErrors };
