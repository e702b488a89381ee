import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailSink, type MailSink } from "../../scripts/demo/mail-sink";
import { adminRequest } from "../support/admin-requests";
import { installShop, startWorld, type World } from "../support/world";

/**
 * The settings page's email card: defaults that follow the SMTP setup, the switches
 * saved like every setting, the previews, and the test email to the shop owner.
 */

let world: World;
let sink: MailSink;
let reloadConfig: () => unknown;

const statusOf = (r: unknown) => (r as { init?: { status?: number } })?.init?.status ?? 200;
const dataOf = <T>(r: unknown) =>
  ((r as { type?: string }).type === "DataWithResponseInit" ? (r as { data: T }).data : r) as T;

beforeAll(async () => {
  sink = await startMailSink();
  world = await startWorld();
  reloadConfig = (await import("../../app/config.server")).reloadConfig;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  reloadConfig();
  await world?.stop();
  await sink?.stop();
});

function withSmtp(on: boolean) {
  if (on) {
    process.env.SMTP_URL = sink.smtpUrl;
    process.env.MAIL_FROM = "Referrals <referrals@app.example>";
  } else {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
  }
  reloadConfig();
}

type Loaded = {
  values: Record<string, string>;
  email: { configured: boolean; shopName: string; failures: unknown[] };
};

async function load(shop: string) {
  const { loader } = await import("../../app/routes/app.settings");
  return (await loader({ request: adminRequest(shop, "/app/settings"), params: {}, context: {} })) as Loaded;
}

describe("email settings", () => {
  it("without SMTP: says so, sends nothing and turns no email on; with SMTP the two middle ones are on by default", async () => {
    const { getProgramSettings } = await import("../../app/referrals/program-settings.server");
    const { emailSwitches } = await import("../../app/referrals/program-settings");
    withSmtp(false);
    const shop = await installShop(world.sim);
    const page = await load(shop);
    expect(page.email.configured).toBe(false);
    expect(page.email.shopName).toBe("Test Shop");
    expect(page.values.emailFriendOrdered).toBe("");
    const settings = await getProgramSettings(shop);
    expect(emailSwitches(settings, false)).toEqual({
      welcome: false,
      friend_ordered: false,
      reward_ready: false,
      expiry_reminder: false,
    });
    expect(emailSwitches(settings, true)).toEqual({
      welcome: false,
      friend_ordered: true,
      reward_ready: true,
      expiry_reminder: false,
    });
    withSmtp(true);
    expect((await load(shop)).email.configured).toBe(true);
  });

  it("saves each switch and the reminder days, and refuses a bad number of days", async () => {
    withSmtp(true);
    const shop = await installShop(world.sim);
    const { action } = await import("../../app/routes/app.settings");
    const page = await load(shop);
    const post = (changes: Record<string, string>) =>
      action({ request: adminRequest(shop, "/app/settings", { ...page.values, ...changes }), params: {}, context: {} });
    const refused = await post({ emailReminderDays: "0" });
    expect(statusOf(refused)).toBe(400);
    expect(JSON.stringify(dataOf<{ errors: unknown }>(refused).errors)).toContain("emailReminderDays");
    await post({
      emailWelcome: "true",
      emailFriendOrdered: "false",
      emailRewardReady: "true",
      storeCreditShopifyNotify: "false",
      emailExpiryReminder: "true",
      emailReminderDays: "3",
    });
    const saved = (await load(shop)).values;
    expect(saved).toMatchObject({
      emailWelcome: "true",
      emailFriendOrdered: "false",
      emailRewardReady: "true",
      storeCreditShopifyNotify: "false",
      emailExpiryReminder: "true",
      emailReminderDays: "3",
    });
  });

  it("previews every email in every language with the shop's offer", async () => {
    const { renderEmail, sampleEmailValues, EMAIL_LANGUAGES } = await import("../../app/mail/messages");
    const { EMAIL_KINDS } = await import("../../app/referrals/program-settings");
    const program = {
      shop: "demo.myshopify.com",
      friendOfferType: "fixed_amount",
      friendPercent: 0,
      friendAmountMinor: 500,
      rewardType: "fixed_amount",
      rewardAmountMinor: 1500,
      rewardPercent: 0,
      currencyCode: "EUR",
      rewardDelayDays: 14,
      rewardExpiryDays: 90,
      emailReminderDays: 7,
    };
    const subjects = new Set<string>();
    for (const kind of EMAIL_KINDS)
      for (const lang of EMAIL_LANGUAGES) {
        const email = renderEmail(kind, lang, sampleEmailValues(program, "Demo & Co", "https://x/u"));
        subjects.add(email.subject);
        expect(email.html).toContain("Demo &amp; Co");
        expect(email.text).toContain("https://x/u");
        if (kind !== "welcome") expect(email.text).toMatch(/15[.,]00/);
        else expect(email.text).toMatch(/5[.,]00/);
      }
    expect(subjects.size).toBe(EMAIL_KINDS.length * EMAIL_LANGUAGES.length);
  });

  it("sends a test email to the owner's address, and refuses one without SMTP or with a bad choice", async () => {
    const shop = await installShop(world.sim, { rewardAmount: "12.50" });
    const { action } = await import("../../app/routes/app.settings");
    const post = (form: Record<string, string>) =>
      action({ request: adminRequest(shop, "/app/settings", form), params: {}, context: {} });
    withSmtp(false);
    expect(statusOf(await post({ intent: "test_email", kind: "reward_ready", language: "bg" }))).toBe(400);
    withSmtp(true);
    expect(statusOf(await post({ intent: "test_email", kind: "nope", language: "bg" }))).toBe(400);
    sink.clear();
    const sent = await post({ intent: "test_email", kind: "reward_ready", language: "bg" });
    expect(dataOf<{ ok: boolean }>(sent).ok).toBe(true);
    const [email] = await sink.waitFor(1);
    expect(email.to).toEqual([world.sim.shopState(shop).shop.email]);
    expect(email.subject).toBe("[Test] Вашата награда от Test Shop е готова");
    expect(email.text).toMatch(/12,50/);

    sink.refuse = () => ({ code: 550, message: "No such user" });
    const failed = await post({ intent: "test_email", kind: "welcome", language: "en" });
    sink.refuse = null;
    expect(statusOf(failed)).toBe(502);
    expect(JSON.stringify(dataOf(failed))).toContain("550 No such user");
  });
});
