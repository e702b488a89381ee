import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Link,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { offerValuesFromInput } from "../../admin/offer-text";
import { useI18n } from "../../i18n/I18nProvider";
import type { ActionResult } from "../../admin/action-result";
import { ActionErrorBanner } from "../ActionErrorBanner";
import { EMAIL_LANGUAGES, renderEmail, sampleEmailValues, type EmailLanguage } from "../../mail/messages";
import { EMAIL_KINDS, type EmailKind } from "../../referrals/program-settings";
import { useResultToast } from "../useResultToast";

/** What the settings page knows about email: the SMTP setup, the shop's name, failed sends. */
export interface EmailSetup {
  configured: boolean;
  from: string | null;
  shopName: string;
  failures: { email: EmailKind; advocateId: string; at: string; error: string }[];
}

/** The test email's answer: sent (a toast), or why not (a banner that stays). */
export type TestEmailResult = ActionResult;

interface Props {
  shop: string;
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  setField: (field: string, value: string) => void;
  email: EmailSetup;
}

const whole = (text: string | undefined, fallback: number) =>
  /^\d{1,4}$/.test((text ?? "").trim()) ? Number(text) : fallback;

/**
 * Advocate emails: a switch per email (the two middle ones on by default once SMTP is
 * configured), a preview of each email in each language with the offer as typed, a test
 * email to the owner, and the emails that failed for good.
 */
export function EmailSettings({ shop, values, errors, setField, email }: Props) {
  const { t, format } = useI18n();
  const [kind, setKind] = useState<EmailKind>("friend_ordered");
  const [language, setLanguage] = useState<EmailLanguage>("en");
  const test = useFetcher<TestEmailResult>({ key: "test-email" });
  useResultToast(test.state, test.data);

  // An empty value is the default: on when SMTP is configured.
  const on = (field: string) => values[field] === "true" || (values[field] === "" && email.configured);
  const toggle = (field: string) => (
    <Checkbox
      label={t(`email.switches.${field}`)}
      checked={on(field)}
      onChange={(checked) => setField(field, String(checked))}
      error={errors[field]}
    />
  );

  const offer = offerValuesFromInput(values);
  const sample = sampleEmailValues(
    {
      shop,
      ...offer,
      rewardDelayDays: whole(values.rewardDelayDays, 0),
      rewardExpiryDays: (values.rewardExpiryDays ?? "").trim() ? whole(values.rewardExpiryDays, 0) || null : null,
      emailReminderDays: whole(values.emailReminderDays, 7),
    },
    email.shopName,
    "#unsubscribe",
  );
  const preview = renderEmail(kind, language, sample);

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("email.title")}
          </Text>
          <Text as="p" tone="subdued">
            {t("email.description")}
          </Text>
        </BlockStack>
        {email.configured ? (
          <Text as="p">{t("email.configured", { from: email.from ?? "" })}</Text>
        ) : (
          <Banner tone="warning" title={t("email.notConfiguredTitle")}>
            <p>{t("email.notConfiguredBody")}</p>
          </Banner>
        )}
        <FormLayout>
          {toggle("emailWelcome")}
          {toggle("emailFriendOrdered")}
          {toggle("emailRewardReady")}
          {toggle("storeCreditShopifyNotify")}
          {toggle("emailExpiryReminder")}
          <TextField
            label={t("email.reminderDays")}
            name="emailReminderDays"
            type="number"
            autoComplete="off"
            value={values.emailReminderDays ?? ""}
            onChange={(v) => setField("emailReminderDays", v)}
            error={errors.emailReminderDays}
            disabled={!on("emailExpiryReminder")}
          />
        </FormLayout>

        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("email.previewTitle")}
          </Text>
          <InlineStack gap="300">
            <Select
              label={t("email.previewEmail")}
              options={EMAIL_KINDS.map((k) => ({ label: t(`email.kinds.${k}`), value: k }))}
              value={kind}
              onChange={(v) => setKind(v as EmailKind)}
            />
            <Select
              label={t("email.previewLanguage")}
              options={EMAIL_LANGUAGES.map((l) => ({ label: t(`email.languages.${l}`), value: l }))}
              value={language}
              onChange={(v) => setLanguage(v as EmailLanguage)}
            />
          </InlineStack>
          <div data-testid="email-preview-subject">
            <Text as="p" fontWeight="semibold">
              {t("email.subject", { subject: preview.subject })}
            </Text>
          </div>
          <Box borderColor="border" borderWidth="025" borderRadius="200">
            <iframe
              title={t("email.previewTitle")}
              data-testid="email-preview"
              sandbox=""
              srcDoc={preview.html}
              style={{ width: "100%", height: 360, border: 0 }}
            />
          </Box>
          <ActionErrorBanner result={test.data} state={test.state} title={t("email.testFailedTitle")} />
          <InlineStack gap="200" blockAlign="center">
            <Button
              onClick={() => test.submit({ intent: "test_email", kind, language }, { method: "post" })}
              loading={test.state !== "idle"}
              disabled={!email.configured}
            >
              {t("email.sendTest")}
            </Button>
            <Text as="span" tone="subdued">
              {t("email.sendTestHelp")}
            </Text>
          </InlineStack>
        </BlockStack>

        {email.failures.length > 0 ? (
          <Banner tone="critical" title={t("email.failuresTitle")}>
            <BlockStack gap="100">
              {email.failures.map((f, i) => (
                <p key={i}>
                  {t("email.failure", {
                    email: t(`email.kinds.${f.email}`),
                    at: format.dateTime(f.at),
                    error: f.error,
                  })}{" "}
                  <Link url={`/app/advocates/${f.advocateId}`}>{t("email.viewAdvocate")}</Link>
                </p>
              ))}
            </BlockStack>
          </Banner>
        ) : null}
      </BlockStack>
    </Card>
  );
}
