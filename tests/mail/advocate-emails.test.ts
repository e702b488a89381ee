import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMailSink, type MailSink, type ReceivedEmail } from "../../scripts/demo/mail-sink";
import { DAY, drain, enrollCustomer, installShop, startWorld, type World } from "../support/world";

/**
 * Advocate emails end to end: signed order webhooks from the simulator, the worker, and a
 * real SMTP server in this process (smtp-server) that keeps what it receives.
 */

let world: World;
let sink: MailSink;
let db: (typeof import("../../app/db.server"))["default"];

beforeAll(async () => {
  sink = await startMailSink();
  process.env.SMTP_URL = sink.smtpUrl;
  process.env.MAIL_FROM = "Referrals <referrals@app.example>";
  world = await startWorld(); // reloads the configuration
  db = (await import("../../app/db.server")).default;
});
afterEach(() => {
  sink.refuse = null;
  sink.clear();
});
afterAll(async () => {
  await world?.stop();
  await sink?.stop();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  (await import("../../app/config.server")).reloadConfig();
});

let seq = 0;
const friend = () => ({ email: `friend-${++seq}-${Date.now()}@example.org`, firstName: "Boris", lastName: "Petrov" });

async function friendOrder(shop: string, code: string) {
  return world.sim.placeOrder(shop, {
    customer: friend(),
    subtotal: "50.00",
    discountCodes: [code],
    financialStatus: "paid",
  });
}

const to = (address: string) => (m: ReceivedEmail) => m.to.includes(address);
const kindOf = (m: ReceivedEmail) => m.headers["x-referral-email"]?.split(":")[1];
const inApp = (url: string) => url.replace("https://referrals.test", world.app.url);

function linkIn(text: string, label: RegExp): string {
  const line = text.split("\n").find((l) => label.test(l));
  const url = line && /https?:\/\/\S+/.exec(line)?.[0];
  if (!url) throw new Error(`no ${label} link in:\n${text}`);
  return url;
}

describe("advocate emails", () => {
  it("tells the advocate each step, in their language, once: welcome, a friend's order, the reward, its expiry", async () => {
    const shop = await installShop(world.sim, {
      rewardDelayDays: "14",
      rewardExpiryDays: "30",
      emailWelcome: "true",
      emailExpiryReminder: "true",
      emailReminderDays: "5",
    });
    // A buyer's paid order enrolls them (auto-enrolment) and welcomes them.
    const buyer = { email: "ola@example.pl", firstName: "Ola", lastName: "Nowak", locale: "pl" };
    await world.sim.placeOrder(shop, { customer: buyer, subtotal: "40.00", financialStatus: "paid" });
    await drain();
    const [welcome] = await sink.waitFor(1);
    expect(welcome.to).toEqual(["ola@example.pl"]);
    expect(kindOf(welcome)).toBe("welcome");
    expect(welcome.subject).toBe("Witamy w programie poleceń Test Shop");
    const advocate = await db.advocate.findFirstOrThrow({ where: { shop, email: "ola@example.pl" } });
    expect(advocate.code).toMatch(/^OLA-/);
    expect(welcome.text).toContain(`Twój kod: ${advocate.code}`);
    expect(welcome.text).toContain(`https://${shop}/apps/referrals/r/${advocate.code}`);
    expect(welcome.text).toContain("Twoi znajomi dostają 10% zniżki");
    expect(welcome.html).toContain(advocate.code);

    await friendOrder(shop, advocate.code);
    await drain();
    const mine = async (n: number) => (await sink.waitFor(n)).filter(to("ola@example.pl"));
    const friendOrdered = (await mine(2))[1];
    expect(kindOf(friendOrdered)).toBe("friend_ordered");
    expect(friendOrdered.subject).toBe("Znajomy zamówił w Test Shop z Twoim kodem");
    expect(friendOrdered.text).toMatch(/Zdobywasz 10,00\sUSD/);
    expect(friendOrdered.text).toMatch(/Nagroda będzie dostępna \d+ \S+ \d{4}/);

    await drain(15 * DAY); // past the reward delay: issued
    const ready = (await mine(3))[2];
    const reward = await db.reward.findFirstOrThrow({ where: { shop, advocateId: advocate.id } });
    expect(reward.state).toBe("issued");
    expect(kindOf(ready)).toBe("reward_ready");
    expect(ready.subject).toBe("Twoja nagroda od Test Shop jest gotowa");
    expect(ready.text).toContain(reward.code);

    await drain(15 * DAY + 26 * DAY); // 5 days before the code expires
    const reminder = (await mine(4))[3];
    expect(kindOf(reminder)).toBe("expiry_reminder");
    expect(reminder.subject).toBe("Twój kod nagrody wygasa za 5 dni");
    expect(reminder.text).toContain(reward.code);

    // Every email carries a working one-click unsubscribe.
    for (const m of sink.messages) {
      expect(m.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      expect(m.headers["list-unsubscribe"]).toMatch(/^<https:\/\/referrals\.test\/email\/unsubscribe\?/);
      expect(m.from).toBe("referrals@app.example");
    }
    await drain(60 * DAY);
    expect(sink.messages.filter(to("ola@example.pl")).map(kindOf)).toEqual([
      "welcome",
      "friend_ordered",
      "reward_ready",
      "expiry_reminder",
    ]);
    // The friend who ordered was enrolled by their order, and welcomed too.
    expect(sink.messages.filter((m) => !to("ola@example.pl")(m)).map(kindOf)).toEqual(["welcome"]);
  });

  it("sends no expiry reminder for a reward code that was used", async () => {
    const shop = await installShop(world.sim, {
      rewardDelayDays: "0",
      rewardExpiryDays: "30",
      emailExpiryReminder: "true",
      emailReminderDays: "5",
    });
    const anna = { email: "anna@example.com", firstName: "Anna", lastName: "Kowalska" };
    const { advocate } = await enrollCustomer(world.sim, shop, anna);
    await friendOrder(shop, advocate.code);
    await drain();
    const reward = await db.reward.findFirstOrThrow({ where: { shop, advocateId: advocate.id } });
    expect(reward.state).toBe("issued");
    // The advocate spends the code; Shopify counts the use.
    await world.sim.placeOrder(
      shop,
      { customer: anna, subtotal: "30.00", discountCodes: [reward.code], financialStatus: "paid" },
      { deliver: false },
    );
    await drain(26 * DAY);
    const reminder = await db.outboxTask.findFirstOrThrow({
      where: { shop, key: `email:expiry_reminder:${reward.id}` },
    });
    expect(reminder.status).toBe("done");
    expect(sink.messages.filter(to("anna@example.com")).map(kindOf).sort()).toEqual(["friend_ordered", "reward_ready"]);
  });

  it("writes in the customer's language, else the shop's primary language, else English", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "0" });
    const people = [
      { email: "ivan@example.ru", firstName: "Иван", lastName: "Петров", locale: "ru" },
      { email: "maria@example.bg", firstName: "Мария", lastName: "Иванова", locale: "bg-BG" },
      { email: "jan@example.pl", firstName: "Jan", lastName: "Kowal", locale: "pl" },
      { email: "hans@example.de", firstName: "Hans", lastName: "Müller", locale: "de" },
    ];
    for (const p of people) {
      const { advocate } = await enrollCustomer(world.sim, shop, p);
      await friendOrder(shop, advocate.code);
    }
    await drain();
    const got = await sink.waitFor(4);
    const subject = (email: string) => got.find(to(email))!.subject;
    expect(subject("ivan@example.ru")).toBe("Друг сделал заказ в Test Shop по вашему коду");
    expect(subject("maria@example.bg")).toBe("Приятел поръча от Test Shop с вашия код");
    expect(subject("jan@example.pl")).toBe("Znajomy zamówił w Test Shop z Twoim kodem");
    expect(subject("hans@example.de")).toBe("A friend ordered from Test Shop with your code");
    expect(got.find(to("ivan@example.ru"))!.text).toContain("Здравствуйте, Иван!");

    // A shop whose primary language is Polish writes Polish to a German-speaking advocate.
    const polish = await installShop(world.sim, { rewardDelayDays: "0" });
    world.sim.shopState(polish).shop.primaryLocale = "pl";
    const { advocate } = await enrollCustomer(world.sim, polish, {
      email: "greta@example.de",
      firstName: "Greta",
      lastName: "Berg",
      locale: "de",
    });
    await friendOrder(polish, advocate.code);
    await drain();
    const [greta] = (await sink.waitFor(6)).filter(to("greta@example.de"));
    expect(greta.subject).toBe("Znajomy zamówił w Test Shop z Twoim kodem");
  });

  it("leaves store credit to Shopify's own notification by default, or sends the app's email when chosen", async () => {
    for (const shopifyNotifies of [true, false]) {
      sink.clear();
      const shop = await installShop(world.sim, {
        rewardType: "store_credit",
        rewardDelayDays: "0",
        storeCreditShopifyNotify: String(shopifyNotifies),
      });
      const { advocate, customer } = await enrollCustomer(world.sim, shop, {
        email: "anna@example.com",
        firstName: "Anna",
        lastName: "Kowalska",
      });
      await friendOrder(shop, advocate.code);
      await drain();
      const [account] = world.sim.storeCreditAccounts(shop, customer.id);
      expect(account.transactions.map((t) => t.notify)).toEqual([shopifyNotifies]);
      const kinds = (await sink.waitFor(shopifyNotifies ? 1 : 2)).filter(to("anna@example.com")).map(kindOf);
      expect(kinds.sort()).toEqual(shopifyNotifies ? ["friend_ordered"] : ["friend_ordered", "reward_ready"]);
      if (!shopifyNotifies)
        expect(sink.messages.find((m) => kindOf(m) === "reward_ready")!.text).toContain(
          "has been added to your store credit",
        );
    }
  });

  it("unsubscribes with one click (GET shows a page, POST unsubscribes), honours it, and exports it", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "3" });
    const { advocate, customer } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
      locale: "en",
    });
    await friendOrder(shop, advocate.code);
    await drain();
    const [first] = await sink.waitFor(1);
    const url = inApp(linkIn(first.text, /^Unsubscribe:/));
    expect(first.headers["list-unsubscribe"]).toBe(`<${linkIn(first.text, /^Unsubscribe:/)}>`);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect((await db.advocate.findUniqueOrThrow({ where: { id: advocate.id } })).emailUnsubscribedAt).toBeNull();

    const forged = new URL(url);
    forged.searchParams.set("a", "someone-else");
    expect((await fetch(forged, { method: "POST" })).status).toBe(400);

    // What a mail client sends for List-Unsubscribe-Post (RFC 8058).
    const oneClick = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain("You are unsubscribed");
    expect((await db.advocate.findUniqueOrThrow({ where: { id: advocate.id } })).emailUnsubscribedAt).not.toBeNull();

    // Honoured: the reward is issued (reward_ready queued) and nothing more arrives.
    await friendOrder(shop, advocate.code);
    await drain(4 * DAY);
    expect(await db.reward.count({ where: { shop, advocateId: advocate.id, state: "issued" } })).toBe(2);
    expect(sink.messages).toHaveLength(1);

    const { assembleCustomerRecord } = await import("../../app/privacy/privacy.server");
    const record = await assembleCustomerRecord(shop, String(customer.legacyResourceId));
    expect(record.advocate?.emails.unsubscribed).toBe(true);
    expect(record.advocate?.emails.unsubscribedAt).toBeInstanceOf(Date);
  });

  it("sends each email once however often the webhook repeats", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "0" });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    const placed = await friendOrder(shop, advocate.code);
    const payload = world.sim.orderPayload(shop, placed.order.id);
    for (let i = 0; i < 3; i++) {
      await world.sim.sendWebhook(shop, "orders/paid", payload, { eventId: `dup-${placed.order.id}-${i}` });
      await drain();
    }
    await drain(DAY);
    await sink.waitFor(2);
    expect(sink.messages.map(kindOf).sort()).toEqual(["friend_ordered", "reward_ready"]);
  });

  it("retries a 4xx refusal with backoff, records a 5xx refusal for the owner and sends nothing twice", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "3" });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    let refusals = 2;
    sink.refuse = () => (refusals-- > 0 ? { code: 451, message: "Try again later" } : null);
    await friendOrder(shop, advocate.code);
    await drain();
    const task = () =>
      db.outboxTask.findFirstOrThrow({ where: { shop, key: { startsWith: "email:friend_ordered:" } } });
    expect((await task()).status).toBe("pending");
    expect((await task()).lastError).toMatch(/451/);
    expect(sink.messages).toHaveLength(0);
    await drain(DAY); // past the backoff
    expect((await task()).status).toBe("done");
    expect(sink.messages).toHaveLength(1);

    sink.refuse = () => ({ code: 550, message: "Mailbox unavailable" });
    await drain(4 * DAY); // the reward is issued; "ready" is refused for good
    const ready = await db.outboxTask.findFirstOrThrow({ where: { shop, key: { startsWith: "email:reward_ready:" } } });
    expect(ready.status).toBe("failed");
    expect(ready.lastError).toMatch(/550 Mailbox unavailable/);
    const { listEmailFailures } = await import("../../app/mail/emails.server");
    expect((await listEmailFailures(shop)).map((f) => f.email)).toEqual(["reward_ready"]);
    sink.refuse = null;
    await drain(30 * DAY);
    expect(sink.messages.map((m) => `${kindOf(m)} ${m.to.join()}`)).toEqual(["friend_ordered anna@example.com"]);
  });

  it("does not send again after a worker died mid-send (the outcome is unknown)", async () => {
    const shop = await installShop(world.sim, { rewardDelayDays: "3" });
    const { advocate } = await enrollCustomer(world.sim, shop, {
      email: "anna@example.com",
      firstName: "Anna",
      lastName: "Kowalska",
    });
    await friendOrder(shop, advocate.code);
    await drain(); // the order is processed, the email queued and sent
    await sink.waitFor(1);
    // What a worker SIGKILLed between writing sendingAt and recording the send leaves,
    // once its lease has run out.
    const key = { startsWith: "email:friend_ordered:" };
    await db.outboxTask.updateMany({
      where: { shop, key },
      data: { status: "pending", sendingAt: new Date(), leaseOwner: "dead-worker", leaseUntil: new Date(0) },
    });
    await drain();
    const task = await db.outboxTask.findFirstOrThrow({ where: { shop, key } });
    expect(task.status).toBe("failed");
    expect(task.lastError).toMatch(/interrupted while sending/);
    expect(sink.messages).toHaveLength(1);
  });
});
