import { BlockStack, Card, Checkbox, ChoiceList, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useI18n } from "../../i18n/I18nProvider";
import { MAX_SHARE_MESSAGE } from "../../referrals/program-settings";
import { ThresholdRowsEditor } from "./ThresholdRowsEditor";

interface FieldsProps {
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
  setField: (field: string, value: string) => void;
}

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Text as="p" tone="subdued">
            {description}
          </Text>
        </BlockStack>
        {children}
      </BlockStack>
    </Card>
  );
}

/** Every program setting, grouped as an owner thinks about them. Names match validateSettings. */
export function SettingsFields({ values, errors, setField }: FieldsProps) {
  const { t } = useI18n();
  const currency = (values.currencyCode || "").toUpperCase();
  const text = (field: string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField
      label={label}
      name={field}
      autoComplete="off"
      value={values[field] ?? ""}
      onChange={(v) => setField(field, v)}
      error={errors[field]}
      {...extra}
    />
  );
  return (
    <BlockStack gap="400">
      <Section title={t("settings.program.title")} description={t("settings.program.description")}>
        <FormLayout>
          <Checkbox
            label={t("settings.program.enabled")}
            checked={values.enabled === "true"}
            onChange={(checked) => setField("enabled", String(checked))}
            error={errors.enabled}
          />
          <Checkbox
            label={t("settings.program.autoEnroll")}
            helpText={t("settings.program.autoEnrollHelp")}
            checked={values.autoEnroll === "true"}
            onChange={(checked) => setField("autoEnroll", String(checked))}
            error={errors.autoEnroll}
          />
          {/* The shop's currency, shown, never posted: the program follows Shopify's store currency. */}
          <TextField
            label={t("settings.program.currency")}
            autoComplete="off"
            value={currency}
            readOnly
            helpText={t("settings.program.currencyHelp")}
          />
        </FormLayout>
      </Section>

      <Section title={t("settings.friend.title")} description={t("settings.friend.description")}>
        <FormLayout>
          <ChoiceList
            title={t("settings.friend.offer")}
            choices={[
              { label: t("settings.friend.percentage"), value: "percentage" },
              { label: t("settings.friend.fixed"), value: "fixed_amount" },
              { label: t("settings.friend.none"), value: "none" },
            ]}
            selected={[values.friendOfferType]}
            onChange={([v]) => setField("friendOfferType", v)}
            error={errors.friendOfferType}
          />
          {values.friendOfferType === "percentage"
            ? text("friendPercent", t("settings.friend.discount"), { type: "number", suffix: "%", min: 1, max: 100 })
            : null}
          {values.friendOfferType === "fixed_amount"
            ? text("friendAmount", t("settings.friend.discount"), { suffix: currency, inputMode: "decimal" })
            : null}
          {text("minimumSubtotal", t("settings.friend.minimum"), {
            suffix: currency,
            inputMode: "decimal",
            helpText: t("settings.friend.minimumHelp"),
          })}
        </FormLayout>
      </Section>

      <Section title={t("settings.reward.title")} description={t("settings.reward.description")}>
        <FormLayout>
          <Select
            label={t("settings.reward.reward")}
            options={[
              { label: t("settings.reward.fixed"), value: "fixed_amount" },
              { label: t("settings.reward.percentage"), value: "percentage" },
              { label: t("settings.reward.storeCredit"), value: "store_credit" },
            ]}
            value={values.rewardType}
            onChange={(v) => setField("rewardType", v)}
            error={errors.rewardType}
          />
          {values.rewardType === "percentage"
            ? text("rewardPercent", t("settings.reward.percent"), { type: "number", suffix: "%", min: 1, max: 100 })
            : text("rewardAmount", t("settings.reward.amount"), { suffix: currency, inputMode: "decimal" })}
          <ThresholdRowsEditor
            field="milestones"
            messages="settings.milestones"
            testId="milestone"
            value={values.milestones ?? ""}
            unit={currency}
            error={errors.milestones}
            onChange={(v) => setField("milestones", v)}
          />
          <ThresholdRowsEditor
            field="tiers"
            messages="settings.tiers"
            testId="tier"
            value={values.tiers ?? ""}
            unit={values.rewardType === "percentage" ? "%" : currency}
            error={errors.tiers}
            onChange={(v) => setField("tiers", v)}
          />
          {text("rewardFromReferral", t("settings.tiers.rewardFrom"), {
            type: "number",
            min: 1,
            max: 1000,
            helpText: t("settings.tiers.rewardFromHelp"),
          })}
          {text("maxRewardsPerAdvocate", t("settings.reward.max"), {
            type: "number",
            min: 1,
            helpText: t("settings.reward.maxHelp"),
          })}
        </FormLayout>
      </Section>

      <Section title={t("settings.timing.title")} description={t("settings.timing.description")}>
        <FormLayout>
          <FormLayout.Group>
            {text("rewardDelayDays", t("settings.timing.delay"), {
              type: "number",
              suffix: t("settings.timing.days"),
              min: 0,
              max: 365,
            })}
            {text("rewardExpiryDays", t("settings.timing.expiry"), {
              type: "number",
              suffix: t("settings.timing.days"),
              min: 1,
              helpText: t("settings.timing.expiryHelp"),
            })}
          </FormLayout.Group>
        </FormLayout>
      </Section>

      <Section title={t("settings.tags.title")} description={t("settings.tags.description")}>
        <FormLayout>
          <FormLayout.Group>
            {text("orderTag", t("settings.tags.order"))}
            {text("customerTag", t("settings.tags.customer"))}
          </FormLayout.Group>
        </FormLayout>
      </Section>

      <Section title={t("settings.sharing.title")} description={t("settings.sharing.description")}>
        {text("shareMessage", t("settings.sharing.message"), {
          multiline: 3,
          maxLength: MAX_SHARE_MESSAGE,
          showCharacterCount: true,
        })}
      </Section>
    </BlockStack>
  );
}
