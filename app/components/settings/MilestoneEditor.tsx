import { BlockStack, Button, InlineError, InlineStack, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/I18nProvider";

interface Row {
  key: number;
  count: string;
  amount: string;
}

/** "5:25, 10:50" (how the setting is posted and stored) as rows, and back. */
export function milestoneRows(text: string): Omit<Row, "key">[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [count = "", amount = ""] = part.split(":").map((s) => s.trim());
      return { count, amount };
    });
}

export function milestoneTextFrom(rows: Omit<Row, "key">[]): string {
  return rows
    .filter((r) => r.count.trim() || r.amount.trim())
    .map((r) => `${r.count.trim()}:${r.amount.trim()}`)
    .join(", ");
}

/**
 * Milestone bonuses as rows (successful referrals, bonus amount) with add and remove,
 * instead of a "5:25, 10:50" text to get right. The rows post as that text, which the
 * server validates; its message shows under the rows.
 */
export function MilestoneEditor({
  value,
  currency,
  error,
  onChange,
}: {
  value: string;
  currency: string;
  error?: string;
  onChange: (text: string) => void;
}) {
  const { t } = useI18n();
  const next = useRef(0);
  const withKeys = (rows: Omit<Row, "key">[]) => rows.map((r) => ({ ...r, key: next.current++ }));
  const [rows, setRows] = useState<Row[]>(() => withKeys(milestoneRows(value)));
  // Follow the saved value when it changes from outside (discard, a save's normalised
  // answer), but keep half-typed rows while they already say the same.
  useEffect(() => {
    setRows((current) => (milestoneTextFrom(current) === value ? current : withKeys(milestoneRows(value))));
  }, [value]);
  const update = (changed: Row[]) => {
    setRows(changed);
    onChange(milestoneTextFrom(changed));
  };
  const set = (key: number, field: "count" | "amount", v: string) =>
    update(rows.map((r) => (r.key === key ? { ...r, [field]: v } : r)));
  return (
    <BlockStack gap="200">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {t("settings.milestones.title")}
        </Text>
        <Text as="p" tone="subdued" variant="bodySm">
          {t("settings.milestones.help")}
        </Text>
      </BlockStack>
      {rows.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("settings.milestones.empty")}
        </Text>
      ) : null}
      {rows.map((r, i) => (
        <div key={r.key} data-testid="milestone-row">
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <TextField
              label={t("settings.milestones.count")}
              labelHidden={i > 0}
              type="number"
              min={1}
              autoComplete="off"
              value={r.count}
              onChange={(v) => set(r.key, "count", v)}
            />
            <TextField
              label={t("settings.milestones.amount")}
              labelHidden={i > 0}
              inputMode="decimal"
              suffix={currency}
              autoComplete="off"
              value={r.amount}
              onChange={(v) => set(r.key, "amount", v)}
            />
            <Button
              variant="tertiary"
              tone="critical"
              accessibilityLabel={
                r.count.trim()
                  ? t("settings.milestones.remove", { count: r.count.trim() })
                  : t("settings.milestones.removeEmpty")
              }
              onClick={() => update(rows.filter((x) => x.key !== r.key))}
            >
              ×
            </Button>
          </InlineStack>
        </div>
      ))}
      <div>
        <Button onClick={() => setRows([...rows, { key: next.current++, count: "", amount: "" }])}>
          {t("settings.milestones.add")}
        </Button>
      </div>
      {error ? <InlineError message={error} fieldID="milestones" /> : null}
    </BlockStack>
  );
}
