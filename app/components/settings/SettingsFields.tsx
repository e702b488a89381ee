import { BlockStack, Card, Checkbox, ChoiceList, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { MAX_SHARE_MESSAGE } from "../../referrals/program-settings";

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
      <Section
        title="Program"
        description="While the program is off, orders with referral codes are recorded but earn nothing."
      >
        <FormLayout>
          <Checkbox
            label="Referral program is on"
            checked={values.enabled === "true"}
            onChange={(checked) => setField("enabled", String(checked))}
            error={errors.enabled}
          />
          <Checkbox
            label="Enroll every customer after their first paid order"
            helpText="Their code exists, works for friends and is in their customer metafield before they open their account page. Guest checkouts are skipped."
            checked={values.autoEnroll === "true"}
            onChange={(checked) => setField("autoEnroll", String(checked))}
            error={errors.autoEnroll}
          />
          {text("currencyCode", "Currency", {
            helpText: "Your shop's currency; rewards and minimums are in it.",
            maxLength: 3,
          })}
        </FormLayout>
      </Section>

      <Section
        title="Friend offer"
        description="What the friend gets on a first order with an advocate's code. Two-sided programs convert best."
      >
        <FormLayout>
          <ChoiceList
            title="Offer"
            choices={[
              { label: "Percentage off", value: "percentage" },
              { label: "Fixed amount off", value: "fixed_amount" },
              { label: "No friend offer (one-sided)", value: "none" },
            ]}
            selected={[values.friendOfferType]}
            onChange={([v]) => setField("friendOfferType", v)}
            error={errors.friendOfferType}
          />
          {values.friendOfferType === "percentage"
            ? text("friendPercent", "Friend discount", { type: "number", suffix: "%", min: 1, max: 100 })
            : null}
          {values.friendOfferType === "fixed_amount"
            ? text("friendAmount", "Friend discount", { suffix: currency, inputMode: "decimal" })
            : null}
          {text("minimumSubtotal", "Minimum order subtotal", {
            suffix: currency,
            inputMode: "decimal",
            helpText: "Leave empty for no minimum. Applies to the friend offer and to qualifying orders.",
          })}
        </FormLayout>
      </Section>

      <Section title="Advocate reward" description="What the advocate earns when a friend's first order qualifies.">
        <FormLayout>
          <Select
            label="Reward"
            options={[
              { label: "Discount code, fixed amount", value: "fixed_amount" },
              { label: "Discount code, percentage of the friend's order", value: "percentage" },
              { label: "Shopify store credit", value: "store_credit" },
            ]}
            value={values.rewardType}
            onChange={(v) => setField("rewardType", v)}
            error={errors.rewardType}
          />
          {values.rewardType === "percentage"
            ? text("rewardPercent", "Reward", { type: "number", suffix: "%", min: 1, max: 100 })
            : text("rewardAmount", "Reward amount", { suffix: currency, inputMode: "decimal" })}
          {text("milestones", "Milestone bonuses", {
            placeholder: "5:25, 10:50",
            helpText:
              "Extra rewards at a number of successful referrals: “5:25, 10:50” adds 25 at 5 and 50 at 10. Leave empty for none.",
          })}
          {text("maxRewardsPerAdvocate", "Most rewards per advocate", {
            type: "number",
            min: 1,
            helpText: "Counts rewards for referrals; milestone bonuses come on top. Leave empty for no cap.",
          })}
        </FormLayout>
      </Section>

      <Section
        title="Timing"
        description="A reward waits out the return window before it is issued, so refunded orders never pay out."
      >
        <FormLayout>
          <FormLayout.Group>
            {text("rewardDelayDays", "Reward delay", { type: "number", suffix: "days", min: 0, max: 365 })}
            {text("rewardExpiryDays", "Reward code expires after", {
              type: "number",
              suffix: "days",
              min: 1,
              helpText: "Leave empty for codes that never expire.",
            })}
          </FormLayout.Group>
        </FormLayout>
      </Section>

      <Section
        title="Tags"
        description="Tags added in Shopify, so you can filter, automate with Flow, or build segments."
      >
        <FormLayout>
          <FormLayout.Group>
            {text("orderTag", "Referred order tag")}
            {text("customerTag", "Referred customer tag")}
          </FormLayout.Group>
        </FormLayout>
      </Section>

      <Section title="Sharing" description="The ready-made message customers send with their link.">
        {text("shareMessage", "Share message", {
          multiline: 3,
          maxLength: MAX_SHARE_MESSAGE,
          showCharacterCount: true,
        })}
      </Section>
    </BlockStack>
  );
}
